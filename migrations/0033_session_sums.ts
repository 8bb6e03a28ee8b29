// A session keeps the sums of its events (how many of each severity, its risk indicators, files and bytes), written
// when its events change, so a page of sessions reads no event. Sessions held before are summed here. It borrows a
// pure function of the events from the app.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { sumsOf } from "../src/domains/sessions/sums.js";

const CHUNK = 500;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column sums text`.execute(db);
  for (let after = ["", ""]; ; ) {
    const { rows: sessions } = await sql<{ tenant_uid: string; session_id: string }>`select tenant_uid, session_id from sessions
      where (tenant_uid, session_id) > (${after[0]}, ${after[1]}) order by tenant_uid, session_id limit ${CHUNK}`.execute(db);
    if (!sessions.length) return;
    const [first, last] = [sessions[0]!, sessions[sessions.length - 1]!];
    after = [last.tenant_uid, last.session_id];
    const { rows: events } = await sql<{ tenant_uid: string; session_id: string; event_json: string }>`select se.tenant_uid, se.session_id, fe.event_json
      from session_events se join file_events fe on fe.tenant_uid = se.tenant_uid and fe.event_id = se.event_id
      where (se.tenant_uid, se.session_id) >= (${first.tenant_uid}, ${first.session_id}) and (se.tenant_uid, se.session_id) <= (${last.tenant_uid}, ${last.session_id})
      order by se.ts, se.event_id`.execute(db);
    const key = (t: string, s: string) => JSON.stringify([t, s]);
    const of = new Map(sessions.map((s) => [key(s.tenant_uid, s.session_id), [] as Record<string, unknown>[]]));
    for (const e of events) of.get(key(e.tenant_uid, e.session_id))?.push(JSON.parse(e.event_json) as Record<string, unknown>);
    const sums = sessions.map((s) => ({ t: s.tenant_uid, s: s.session_id, sums: JSON.stringify(sumsOf(of.get(key(s.tenant_uid, s.session_id))!)) }));
    if (isPostgres(db))
      await sql`update sessions set sums = u.value ->> 'sums' from jsonb_array_elements(${JSON.stringify(sums)}::jsonb) as u (value)
        where sessions.tenant_uid = u.value ->> 't' and sessions.session_id = u.value ->> 's'`.execute(db);
    else
      await sql`update sessions set sums = u.value ->> '$.sums' from json_each(${JSON.stringify(sums)}) as u
        where sessions.tenant_uid = u.value ->> '$.t' and sessions.session_id = u.value ->> '$.s'`.execute(db);
  }
}
