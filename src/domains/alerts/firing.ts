// The alert engine: every batch of file events stored (a fixture's, the control plane's, generated ones) is handed to
// it, event by event, inside the batch's transaction. Per enabled rule of the tenant that matches an event, the event
// extends the actor's latest alert of that rule that is not resolved when it falls within the rule's window of that
// alert's first observed event, or raises a new alert; a rule with volume thresholds raises only once the matching
// events of one window exceed them, and keeps the events that have not yet as candidates. Every alerted event also
// joins the actor's session (sessions/grouping.ts). Events stored before a rule existed, or while it was disabled,
// are never judged again. A tenant without enabled rules costs one query per batch.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { completeEvent } from "../fileevents/shape.js";
import { UserStore } from "../users/store.js";
import { WATCHLIST_NAMES, type BuiltInType } from "../watchlists/service.js";
import { WatchlistStore } from "../watchlists/store.js";
import { placeInSessions } from "../sessions/grouping.js";
import { SessionStore } from "../sessions/store.js";
import { enabledFiringRules, type FiringActor, type FiringRule } from "./firing-rules.js";
import type { AlertWatchlist } from "./records.js";
import { AlertStore, type AlertRow } from "./store.js";
import { alertTimeOf } from "./time.js";

type Event = Record<string, unknown>;

interface Actor extends FiringActor {
  key: string;
  uid: string | null;
  watchlists: { id: string; name: string; type: string }[];
}

interface Matched {
  eventId: string;
  ts: number;
  size: number;
}

export class AlertFiring {
  private readonly actors = new Map<string, Actor>();
  /** Matches per rule and actor, in the order judged. */
  private readonly matched = new Map<string, { rule: FiringRule; actor: Actor; events: Matched[] }>();

  private constructor(
    private readonly db: Kysely<Database>,
    private readonly tenantUid: string,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: FiringRule[],
  ) {}

  /** The engine for one batch, or null when the tenant has no enabled rule (then nothing is judged). */
  static async open(db: Kysely<Database>, tenantUid: string, clock: Clock, ids: IdGenerator): Promise<AlertFiring | null> {
    const rules = await enabledFiringRules(db, tenantUid);
    return rules.length ? new AlertFiring(db, tenantUid, clock, ids, rules) : null;
  }

  /** Judges one stored event (as stored: sparse) of the tenant's user `userUid` (null: no user of the tenant). */
  async judge(stored: Event, userUid: string | null): Promise<void> {
    const event = completeEvent(stored);
    const actor = await this.actorOf(event, userUid);
    if (!actor) return;
    let matched: Matched | undefined;
    for (const rule of this.rules) {
      if (!rule.matches(event, actor)) continue;
      if (!matched) {
        const size = ((event.file ?? {}) as Event).sizeInBytes;
        matched = { eventId: String(((event.event ?? {}) as Event).id), ts: Date.parse(String(event["@timestamp"])), size: typeof size === "number" ? size : 0 };
      }
      const key = `${rule.id}\u0000${actor.key}`;
      const group = this.matched.get(key) ?? { rule, actor, events: [] };
      group.events.push(matched);
      this.matched.set(key, group);
    }
  }

