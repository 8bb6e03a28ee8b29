// Who generated events belong to: a user of the tenant, named by username, user uid or e-mail, with the devices
// that would have seen endpoint activity.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { GeneratorUser } from "./generator.js";
import { FileEventStore } from "./store.js";

export class GeneratorStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** A username match wins over a uid, a uid over an e-mail (several users may share one: the first made). */
  async user(tenantUid: string, who: string): Promise<GeneratorUser | undefined> {
    const u = await new FileEventStore(this.db).userBy(tenantUid, [["username", who], ["user_uid", who], ["email", who.toLowerCase()]]);
    if (!u) return undefined;
    const devices = await this.db
      .selectFrom("devices")
      .select(["guid", "os_hostname", "os_name", "os_version"])
      .where("tenant_uid", "=", tenantUid)
      .where("user_id", "=", u.user_id)
      .where("active", "=", 1)
      .orderBy("computer_id")
      .execute();
    return { uid: u.user_uid, username: u.username, email: u.email, devices: devices.map((d) => ({ guid: d.guid, hostname: d.os_hostname, osName: d.os_name, osVersion: d.os_version })) };
  }
}
