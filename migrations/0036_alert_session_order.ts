// A session's alerts in the order a page of sessions lists them (raised first first): the index on the session gets
// their order, so a page reads each session's alerts from it without sorting them.
import { sql, type Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index alerts_session`.execute(db);
  await sql`create index alerts_session on alerts (tenant_uid, session_id, created_at, alert_id)`.execute(db);
}
