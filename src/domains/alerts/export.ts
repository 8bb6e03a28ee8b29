// A tenant's alerts, sessions and alert candidates as a fixture holds them: what the state export writes and what a
// fixture loads back to the same rows. Actors are named by username (an alias no user has stays as it is).
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { FixtureAlert, FixtureAlertCandidate, FixtureSession } from "../../generated/fixture.js";
import type { IdGenerator } from "../../ids.js";
import { AlertRuleStore } from "../alertrules/store.js";
import { NOTHING_KEPT, SessionStore, type SessionRow } from "../sessions/store.js";
import { UserStore } from "../users/store.js";
import { AlertStore, type AlertRow } from "./store.js";
import { alertTime, alertTimeOf } from "./time.js";
import { chunks } from "../../chunks.js";

export interface AlertsOfTenant {
  alerts: FixtureAlert[];
  sessions: FixtureSession[];
  alertCandidates: FixtureAlertCandidate[];
}

const ALIAS = "alias:";
const keyOf = (uid: string | null, actor: string) => uid ?? `${ALIAS}${actor.toLowerCase()}`;
const nameOfKey = (key: string, usernames: Map<string, string>) => (key.startsWith(ALIAS) ? key.slice(ALIAS.length) : (usernames.get(key) ?? key));

/** Alerts and sessions are read and written this many at a time. */
const BATCH = 5000;

/** A tenant's alerts and sessions read a batch at a time each time they are iterated; the candidates whole. */
export interface AlertsExport {
  alerts: () => AsyncGenerator<FixtureAlert[]>;
  sessions: (() => AsyncGenerator<FixtureSession[]>) | undefined;
  alertCandidates: FixtureAlertCandidate[];
}

/** Everything the tenant's alerts are, as a fixture gives it; `alerts` is [] once the tenant has alert rules (so a reload does not fire them again). */
export async function exportAlerts(db: Kysely<Database>, tenantUid: string): Promise<AlertsExport | null> {
  const alertStore = new AlertStore(db);
  const sessionStore = new SessionStore(db);
  const [anyAlert, anySession, candidates, rules] = await Promise.all([
    alertStore.after(tenantUid, null, 1),
    sessionStore.after(tenantUid, null, 1),
    alertStore.allCandidates(tenantUid),
    new AlertRuleStore(db).any(tenantUid),
  ]);
  if (!anyAlert.length && !anySession.length && !candidates.length && !rules) return null;
  const usernames = await new UserStore(db).usernames(tenantUid);
  return {
    alerts: () => alertBatches(alertStore, tenantUid, usernames),
    sessions: anySession.length ? () => sessionBatches(sessionStore, tenantUid, usernames) : undefined,
    alertCandidates: candidates.map((c) => ({ ruleId: c.rule_id, actor: nameOfKey(c.actor_key, usernames), eventId: c.event_id, at: c.ts, size: c.size })),
  };
}

/** Rows BATCH at a time, each batch from after the last row of the one before, as `present` writes them. */
async function* inBatches<R, T>(next: (from: R | null) => Promise<R[]>, present: (rows: R[]) => Promise<T[]>): AsyncGenerator<T[]> {
  for (let from: R | null = null; ; ) {
    const rows = await next(from);
    if (!rows.length) return;
    yield await present(rows);
    if (rows.length < BATCH) return;
    from = rows.at(-1)!;
  }
}

// Each batch reads its events, notes and states with one query a table: a query per alert and per session took most
// of a 90k-alert export, and the whole tenant's at once held them all.
function sessionBatches(store: SessionStore, tenantUid: string, usernames: Map<string, string>): AsyncGenerator<FixtureSession[]> {
  return inBatches((from: SessionRow | null) => store.after(tenantUid, from, BATCH), async (sessions) => {
    const ids = sessions.map((s) => s.session_id);
    const [states, notes, events] = await Promise.all([store.states(tenantUid, ids), store.notes(tenantUid, ids), store.eventIdsOf(tenantUid, ids)]);
    return sessions.map((s) => ({
      id: s.session_id,
      actor: nameOfKey(s.actor_key, usernames),
      beginTime: s.begin_time,
      endTime: s.end_time,
      firstObserved: s.first_observed,
      lastUpdated: s.last_updated,
      fileEvents: events.get(s.session_id) ?? [],
      states: states.get(s.session_id)!.map((st) => ({ state: st.state as "OPEN", at: st.at, ...(st.user_id !== null ? { userId: st.user_id } : {}) })),
      ...(notes.get(s.session_id)!.length ? { notes: notes.get(s.session_id)!.map((n) => ({ id: n.note_id, content: n.content, at: n.at, ...(n.user_id !== null ? { userId: n.user_id } : {}) })) } : {}),
    }));
  });
}

