// File events: each event whole, in the v2 shape, as JSON (what every term reads), plus the fields searches filter and
// sort on most as columns, so a user's last week or a page deep into a cursor is an index range, not a scan.
// Text columns compare without case (the query language's IS does), so equality on them still uses the indexes.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("file_events")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    // ISO-8601 UTC with milliseconds, so text order is time order.
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("inserted", "text", (c) => c.notNull())
    .addColumn("user_email", sql`text collate nocase`)
    .addColumn("device_uid", sql`text collate nocase`)
    .addColumn("hostname", sql`text collate nocase`)
    .addColumn("action", sql`text collate nocase`)
    .addColumn("file_name", sql`text collate nocase`)
    .addColumn("file_path", sql`text collate nocase`)
    .addColumn("md5", sql`text collate nocase`)
    .addColumn("sha256", sql`text collate nocase`)
    .addColumn("destination_category", sql`text collate nocase`)
    .addColumn("risk_score", "integer")
    .addColumn("risk_severity", sql`text collate nocase`)
    .addColumn("trusted", "integer")
    .addColumn("event_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_events_pk", ["tenant_uid", "event_id"])
    .execute();
  await sql`create index file_events_by_time on file_events (tenant_uid, ts, event_id)`.execute(db);
  await sql`create index file_events_by_inserted on file_events (tenant_uid, inserted, event_id)`.execute(db);
  await sql`create index file_events_by_user on file_events (tenant_uid, user_email, ts)`.execute(db);
  await sql`create index file_events_by_device on file_events (tenant_uid, device_uid, ts)`.execute(db);
  await sql`create index file_events_by_md5 on file_events (tenant_uid, md5)`.execute(db);
  await sql`create index file_events_by_sha256 on file_events (tenant_uid, sha256)`.execute(db);
}
