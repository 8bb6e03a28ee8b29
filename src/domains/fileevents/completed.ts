// A stored event is sparse (shape.ts sparseEvent); what pages answer is complete. SQLite keeps the event as JSONB, its
// binary JSON, which its JSON functions read without parsing text again, and completes it in the query with
// json_patch (RFC 7396) over the empty event, writing the JSON without making an object per event. PostgreSQL keeps
// text and has no such merge (jsonb `||` is shallow, and jsonb would reorder the keys), so there the query answers the
// stored text and `completed` finishes it in JavaScript: the same bytes (shape.ts EMPTY_EVENT_JSON says why).
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "../../db/dialect.js";
import { completeEvent, EMPTY_EVENT_JSON } from "./shape.js";

type Column = RawBuilder<unknown> | ReturnType<typeof sql.ref>;

/** The select expression for a stored event's JSON (`column`: e.g. sql.ref("fe.event_json")). */
export function completedJson(db: Kysely<any>, column: Column): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`${column}` : sql<string>`json_patch(${EMPTY_EVENT_JSON}, ${column})`;
}

/** What completedJson selected, as complete JSON text. */
export function completed(db: Kysely<any>, json: string): string {
  return isPostgres(db) ? JSON.stringify(completeEvent(JSON.parse(json) as Record<string, unknown>)) : json;
}

/** The select expression for a stored event as it is stored (sparse), as JSON text. */
export function storedJson(db: Kysely<any>, column: Column): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`${column}` : sql<string>`json(${column})`;
}
