// Migration 0036 keeps a session's alerts on its row: filled, in the order they were raised, for the sessions there
// before it; a session without alerts keeps none.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0036", (engine) => {
  it("fills each session's alerts in the order they were raised", async () => {
    const { raw, migrator, close } = await databaseAt("0035_included_usernames", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      for (const id of ["s1", "s2"])
        await raw.run(`insert into sessions (tenant_uid, session_id, actor_key, actor_name, begin_time, end_time, first_observed, last_updated, state, score) values ('t', ?, 'a', 'ann', 1, 2, 1, 2, 'OPEN', 0)`, id);
      // Raised: b, then a and c at one instant (by id); another session's alert between them.
      for (const [id, created, session] of [["c", "2026-01-02T00:00:00.000Z", "s1"], ["a", "2026-01-02T00:00:00.000Z", "s1"], ["x", "2026-01-01T12:00:00.000Z", null], ["b", "2026-01-01T00:00:00.000Z", "s1"]] as const)
        await raw.run(
          `insert into alerts (tenant_uid, alert_id, rule_id, rule_name, rule_description, rule_type, rule_severity, rule_source, actor_key, actor_name, risk_severity, state, created_at, first_observed_at, last_observed_at, watchlists, session_id)
           values ('t', ?, ?, ?, '', 'FED_COMPOSITE', 'HIGH', 'Alerting', 'a', 'ann', 'LOW', 'OPEN', ?, 1, 2, '[]', ?)`,
          id,
          `rule-${id}`,
          `Rule "${id}"`,
          created,
          session,
        );

      const { error } = await migrator.migrateTo("0036_session_triggered_alerts");
      expect(error).toBeUndefined();
      const kept = await raw.all<{ session_id: string; triggered_alerts: string }>("select session_id, triggered_alerts from sessions order by session_id");
      expect(kept.map((r) => [r.session_id, JSON.parse(r.triggered_alerts)])).toEqual([
        ["s1", ["b", "a", "c"].map((id) => ({ alertId: id, ruleId: `rule-${id}`, ruleName: `Rule "${id}"` }))],
        ["s2", []],
      ]);
    } finally {
      await close();
    }
  });
});
