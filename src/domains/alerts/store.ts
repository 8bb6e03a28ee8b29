// Every query of alerts, their events and notes, and the candidates of rules with volume thresholds; each scoped to
// one tenant.
import { completed, completedJson } from "../fileevents/completed.js";
import { sql, type Kysely, type RawBuilder, type Selectable } from "kysely";
import { inList, isPostgres } from "../../db/dialect.js";
import type { ChangeCounter } from "../../db/open.js";
import { conditionKey, UntilChange } from "../../db/until-change.js";
import { groupBy } from "../../group-by.js";
import type { AlertCandidatesTable, AlertNotesTable, AlertsTable, Database } from "../../db/schema.js";
import { chunks } from "../../chunks.js";
import { jsonObjectOnce } from "../../db/json-projection.js";
import { jsonTextsOf, type Projection } from "../../projection.js";

export type AlertRow = Selectable<AlertsTable>;
/** Alerts as each projection writes them, made once per projection. */
const alertJson = jsonObjectOnce<AlertRow>((field) => sql.ref(field));
const SESSION_ALERT = ["alert_id", "session_id", "rule_id", "rule_name", "state"] as const;
export type SessionAlert = Pick<AlertRow, (typeof SESSION_ALERT)[number]>;
export type AlertNoteRow = Selectable<AlertNotesTable>;
type Event = Record<string, unknown>;

/** A field of one watchlist of an alert's list, as SQL. */
export type WatchlistField = (name: "id" | "name" | "type") => RawBuilder<unknown>;

/**
 * Some watchlist of an alert's JSON list (`[{id, name, type, isSignificant}]`, `list`: e.g. sql`a.watchlists`) meets
 * `cond`. The list is JSON text on either engine: SQLite walks it with json_each, PostgreSQL with
 * jsonb_array_elements (cast only to read it; the text answered stays as written).
 */
export function someWatchlist(db: Kysely<any>, list: RawBuilder<unknown>, cond: (field: WatchlistField) => RawBuilder<unknown>): RawBuilder<boolean> {
  return isPostgres(db)
    ? sql<boolean>`exists (select 1 from jsonb_array_elements(${list}::jsonb) w where ${cond((name) => sql`(w.value ->> ${sql.lit(name)})`)})`
    : sql<boolean>`exists (select 1 from json_each(${list}) w where ${cond((name) => sql`json_extract(w.value, ${sql.lit(`$.${name}`)})`)})`;
}

/** Some watchlist of the alert's list was part of the rule's criteria (isSignificant: JSON true). */
export function someSignificantWatchlist(db: Kysely<any>, list: RawBuilder<unknown>): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`(${list}::jsonb @> '[{"isSignificant": true}]')` : sql<boolean>`exists (select 1 from json_each(${list}) w where json_extract(w.value, '$.isSignificant') = 1)`;
}

