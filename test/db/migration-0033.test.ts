// Migration 0033 keeps a session's sums on it (sessions.sums): sessions held before are summed from their events as
// stored, in their events' time order, and a session without events gets empty sums.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0033", (engine) => {
  it("sums each session's events held before", async () => {
    const { raw, migrator, close } = await databaseAt("0032_file_event_key", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const event = (id: string, ts: number, risk: Record<string, unknown>, size?: number) =>
        raw.run(
          `insert into file_events (tenant_uid, event_id, ts, inserted, user_email, event_json, exposure, size_bytes, risk_score) values ('t', ?, ?, ?, 'ann@example.com', ?, 0, 0, 0)`,
          id,
          new Date(ts).toISOString(),
          new Date(ts).toISOString(),
          JSON.stringify({ event: { id }, risk, ...(size === undefined ? {} : { file: { sizeInBytes: size } }) }),
        );
      await event("e1", 2000, { score: 9, severity: "HIGH", indicators: [{ id: "Zip", name: "Zip", weight: 4 }, { name: "Off hours", weight: 5 }] }, 100);
      await event("e2", 1000, { indicators: [{ name: "Off hours", weight: 2 }] }, 30);
      await event("e3", 3000, {});
      const session = (id: string) =>
        raw.run(
          `insert into sessions (tenant_uid, session_id, actor_key, actor_uid, actor_name, begin_time, end_time, first_observed, last_updated, state, score) values ('t', ?, 'ann', null, 'ann@example.com', 1000, 3000, 1, 1, 'OPEN', 0)`,
          id,
        );
      for (const id of ["s1", "s2", "s3"]) await session(id);
      for (const [s, e, ts] of [["s1", "e1", 2000], ["s1", "e2", 1000], ["s2", "e3", 3000]] as const)
        await raw.run(`insert into session_events (tenant_uid, session_id, event_id, ts) values ('t', ?, ?, ?)`, s, e, ts);

      const { error } = await migrator.migrateTo("0033_session_sums");
      expect(error).toBeUndefined();
      const sums = new Map((await raw.all<{ session_id: string; sums: string }>("select session_id, sums from sessions")).map((r) => [r.session_id, JSON.parse(r.sums)]));
      expect(sums.get("s1")).toEqual({
        counts: { noRisk: 0, low: 1, moderate: 0, high: 1, critical: 0 },
        // e2 came first: its indicator first, its weight kept.
        riskIndicators: [
          { id: "Off hours", name: "Off hours", weight: 2, eventCount: 2 },
          { id: "Zip", name: "Zip", weight: 4, eventCount: 1 },
        ],
        fileCount: 2,
        totalFileSize: 130,
      });
      expect(sums.get("s2")).toEqual({ counts: { noRisk: 1, low: 0, moderate: 0, high: 0, critical: 0 }, riskIndicators: [], fileCount: 1, totalFileSize: 0 });
      expect(sums.get("s3")).toEqual({ counts: { noRisk: 0, low: 0, moderate: 0, high: 0, critical: 0 }, riskIndicators: [], fileCount: 0, totalFileSize: 0 });
    } finally {
      await close();
    }
  });
});
