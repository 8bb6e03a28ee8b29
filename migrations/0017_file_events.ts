// File events: each event whole, in the v2 shape, as JSON (what every term reads), plus the fields searches filter and
// sort on most as columns, so a user's last week or a page deep into a cursor is an index range, not a scan.
// Text columns compare without case (the query language's IS does), so equality on them still uses the indexes.
import { sql, type Kysely } from "kysely";
import { addRowid, int, nocaseText } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("file_events")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("event_id", "text", (c) => c.notNull())
    // ISO-8601 UTC with milliseconds, so text order is time order.
    .addColumn("ts", "text", (c) => c.notNull())
    .addColumn("inserted", "text", (c) => c.notNull())
    .addColumn("user_email", nocaseText(db))
    .addColumn("device_uid", nocaseText(db))
    .addColumn("hostname", nocaseText(db))
    .addColumn("action", nocaseText(db))
    .addColumn("file_name", nocaseText(db))
    .addColumn("file_path", nocaseText(db))
    .addColumn("md5", nocaseText(db))
    .addColumn("sha256", nocaseText(db))
    .addColumn("destination_category", nocaseText(db))
    .addColumn("risk_score", int(db))
    .addColumn("risk_severity", nocaseText(db))
    .addColumn("trusted", int(db))
    .addColumn("event_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_events_pk", ["tenant_uid", "event_id"])
    .execute();
  // Events are read back and chunked in the order they were stored (rowid: storedSince, trust updates, 0022), by
  // rowid ranges and lists: on PostgreSQL the column is indexed, as SQLite's rowid is the table's own key.
  await addRowid(db, "file_events", true);
  await sql`create index file_events_by_time on file_events (tenant_uid, ts, event_id)`.execute(db);
  await sql`create index file_events_by_inserted on file_events (tenant_uid, inserted, event_id)`.execute(db);
  await sql`create index file_events_by_user on file_events (tenant_uid, user_email, ts)`.execute(db);
  await sql`create index file_events_by_device on file_events (tenant_uid, device_uid, ts)`.execute(db);
  await sql`create index file_events_by_md5 on file_events (tenant_uid, md5)`.execute(db);
  await sql`create index file_events_by_sha256 on file_events (tenant_uid, sha256)`.execute(db);
}
