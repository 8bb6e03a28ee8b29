// Migration 0034 keeps a session's sums in columns of its row instead of one JSON document (0033): each count, the
// files and bytes, and the risk indicators as a JSON list with each indicator's keys in the order the gateway writes
// them; a session without sums keeps zeros and no indicator.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0034", (engine) => {
  it("moves each session's sums into its columns", async () => {
    const { raw, migrator, close } = await databaseAt("0033_session_sums", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const session = (id: string, sums: object | null) =>
        raw.run(
          `insert into sessions (tenant_uid, session_id, actor_key, actor_uid, actor_name, begin_time, end_time, first_observed, last_updated, state, score, sums) values ('t', ?, 'ann', null, 'ann@example.com', 1000, 3000, 1, 1, 'OPEN', 0, ?)`,
          id,
          sums === null ? null : JSON.stringify(sums),
        );
      // As 0033 wrote them: each indicator's keys in the order it was made.
      await session("s1", {
        counts: { noRisk: 1, low: 2, moderate: 3, high: 4, critical: 5 },
        riskIndicators: [
          { id: "Off hours", name: 'Off "hours"', weight: 2.5, eventCount: 2 },
          { id: "Zip", name: "Zip", weight: 4, eventCount: 1 },
        ],
        fileCount: 15,
        totalFileSize: 130,
      });
      await session("s2", null);

      const { error } = await migrator.migrateTo("0034_session_sum_columns");
      expect(error).toBeUndefined();
      const rows = await raw.all<Record<string, unknown>>("select * from sessions order by session_id");
      expect(rows.map((r) => "sums" in r)).toEqual([false, false]);
      const columns = (r: Record<string, unknown>) => [r.no_risk_events, r.low_events, r.moderate_events, r.high_events, r.critical_events, r.file_count, r.total_file_size].map(Number);
      expect(rows.map(columns)).toEqual([
        [1, 2, 3, 4, 5, 15, 130],
        [0, 0, 0, 0, 0, 0, 0],
      ]);
      const indicators = JSON.parse(rows[0]!.risk_indicators as string) as Record<string, unknown>[];
      expect(indicators).toEqual([
        { eventCount: 2, id: "Off hours", name: 'Off "hours"', weight: 2.5 },
        { eventCount: 1, id: "Zip", name: "Zip", weight: 4 },
      ]);
      expect(indicators.map((i) => Object.keys(i))).toEqual([["eventCount", "id", "name", "weight"], ["eventCount", "id", "name", "weight"]]);
      // SQLite's page copies the list as it is: JSON.stringify's text.
      if (engine === "sqlite") expect(rows[0]!.risk_indicators).toBe(JSON.stringify(indicators));
      expect(rows[1]!.risk_indicators).toBe("[]");
    } finally {
      await close();
    }
  });
});
