// Migration 0019 makes the legacy lists' exposure events file events: rows written before it (exposures of two users
// on a list, a file event taken in already) come through it as complete v2 events of their users, with the entries'
// totals unchanged, and after it a file event that is an exposure adds to them while one that is not leaves them.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0019", (engine) => {
  it("moves each exposure event to file_events, fills the new columns of events held already, and counts new exposures", async () => {
    const { raw, migrator, objects, close } = await databaseAt("0017_file_events", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      await raw.exec(`insert into orgs (tenant_uid, org_uid, org_guid, org_name, active, blocked, type, classification, registration_key, creation_date, modification_date)
        values ('t', 'o', 'og', 'Org', 1, 0, 'ENTERPRISE', 'BASIC', 'k', '2026-01-01', '2026-01-01')`);
      for (const [uid, name, email] of [["u1", "ann@example.com", null], ["u2", "ben", "ben@example.com"]] as const)
        await raw.exec(`insert into users (tenant_uid, user_uid, org_id, username, email, first_name, active, blocked, invited, password_reset, email_promo, quota_in_bytes, creation_date, modification_date)
          values ('t', '${uid}', 1, '${name}', ${email === null ? "null" : `'${email}'`}, 'X', 1, 0, 0, 0, 0, -1, '2026-01-01', '2026-01-01')`);
      await raw.exec(`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at) values ('t', 'w', 'DEPARTING_EMPLOYEE', '2026-01-01T00:00:00.000Z')`);
      for (const uid of ["u1", "u2"])
        await raw.exec(`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, display_name) values ('t', 'w', '${uid}', '2026-01-01T00:00:00.000Z', 'X')`);
      await raw.exec(`insert into file_exposure_events (tenant_uid, user_uid, occurred_at, bytes) values
        ('t', 'u1', '2026-01-05T00:00:00.000Z', 40), ('t', 'u1', '2026-01-06T00:00:00.000Z', 2), ('t', 'u2', '2026-01-07T00:00:00.000Z', 7)`);
      // Taken in by 0017's emulator: Ben's sync-app upload, named by his e-mail only.
      const held = { "@timestamp": "2026-01-08T00:00:00.000Z", event: { id: "held-1", action: "sync-app-created" }, user: { email: "BEN@example.com" }, file: { sizeInBytes: 1000 } };
      await raw.exec(`insert into file_events (tenant_uid, event_id, ts, inserted, user_email, action, event_json)
        values ('t', 'held-1', '2026-01-08T00:00:00.000Z', '2026-01-08T00:00:00.000Z', 'BEN@example.com', 'sync-app-created', '${JSON.stringify(held)}')`);
      const totals = () => raw.all("select user_uid, num_events, total_bytes from watchlist_users order by user_uid");
      const before = await totals();
      expect(before).toEqual([
        { user_uid: "u1", num_events: 2, total_bytes: 42 },
        { user_uid: "u2", num_events: 1, total_bytes: 7 },
      ]);

      const { error } = await migrator.migrateTo("0019_exposures_are_file_events");
      expect(error).toBeUndefined();
      expect((await objects()).tables).not.toContain("file_exposure_events");
      // Moving them counts nothing twice; the event held already was not counted by 0017 and is not now.
      expect(await totals()).toEqual(before);
      const rows = (await raw.all("select event_id, ts, user_email, action, destination_category, user_uid, exposure, size_bytes, event_json from file_events order by ts")) as Record<string, unknown>[];
      expect(rows.map(({ event_id, event_json, ...r }) => r)).toEqual([
        { ts: "2026-01-05T00:00:00.000Z", user_email: "ann@example.com", action: "removable-media-created", destination_category: "Removable Media", user_uid: "u1", exposure: 1, size_bytes: 40 },
        { ts: "2026-01-06T00:00:00.000Z", user_email: "ann@example.com", action: "removable-media-created", destination_category: "Removable Media", user_uid: "u1", exposure: 1, size_bytes: 2 },
        { ts: "2026-01-07T00:00:00.000Z", user_email: "ben@example.com", action: "removable-media-created", destination_category: "Removable Media", user_uid: "u2", exposure: 1, size_bytes: 7 },
        { ts: "2026-01-08T00:00:00.000Z", user_email: "BEN@example.com", action: "sync-app-created", destination_category: null, user_uid: "u2", exposure: 1, size_bytes: 1000 },
      ]);
      const moved = JSON.parse(rows[0]!.event_json as string);
      expect(moved.event).toMatchObject({ id: rows[0]!.event_id, action: "removable-media-created", vector: "REMOVABLE_MEDIA_OUT", observer: "Endpoint", shareType: [] });
      expect(moved.user).toEqual({ email: "ann@example.com", id: "u1", deviceUid: null });
      // Complete: every key of the v2 shape, null or [] where empty.
      expect(moved.file.hash).toEqual({ md5: null, sha256: null, md5Error: null, sha256Error: null });
      expect(rows[0]!.event_id).toMatch(/^0_[0-9a-f-]{36}_u1_0_0$/);

      const insert = (id: string, action: string, bytes: number) =>
        raw.exec(`insert into file_events (tenant_uid, event_id, ts, inserted, event_json, user_uid, exposure, size_bytes)
          values ('t', '${id}', '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z', '{}', 'u1', ${Number(action !== "file-created")}, ${bytes})`);
      await insert("new-exposure", "removable-media-created", 100);
      await insert("new-other", "file-created", 5000);
      expect(await totals()).toEqual([
        { user_uid: "u1", num_events: 3, total_bytes: 142 },
        { user_uid: "u2", num_events: 1, total_bytes: 7 },
      ]);
    } finally {
      await close();
    }
  });
});
