// Sessions: an actor's alerted activity over a stretch of time (grouping.ts makes them as alerts fire), searched by
// actor, time, state, severity, rule, watchlist and risk indicator, and moved through their states with notes. A
// session's state change sets every alert of it (alerts/states.ts). Readers are those who read file events; every
// change leaves an audit event in its transaction. Times are epoch milliseconds, as the sessions API answers them.
import { ContinuationStore } from "../continuations/store.js";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { ChangeCounter } from "../../db/open.js";
import type { IdGenerator } from "../../ids.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { changedBy } from "../alerts/service.js";
import { severityOfScore, RISK_SEVERITIES } from "../alerts/observed.js";
import type { SessionRecord } from "../alerts/records.js";
import { alertStateOfSession, SESSION_STATES } from "../alerts/states.js";
import { AlertStore, someWatchlist, type SessionAlert } from "../alerts/store.js";
import { alertTimeOf } from "../alerts/time.js";
import { DomainError } from "../errors.js";
import { fileEventReader } from "../fileevents/service.js";
import { SessionStore, SEVERITY_OF_SCORE, someEventWithIndicator, type SessionNoteRow, type SessionRow, type SessionStateRow } from "./store.js";
import { isPostgres } from "../../db/dialect.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import { groupBy } from "../../group-by.js";

type Event = Record<string, unknown>;
type Cond = RawBuilder<boolean>;

export const MAX_SESSION_PAGE = 1000;
export const MAX_SESSION_NOTE_CHARS = 2000;
/** Notes a session holds (Code42 refuses "too many" without saying how many: the emulator's limit). */
export const MAX_SESSION_NOTES = 100;
/** Sessions change-states changes per call (the SDK: "up to 500 session IDs at a time"). */
export const CHANGE_STATES_BATCH = 500;

export interface SessionCriteria {
  actorId?: string | null;
  onOrAfter?: number | null;
  before?: number | null;
  hasAlerts?: boolean | null;
  riskIndicators?: string[];
  states?: string[];
  severities?: number[];
  ruleIds?: string[];
  watchlistIds?: string[];
  contentInspectionStatus?: string | null;
  type?: string | null;
}

export interface SessionSearch extends SessionCriteria {
  orderBy?: string | null;
  sortDirection?: string | null;
  pageNumber: number;
  pageSize: number;
}

const invalid = (message: string) => new DomainError("SESSION_REQUEST_INVALID", message);
const notFound = (ids: string[]) => new DomainError("SESSION_NOT_FOUND", `No session ${ids.join(", ")}`);
/** Content inspection: the emulator inspects nothing, so nothing is pending or found, and everything is not found. */
const NOTHING_INSPECTED = new Set(["PENDING", "FOUND", "PII_FOUND"]);

function checkState(state: string): string {
  const s = String(state ?? "").toUpperCase();
  if (!(SESSION_STATES as readonly string[]).includes(s)) throw invalid(`Unknown session state ${String(state)}`);
  return s;
}

/** The criteria as one condition on sessions (for `db`'s engine). */
function where(db: Kysely<Database>, c: SessionCriteria): Cond {
  const conds: RawBuilder<unknown>[] = [sql`1 = 1`];
  const alertsOf = sql`select 1 from alerts a where a.tenant_uid = sessions.tenant_uid and a.session_id = sessions.session_id`;
  if (c.actorId) conds.push(sql`coalesce(actor_uid, actor_key) = ${c.actorId}`);
  if (c.onOrAfter !== null && c.onOrAfter !== undefined) conds.push(sql`begin_time >= ${c.onOrAfter}`);
  if (c.before !== null && c.before !== undefined) conds.push(sql`begin_time < ${c.before}`);
  // The alerts a session keeps on its row (SessionStore.refreshAlerts): no look-up of its alerts for each session.
  if (c.hasAlerts === true) conds.push(sql`triggered_alerts <> '[]'`);
  if (c.hasAlerts === false) conds.push(sql`triggered_alerts = '[]'`);
  if (c.states?.length) conds.push(sql`state in (${sql.join(c.states.map(checkState))})`);
  if (c.severities?.length) {
    if (c.severities.some((s) => !Number.isInteger(s) || s < 0 || s > 4)) throw invalid("severity is 0 to 4");
    conds.push(sql`${SEVERITY_OF_SCORE} in (${sql.join(c.severities)})`);
  }
  if (c.ruleIds?.length) conds.push(sql`exists (${alertsOf} and a.rule_id in (${sql.join(c.ruleIds)}))`);
  const watchlistIds = c.watchlistIds;
  if (watchlistIds?.length) conds.push(sql`exists (${alertsOf} and ${someWatchlist(db, sql`a.watchlists`, (field) => sql`${field("id")} in (${sql.join(watchlistIds)})`)})`);
  if (c.riskIndicators?.length) conds.push(someEventWithIndicator(db, c.riskIndicators));
  if (c.contentInspectionStatus && NOTHING_INSPECTED.has(c.contentInspectionStatus.toUpperCase())) conds.push(sql`1 = 0`);
  if (c.type && c.type.toUpperCase() !== "STANDARD") conds.push(sql`1 = 0`);
  return sql<boolean>`(${sql.join(conds, sql` and `)})`;
}

