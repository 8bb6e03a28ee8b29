// Every query of sessions, their events, states and notes; each scoped to one tenant.
import { completeEvent } from "../fileevents/shape.js";
import { storedJson } from "../fileevents/completed.js";
import { sql, type Kysely, type RawBuilder, type Selectable } from "kysely";
import { inList, isPostgres } from "../../db/dialect.js";
import { groupBy } from "../../group-by.js";
import type { Database, SessionNotesTable, SessionStatesTable, SessionsTable } from "../../db/schema.js";
import { chunks } from "../../chunks.js";
import type { ChangeCounter } from "../../db/open.js";
import { conditionKey, UntilChange } from "../../db/until-change.js";
import { NO_SUMS, SUM_COLUMNS, sumColumns, sumsOf } from "./sums.js";
import { SUMMARY_COLUMNS, summaryColumns, type SummaryColumns } from "./summaries.js";
import { jsonObjectOnce, type Lists } from "../../db/json-projection.js";
import type { Projection } from "../../projection.js";
import type { SessionRecord } from "../alerts/records.js";

export type SessionRow = Selectable<SessionsTable>;
/** A session's row as its writer makes it: the store writes its summaries. */
export type NewSessionRow = Omit<SessionRow, keyof SummaryColumns>;
export type SessionStateRow = Selectable<SessionStatesTable>;
export type SessionNoteRow = Selectable<SessionNotesTable>;
type Event = Record<string, unknown>;
/** A search's order: by a column, then by end time and id, the same way. */
export interface SessionOrder {
  column: "end_time" | "score";
  descending: boolean;
}

/**
 * SQL on `sessions`: some event of the session has a risk indicator of one of the ids or names. The events are JSON
 * text on either engine: SQLite walks the list with json_each, PostgreSQL with a lax JSON path (a missing list is no
 * indicator, as json_each has none).
 */
export function someEventWithIndicator(db: Kysely<any>, idsOrNames: readonly string[]): RawBuilder<boolean> {
  const names = sql.join([...idsOrNames]);
  if (isPostgres(db))
    return sql<boolean>`exists (select 1 from session_events se join file_events fe on fe.tenant_uid = se.tenant_uid and fe.event_id = se.event_id, jsonb_path_query(fe.event_json::jsonb, '$.risk.indicators[*]') i(value)
      where se.tenant_uid = sessions.tenant_uid and se.session_id = sessions.session_id
        and (i.value ->> 'id' in (${names}) or i.value ->> 'name' in (${names})))`;
  return sql<boolean>`exists (select 1 from session_events se join file_events fe on fe.tenant_uid = se.tenant_uid and fe.event_id = se.event_id, json_each(fe.event_json, '$.risk.indicators') i
      where se.tenant_uid = sessions.tenant_uid and se.session_id = sessions.session_id
        and (json_extract(i.value, '$.id') in (${names}) or json_extract(i.value, '$.name') in (${names})))`;
}

/** A session's severity of its score (0 to 4) in SQL, as sessionSeverity works it out. */
export const SEVERITY_OF_SCORE = sql<number>`(case when score <= 0 then 0 when score <= 3 then 1 when score <= 6 then 2 when score <= 9 then 3 else 4 end)`;

type ListField = "notes" | "states" | "triggeredAlerts" | "riskIndicators";
const byName =
  (columns: Record<string, RawBuilder<unknown>>) =>
  (field: string): RawBuilder<unknown> => {
    const column = columns[field];
    if (!column) throw new Error(`a session's page names no field ${field}`);
    return column;
  };

