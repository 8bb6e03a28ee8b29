// Migration 0032 makes a file event's key (tenant, event id) a unique index instead of the table's primary key, so a
// bulk load can build it after its rows. On SQLite the table is made again: the events held must come through it
// with their rowids (the order they were stored in), the indexes and the exposure trigger with them, and the key
// must still refuse a second event of one id in a tenant.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0032", (engine) => {
  it("keeps the events, their order, indexes and trigger, and the key still refuses an id held", async () => {
    const { raw, migrator, objects, close } = await databaseAt("0031_list_orders", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01'), ('u', 'U', 'l', '2026-01-01')`);
      const insert = (tenant: string, id: string, exposure = 0) =>
        raw.run(
          `insert into file_events (tenant_uid, event_id, ts, inserted, user_email, event_json, exposure, size_bytes) values (?, ?, '2026-01-08T00:00:00.000Z', '2026-01-08T00:00:00.000Z', 'ann@example.com', ?, ?, 10)`,
          tenant,
          id,
          JSON.stringify({ event: { id } }),
          exposure,
        );
      // Stored out of their ids' order, so the rowids are not the key's order.
      for (const id of ["c", "a", "b"]) await insert("t", id);
      const read = () => raw.all<{ rowid: number; tenant_uid: string; event_id: string; event_json: string }>("select rowid, tenant_uid, event_id, event_json from file_events order by rowid");
      const held = await read();
      const indexes = () =>
        raw.all<{ name: string }>(
          engine === "sqlite"
            ? "select name from sqlite_master where type = 'index' and tbl_name = 'file_events' and sql is not null order by name"
            : "select indexname as name from pg_indexes where tablename = 'file_events' and indexname <> 'file_events_rowid' order by indexname",
        );
      const before = (await indexes()).map((i) => i.name);

      const { error } = await migrator.migrateTo("0032_file_event_key");
      expect(error).toBeUndefined();
      expect(await read()).toEqual(held);
      expect((await indexes()).map((i) => i.name)).toEqual([...before.filter((n) => n !== "file_events_pk"), "file_events_key"].sort());
      expect((await objects()).triggers).toContain("watchlist_users_exposure");

      await expect(insert("t", "a")).rejects.toThrow(/unique|duplicate key/i);
      await insert("u", "a");
      await insert("t", "d", 1);
      expect((await read()).map((r) => [r.tenant_uid, r.event_id])).toEqual([["t", "c"], ["t", "a"], ["t", "b"], ["u", "a"], ["t", "d"]]);
    } finally {
      await close();
    }
  });
});
