// Migration 0039 keeps the rule names of a session's alerts beside them, in the order the alerts were raised; a
// session without alerts keeps an empty list.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0039", (engine) => {
  it("fills each session's alerts' rule names in their order", async () => {
    const { raw, migrator, close } = await databaseAt("0038_session_lists_written", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const alerts = [
        { alertId: "b", lessonId: null, ruleId: "r-2", ruleName: 'Rule "two"' },
        { alertId: "a", lessonId: null, ruleId: "r-1", ruleName: "Rule one" },
        { alertId: "c", lessonId: null, ruleId: "r-2", ruleName: 'Rule "two"' },
      ];
      const insert = `insert into sessions (tenant_uid, session_id, actor_key, actor_name, begin_time, end_time, first_observed, last_updated, state, score, triggered_alerts) values ('t', ?, 'a', 'ann', 1, 2, 1, 2, 'OPEN', 0, ?)`;
      await raw.run(insert, "s1", JSON.stringify(alerts));
      await raw.run(insert, "s2", "[]");

      const { error } = await migrator.migrateTo("0039_session_rule_names");
      expect(error).toBeUndefined();
      const kept = await raw.all<{ session_id: string; alert_rule_names: string }>("select session_id, alert_rule_names from sessions order by session_id");
      expect(kept.map((r) => [r.session_id, JSON.parse(r.alert_rule_names)])).toEqual([
        ["s1", ['Rule "two"', "Rule one", 'Rule "two"']],
        ["s2", []],
      ]);
    } finally {
      await close();
    }
  });
});
