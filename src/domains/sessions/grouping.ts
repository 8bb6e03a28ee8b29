// Which session an alerted event joins. A session is one actor's alerted activity with no gap longer than SESSION_GAP_MS
// between events (the emulator's choice: Code42 states no rule; the gap is the default alert window, so one window's
// alert never spans two sessions): an event within the gap of one of the actor's sessions extends it (the one that ends latest) (its begin or
// end moves, its score is the highest event score), otherwise it opens a new OPEN session. New data on a closed
// session reopens it: the system appends OPEN_NEW_DATA to its states.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { NOTHING_KEPT, SessionStore, type NewSessionRow } from "./store.js";

export const SESSION_GAP_MS = 60 * 60_000;

export interface AlertedEvents {
  actor: { key: string; uid: string | null; name: string };
  events: { eventId: string; ts: number }[];
}

const CLOSED = new Set(["CLOSED", "CLOSED_TP", "CLOSED_FP", "CLOSED_TP_BENIGN"]);

/** Places each actor's alerted events of a batch in sessions; answers the session of each event. */
export async function placeInSessions(db: Kysely<Database>, tenantUid: string, ids: IdGenerator, now: number, batch: AlertedEvents[]): Promise<Map<string, string>> {
  const store = new SessionStore(db);
  const sessionOf = new Map<string, string>();
  for (const { actor, events } of batch) {
    const sorted = [...new Map(events.map((e) => [e.eventId, e])).values()].sort((a, b) => a.ts - b.ts);
    if (!sorted.length) continue;
    // The actor's sessions the batch's events may join, and those it opens.
    const known: NewSessionRow[] = await store.near(tenantUid, actor.key, sorted[0]!.ts - SESSION_GAP_MS, sorted.at(-1)!.ts + SESSION_GAP_MS);
    const joined = new Map<string, { row: NewSessionRow; isNew: boolean; events: { eventId: string; ts: number }[] }>();
    const reaches = (k: NewSessionRow, ts: number) => ts >= k.begin_time - SESSION_GAP_MS && ts <= k.end_time + SESSION_GAP_MS;
    // The events come in time order, so of the sessions this batch opens only the last can still reach an event.
    let opened: NewSessionRow | undefined;
    for (const e of sorted) {
      let current = [...known, ...(opened ? [opened] : [])].filter((k) => reaches(k, e.ts)).sort((a, b) => b.end_time - a.end_time)[0];
      if (!current) {
        current = {
          tenant_uid: tenantUid,
          session_id: ids.uuid(),
          actor_key: actor.key,
          actor_uid: actor.uid,
          actor_name: actor.name,
          begin_time: e.ts,
          end_time: e.ts,
          first_observed: now,
          last_updated: now,
          state: "OPEN",
          score: 0,
          ...NOTHING_KEPT,
        };
        joined.set(current.session_id, { row: current, isNew: true, events: [] });
        opened = current;
      }
      const s = current;
      s.begin_time = Math.min(s.begin_time, e.ts);
      s.end_time = Math.max(s.end_time, e.ts);
      s.last_updated = now;
      const entry = joined.get(s.session_id) ?? { row: s, isNew: false, events: [] };
      entry.events.push(e);
      joined.set(s.session_id, entry);
      sessionOf.set(e.eventId, s.session_id);
    }
    for (const { row, isNew, events: added } of joined.values()) {
      if (isNew) {
        await store.insert(row);
        await store.addState(tenantUid, row.session_id, "OPEN", now, null);
      } else {
        await store.update(tenantUid, row.session_id, { begin_time: row.begin_time, end_time: row.end_time, last_updated: now });
        if (CLOSED.has(row.state)) await store.addState(tenantUid, row.session_id, "OPEN_NEW_DATA", now, null);
      }
      await store.addEvents(tenantUid, row.session_id, added);
    }
  }
  await store.refreshSums(tenantUid, [...new Set(sessionOf.values())]);
  return sessionOf;
}
