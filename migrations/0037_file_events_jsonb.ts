// SQLite keeps a file event's JSON as JSONB, its binary JSON (src/domains/fileevents/completed.ts): the completion a
// page writes and every json_extract of a search read it without parsing text. Events stored as text before are
// converted; PostgreSQL keeps text.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  await sql`update file_events set event_json = jsonb(event_json) where typeof(event_json) = 'text'`.execute(db);
}