/** Each field of a session record as SQL on a row of `sessions` (the fields of the record's lists: SESSION_LISTS). */
const SESSION_COLUMNS: Record<Exclude<keyof SessionRecord, ListField>, RawBuilder<unknown>> = {
  sessionId: sql.ref("session_id"),
  tenantId: sql.ref("tenant_uid"),
  actorId: sql`coalesce(actor_uid, actor_key)`,
  actorName: sql.ref("actor_name"),
  userId: sql.ref("actor_uid"),
  beginTime: sql.ref("begin_time"),
  endTime: sql.ref("end_time"),
  firstObserved: sql.ref("first_observed"),
  lastUpdated: sql.ref("last_updated"),
  score: sql.ref("score"),
  severity: SEVERITY_OF_SCORE,
  noRiskEvents: sql.ref("no_risk_events"),
  lowEvents: sql.ref("low_events"),
  moderateEvents: sql.ref("moderate_events"),
  highEvents: sql.ref("high_events"),
  criticalEvents: sql.ref("critical_events"),
  fileCount: sql.ref("file_count"),
  totalFileSize: sql.ref("total_file_size"),
  contextSummary: sql.ref("context_summary"),
  exfiltrationSummary: sql.ref("exfiltration_summary"),
};

/**
 * The lists a session keeps on its row (NOTHING_KEPT, migrations 0036 and 0038), each as the gateway writes it (the
 * kept* forms below, sums.ts for the indicators): a page copies them as they are.
 */
const SESSION_LISTS: Lists<SessionRecord> = {
  notes: { written: sql.ref("notes") },
  states: { written: sql.ref("state_history") },
  triggeredAlerts: { written: sql.ref("triggered_alerts") },
  riskIndicators: { written: sql.ref("risk_indicators") },
};

// Each record of a kept list in the gateway's order of keys: an alert's lessonId (always null), a state's stateV2
// (its state) and no userId when nobody set it. The page-json tests compare a page with each session's own answer.
const keptAlert = (a: { alert_id: string; rule_id: string; rule_name: string }) => ({ alertId: a.alert_id, lessonId: null, ruleId: a.rule_id, ruleName: a.rule_name });
const keptState = (state: string, at: number, userId: string | null) => ({ sourceTimestamp: at, state, stateV2: state, ...(userId === null ? {} : { userId }) });
const keptNote = (n: SessionNoteRow) => ({ content: n.content, id: n.note_id, sourceTimestamp: n.at, userId: n.user_id });

/** What a new session keeps: no event summed, no alert, state or note. */
export const NOTHING_KEPT = { ...NO_SUMS, triggered_alerts: "[]", state_history: "[]", notes: "[]" };

/** Each projection's page item as SQL, made once. */
const writtenBy = jsonObjectOnce<SessionRecord>(byName(SESSION_COLUMNS), SESSION_LISTS);

