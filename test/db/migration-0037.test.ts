// Migration 0037 converts the file events SQLite held as text into JSONB, the same JSON read back; PostgreSQL keeps
// its text as it was.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0037", (engine) => {
  it("holds each event's JSON as JSONB on SQLite, the same JSON read back", async () => {
    const { raw, migrator, close } = await databaseAt("0036_session_kept_lists", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const events = [
        { "@timestamp": "2026-01-08T00:00:00.000Z", event: { id: "held-1", action: "file-uploaded" }, file: { name: "résumé \"final\"\n.pdf", sizeInBytes: 12 }, risk: { score: 0, trusted: false } },
        { event: { id: "held-2" } },
      ];
      for (const e of events)
        await raw.run(`insert into file_events (tenant_uid, event_id, ts, inserted, event_json) values ('t', ?, '2026-01-08T00:00:00.000Z', '2026-01-08T00:00:00.000Z', ?)`, e.event.id, JSON.stringify(e));

      const { error } = await migrator.migrateTo("0037_file_events_jsonb");
      expect(error).toBeUndefined();
      const read = engine === "sqlite" ? "typeof(event_json) as kind, json(event_json) as text" : "'text' as kind, event_json as text";
      const stored = await raw.all<{ kind: string; text: string }>(`select ${read} from file_events order by event_id`);
      expect(stored).toEqual(events.map((e) => ({ kind: engine === "sqlite" ? "blob" : "text", text: JSON.stringify(e) })));
    } finally {
      await close();
    }
  });
});
