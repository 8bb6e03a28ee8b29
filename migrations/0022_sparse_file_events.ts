// File events are stored as given: the keys of the v2 shape that hold a value, without the nulls and empty lists a
// complete event carries (half the bytes; pages write the complete event from it, shape.ts). Events stored complete
// before are rewritten so; a complete event's nulls would otherwise take its keys out of the page SQLite writes.
// It borrows a pure function of the event's shape from the app.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { sparseEvent } from "../src/domains/fileevents/shape.js";

const CHUNK = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (let after = 0; ; ) {
    const { rows } = await sql<{ rid: number; event_json: string }>`select rowid as rid, event_json from file_events where rowid > ${after} order by rowid limit ${CHUNK}`.execute(db);
    if (!rows.length) return;
    after = Number(rows[rows.length - 1]!.rid);
    const sparse = rows.map((r) => ({ rid: r.rid, json: JSON.stringify(sparseEvent(JSON.parse(r.event_json) as Record<string, unknown>)) }));
    // PostgreSQL: rowid is file_events' own column (0017), the list is jsonb and its paths are plain keys.
    if (isPostgres(db))
      await sql`update file_events set event_json = s.value ->> 'json' from jsonb_array_elements(${JSON.stringify(sparse)}::jsonb) as s (value) where file_events.rowid = (s.value ->> 'rid')::bigint`.execute(db);
    else
      await sql`update file_events set event_json = s.value ->> '$.json' from json_each(${JSON.stringify(sparse)}) as s where file_events.rowid = s.value ->> '$.rid'`.execute(db);
  }
}
