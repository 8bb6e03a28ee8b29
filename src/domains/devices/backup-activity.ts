// Backup activity the control plane records for a device (no Code42 API takes it: the Code42 app reports it): one
// backup to one destination, at the clock's now unless told otherwise, what it selected and what is left to do.
// A backup with nothing left to do is a completed one, which is what the alert levels and emails count from.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { effectiveSettings } from "../orgs/effective-settings.js";
import { DESTINATIONS } from "../orgs/settings.js";
import { backupAlertLevel, type AlertLevel } from "./alert-level.js";
import { TenantStore } from "../tenant/store.js";
import { BackupActivityStore } from "./backup-activity-store.js";
import type { BackupRow, DeviceRow } from "./store.js";

export interface BackupActivity {
  /** The destination by guid or name: one the device backs up to, or one of the tenant's (a new archive then). */
  destination: string;
  selectedFiles?: number;
  selectedBytes?: number;
  todoFiles?: number;
  todoBytes?: number;
  archiveBytes?: number;
  billableBytes?: number;
  /** Whether the backup completed; by default, when nothing is left to do. */
  completed?: boolean;
  /** When it ran (ISO 8601, not after the clock's now); by default now. */
  at?: string;
}

/** A refusal: what was not found ("Tenant", "Device"), or an invalid activity. */
export class BackupActivityRefusal extends Error {
  constructor(
    readonly kind: "notFound" | "invalid",
    message: string,
    readonly missing?: "Tenant" | "Device",
  ) {
    super(message);
  }
}

const missing = (what: "Tenant" | "Device") => new BackupActivityRefusal("notFound", `${what} not found`, what);

const invalid = (m: string) => new BackupActivityRefusal("invalid", m);

export interface RecordedBackup {
  device: DeviceRow;
  backup: BackupRow;
  level: AlertLevel;
}

export class BackupActivityService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async record(tenantUid: string, deviceGuid: string, a: BackupActivity): Promise<RecordedBackup> {
    const now = this.clock.now();
    const at = a.at === undefined ? now : Date.parse(a.at);
    if (Number.isNaN(at)) throw invalid(`at must be an ISO 8601 instant: ${a.at}`);
    if (at > now) throw invalid(`at (${a.at}) is after the clock's now (${new Date(now).toISOString()})`);
    return this.db.transaction().execute(async (trx) => {
      const store = new BackupActivityStore(trx);
      if (!(await new TenantStore(trx).exists(tenantUid))) throw missing("Tenant");
      const device = await store.device(tenantUid, deviceGuid);
      if (!device) throw missing("Device");
      // A deactivated device's archives are in cold storage: it backs up no more until reactivated.
      if (!device.active) throw invalid(`The device ${deviceGuid} is deactivated`);
      const rows = await store.backups(device.computer_id);
      const existing = rows.find((b) => b.destination_guid === a.destination || b.destination_name === a.destination);
      const offered = DESTINATIONS.find((d) => d.guid === a.destination || d.destinationName === a.destination);
      if (!existing && !offered) throw invalid(`No destination ${a.destination}`);
      const selectedFiles = a.selectedFiles ?? existing?.selected_files ?? 0;
      const selectedBytes = a.selectedBytes ?? existing?.selected_bytes ?? 0;
      const completed = a.completed ?? ((a.todoFiles ?? 0) === 0 && (a.todoBytes ?? 0) === 0);
      const todoFiles = a.todoFiles ?? (completed ? 0 : (existing?.todo_files ?? selectedFiles));
      const todoBytes = a.todoBytes ?? (completed ? 0 : (existing?.todo_bytes ?? selectedBytes));
      if (completed && (todoFiles > 0 || todoBytes > 0)) throw invalid("A completed backup has nothing left to do (todoFiles and todoBytes 0)");
      if (todoFiles > selectedFiles || todoBytes > selectedBytes) throw invalid("More is left to do than is selected");
      const archiveBytes = a.archiveBytes ?? existing?.archive_bytes ?? 0;
      const when = new Date(at).toISOString();
      const values = {
        selected_files: selectedFiles,
        selected_bytes: selectedBytes,
        todo_files: todoFiles,
        todo_bytes: todoBytes,
        archive_bytes: archiveBytes,
        billable_bytes: a.billableBytes ?? (a.archiveBytes !== undefined ? archiveBytes : (existing?.billable_bytes ?? archiveBytes)),
        last_backup: when,
        ...(completed ? { last_completed_backup: when } : {}),
      };
      if (existing) await store.updateBackup(device.computer_id, existing.destination_guid, values);
      else
        await store.insertBackup({
          computer_id: device.computer_id,
          destination_guid: offered!.guid,
          destination_name: offered!.destinationName,
          archive_guid: this.ids.uid(),
          archive_format: "ARCHIVE_V1",
          last_completed_backup: null,
          cold_storage: 0,
          archive_hold_expire_date: null,
          ...values,
        });
      const backup = (await store.backups(device.computer_id)).find((b) => b.destination_guid === (existing?.destination_guid ?? offered!.guid))!;
      const settings = (await effectiveSettings(trx, tenantUid, [device.org_id])).get(device.org_id)!;
      return { device, backup, level: backupAlertLevel(backup, now, settings) };
    });
  }
}
