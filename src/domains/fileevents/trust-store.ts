// File events' trust kept true to the tenant's trusted activities: the list an ingest marks events by, and every event
// marked again when the list changes. The event JSON and the `trusted` column change together, in place (json_set:
// only risk.trusted, risk.trustReason and risk.untrustedValues), a chunk of events per statement. The update finds its
// rows by rowid (read with them): joined on the key instead, SQLite's planner, which has no statistics, scans the
// tenant's events once per changed event (the "+" keeps it off that plan).
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { trustedValues } from "../trustedactivities/store.js";
import { trustList, trustOf, type TrustList } from "./trust.js";

/** Events read (and at most written) per statement: small enough that other requests get turns between chunks. */
const CHUNK = 2000;

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
      const { rows } = await sql<TrustRow>`select rowid as rid, event_id,
          json_extract(event_json, '$.event.action', '$.event.observer', '$.event.shareType', '$.destination', '$.git.repositoryUri', '$.risk.trusted', '$.risk.trustReason', '$.risk.untrustedValues') as parts
        from file_events where tenant_uid = ${tenantUid} and event_id > ${after} order by event_id limit ${CHUNK}`.execute(this.db);
      if (!rows.length) return changed;
      after = rows[rows.length - 1]!.event_id;
      const updates: { rid: number; id: string; trusted: boolean; reason: string | null; untrusted: unknown }[] = [];
      for (const r of rows) {
        const [action, observer, shareType, destination, repositoryUri, trusted, trustReason, untrustedValues] = JSON.parse(r.parts) as unknown[];
        const event = { event: { action, observer, shareType }, destination, git: { repositoryUri }, risk: { trusted, trustReason } };
        const now = trustOf(event, list);
        if (!now) continue;
        if (now.trusted === trusted && now.trustReason === trustReason && JSON.stringify(now.untrustedValues) === JSON.stringify(untrustedValues)) continue;
        updates.push({ rid: r.rid, id: r.event_id, trusted: now.trusted, reason: now.trustReason, untrusted: now.untrustedValues });
      }
      if (!updates.length) continue;
      await sql`update file_events set
          event_json = json_set(event_json, '$.risk.trusted', json(u.value -> '$.trusted'), '$.risk.trustReason', u.value ->> '$.reason', '$.risk.untrustedValues', json(u.value -> '$.untrusted')),
          trusted = u.value ->> '$.trusted'
        from json_each(${JSON.stringify(updates)}) as u
        where file_events.rowid = u.value ->> '$.rid' and +file_events.tenant_uid = ${tenantUid} and +file_events.event_id = u.value ->> '$.id'`.execute(this.db);
      changed += updates.length;
    }
  }
}
