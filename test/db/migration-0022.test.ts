// Migration 0022 stores file events as given: an event held complete (every key of the v2 shape, null or [] where
// empty) comes through it without its nulls and empty lists, lists of objects whole, and pages answer it complete.
import { completeEvent } from "../../src/domains/fileevents/shape.js";
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0022", (engine) => {
  it("rewrites complete events without their empty keys, lists of objects kept whole", async () => {
    const { raw, migrator, close } = await databaseAt("0021_file_event_user_order", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      const given = {
        "@timestamp": "2026-01-08T00:00:00.000Z",
        event: { id: "held-1", action: "file-uploaded", inserted: "2026-01-08T00:00:00.000Z" },
        user: { email: "ann@example.com" },
        destination: { category: "Cloud Storage", tabs: [{ title: "Box", url: "https://app.box.com/" }] },
        risk: { score: 0, trusted: false, indicators: [] },
      };
      const held = completeEvent(given);
      const insert = (...params: unknown[]) => raw.run(`insert into file_events (tenant_uid, event_id, ts, inserted, event_json) values ('t', ?, '2026-01-08T00:00:00.000Z', '2026-01-08T00:00:00.000Z', ?)`, ...params);
      await insert("held-1", JSON.stringify(held));
      await insert("held-2", JSON.stringify(completeEvent({ event: { id: "held-2" } })));

      const { error } = await migrator.migrateTo("0022_sparse_file_events");
      expect(error).toBeUndefined();
      const stored = (await raw.all<{ event_json: string }>("select event_json from file_events order by event_id")).map((r) => JSON.parse(r.event_json));
      expect(stored).toEqual([
        {
          "@timestamp": "2026-01-08T00:00:00.000Z",
          event: { id: "held-1", action: "file-uploaded", inserted: "2026-01-08T00:00:00.000Z" },
          user: { email: "ann@example.com" },
          destination: { category: "Cloud Storage", tabs: [{ title: "Box", titleError: null, url: "https://app.box.com/", urlError: null }] },
          // false and 0 are values; an empty list is not.
          risk: { score: 0, trusted: false },
        },
        { event: { id: "held-2" } },
      ]);
      expect(completeEvent(stored[0])).toEqual(held);
    } finally {
      await close();
    }
  });
});