function alertBatches(store: AlertStore, tenantUid: string, usernames: Map<string, string>): AsyncGenerator<FixtureAlert[]> {
  return inBatches((from: AlertRow | null) => store.after(tenantUid, from, BATCH), async (alerts) => {
    const ids = alerts.map((a) => a.alert_id);
    const [events, notesOf] = await Promise.all([store.eventIdsOf(tenantUid, ids), store.notesOf(tenantUid, ids)]);
    return alerts.map((a) => {
      const notes = notesOf.get(a.alert_id) ?? [];
      return {
        id: a.alert_id,
        ruleId: a.rule_id,
        ruleName: a.rule_name,
        ruleDescription: a.rule_description,
        ruleType: a.rule_type as FixtureAlert["ruleType"],
        ruleSeverity: a.rule_severity as FixtureAlert["ruleSeverity"],
        ruleSource: a.rule_source,
        actor: nameOfKey(a.actor_key, usernames),
        riskSeverity: a.risk_severity as FixtureAlert["riskSeverity"],
        state: a.state as FixtureAlert["state"],
        ...(a.state_modified_at !== null ? { stateLastModifiedAt: a.state_modified_at } : {}),
        ...(a.state_modified_by !== null ? { stateLastModifiedBy: a.state_modified_by } : {}),
        createdAt: a.created_at,
        watchlists: JSON.parse(a.watchlists) as FixtureAlert["watchlists"],
        ...(a.session_id !== null ? { sessionId: a.session_id } : {}),
        fileEvents: (events.get(a.alert_id) ?? []) as FixtureAlert["fileEvents"],
        ...(notes.length ? { notes: notes.map((n) => ({ id: n.note_id, message: n.message, at: n.at, by: n.by })) } : {}),
      };
    });
  });
}

export class AlertLoadError extends Error {}

/**
 * Stores a fixture's alerts, sessions and candidates as given (ids, times, states), after the tenant's file events.
 * `uidOf` names a username's user (undefined: an alias no user has).
 */
