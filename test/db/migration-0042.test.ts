// Migration 0042 keeps each session's summaries on its row: the sessions there before it get them as the domain's
// rule writes them (its alerts' rules once each, in the order their first alert was raised; one or many of each;
// a session without alerts), and lose the rule names they kept for them.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";
import { summaryColumns } from "../../src/domains/sessions/summaries.js";

describeEachEngine("migration 0042", (engine) => {
  it("writes each session's summaries as the rule does", async () => {
    const { raw, migrator, close } = await databaseAt("0041_included_list_keys", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const alert = (id: string, ruleName: string) => ({ alertId: id, lessonId: null, ruleId: `r-${ruleName}`, ruleName });
      const sessions = [
        { id: "s1", actor: 'ann "a" o\'neil', files: 3, bytes: 4096, alerts: [alert("b", 'Rule "two", late'), alert("a", "Rule one"), alert("c", 'Rule "two", late')] },
        { id: "s2", actor: "bob", files: 1, bytes: 1, alerts: [alert("d", "Rule one")] },
        { id: "s3", actor: "cy", files: 0, bytes: 0, alerts: [] },
      ];
      for (const s of sessions) {
        await raw.run(
          `insert into sessions (tenant_uid, session_id, actor_key, actor_name, begin_time, end_time, first_observed, last_updated, state, score, file_count, total_file_size, triggered_alerts, alert_rule_names)
            values ('t', ?, 'a', ?, 1, 2, 1, 2, 'OPEN', 0, ?, ?, ?, ?)`,
          s.id, s.actor, s.files, s.bytes, JSON.stringify(s.alerts), JSON.stringify(s.alerts.map((a) => a.ruleName)),
        );
      }

      const { error } = await migrator.migrateTo("0042_session_summaries");
      expect(error).toBeUndefined();
      const rows = await raw.all<{ session_id: string; context_summary: string; exfiltration_summary: string }>("select * from sessions order by session_id");
      expect(rows.map((r) => [r.context_summary, r.exfiltration_summary])).toEqual(
        sessions.map((s) => Object.values(summaryColumns({ actor_name: s.actor, file_count: s.files, total_file_size: s.bytes, triggered_alerts: JSON.stringify(s.alerts) }))),
      );
      expect(rows[0]!.context_summary).toBe(`ann "a" o'neil: 3 file events in 3 alerts (Rule "two", late, Rule one)`);
      expect(rows[1]).toMatchObject({ context_summary: "bob: 1 file event in 1 alert (Rule one)", exfiltration_summary: "1 file, 1 bytes" });
      expect(rows[2]!.context_summary).toBe("cy: 0 file events in 0 alerts ()");
      expect(rows.every((r) => !("alert_rule_names" in r))).toBe(true);
    } finally {
      await close();
    }
  });
});
