// One user's (or device's) events in time order, ties broken by event id as every search orders them: the page is
// a walk down the index from where the user's window starts, instead of a walk down the tenant's whole time index
// filtering out everyone else's events (which SQLite, knowing no statistics, chose to avoid a sort).
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index file_events_by_user`.execute(db);
  await sql`drop index file_events_by_device`.execute(db);
  await sql`create index file_events_by_user on file_events (tenant_uid, user_email, ts, event_id)`.execute(db);
  await sql`create index file_events_by_device on file_events (tenant_uid, device_uid, ts, event_id)`.execute(db);
}
