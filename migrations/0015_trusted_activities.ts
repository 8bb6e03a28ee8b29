// Trusted activities (Code42's "data preferences": trusted domains, Slack workspaces, URL paths, cloud-sync account
// names, git repositories), one store per tenant behind the legacy /api/v1/trusted-activities and the gateway's
// /v1 and /v2. The id is the number both wires show; a value is trusted once per type, whatever its case.
import { sql, type Kysely } from "kysely";
import { autoId, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("trusted_activities")
    .addColumn("activity_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("is_high_value_source", int(db), (c) => c.notNull().defaultTo(0))
    // The activity action groups as the gateway writes them (JSON): what the activity is trusted for.
    .addColumn("action_groups", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by_id", "text", (c) => c.notNull())
    .addColumn("updated_by_name", "text", (c) => c.notNull())
    .addColumn("principal_type", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index trusted_activities_value on trusted_activities (tenant_uid, type, lower(value))`.execute(db);
  await sql`create index trusted_activities_by_tenant on trusted_activities (tenant_uid, activity_id)`.execute(db);
}
