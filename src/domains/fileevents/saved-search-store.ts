// saved_searches: a tenant's searches in the order they were made, and the users who made them.
import type { Kysely } from "kysely";
import type { Database, SavedSearchesTable } from "../../db/schema.js";

export type SavedSearchRow = SavedSearchesTable;

export interface SearchAuthor {
  uid: string;
  username: string;
}

export class SavedSearchStore {
  constructor(private readonly db: Kysely<Database>) {}

  async tenantExists(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", tenantUid).executeTakeFirst()) !== undefined;
  }

  list(tenantUid: string): Promise<SavedSearchRow[]> {
    return this.db.selectFrom("saved_searches").selectAll().where("tenant_uid", "=", tenantUid).orderBy("rowid" as "search_id").execute();
  }

  get(tenantUid: string, searchId: string): Promise<SavedSearchRow | undefined> {
    return this.db.selectFrom("saved_searches").selectAll().where("tenant_uid", "=", tenantUid).where("search_id", "=", searchId).executeTakeFirst();
  }

  async existingIds(tenantUid: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    return (await this.db.selectFrom("saved_searches").select("search_id").where("tenant_uid", "=", tenantUid).where("search_id", "in", ids).execute()).map((r) => r.search_id);
  }

  async insert(rows: SavedSearchRow[]): Promise<void> {
    if (rows.length) await this.db.insertInto("saved_searches").values(rows).execute();
  }

  async delete(tenantUid: string, searchId: string): Promise<boolean> {
    const result = await this.db.deleteFrom("saved_searches").where("tenant_uid", "=", tenantUid).where("search_id", "=", searchId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** The tenant's user by username (any case) or by uid; with neither, its first user. */
  async author(tenantUid: string, by: { username?: string; uid?: string }): Promise<SearchAuthor | undefined> {
    let q = this.db.selectFrom("users").select(["user_uid as uid", "username"]).where("tenant_uid", "=", tenantUid);
    if (by.username !== undefined) q = q.where("username", "=", by.username);
    if (by.uid !== undefined) q = q.where("user_uid", "=", by.uid);
    return q.orderBy("user_id").limit(1).executeTakeFirst();
  }
}
