// Who generated events belong to: a user of the tenant, named by username, user uid or e-mail, with the devices
// that would have seen endpoint activity.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { GeneratorUser } from "./generator.js";

export class GeneratorStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * A username match wins over a uid, a uid over an e-mail (several users may share one: the first made). Asked in
   * that order, so the two unique keys answer from their indexes and only a name that is neither reads the e-mails.
   */
  async user(tenantUid: string, who: string): Promise<GeneratorUser | undefined> {
    const users = this.db.selectFrom("users").select(["user_id", "user_uid", "username", "email"]).where("tenant_uid", "=", tenantUid);
    const u =
      (await users.where("username", "=", who).executeTakeFirst()) ??
      (await users.where("user_uid", "=", who).executeTakeFirst()) ??
      (await users.where(sql`lower(email)`, "=", who.toLowerCase()).orderBy("user_id").limit(1).executeTakeFirst());
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
