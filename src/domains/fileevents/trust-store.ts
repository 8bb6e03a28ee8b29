// File events' trust kept true to the tenant's trusted activities: the list an ingest marks events by, and every event
// marked again when the list changes. The event JSON and the `trusted` column change together, in place (only
// risk.trusted, risk.trustReason and risk.untrustedValues), a chunk of events per statement. The update finds its
// rows by rowid (read with them): joined on the key instead, SQLite's planner, which has no statistics, scans the
// tenant's events once per changed event (the "+" keeps it off that plan). PostgreSQL has no json_patch, and jsonb
// would reorder the event's keys: there the fields are read as json (which keeps them as written) and the changed
// events are merged in JavaScript as json_patch merges them, each written back whole.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { trustedValues } from "../trustedactivities/store.js";
import { markTrust, trustList, trustOf, type TrustList } from "./trust.js";

type Event = Record<string, unknown>;

/** Stored untrusted values without their empty lists, null when none is left. */
function nonEmpty(values: unknown): Event | null {
  if (!values || typeof values !== "object") return null;
  const kept = Object.entries(values).filter(([, v]) => !Array.isArray(v) || v.length);
  return kept.length ? Object.fromEntries(kept) : null;
}

/** Events read (and at most written) per statement: small enough that other requests get turns between chunks. */
const CHUNK = 2000;

/** The fields retrust reads of an event (TrustRow.parts), in that order. */
const PARTS = [["event", "action"], ["event", "observer"], ["event", "shareType"], ["destination"], ["git", "repositoryUri"], ["risk", "trusted"], ["risk", "trustReason"], ["risk", "untrustedValues"]];

/**
 * RFC 7396 merge as SQLite's json_patch does it: a key the target holds keeps its place, a new one comes last, a null
 * takes the key out. Changes `target` (an object) in place.
 */
function mergePatch(target: Event, patch: Event): Event {
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else if (typeof v === "object" && !Array.isArray(v)) {
      const t = target[k];
      target[k] = mergePatch(t !== null && typeof t === "object" && !Array.isArray(t) ? (t as Event) : {}, v as Event);
    } else target[k] = v;
  }
  return target;
}

interface TrustUpdate {
  rid: number;
  id: string;
  trusted: boolean;
  reason: string | null;
  untrusted: unknown;
}

interface TrustRow {
  rid: number;
  event_id: string;
  /** [event.action, event.observer, event.shareType, destination, git.repositoryUri, risk.trusted, risk.trustReason, risk.untrustedValues]: one parse of the event's JSON, not one per field. */
  parts: string;
}

export class FileEventTrustStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(tenantUid: string): Promise<TrustList> {
    return trustList(await trustedValues(this.db, tenantUid));
  }

  /**
   * Marks each of the tenant's events as the list now trusts it; answers how many changed. Pages by event id and reads
   * the list for each page, so an event ingested meanwhile (which its ingest marks by the list as it then is) and a
   * second change of the list while this runs both end marked by the latest list.
   */
  async retrust(tenantUid: string): Promise<number> {
    let changed = 0;
    for (let after = ""; ; ) {
      const list = await this.list(tenantUid);
      const { rows } = isPostgres(this.db)
        ? await sql<TrustRow>`select rid, event_id, json_build_array(${sql.join(PARTS.map((p) => sql`j #> ${p}`))})::text as parts
            from (select rowid as rid, event_id, event_json::json as j from file_events
              where tenant_uid = ${tenantUid} and event_id > ${after} order by event_id limit ${CHUNK}) f order by event_id`.execute(this.db)
        : await sql<TrustRow>`select rowid as rid, event_id,
          json_extract(event_json, '$.event.action', '$.event.observer', '$.event.shareType', '$.destination', '$.git.repositoryUri', '$.risk.trusted', '$.risk.trustReason', '$.risk.untrustedValues') as parts
        from file_events where tenant_uid = ${tenantUid} and event_id > ${after} order by event_id limit ${CHUNK}`.execute(this.db);
      if (!rows.length) return changed;
      after = rows[rows.length - 1]!.event_id;
      const updates: TrustUpdate[] = [];
      for (const r of rows) {
        const [action, observer, shareType, destination, repositoryUri, trusted, trustReason, untrustedValues] = JSON.parse(r.parts) as unknown[];
        const event = { event: { action, observer, shareType }, destination, git: { repositoryUri }, risk: { trusted, trustReason } };
        const now: Event = {};
        markTrust(now, trustOf(event, list));
        if (!("trusted" in now)) continue;
        const untrusted = now.untrustedValues ?? null;
        // Stored as ingest marks (sparse); an event stored whole before that compares by its non-empty lists too.
        if (now.trusted === trusted && (now.trustReason ?? null) === trustReason && JSON.stringify(untrusted) === JSON.stringify(nonEmpty(untrustedValues))) continue;
        updates.push({ rid: r.rid, id: r.event_id, trusted: now.trusted as boolean, reason: (now.trustReason as string | undefined) ?? null, untrusted });
      }
      if (!updates.length) continue;
      changed += updates.length;
      if (isPostgres(this.db)) {
        await this.pgUpdate(tenantUid, updates);
        continue;
      }
      // Merged in as ingest stores it: a null (no reason, no untrusted values) takes its key out; kept as JSONB.
      await sql`update file_events set
          event_json = jsonb_patch(jsonb_remove(event_json, '$.risk.untrustedValues'),
            json_object('risk', json_object('trusted', json(u.value -> '$.trusted'), 'trustReason', u.value -> '$.reason', 'untrustedValues', u.value -> '$.untrusted'))),
          trusted = u.value ->> '$.trusted'
        from json_each(${JSON.stringify(updates)}) as u
        where file_events.rowid = u.value ->> '$.rid' and +file_events.tenant_uid = ${tenantUid} and +file_events.event_id = u.value ->> '$.id'`.execute(this.db);
    }
  }

  /** PostgreSQL's update of a chunk: SQLite's merge made in JavaScript on the events read whole, written back as text. */
  private async pgUpdate(tenantUid: string, updates: TrustUpdate[]): Promise<void> {
    const { rows } = await sql<{ rid: number; event_json: string }>`select rowid as rid, event_json from file_events
      where rowid = any(${updates.map((u) => u.rid)}) and tenant_uid = ${tenantUid}`.execute(this.db);
    const held = new Map(rows.map((r) => [Number(r.rid), r.event_json]));
    const written = updates.flatMap((u) => {
      const json = held.get(u.rid);
      if (json === undefined) return [];
      const e = JSON.parse(json) as Event;
      const risk = e.risk;
      if (risk !== null && typeof risk === "object" && !Array.isArray(risk)) delete (risk as Event).untrustedValues;
      mergePatch(e, { risk: { trusted: u.trusted, trustReason: u.reason, untrustedValues: u.untrusted as Event | null } });
      return [{ rid: u.rid, id: u.id, json: JSON.stringify(e), trusted: Number(u.trusted) }];
    });
    await sql`update file_events set event_json = u.value ->> 'json', trusted = (u.value ->> 'trusted')::int
      from jsonb_array_elements(${JSON.stringify(written)}::jsonb) as u (value)
      where file_events.rowid = (u.value ->> 'rid')::bigint and file_events.tenant_uid = ${tenantUid} and file_events.event_id = u.value ->> 'id'`.execute(this.db);
  }
}
