// Migration 0036 keeps a session's alerts, states and notes on its row: filled, each list in its order, for the
// sessions there before it; a session without any keeps empty lists.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0036", (engine) => {
  it("fills each session's alerts in the order they were raised, its states and its notes", async () => {
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

      // States by position (inserted out of order); notes by time, then as they were added.
      for (const [position, at, state, user] of [[1, 20, "IN_PROGRESS", "u-1"], [0, 10, "OPEN", null]] as const)
        await raw.run(`insert into session_states (tenant_uid, session_id, position, at, state, user_id) values ('t', 's1', ?, ?, ?, ?)`, position, at, state, user);
      for (const [id, at, content] of [["n-2", 30, "later"], ["n-1", 5, 'first "quoted"'], ["n-3", 30, "later, added last"]] as const)
        await raw.run(`insert into session_notes (tenant_uid, session_id, note_id, content, at, user_id) values ('t', 's1', ?, ?, ?, 'u-1')`, id, content, at);

      const { error } = await migrator.migrateTo("0036_session_kept_lists");
      expect(error).toBeUndefined();
      const kept = await raw.all<{ session_id: string; triggered_alerts: string; state_history: string; notes: string }>("select session_id, triggered_alerts, state_history, notes from sessions order by session_id");
      expect(kept.map((r) => [r.session_id, JSON.parse(r.triggered_alerts), JSON.parse(r.state_history), JSON.parse(r.notes)])).toEqual([
        [
          "s1",
          ["b", "a", "c"].map((id) => ({ alertId: id, ruleId: `rule-${id}`, ruleName: `Rule "${id}"` })),
          [
            { state: "OPEN", sourceTimestamp: 10, userId: null },
            { state: "IN_PROGRESS", sourceTimestamp: 20, userId: "u-1" },
          ],
          [
            { id: "n-1", content: 'first "quoted"', sourceTimestamp: 5, userId: "u-1" },
            { id: "n-2", content: "later", sourceTimestamp: 30, userId: "u-1" },
            { id: "n-3", content: "later, added last", sourceTimestamp: 30, userId: "u-1" },
          ],
        ],
        ["s2", [], [], []],
      ]);
    } finally {
      await close();
    }
  });
});
