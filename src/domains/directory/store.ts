// Queries for what identity providers have told Code42 of its directory: the departments the tenant's users carry
// (SCIM's enterprise extension, or a fixture user's scim.department) and the groups providers have pushed.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { isPostgres } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";

/** A group a provider pushed, named as it pushed it. */
export interface DirectoryGroup {
  /** Its SCIM id: what the provider addresses it by, and what a watchlist would name it by. */
  groupId: string;
  name: string;
}

export class DirectoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** A text column ordered with ASCII case set aside: SQLite's nocase collation; lower() on PostgreSQL, which has none. */
  private caseBlind(column: "department" | "display_name") {
    return isPostgres(this.db) ? sql`lower(${sql.ref(column)})` : sql`${sql.raw(column)} collate nocase`;
  }

  /**
   * Each department once, in name order (case aside, then exactly). Every user of the tenant counts, deprovisioned
   * or deactivated too: Code42 keeps them, and their attributes, as they were.
   */
  async departments(tenantUid: string): Promise<string[]> {
    const users = this.db.selectFrom("users").select("department");
    // PostgreSQL orders a DISTINCT only by what it selects; grouping gives the same rows and may order by lower().
    const rows = await (isPostgres(this.db) ? users.groupBy("department") : users.distinct())
      .where("tenant_uid", "=", tenantUid)
      .where(sql<boolean>`trim(department) <> ''`)
      .orderBy(this.caseBlind("department"))
      .orderBy("department")
      .execute();
    return rows.map((r) => r.department!);
  }

  /** Every provider's pushed groups (not the roles SCIM shows as groups), in name order, then by id. */
  groups(tenantUid: string): Promise<DirectoryGroup[]> {
    return this.db
      .selectFrom("scim_groups")
      .select(["group_id as groupId", "display_name as name"])
      .where("tenant_uid", "=", tenantUid)
      .orderBy(this.caseBlind("display_name"))
      .orderBy("group_id")
      .execute();
  }
}