export async function loadAlerts(db: Kysely<Database>, tenantUid: string, given: Partial<AlertsOfTenant>, uidOf: (actor: string) => Promise<string | undefined>, clock: Clock, ids: IdGenerator): Promise<void> {
  const now = clock.now();
  const times = async (eventIds: string[], where: string): Promise<Map<string, number>> => {
    const found = new Map<string, number>();
    for (const part of chunks(eventIds)) {
      const rows = await db.selectFrom("file_events").select(["event_id", "ts"]).where("tenant_uid", "=", tenantUid).where("event_id", "in", part).execute();
      for (const r of rows) found.set(r.event_id, Date.parse(r.ts));
    }
    const unknown = eventIds.filter((id) => !found.has(id));
    if (unknown.length) throw new AlertLoadError(`${where}: no file event ${unknown.join(", ")}`);
    return found;
  };
  const sessionStore = new SessionStore(db);
  const sessionIds = new Set<string>();
  for (const s of given.sessions ?? []) {
    const where = `session ${s.id}`;
    const at = await times(s.fileEvents, where);
    const ts = [...at.values()];
    const uid = (await uidOf(s.actor)) ?? null;
    await sessionStore.insert({
      tenant_uid: tenantUid,
      session_id: s.id,
      actor_key: keyOf(uid, s.actor),
      actor_uid: uid,
      actor_name: s.actor,
      begin_time: s.beginTime ?? (ts.length ? Math.min(...ts) : now),
      end_time: s.endTime ?? (ts.length ? Math.max(...ts) : now),
      first_observed: s.firstObserved ?? now,
      last_updated: s.lastUpdated ?? s.firstObserved ?? now,
      state: "OPEN",
      score: 0,
      ...NOTHING_KEPT,
    });
    sessionIds.add(s.id);
    await sessionStore.addEvents(tenantUid, s.id, s.fileEvents.map((eventId) => ({ eventId, ts: at.get(eventId)! })));
    for (const st of s.states ?? [{ state: "OPEN" as const, at: s.firstObserved ?? now }]) await sessionStore.addState(tenantUid, s.id, st.state, st.at, st.userId ?? null);
    for (const n of s.notes ?? []) await sessionStore.addNote({ tenant_uid: tenantUid, session_id: s.id, note_id: n.id ?? ids.uuid(), content: n.content, at: n.at, user_id: n.userId ?? null });
  }
  await sessionStore.refreshSums(tenantUid, [...sessionIds]);
  const alertStore = new AlertStore(db);
  const instant = (v: string, where: string) => {
    const t = alertTime(v);
    if (t === undefined) throw new AlertLoadError(`${where}: ${v} is not an ISO-8601 instant`);
    return t;
  };
  for (const a of given.alerts ?? []) {
    const id = a.id ?? ids.uuid();
    const where = `alert ${id}`;
    const at = await times(a.fileEvents, where);
    const ts = [...at.values()];
    if (a.sessionId !== undefined && !sessionIds.has(a.sessionId)) throw new AlertLoadError(`${where}: no session ${a.sessionId} in the fixture`);
    const uid = (await uidOf(a.actor)) ?? null;
    await alertStore.insert({
      tenant_uid: tenantUid,
      alert_id: id,
      rule_id: a.ruleId,
      rule_name: a.ruleName,
      rule_description: a.ruleDescription ?? "",
      rule_type: a.ruleType ?? "FED_COMPOSITE",
      rule_severity: a.ruleSeverity ?? "HIGH",
      rule_source: a.ruleSource ?? "Alerting",
      actor_key: keyOf(uid, a.actor),
      actor_uid: uid,
      actor_name: a.actor,
      risk_severity: a.riskSeverity ?? "NO_RISK_INDICATED",
      state: a.state ?? "OPEN",
      state_modified_at: a.stateLastModifiedAt === undefined ? null : instant(a.stateLastModifiedAt, where),
      state_modified_by: a.stateLastModifiedBy ?? null,
      created_at: a.createdAt === undefined ? alertTimeOf(now) : instant(a.createdAt, where),
      first_observed_at: Math.min(...ts),
      last_observed_at: Math.max(...ts),
      watchlists: JSON.stringify(a.watchlists ?? []),
      session_id: a.sessionId ?? null,
    });
    await alertStore.addEvents(tenantUid, id, a.fileEvents.map((eventId) => ({ eventId, ts: at.get(eventId)! })));
    if (a.riskSeverity === undefined) await alertStore.refreshRiskSeverity(tenantUid, id);
    for (const n of a.notes ?? []) await alertStore.addNote({ tenant_uid: tenantUid, alert_id: id, note_id: n.id ?? ids.uuid(), message: n.message, at: instant(n.at, where), by: n.by });
  }
  await sessionStore.refreshAlerts(tenantUid, [...sessionIds]);
  const byGroup = new Map<string, { ruleId: string; key: string; kept: { eventId: string; ts: number; size: number }[] }>();
  for (const c of given.alertCandidates ?? []) {
    await times([c.eventId], `alert candidate ${c.eventId}`);
    const key = keyOf((await uidOf(c.actor)) ?? null, c.actor);
    const group = byGroup.get(`${c.ruleId}\u0000${key}`) ?? { ruleId: c.ruleId, key, kept: [] };
    group.kept.push({ eventId: c.eventId, ts: c.at, size: c.size ?? 0 });
    byGroup.set(`${c.ruleId}\u0000${key}`, group);
  }
  for (const g of byGroup.values()) await alertStore.replaceCandidates(tenantUid, g.ruleId, g.key, g.kept);
}