export class SessionService {
  private readonly store: SessionStore;
  private readonly continuations: ContinuationStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes?: ChangeCounter,
  ) {
    this.store = new SessionStore(db, changes);
    this.continuations = new ContinuationStore(db);
  }

  /** A page of sessions, each as JSON text of `projection`, and how many match. */
  async search(caller: Principal, q: SessionSearch, projection: Projection<SessionRecord>): Promise<{ json: string[]; totalCount: number }> {
    const tenantUid = sessionReader(caller);
    if (!Number.isInteger(q.pageSize) || q.pageSize < 1 || q.pageSize > MAX_SESSION_PAGE) throw invalid(`page_size is 1 to ${MAX_SESSION_PAGE}`);
    if (!Number.isInteger(q.pageNumber) || q.pageNumber < 0) throw invalid("page_number starts at 0");
    const orderBy = (q.orderBy ?? "end_time").toLowerCase();
    if (orderBy !== "end_time" && orderBy !== "score") throw invalid("order_by is end_time or score");
    const direction = (q.sortDirection ?? "desc").toLowerCase();
    if (direction !== "asc" && direction !== "desc") throw invalid("sort_direction is asc or desc");
    const order = { column: orderBy, descending: direction === "desc" } as const;
    const offset = q.pageNumber * q.pageSize;
    if (!isPostgres(this.db)) return this.store.pageJson(tenantUid, where(this.db, q), order, q.pageSize, offset, projection);
    const { rows, totalCount } = await this.store.page(tenantUid, where(this.db, q), order, q.pageSize, offset);
    return { json: jsonTextsOf(projection, await this.records(tenantUid, rows)), totalCount };
  }

  async get(caller: Principal, sessionId: string): Promise<SessionRecord> {
    const tenantUid = sessionReader(caller);
    const [row] = await this.store.get(tenantUid, [sessionId]);
    if (!row) throw notFound([sessionId]);
    return (await this.records(tenantUid, [row]))[0]!;
  }

  /** The file events of the session's alerted activity (complete v2 events); a session without alerts is not found. */
  async events(caller: Principal, sessionId: string): Promise<Event[]> {
    const tenantUid = sessionReader(caller);
    const [row] = await this.store.get(tenantUid, [sessionId]);
    if (!row || !(await new AlertStore(this.db).ofSessions(tenantUid, [sessionId])).length) throw notFound([sessionId]);
    return (await this.store.events(tenantUid, [sessionId])).get(sessionId) ?? [];
  }

  /** Sets the sessions' state, all or none (an unknown id: SESSION_NOT_FOUND); the same state again changes nothing. */
  async changeState(caller: Principal, sessionIds: string[], newState: string): Promise<void> {
    const tenantUid = sessionReader(caller);
    const state = checkState(newState);
    if (!sessionIds.length) throw invalid("ids must name at least one session");
    await this.db.transaction().execute(async (trx) => {
      const rows = await new SessionStore(trx).get(tenantUid, sessionIds);
      const found = new Set(rows.map((r) => r.session_id));
      const unknown = [...new Set(sessionIds.filter((id) => !found.has(id)))];
      if (unknown.length) throw notFound(unknown);
      await this.setState(trx, caller, rows, state);
    });
  }

  /**
   * Sets the state of every session the criteria match, CHANGE_STATES_BATCH at a time: the first call takes the ids
   * matching then, and answers a token while some remain.
   */
  async changeStates(caller: Principal, criteria: SessionCriteria, newState: string, continuationToken: string | null): Promise<string | null> {
    const tenantUid = sessionReader(caller);
    const state = checkState(newState);
    let ids: string[];
    if (continuationToken) {
      const known = await this.continuations.take("sessions", continuationToken, tenantUid);
      if (!known) throw invalid("Unknown or expired continuationToken");
      ids = known;
    } else ids = await this.store.ids(tenantUid, where(this.db, criteria));
    const batch = ids.slice(0, CHANGE_STATES_BATCH);
    await this.db.transaction().execute(async (trx) => this.setState(trx, caller, await new SessionStore(trx).get(tenantUid, batch), state));
    const rest = ids.slice(CHANGE_STATES_BATCH);
    if (!rest.length) return null;
    const token = this.ids.uuid();
    await this.continuations.put("sessions", token, tenantUid, rest, this.clock.isoNow());
    return token;
  }

  async addNote(caller: Principal, sessionId: string, content: string): Promise<void> {
    const tenantUid = sessionReader(caller);
    if (typeof content !== "string" || content.length > MAX_SESSION_NOTE_CHARS) throw invalid(`noteContent holds at most ${MAX_SESSION_NOTE_CHARS} characters`);
    await this.db.transaction().execute(async (trx) => {
      const store = new SessionStore(trx);
      const [row] = await store.get(tenantUid, [sessionId]);
      if (!row) throw notFound([sessionId]);
      if ((await store.notes(tenantUid, [sessionId])).get(sessionId)!.length >= MAX_SESSION_NOTES) throw invalid(`A session holds at most ${MAX_SESSION_NOTES} notes`);
      const noteId = this.ids.uuid();
      await store.addNote({ tenant_uid: tenantUid, session_id: sessionId, note_id: noteId, content, at: this.clock.now(), user_id: userIdOf(caller) });
      await audit(trx, { tenantUid, actor: actorOf(caller), type: "session::note_added/1", at: this.clock.isoNow(), resourceId: sessionId, details: { sessionId, noteId, note: content } });
    });
  }

  private async setState(trx: Kysely<Database>, caller: Principal, rows: SessionRow[], state: string): Promise<void> {
    const store = new SessionStore(trx);
    const alerts = new AlertStore(trx);
    const now = this.clock.now();
    for (const r of rows.filter((x) => x.state !== state)) {
      await store.addState(r.tenant_uid, r.session_id, state, now, userIdOf(caller));
      // Every alert of the session follows it.
      const alertState = alertStateOfSession(state);
      const changing = (await alerts.ofSessions(r.tenant_uid, [r.session_id])).filter((a) => a.state !== alertState);
      if (changing.length) await alerts.setState(r.tenant_uid, changing.map((a) => a.alert_id), alertState, alertTimeOf(now), changedBy(caller));
      await audit(trx, { tenantUid: r.tenant_uid, actor: actorOf(caller), type: "session::state_changed/1", at: this.clock.isoNow(), resourceId: r.session_id, details: { sessionId: r.session_id, state, previousState: r.state, alertIds: changing.map((a) => a.alert_id) } });
    }
  }

  /** The sessions with their events' sums, states, notes and alerts. */
  private async records(tenantUid: string, rows: SessionRow[]): Promise<SessionRecord[]> {
    const ids = rows.map((r) => r.session_id);
    const [states, notes, alerts] = await Promise.all([this.store.states(tenantUid, ids), this.store.notes(tenantUid, ids), new AlertStore(this.db).ofSessions(tenantUid, ids)]);
    const alertsOf = groupBy(alerts, (a) => a.session_id);
    return rows.map((r) => sessionRecord(r, states.get(r.session_id) ?? [], notes.get(r.session_id) ?? [], alertsOf.get(r.session_id) ?? []));
  }
}

