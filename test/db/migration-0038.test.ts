// Migration 0038 rewrites the lists a session keeps on its row (migration 0036) as the gateway writes them: the same
// records in the same order, each with the gateway's keys in its order; a session without any keeps empty lists.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0038", (engine) => {
  it("keeps each session's alerts, states and notes in the gateway's form and order", async () => {
    const { raw, migrator, close } = await databaseAt("0037_file_events_jsonb", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const alerts = ["b", "a"].map((id) => ({ alertId: id, ruleId: `rule-${id}`, ruleName: `Rule "${id}"` }));
      const states = [
        { state: "OPEN", sourceTimestamp: 10, userId: null },
        { state: "IN_PROGRESS", sourceTimestamp: 20, userId: "u-1" },
      ];
      const notes = [
        { id: "n-1", content: 'first "quoted"\n', sourceTimestamp: 5, userId: "u-1" },
        { id: "n-2", content: "later", sourceTimestamp: 30, userId: null },
      ];
      const insert = `insert into sessions (tenant_uid, session_id, actor_key, actor_name, begin_time, end_time, first_observed, last_updated, state, score, triggered_alerts, state_history, notes)
        values ('t', ?, 'a', 'ann', 1, 2, 1, 2, 'OPEN', 0, ?, ?, ?)`;
      await raw.run(insert, "s1", JSON.stringify(alerts), JSON.stringify(states), JSON.stringify(notes));
      await raw.run(insert, "s2", "[]", "[]", "[]");

      const { error } = await migrator.migrateTo("0038_session_lists_written");
      expect(error).toBeUndefined();
      const kept = await raw.all<{ session_id: string; triggered_alerts: string; state_history: string; notes: string }>("select session_id, triggered_alerts, state_history, notes from sessions order by session_id");
      // SQLite's text is what a page copies, byte for byte; PostgreSQL's is read as JSON (its page reads the tables).
      const form = engine === "sqlite" ? (r: (typeof kept)[number]) => [r.session_id, r.triggered_alerts, r.state_history, r.notes] : (r: (typeof kept)[number]) => [r.session_id, ...[r.triggered_alerts, r.state_history, r.notes].map((t) => JSON.stringify(JSON.parse(t)))];
      expect(kept.map(form)).toEqual([
        [
          "s1",
          JSON.stringify(alerts.map((a) => ({ alertId: a.alertId, lessonId: null, ruleId: a.ruleId, ruleName: a.ruleName }))),
          JSON.stringify([
            { sourceTimestamp: 10, state: "OPEN", stateV2: "OPEN" },
            { sourceTimestamp: 20, state: "IN_PROGRESS", stateV2: "IN_PROGRESS", userId: "u-1" },
          ]),
          JSON.stringify(notes.map((n) => ({ content: n.content, id: n.id, sourceTimestamp: n.sourceTimestamp, userId: n.userId }))),
        ],
        ["s2", "[]", "[]", "[]"],
      ]);
    } finally {
      await close();
    }
  });
});
