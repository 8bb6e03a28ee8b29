// Saved file-event searches, per tenant: a query (its groups as JSON) in the terms of the version it was saved with
// (apiVersion 1: flat v1 terms, 2: nested v2 terms), as Code42's forensic search keeps them and the gateway and the
// legacy query service answer them. Ids are the tenant's own, so a tenant copy keeps them.
import { sql, type Kysely } from "kysely";
import { addRowid, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("saved_searches")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("search_id", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("notes", "text")
    .addColumn("api_version", int(db), (c) => c.notNull().check(sql`api_version in (1, 2)`))
    // JSON: the console's columns (a list of terms) or null.
    .addColumn("columns", "text")
    .addColumn("group_clause", "text", (c) => c.notNull().check(sql`group_clause in ('AND', 'OR')`))
    // JSON: the filter groups and subgroup blocks, as given.
    .addColumn("groups", "text", (c) => c.notNull())
    .addColumn("srt_key", "text")
    .addColumn("srt_dir", "text", (c) => c.notNull().check(sql`srt_dir in ('asc', 'desc')`))
    // Who made and last changed it, as they were named then (the search outlives a rename or a deletion).
    .addColumn("created_by_uid", "text", (c) => c.notNull())
    .addColumn("created_by_username", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("modified_by_uid", "text", (c) => c.notNull())
    .addColumn("modified_by_username", "text", (c) => c.notNull())
    .addColumn("modified_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("saved_searches_pk", ["tenant_uid", "search_id"])
    .execute();
  // A tenant's searches list in the order they were saved (rowid).
  await addRowid(db, "saved_searches");
}
