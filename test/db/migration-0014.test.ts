// Migration 0014 turns the profiles' risk factors into inclusions in the watchlists of their names: rows written
// before it runs (profiles with factors, a tenant that has one of those watchlists already) come through it in the
// order each profile lists them, and the profile's copy the legacy wire reads follows the watchlists after it.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0014", (engine) => {
  it("moves each profile's risk factors, in order, to the watchlists of their names, whose triggers keep the profile's copy", async () => {
    const { raw, migrator, close } = await databaseAt("0013_actors", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      await raw.exec(`insert into orgs (tenant_uid, org_uid, org_guid, org_name, active, blocked, type, classification, registration_key, creation_date, modification_date)
        values ('t', 'o', 'og', 'Org', 1, 0, 'ENTERPRISE', 'BASIC', 'k', '2026-01-01', '2026-01-01')`);
      for (const [uid, name] of [["u1", "ann"], ["u2", "ben"], ["u3", "cy"]] as const)
        await raw.exec(`insert into users (tenant_uid, user_uid, org_id, username, first_name, active, blocked, invited, password_reset, email_promo, quota_in_bytes, creation_date, modification_date)
          values ('t', '${uid}', 1, '${name}', '${name.toUpperCase()}', 1, 0, 0, 0, 0, -1, '2026-01-01', '2026-01-01')`);
      await raw.exec(`insert into detection_profiles (tenant_uid, user_uid, notes, risk_factors, cloud_usernames, scim, created_at, end_date) values
        ('t', 'u1', null, '["PERFORMANCE_CONCERNS","FLIGHT_RISK"]', '[]', '{}', '2026-01-02T10:00:00.000Z', '2026-06-30'),
        ('t', 'u2', null, '["FLIGHT_RISK"]', '[]', '{}', '2026-01-03T10:00:00.000Z', null),
        ('t', 'u3', null, '[]', '[]', '{}', '2026-01-04T10:00:00.000Z', null)`);
      // The tenant has a FLIGHT_RISK watchlist already (made through the gateway): the factor joins it.
      await raw.exec(`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at) values ('t', 'w-flight', 'FLIGHT_RISK', '2026-01-01T00:00:00.0000000Z')`);
      await raw.exec(`insert into file_exposure_events (tenant_uid, user_uid, occurred_at, bytes) values ('t', 'u1', '2026-01-05T00:00:00.000Z', 40)`);

      const { error } = await migrator.migrateTo("0014_risk_factor_watchlists");
      expect(error).toBeUndefined();
      expect(await raw.all("select list_type, created_at from watchlists where tenant_uid = 't' order by list_type")).toEqual([
        { list_type: "FLIGHT_RISK", created_at: "2026-01-01T00:00:00.0000000Z" },
        { list_type: "PERFORMANCE_CONCERNS", created_at: "2026-01-02T10:00:00.000Z" },
      ]);
      expect(
        (await raw.all(`select w.list_type, i.user_uid, i.created_at, i.departure_date, i.display_name, i.num_events, i.total_bytes
             from watchlist_users i join watchlists w using (tenant_uid, watchlist_id) order by i.rowid`)),
      ).toEqual([
        { list_type: "PERFORMANCE_CONCERNS", user_uid: "u1", created_at: "2026-01-02T10:00:00.0000000Z", departure_date: "2026-06-30", display_name: "ANN", num_events: 1, total_bytes: 40 },
        { list_type: "FLIGHT_RISK", user_uid: "u1", created_at: "2026-01-02T10:00:00.0000000Z", departure_date: "2026-06-30", display_name: "ANN", num_events: 1, total_bytes: 40 },
        { list_type: "FLIGHT_RISK", user_uid: "u2", created_at: "2026-01-03T10:00:00.0000000Z", departure_date: null, display_name: "BEN", num_events: 0, total_bytes: 0 },
      ]);
      expect((await raw.all<{ entries: number }>("select entries from watchlist_user_counts where watchlist_id = 'w-flight'"))[0]?.entries).toBe(2);
      // The profiles' copy: as it was, and kept by the triggers from now on.
      const factors = () => raw.all("select user_uid, risk_factors from detection_profiles order by user_uid");
      expect(await factors()).toEqual([
        { user_uid: "u1", risk_factors: '["PERFORMANCE_CONCERNS","FLIGHT_RISK"]' },
        { user_uid: "u2", risk_factors: '["FLIGHT_RISK"]' },
        { user_uid: "u3", risk_factors: "[]" },
      ]);
      await raw.exec(`delete from watchlist_users where user_uid = 'u1' and watchlist_id = 'w-flight'`);
      await raw.exec(`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, display_name) values ('t', 'w-flight', 'u3', '2026-02-01T00:00:00.0000000Z', 'CY')`);
      expect(await factors()).toEqual([
        { user_uid: "u1", risk_factors: '["PERFORMANCE_CONCERNS"]' },
        { user_uid: "u2", risk_factors: '["FLIGHT_RISK"]' },
        { user_uid: "u3", risk_factors: '["FLIGHT_RISK"]' },
      ]);
    } finally {
      await close();
    }
  });
});
