// Cases (issue #20): a tenant's investigations, behind the legacy /api/v1/case and the gateway's /v1/cases. A case is
// known by its number, sequential per tenant and never given again after a delete, so the next one is kept apart from
// the cases themselves. A case holds ids of the tenant's file events, each once.
import { sql, type Kysely } from "kysely";
import { addRowid, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("case_numbers")
    .addColumn("tenant_uid", "text", (c) => c.primaryKey().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("next_number", int(db), (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("cases")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("number", int(db), (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("findings", "text")
    .addColumn("subject", "text")
    .addColumn("assignee", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_by_uid", "text")
    .addColumn("created_by_name", "text")
    .addColumn("modified_by_uid", "text")
    .addColumn("modified_by_name", "text")
    .addColumn("archival_time", "text")
    .addPrimaryKeyConstraint("cases_pk", ["tenant_uid", "number"])
    .execute();
  await sql`create unique index cases_name on cases (tenant_uid, lower(name))`.execute(db);
  await db.schema
    .createTable("case_file_events")
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("case_number", int(db), (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_file_events_pk", ["tenant_uid", "case_number", "event_id"])
    .addForeignKeyConstraint("case_file_events_case", ["tenant_uid", "case_number"], "cases", ["tenant_uid", "number"], (c) => c.onDelete("cascade"))
    .execute();
  // A case's events list in the order they were added (rowid).
  await addRowid(db, "case_file_events");
}