  /** Raises and extends the batch's alerts and sessions. */
  async flush(): Promise<void> {
    if (!this.matched.size) return;
    const store = new AlertStore(this.db);
    const now = this.clock.now();
    const created = await this.creationTimes(store, now);
    /** The alerted events of this batch per actor, for the sessions. */
    const alerted = new Map<string, { actor: Actor; events: (Matched & { alertId: string })[] }>();
    const touched = new Map<string, AlertRow>();
    for (const { rule, actor, events } of this.matched.values()) {
      events.sort((a, b) => a.ts - b.ts || a.eventId.localeCompare(b.eventId));
      let current = await store.latestUnresolved(this.tenantUid, rule.id, actor.key);
      if (current && touched.has(current.alert_id)) current = touched.get(current.alert_id)!;
      const within = (a: AlertRow | undefined, ts: number) => a !== undefined && ts >= a.first_observed_at && ts < a.first_observed_at + rule.windowMs;
      const raise = (first: Matched): AlertRow => ({
        tenant_uid: this.tenantUid,
        alert_id: this.ids.uuid(),
        rule_id: rule.id,
        rule_name: rule.name,
        rule_description: rule.description,
        rule_type: rule.type,
        rule_severity: rule.severity,
        rule_source: rule.source,
        actor_key: actor.key,
        actor_uid: actor.uid,
        actor_name: actor.username,
        risk_severity: "NO_RISK_INDICATED",
        state: "OPEN",
        state_modified_at: null,
        state_modified_by: null,
        created_at: created(),
        first_observed_at: first.ts,
        last_observed_at: first.ts,
        watchlists: JSON.stringify(actor.watchlists.map((w): AlertWatchlist => ({ ...w, isSignificant: rule.watchlistIds.includes(w.id) }))),
        session_id: null,
      });
      const add = (alert: AlertRow, e: Matched) => {
        alert.last_observed_at = Math.max(alert.last_observed_at, e.ts);
        touched.set(alert.alert_id, alert);
        const forActor = alerted.get(actor.key) ?? { actor, events: [] };
        forActor.events.push({ ...e, alertId: alert.alert_id });
        alerted.set(actor.key, forActor);
      };
      const fresh = new Set<string>();
      const pending: Matched[] = [];
      for (const e of events) {
        if (within(current, e.ts)) add(current!, e);
        else if (rule.thresholds) pending.push(e);
        else {
          current = raise(e);
          fresh.add(current.alert_id);
          add(current, e);
        }
      }
      if (rule.thresholds) {
        // The candidates kept from earlier batches with this batch's: a window from the earliest whose events exceed
        // the thresholds raises an alert of them; a window that cannot any more (later events lie beyond it) drops
        // its first event.
        const known = await store.candidates(this.tenantUid, rule.id, actor.key);
        const seen = new Set(pending.map((p) => p.eventId));
        let queue = [...known.filter((k) => !seen.has(k.event_id)).map((k) => ({ eventId: k.event_id, ts: k.ts, size: k.size })), ...pending].sort((a, b) => a.ts - b.ts);
        const t = rule.thresholds;
        const exceeds = (w: Matched[]) => {
          const count = t.count === null ? null : w.length > t.count;
          const size = t.size === null ? null : w.reduce((n, x) => n + x.size, 0) > t.size;
          if (count === null) return size === true;
          if (size === null) return count;
          return t.operator === "AND" ? count && size : count || size;
        };
        while (queue.length) {
          const start = queue[0]!.ts;
          const window = queue.filter((q) => q.ts < start + rule.windowMs);
          if (exceeds(window)) {
            current = raise(window[0]!);
            fresh.add(current.alert_id);
            for (const e of window) add(current, e);
            queue = queue.slice(window.length);
          } else if (window.length < queue.length) queue = queue.slice(1);
          else break;
        }
        await store.replaceCandidates(this.tenantUid, rule.id, actor.key, queue);
      }
      for (const id of fresh) await store.insert(touched.get(id)!);
    }
    // The sessions the alerted events fall in, then each alert's events and times.
    const sessionOf = await placeInSessions(this.db, this.tenantUid, this.ids, now, [...alerted.values()].map(({ actor, events }) => ({ actor: { key: actor.key, uid: actor.uid, name: actor.username }, events })));
    for (const { events } of alerted.values())
      for (const e of events) {
        const alert = touched.get(e.alertId)!;
        alert.session_id ??= sessionOf.get(e.eventId) ?? null;
      }
    const byAlert = new Map<string, Matched[]>();
    for (const { events } of alerted.values())
      for (const e of events) {
        const list = byAlert.get(e.alertId);
        if (list) list.push(e);
        else byAlert.set(e.alertId, [e]);
      }
    for (const [alertId, events] of byAlert) {
      const a = touched.get(alertId)!;
      await store.addEvents(this.tenantUid, alertId, events);
      await store.update(this.tenantUid, alertId, { last_observed_at: a.last_observed_at, session_id: a.session_id });
      await store.refreshRiskSeverity(this.tenantUid, alertId);
    }
    await new SessionStore(this.db).refreshAlerts(this.tenantUid, [...new Set(sessionOf.values())]);
  }

  /**
   * Creation times for the alerts raised now: the clock's millisecond, a counter in the microseconds after it (so
   * alerts raised at one instant still sort, and code42cli's checkpoints, which keep microseconds, tell them apart).
   */
  private async creationTimes(store: AlertStore, now: number): Promise<() => string> {
    const latest = await store.latestCreatedIn(this.tenantUid, alertTimeOf(now).slice(0, 23));
    let next = latest === undefined ? 0 : Number(latest.slice(23, 26)) + 1;
    return () => alertTimeOf(now, Math.min(next++, 999));
  }

  /** The actor an event names, looked up once per batch: the tenant's user, else the alias it gives. */
  private async actorOf(event: Event, userUid: string | null): Promise<Actor | undefined> {
    const user = (event.user ?? {}) as Event;
    const alias = typeof user.email === "string" && user.email !== "" ? user.email.toLowerCase() : null;
    const key = userUid ?? (alias === null ? null : `alias:${alias}`);
    if (key === null) return undefined;
    let actor = this.actors.get(key);
    if (!actor) {
      if (userUid !== null) {
        const username = (await new UserStore(this.db).usernames(this.tenantUid, [userUid])).get(userUid);
        const { rows } = await new WatchlistStore(this.db).page(this.tenantUid, 1000, 0, userUid);
        const watchlists = rows.map((w) => ({ id: w.watchlist_id, name: w.title ?? WATCHLIST_NAMES[w.list_type as BuiltInType] ?? w.list_type, type: w.list_type === "CUSTOM" ? "WATCHLIST_TYPE_UNSPECIFIED" : w.list_type }));
        actor = { key, uid: userUid, userUid, username: username ?? alias ?? userUid, watchlistIds: new Set(watchlists.map((w) => w.id)), watchlists };
      } else actor = { key, uid: null, userUid: "", username: alias!, watchlistIds: new Set(), watchlists: [] };
      this.actors.set(key, actor);
    }
    return actor;
  }
}