function sessionRecord(r: SessionRow, states: SessionStateRow[], notes: SessionNoteRow[], alerts: SessionAlert[]): SessionRecord {
  return {
    sessionId: r.session_id,
    tenantId: r.tenant_uid,
    actorId: r.actor_uid ?? r.actor_key,
    actorName: r.actor_name,
    userId: r.actor_uid,
    beginTime: r.begin_time,
    endTime: r.end_time,
    firstObserved: r.first_observed,
    lastUpdated: r.last_updated,
    score: r.score,
    severity: sessionSeverity(r.score),
    noRiskEvents: r.no_risk_events,
    lowEvents: r.low_events,
    moderateEvents: r.moderate_events,
    highEvents: r.high_events,
    criticalEvents: r.critical_events,
    riskIndicators: JSON.parse(r.risk_indicators) as SessionRecord["riskIndicators"],
    fileCount: r.file_count,
    totalFileSize: r.total_file_size,
    contextSummary: r.context_summary,
    exfiltrationSummary: r.exfiltration_summary,
    notes: notes.map((n) => ({ id: n.note_id, content: n.content, sourceTimestamp: n.at, userId: n.user_id })),
    states: states.map((s) => ({ state: s.state, sourceTimestamp: s.at, userId: s.user_id })),
    triggeredAlerts: alerts.map((a) => ({ alertId: a.alert_id, ruleId: a.rule_id, ruleName: a.rule_name })),
  };
}

export const sessionSeverity = (score: number): number => Math.max(0, RISK_SEVERITIES.indexOf(severityOfScore(score) as never));

const userIdOf = (caller: Principal): string => (caller.kind === "user" ? caller.userUid : caller.clientId);

/** The caller's tenant, for a reader of file events. */
export const sessionReader = (caller: Principal): string => fileEventReader(caller, "sessions");