export class AlertStore {
  /** Counts of a query over a tenant, until the next write: every page of an `iter_all` answers the same totalCount. */
  private readonly counts: UntilChange<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    changes?: ChangeCounter,
  ) {
    this.counts = changes && new UntilChange(changes);
  }

  /** A page of alerts, each as `projection` writes it: by SQLite in the page's query, or here from PostgreSQL's rows. */
  async page(tenantUid: string, where: RawBuilder<unknown>, sort: { column: string; descending: boolean }, limit: number, offset: number, projection: Projection<AlertRow>): Promise<{ json: string[]; totalCount: number }> {
    const base = this.db.selectFrom("alerts").where("tenant_uid", "=", tenantUid).where(where as RawBuilder<boolean>);
    const dir = sort.descending ? sql`desc` : sql`asc`;
    const ordered = base.orderBy(sql`${sql.ref(sort.column)} ${dir}`).orderBy(sql`alert_id ${dir}`).limit(limit).offset(offset);
    const [json, totalCount] = await Promise.all([
      isPostgres(this.db)
        ? ordered.selectAll().execute().then((rows) => jsonTextsOf(projection, rows))
        : ordered.select(alertJson(projection).as("json")).execute().then((rows) => rows.map((r) => r.json)),
      this.count(tenantUid, where, async () => Number((await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)),
    ]);
    return { json, totalCount };
  }

  private count(tenantUid: string, where: RawBuilder<unknown>, read: () => Promise<number>): Promise<number> {
    return this.counts ? this.counts.through(conditionKey(this.db, tenantUid, where), read) : read();
  }

  /** Ids of every matching alert, in creation order. */
  async ids(tenantUid: string, where: RawBuilder<unknown>): Promise<string[]> {
    const rows = await this.db.selectFrom("alerts").select("alert_id").where("tenant_uid", "=", tenantUid).where(where as RawBuilder<boolean>).orderBy("created_at").orderBy("alert_id").execute();
    return rows.map((r) => r.alert_id);
  }

  /** The alerts of the ids that exist, in id order per chunk (SQLite's, which walks the IN list sorted; stated on PostgreSQL). */
  async get(tenantUid: string, ids: readonly string[]): Promise<AlertRow[]> {
    const out: AlertRow[] = [];
    for (const part of chunks([...new Set(ids)])) {
      const q = this.db.selectFrom("alerts").selectAll().where("tenant_uid", "=", tenantUid).where("alert_id", "in", part);
      out.push(...(await (isPostgres(this.db) ? q.orderBy("alert_id") : q).execute()));
    }
    return out;
  }

  /** The alerts of these sessions, by creation: what a session shows of each and what its changes of state read. */
  async ofSessions(tenantUid: string, sessionIds: readonly string[]): Promise<SessionAlert[]> {
    if (!sessionIds.length) return [];
    // Ordered by the creation index, SQLite would walk every alert of the tenant testing each against the list: "+"
    // keeps that index out (PostgreSQL has no unary plus for text, and its planner keeps statistics).
    const created = isPostgres(this.db) ? sql.ref("created_at") : sql`+created_at`;
    return this.db.selectFrom("alerts").select(SESSION_ALERT).where("tenant_uid", "=", tenantUid).where(inList(this.db, "session_id", sessionIds)).orderBy(created).orderBy("alert_id").execute();
  }

  /** Each alert's events (complete v2 events) in time order. */
  async events(tenantUid: string, alertIds: readonly string[]): Promise<Map<string, Event[]>> {
    const by = new Map<string, Event[]>(alertIds.map((id) => [id, []]));
    for (const part of chunks([...new Set(alertIds)])) {
      const rows = await this.db
        .selectFrom("alert_events as ae")
        .innerJoin("file_events as fe", (j) => j.onRef("fe.tenant_uid", "=", "ae.tenant_uid").onRef("fe.event_id", "=", "ae.event_id"))
        .select(["ae.alert_id", completedJson(this.db, sql.ref("fe.event_json")).as("json")])
        .where("ae.tenant_uid", "=", tenantUid)
        .where("ae.alert_id", "in", part)
        .orderBy("ae.ts")
        .orderBy("ae.event_id")
        .execute();
      for (const r of rows) by.get(r.alert_id)?.push(JSON.parse(completed(this.db, r.json)) as Event);
    }
    return by;
  }

  /** Each alert's most recent note. */
  async latestNotes(tenantUid: string, alertIds: readonly string[]): Promise<Map<string, AlertNoteRow>> {
    const by = new Map<string, AlertNoteRow>();
    for (const part of chunks([...new Set(alertIds)])) {
      const rows = await this.db.selectFrom("alert_notes").selectAll().where("tenant_uid", "=", tenantUid).where("alert_id", "in", part).orderBy("at").orderBy(sql`rowid`).execute();
      for (const r of rows) by.set(r.alert_id, r);
    }
    return by;
  }

  async setState(tenantUid: string, ids: readonly string[], state: string, at: string, by: string): Promise<void> {
    for (const part of chunks([...ids]))
      await this.db.updateTable("alerts").set({ state, state_modified_at: at, state_modified_by: by }).where("tenant_uid", "=", tenantUid).where("alert_id", "in", part).execute();
  }

  async addNote(row: AlertNoteRow): Promise<void> {
    await this.db.insertInto("alert_notes").values(row).execute();
  }

  // --- raising ----------------------------------------------------------------------------------------------

  /** The actor's latest alert of the rule that is not resolved. */
  latestUnresolved(tenantUid: string, ruleId: string, actorKey: string): Promise<AlertRow | undefined> {
    return this.db
      .selectFrom("alerts")
      .selectAll()
      .where("tenant_uid", "=", tenantUid)
      .where("rule_id", "=", ruleId)
      .where("actor_key", "=", actorKey)
      .where("state", "not in", ["RESOLVED", "RESOLVED_TP", "RESOLVED_FP"])
      .orderBy("first_observed_at", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  /** The latest creation time of the tenant's alerts within the millisecond `prefix` names, if any. */
  async latestCreatedIn(tenantUid: string, prefix: string): Promise<string | undefined> {
    const row = await this.db.selectFrom("alerts").select((eb) => eb.fn.max("created_at").as("at")).where("tenant_uid", "=", tenantUid).where("created_at", ">=", prefix).where("created_at", "<", `${prefix}\uffff`).executeTakeFirst();
    return (row?.at as string | null) ?? undefined;
  }

  async insert(row: AlertRow): Promise<void> {
    await this.db.insertInto("alerts").values(row).execute();
  }

  async update(tenantUid: string, alertId: string, set: Partial<AlertRow>): Promise<void> {
    await this.db.updateTable("alerts").set(set).where("tenant_uid", "=", tenantUid).where("alert_id", "=", alertId).execute();
  }

  async addEvents(tenantUid: string, alertId: string, events: readonly { eventId: string; ts: number }[]): Promise<void> {
    for (const part of chunks([...events]))
      await this.db
        .insertInto("alert_events")
        .values(part.map((e) => ({ tenant_uid: tenantUid, alert_id: alertId, event_id: e.eventId, ts: e.ts })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  /** The alert's risk severity, the highest of its events'. */
  async refreshRiskSeverity(tenantUid: string, alertId: string): Promise<void> {
    await sql`update alerts set risk_severity = coalesce((select case max(case fe.risk_severity when 'CRITICAL' then 4 when 'HIGH' then 3 when 'MODERATE' then 2 when 'LOW' then 1 else 0 end)
        when 4 then 'CRITICAL' when 3 then 'HIGH' when 2 then 'MODERATE' when 1 then 'LOW' else 'NO_RISK_INDICATED' end
      from alert_events ae join file_events fe on fe.tenant_uid = ae.tenant_uid and fe.event_id = ae.event_id
      where ae.tenant_uid = ${tenantUid} and ae.alert_id = ${alertId}), 'NO_RISK_INDICATED')
      where tenant_uid = ${tenantUid} and alert_id = ${alertId}`.execute(this.db);
  }

  candidates(tenantUid: string, ruleId: string, actorKey: string): Promise<Selectable<AlertCandidatesTable>[]> {
    return this.db.selectFrom("alert_candidates").selectAll().where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).where("actor_key", "=", actorKey).orderBy("ts").orderBy("event_id").execute();
  }

  async replaceCandidates(tenantUid: string, ruleId: string, actorKey: string, kept: readonly { eventId: string; ts: number; size: number }[]): Promise<void> {
    await this.db.deleteFrom("alert_candidates").where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).where("actor_key", "=", actorKey).execute();
    for (const part of chunks([...kept]))
      await this.db
        .insertInto("alert_candidates")
        .values(part.map((c) => ({ tenant_uid: tenantUid, rule_id: ruleId, actor_key: actorKey, event_id: c.eventId, ts: c.ts, size: c.size })))
        .execute();
  }

  // --- the state export ----------------------------------------------------------------------------------------

  allCandidates(tenantUid: string): Promise<Selectable<AlertCandidatesTable>[]> {
    return this.db.selectFrom("alert_candidates").selectAll().where("tenant_uid", "=", tenantUid).orderBy("rule_id").orderBy("actor_key").orderBy("ts").execute();
  }

  /** The next `limit` alerts in the order of their creation after the one given (the export's batches). */
  after(tenantUid: string, from: Pick<AlertRow, "created_at" | "alert_id"> | null, limit: number): Promise<AlertRow[]> {
    let q = this.db.selectFrom("alerts").selectAll().where("tenant_uid", "=", tenantUid);
    if (from) q = q.where(sql<boolean>`(created_at, alert_id) > (${from.created_at}, ${from.alert_id})`);
    return q.orderBy("created_at").orderBy("alert_id").limit(limit).execute();
  }

  /** These alerts' event ids, each alert's by the events' time, then id. */
  async eventIdsOf(tenantUid: string, alertIds: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.db.selectFrom("alert_events").select(["alert_id", "event_id"]).where("tenant_uid", "=", tenantUid).where(inList(this.db, "alert_id", alertIds)).orderBy("ts").orderBy("event_id").execute();
    return new Map([...groupBy(rows, (r) => r.alert_id)].map(([id, of]) => [id, of.map((r) => r.event_id)]));
  }

  /** These alerts' notes, each alert's in the order they were written. */
  async notesOf(tenantUid: string, alertIds: readonly string[]): Promise<Map<string, AlertNoteRow[]>> {
    return groupBy(await this.db.selectFrom("alert_notes").selectAll().where("tenant_uid", "=", tenantUid).where(inList(this.db, "alert_id", alertIds)).orderBy("at").orderBy(sql`rowid`).execute(), (n) => n.alert_id);
  }
}
