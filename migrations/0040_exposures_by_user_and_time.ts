// A user's exposure events by time too: the exfiltration filters of the detection lists ask which users have an
// exposure inside a window. Read from the window's events, that cost grew with every event in it (a million in a
// month: a fifth of a second a search); from this index it is a look per user who has exposures at all. The totals
// the index answered before (each user's count and bytes) it still answers alone.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index file_events_exposures_by_user`.execute(db);
  await sql`create index file_events_exposures_by_user on file_events (tenant_uid, user_uid, ts, size_bytes) where exposure = 1`.execute(db);
}
