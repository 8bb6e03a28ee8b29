// The audit log: what administrative writes and sign-ins the emulator did, per tenant, searchable by time, actor,
// event type and resource as the incydr SDK and py42 filter it.
import { sql, type Kysely } from "kysely";
import { autoId, int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("event_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_agent", "text")
    .addColumn("actor_ip", "text")
    .addColumn("resource_id", "text")
    // The event's own properties (its resource's name, what changed), as the event shows them.
    .addColumn("details", "text", (c) => c.notNull().defaultTo("{}"))
    .execute();
  await sql`create index audit_events_by_time on audit_events (tenant_uid, at, event_id)`.execute(db);
}
