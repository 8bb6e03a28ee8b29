// Queries for recording backup activity: the device by guid in its tenant, and its backups' rows.
import type { Insertable, Kysely, Updateable } from "kysely";
import type { Database, DeviceBackupsTable } from "../../db/schema.js";
import { DeviceStore } from "./store.js";

export class BackupActivityStore {
  private readonly devices: DeviceStore;

  constructor(private readonly db: Kysely<Database>) {
    this.devices = new DeviceStore(db);
  }

  device(tenantUid: string, guid: string) {
    return this.devices.find({ kind: "tenant", tenantUid }, { guid });
  }

  backups(computerId: number) {
    return this.devices.backups([computerId]);
  }

  insertBackup(row: Insertable<DeviceBackupsTable>) {
    return this.db.insertInto("device_backups").values(row).execute();
  }

  updateBackup(computerId: number, destinationGuid: string, values: Updateable<DeviceBackupsTable>) {
    return this.db.updateTable("device_backups").set(values).where("computer_id", "=", computerId).where("destination_guid", "=", destinationGuid).execute();
  }
}