export class SessionStore {
  // A search's count, kept until the next write: it tests every session of the tenant (90k with alerts: ~80 ms).
  private readonly counts: UntilChange<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    changes?: ChangeCounter,
  ) {
    this.counts = changes && new UntilChange(changes);
  }

  async page(tenantUid: string, where: RawBuilder<boolean>, order: SessionOrder, limit: number, offset: number): Promise<{ rows: SessionRow[]; totalCount: number }> {
    const [rows, totalCount] = await Promise.all([this.ordered(tenantUid, where, order, limit, offset).selectAll().execute(), this.count(tenantUid, where)]);
    return { rows, totalCount };
  }

  /** A page of sessions, each as `projection` writes it, by SQLite in the page's query (SQLite only). */
  async pageJson(tenantUid: string, where: RawBuilder<boolean>, order: SessionOrder, limit: number, offset: number, projection: Projection<SessionRecord>): Promise<{ json: string[]; totalCount: number }> {
    const [rows, totalCount] = await Promise.all([this.ordered(tenantUid, where, order, limit, offset).select(writtenBy(projection).as("json")).execute(), this.count(tenantUid, where)]);
    return { json: rows.map((r) => r.json), totalCount };
  }

  private ordered(tenantUid: string, where: RawBuilder<boolean>, order: SessionOrder, limit: number, offset: number) {
    const base = this.db.selectFrom("sessions").where("tenant_uid", "=", tenantUid).where(where);
    const dir = order.descending ? "desc" : "asc";
    // end_time breaks ties after the order's column, and is not named twice: SQLite then sorted the page again.
    return (order.column === "end_time" ? base : base.orderBy(order.column, dir)).orderBy("end_time", dir).orderBy("session_id", dir).limit(limit).offset(offset);
  }

  private count(tenantUid: string, where: RawBuilder<boolean>): Promise<number> {
    const count = async () => Number((await this.db.selectFrom("sessions").where("tenant_uid", "=", tenantUid).where(where).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    return this.counts ? this.counts.through(conditionKey(this.db, tenantUid, where), count) : count();
  }

  async ids(tenantUid: string, where: RawBuilder<boolean>): Promise<string[]> {
    const rows = await this.db.selectFrom("sessions").select("session_id").where("tenant_uid", "=", tenantUid).where(where).orderBy("end_time").orderBy("session_id").execute();
    return rows.map((r) => r.session_id);
  }

  async get(tenantUid: string, ids: readonly string[]): Promise<SessionRow[]> {
    if (!ids.length) return [];
    const out: SessionRow[] = [];
    const unique = [...new Set(ids)];
    // In id order per chunk: SQLite's, which walks the IN list sorted; stated on PostgreSQL.
    for (const part of chunks(unique)) {
      const q = this.db.selectFrom("sessions").selectAll().where("tenant_uid", "=", tenantUid).where("session_id", "in", part);
      out.push(...(await (isPostgres(this.db) ? q.orderBy("session_id") : q).execute()));
    }
    return out;
  }

  /** The actor's sessions that reach into [from, to]. */
  near(tenantUid: string, actorKey: string, from: number, to: number): Promise<SessionRow[]> {
    return this.db.selectFrom("sessions").selectAll().where("tenant_uid", "=", tenantUid).where("actor_key", "=", actorKey).where("end_time", ">=", from).where("begin_time", "<=", to).orderBy("end_time", "desc").execute();
  }

  /** A new session, its summaries written from it. */
  async insert(row: NewSessionRow): Promise<void> {
    await this.db.insertInto("sessions").values({ ...row, ...summaryColumns(row) }).execute();
  }

  async update(tenantUid: string, sessionId: string, set: Partial<SessionRow>): Promise<void> {
    await this.db.updateTable("sessions").set(set).where("tenant_uid", "=", tenantUid).where("session_id", "=", sessionId).execute();
  }

  async addEvents(tenantUid: string, sessionId: string, events: readonly { eventId: string; ts: number }[]): Promise<void> {
    for (const part of chunks(events))
      await this.db
        .insertInto("session_events")
        .values(part.map((e) => ({ tenant_uid: tenantUid, session_id: sessionId, event_id: e.eventId, ts: e.ts })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  /** Each session's events (complete v2 events) in time order. */
  async events(tenantUid: string, sessionIds: readonly string[]): Promise<Map<string, Event[]>> {
    const by = new Map<string, Event[]>(sessionIds.map((id) => [id, []]));
    if (!sessionIds.length) return by;
    for (const r of await this.storedEvents(tenantUid, sessionIds)) by.get(r.session_id)?.push(completeEvent(JSON.parse(r.event_json) as Event));
    return by;
  }

  /** These sessions' events as stored (sparse), in time order. */
  private storedEvents(tenantUid: string, sessionIds: readonly string[]) {
    return this.db
      .selectFrom("session_events as se")
      .innerJoin("file_events as fe", (j) => j.onRef("fe.tenant_uid", "=", "se.tenant_uid").onRef("fe.event_id", "=", "se.event_id"))
      .select(["se.session_id", storedJson(this.db, sql.ref("fe.event_json")).as("event_json"), "fe.risk_score"])
      .where("se.tenant_uid", "=", tenantUid)
      .where(inList(this.db, "se.session_id", sessionIds))
      .orderBy("se.ts")
      .orderBy("se.event_id")
      .execute();
  }

  /**
   * Each session's score (the highest risk score of its events) and the sums of its events, after they changed: a
   * batch of sessions at a time, as a bulk load of alerted events touches thousands.
   */
  async refreshSums(tenantUid: string, sessionIds: readonly string[]): Promise<void> {
    for (const part of chunks([...new Set(sessionIds)])) {
      const rows = await this.storedEvents(tenantUid, part);
      const of = groupBy(rows, (r) => r.session_id);
      const refreshed = part.map((id) => {
        const events = of.get(id) ?? [];
        const scores = events.flatMap((e) => (e.risk_score === null ? [] : [e.risk_score]));
        return { t: tenantUid, id, score: scores.length ? Math.max(...scores) : 0, ...sumColumns(sumsOf(events.map((e) => JSON.parse(e.event_json) as Event))) };
      });
      await this.setEach(tenantUid, refreshed, ["score", ...SUM_COLUMNS], ["risk_indicators"]);
      await this.refreshSummaries(tenantUid, part);
    }
  }

  /** Each session's alerts, kept on its row (triggered_alerts, and their rule names), after alerts joined it. */
  async refreshAlerts(tenantUid: string, sessionIds: readonly string[]): Promise<void> {
    for (const part of chunks([...new Set(sessionIds)])) {
      const rows = await this.db
        .selectFrom("alerts")
        .select(["session_id", "alert_id", "rule_id", "rule_name"])
        .where("tenant_uid", "=", tenantUid)
        .where(inList(this.db, "session_id", part))
        .orderBy("created_at")
        .orderBy("alert_id")
        .execute();
      const of = groupBy(rows, (r) => r.session_id!);
      const refreshed = part.map((id) => {
        const alerts = of.get(id) ?? [];
        return { t: tenantUid, id, triggered_alerts: JSON.stringify(alerts.map(keptAlert)) };
      });
      await this.setEach(tenantUid, refreshed, ["triggered_alerts"], ["triggered_alerts"]);
      await this.refreshSummaries(tenantUid, part);
    }
  }

  /** The summaries of these sessions (a batch), after their sums or alerts changed. */
  private async refreshSummaries(tenantUid: string, sessionIds: readonly string[]): Promise<void> {
    const rows = await this.db
      .selectFrom("sessions")
      .select(["session_id", "actor_name", "file_count", "total_file_size", "triggered_alerts"])
      .where("tenant_uid", "=", tenantUid)
      .where(inList(this.db, "session_id", sessionIds))
      .execute();
    await this.setEach(tenantUid, rows.map((r) => ({ t: tenantUid, id: r.session_id, ...summaryColumns(r) })), SUMMARY_COLUMNS, SUMMARY_COLUMNS);
  }

  /** Sets `columns` of each session `rows` name (by t and id) in one statement; the `texts` among them are text, the others integers. */
  private async setEach(tenantUid: string, rows: readonly ({ t: string; id: string } & Record<string, unknown>)[], columns: readonly string[], texts: readonly string[]): Promise<void> {
    const list = JSON.stringify(rows);
    const set = (field: (name: string) => RawBuilder<unknown>) => sql.join(columns.map((c) => sql`${sql.ref(c)} = ${field(c)}`));
    // Each item names its tenant: with the tenant a constant, SQLite walks the tenant's sessions for each item
    // instead of finding each item's session by its key.
    await (isPostgres(this.db)
      ? sql`update sessions set ${set((c) => (texts.includes(c) ? sql`u.value ->> ${c}` : sql`(u.value ->> ${c})::bigint`))} from jsonb_array_elements(${list}::jsonb) as u (value)
          where sessions.tenant_uid = ${tenantUid} and sessions.session_id = u.value ->> 'id'`
      : sql`update sessions set ${set((c) => sql`u.value ->> ${`$.${c}`}`)} from json_each(${list}) as u
          where sessions.tenant_uid = u.value ->> '$.t' and sessions.session_id = u.value ->> '$.id'`
    ).execute(this.db);
  }

  // Ids are bound as one list (inList): the state export asks for every session of the tenant, more than the
  // parameters SQLite takes (32,766).
  async states(tenantUid: string, sessionIds: readonly string[]): Promise<Map<string, SessionStateRow[]>> {
    const by = new Map<string, SessionStateRow[]>(sessionIds.map((id) => [id, []]));
    if (!sessionIds.length) return by;
    const rows = await this.db.selectFrom("session_states").selectAll().where("tenant_uid", "=", tenantUid).where(inList(this.db, "session_id", sessionIds)).orderBy("position").execute();
    for (const r of rows) by.get(r.session_id)?.push(r);
    return by;
  }

  /** A state the session moves to, after those it had: kept at the end of its state_history too. */
  async addState(tenantUid: string, sessionId: string, state: string, at: number, userId: string | null): Promise<void> {
    const row = await this.db.selectFrom("session_states").select((eb) => eb.fn.max("position").as("p")).where("tenant_uid", "=", tenantUid).where("session_id", "=", sessionId).executeTakeFirst();
    const position = ((row?.p as number | null) ?? -1) + 1;
    await this.db.insertInto("session_states").values({ tenant_uid: tenantUid, session_id: sessionId, position, at, state, user_id: userId }).execute();
    const kept = JSON.stringify(keptState(state, at, userId));
    const appended = isPostgres(this.db) ? sql<string>`(state_history::jsonb || jsonb_build_array(${kept}::jsonb))::text` : sql<string>`json_insert(state_history, '$[#]', json(${kept}))`;
    await this.db.updateTable("sessions").set({ state, state_history: appended }).where("tenant_uid", "=", tenantUid).where("session_id", "=", sessionId).execute();
  }

  async notes(tenantUid: string, sessionIds: readonly string[]): Promise<Map<string, SessionNoteRow[]>> {
    const by = new Map<string, SessionNoteRow[]>(sessionIds.map((id) => [id, []]));
    if (!sessionIds.length) return by;
    const rows = await this.db.selectFrom("session_notes").selectAll().where("tenant_uid", "=", tenantUid).where(inList(this.db, "session_id", sessionIds)).orderBy("at").orderBy(sql`rowid`).execute();
    for (const r of rows) by.get(r.session_id)?.push(r);
    return by;
  }

  /** A note, kept in the session's notes too, in their order (by time, then as they were added). */
  async addNote(row: SessionNoteRow): Promise<void> {
    await this.db.insertInto("session_notes").values(row).execute();
    const kept = JSON.stringify(keptNote(row));
    const added = isPostgres(this.db)
      ? sql<string>`(select jsonb_agg(n.value order by (n.value ->> 'sourceTimestamp')::bigint, n.i)::text from jsonb_array_elements(notes::jsonb || jsonb_build_array(${kept}::jsonb)) with ordinality as n (value, i))`
      : sql<string>`(select json_group_array(json(n.value) order by n.value ->> 'sourceTimestamp', n.key) from json_each(json_insert(notes, '$[#]', json(${kept}))) n)`;
    await this.db.updateTable("sessions").set({ notes: added }).where("tenant_uid", "=", row.tenant_uid).where("session_id", "=", row.session_id).execute();
  }

  /** The next `limit` sessions in the order they began after the one given (the export's batches). */
  after(tenantUid: string, from: Pick<SessionRow, "begin_time" | "session_id"> | null, limit: number): Promise<SessionRow[]> {
    let q = this.db.selectFrom("sessions").selectAll().where("tenant_uid", "=", tenantUid);
    if (from) q = q.where(sql<boolean>`(begin_time, session_id) > (${from.begin_time}, ${from.session_id})`);
    return q.orderBy("begin_time").orderBy("session_id").limit(limit).execute();
  }

  /** These sessions' event ids, each session's by the events' time, then id. */
  async eventIdsOf(tenantUid: string, sessionIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.selectFrom("session_events").select(["session_id", "event_id"]).where("tenant_uid", "=", tenantUid).where(inList(this.db, "session_id", sessionIds)).orderBy("ts").orderBy("event_id").execute();
    return new Map([...groupBy(rows, (r) => r.session_id)].map(([id, of]) => [id, of.map((r) => r.event_id)]));
  }
}
