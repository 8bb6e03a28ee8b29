// Queries for what identity providers have told Code42 of its directory: the departments the tenant's users carry
// (SCIM's enterprise extension, or a fixture user's scim.department) and the groups providers have pushed.
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Database } from "../../db/schema.js";

/** A group a provider pushed, named as it pushed it. */
export interface DirectoryGroup {
  /** Its SCIM id: what the provider addresses it by, and what a watchlist would name it by. */
  groupId: string;
  name: string;
}

export class DirectoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Each department once, in name order (case aside, then exactly). Every user of the tenant counts, deprovisioned
   * or deactivated too: Code42 keeps them, and their attributes, as they were.
   */
  async departments(tenantUid: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("users")
      .select("department")
      .distinct()
      .where("tenant_uid", "=", tenantUid)
      .where(sql<boolean>`trim(department) <> ''`)
      .orderBy(sql`department collate nocase`)
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
      .orderBy(sql`display_name collate nocase`)
      .orderBy("group_id")
      .execute();
  }
}
