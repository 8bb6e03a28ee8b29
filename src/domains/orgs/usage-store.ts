// Queries for an org tree's usage: each org's own users and devices, the devices with their archives' totals.
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export class UsageStore {
  constructor(private readonly db: Kysely<Database>) {}

  orgs(tenantUid: string) {
    return this.db.selectFrom("orgs").select(["org_id", "parent_org_id"]).where("tenant_uid", "=", tenantUid).execute();
  }

  async activeUsers(tenantUid: string): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom("users")
      .select(["org_id", sql<number>`count(*)`.as("n")])
      .where("tenant_uid", "=", tenantUid)
      .where("active", "=", 1)
      .groupBy("org_id")
      .execute();
    return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
  }

  /** Every device of the tenant with its owner's org and its archives' totals (none: archives 0). */
  devices(tenantUid: string) {
    return this.db
      .selectFrom("devices as d")
      .innerJoin("users as u", "u.user_id", "d.user_id")
      .leftJoin(
        (eb) =>
          eb
            .selectFrom("device_backups")
            .select([
              "computer_id",
              sql<number>`count(*)`.as("archives"),
              sql<number>`sum(archive_bytes)`.as("archive_bytes"),
              sql<number>`sum(case when cold_storage = 0 then billable_bytes else 0 end)`.as("billable_bytes"),
              sql<string | null>`max(last_completed_backup)`.as("last_completed_backup"),
            ])
            // The tenant's devices' archives only: the totals of every device of the database were summed each time.
            .where("computer_id", "in", (s) => s.selectFrom("devices").select("computer_id").where("tenant_uid", "=", tenantUid))
            .groupBy("computer_id")
            .as("b"),
        (join) => join.onRef("b.computer_id", "=", "d.computer_id"),
      )
      .select(["d.computer_id", "d.user_id", "d.active", "u.org_id", "u.active as user_active", "b.archives", "b.archive_bytes", "b.billable_bytes", "b.last_completed_backup"])
      .where("d.tenant_uid", "=", tenantUid)
      .execute();
  }
}
