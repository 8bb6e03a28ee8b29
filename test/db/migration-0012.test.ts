// Migration 0012 moves the detection lists' entries to the included users of per-tenant watchlists: rows written by
// the schema before it (entries on both lists in two tenants, the counts the old triggers kept, an alert setting of a
// list without entries) come through it, the old tables and triggers go, and the new triggers keep the rows true.
import { databaseAt, describeEachEngine, type Raw } from "../helpers/migrations.js";


const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const at = (day: string) => `2026-${day}T09:00:00.0000000Z`;

/**
 * Tenant A and tenant B (a copy of A would share user uids, so B's users reuse A's uids) have entries on both lists;
 * tenant C has only an alert setting of the high-risk list; tenant D has nothing on any list.
 */
async function writeOldRows(raw: Raw) {
  const tenants = [
    ["ta", "2026-01-01T00:00:00.000Z", 1],
    ["tb", "2026-02-01T00:00:00.000Z", 2],
    ["tc", "2026-03-01T00:00:00.000Z", 3],
    ["td", "2026-04-01T00:00:00.000Z", 4],
  ] as const;
  for (const [tenant, created, orgId] of tenants) {
    await raw.run("insert into tenants (tenant_uid, name, registration_key, created_at) values (?, ?, ?, ?)", tenant, tenant.toUpperCase(), `key-${tenant}`, created);
    await raw.run(
      `insert into orgs (org_id, tenant_uid, org_uid, org_guid, org_name, active, blocked, type, classification, registration_key, creation_date, modification_date)
       values (?, ?, ?, ?, 'Org', 1, 0, 'ENTERPRISE', 'BASIC', 'k', '2026-01-01', '2026-01-01')`,
      orgId, tenant, `o-${tenant}`, `og-${tenant}`,
    );
  }
  const users = [
    // tenant, uid, org, username, first, last, profile end date
    ["ta", "u1", 1, "ann@example.com", "Ann", "Adams", "2026-03-31"],
    ["ta", "u2", 1, "ben@example.com", "Ben", "Brown", "2026-06-30"],
    ["ta", "u3", 1, "cat@example.com", null, null, null],
    ["tb", "u1", 2, "dan@example.com", "Dan", "Dune", "2026-04-30"],
    ["tb", "u2", 2, "eve@example.com", "Eve", "Evans", null],
    ["tc", "u1", 3, "fay@example.com", "Fay", "Fox", null],
  ] as const;
  for (const [tenant, uid, orgId, username, first, last, endDate] of users) {
    await raw.run(
      `insert into users (tenant_uid, user_uid, org_id, username, first_name, last_name, active, blocked, invited, password_reset, email_promo, quota_in_bytes, creation_date, modification_date)
       values (?, ?, ?, ?, ?, ?, 1, 0, 0, 0, 0, -1, '2026-01-01', '2026-01-01')`,
      tenant, uid, orgId, username, first, last,
    );
    await raw.run(
      `insert into detection_profiles (tenant_uid, user_uid, notes, risk_factors, cloud_usernames, scim, created_at, start_date, end_date) values (?, ?, null, '[]', ?, '{}', '2026-01-01T00:00:00.000Z', null, ?)`,
      tenant, uid, JSON.stringify([username]), endDate,
    );
  }
  // As the lists' store wrote an entry: the display name and (departing only, since 0011) the profile's end date copied.
  const entry = (...params: unknown[]) => raw.run(
    `insert into detection_list_entries (tenant_uid, list, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
     select p.tenant_uid, ?, p.user_uid, ?, case when ? = 'DEPARTING_EMPLOYEE' then p.end_date end, u.display_name, 0, 0
     from detection_profiles p join users u on u.tenant_uid = p.tenant_uid and u.user_uid = p.user_uid where p.tenant_uid = ? and p.user_uid = ?`,
    ...params,
  );
  const entries = [
    ["ta", "DEPARTING_EMPLOYEE", "u1", at("01-05")],
    ["ta", "DEPARTING_EMPLOYEE", "u2", at("01-03")],
    ["ta", "HIGH_RISK_EMPLOYEE", "u2", at("01-04")],
    ["ta", "HIGH_RISK_EMPLOYEE", "u1", at("01-07")],
    ["ta", "HIGH_RISK_EMPLOYEE", "u3", at("01-06")],
    ["tb", "DEPARTING_EMPLOYEE", "u1", at("02-02")],
    ["tb", "HIGH_RISK_EMPLOYEE", "u1", at("02-03")],
    ["tb", "HIGH_RISK_EMPLOYEE", "u2", at("02-04")],
  ] as const;
  for (const [tenant, list, uid, created] of entries) await entry(list, created, list, tenant, uid);
  // A removal, so the counts are what the triggers kept rather than the first inserts.
  await raw.exec(`delete from detection_list_entries where tenant_uid = 'ta' and list = 'HIGH_RISK_EMPLOYEE' and user_uid = 'u1'`);
  // Exposure events after the entries: the old trigger added them to the entries' totals.
  const event = (...params: unknown[]) => raw.run("insert into file_exposure_events (tenant_uid, user_uid, occurred_at, bytes) values (?, ?, ?, ?)", ...params);
  await event("ta", "u2", "2026-01-10T00:00:00.000Z", 100);
  await event("ta", "u2", "2026-01-11T00:00:00.000Z", 250);
  await event("tb", "u1", "2026-02-10T00:00:00.000Z", 7);
  // An alert setting of a list with entries, and one of a list without any.
  await raw.exec(`insert into detection_list_settings (tenant_uid, list, alerts_enabled) values ('ta', 'DEPARTING_EMPLOYEE', 1), ('tc', 'HIGH_RISK_EMPLOYEE', 0)`);
}

type Row = Record<string, unknown>;

describeEachEngine("migration 0012", (engine) => {
  it("moves each list's entries, unchanged, to the included users of one watchlist per tenant and list, with their counts", async () => {
    const { raw, migrator, objects, close } = await databaseAt("0011_profile_dates", engine);
    try {
      await writeOldRows(raw);
      expect(await raw.all("select tenant_uid, list, entries from detection_list_counts order by tenant_uid, list")).toEqual([
        { tenant_uid: "ta", list: "DEPARTING_EMPLOYEE", entries: 2 },
        { tenant_uid: "ta", list: "HIGH_RISK_EMPLOYEE", entries: 2 },
        { tenant_uid: "tb", list: "DEPARTING_EMPLOYEE", entries: 1 },
        { tenant_uid: "tb", list: "HIGH_RISK_EMPLOYEE", entries: 2 },
      ]);
      const entries = (await raw.all("select tenant_uid, list, user_uid, created_at, departure_date, display_name, num_events, total_bytes from detection_list_entries order by tenant_uid, list, user_uid")) as Row[];
      // The rows are what the old schema kept: a check of the setup, not of the migration.
      expect(entries.find((e) => e.tenant_uid === "ta" && e.list === "DEPARTING_EMPLOYEE" && e.user_uid === "u2")).toMatchObject({ departure_date: "2026-06-30", display_name: "Ben Brown", num_events: 2, total_bytes: 350 });
      expect(entries.find((e) => e.tenant_uid === "ta" && e.list === "HIGH_RISK_EMPLOYEE" && e.user_uid === "u2")).toMatchObject({ departure_date: null, num_events: 2, total_bytes: 350 });

      const { error } = await migrator.migrateTo("0012_watchlists");
      expect(error).toBeUndefined();

      const watchlists = (await raw.all("select tenant_uid, watchlist_id, list_type, title, description, created_at from watchlists order by tenant_uid, list_type")) as Row[];
      expect(watchlists.map(({ watchlist_id: _, ...w }) => w)).toEqual([
        // A list with entries and an alert setting was in use since the tenant was made.
        { tenant_uid: "ta", list_type: "DEPARTING_EMPLOYEE", title: null, description: null, created_at: "2026-01-01T00:00:00.000Z" },
        { tenant_uid: "ta", list_type: "HIGH_RISK_EMPLOYEE", title: null, description: null, created_at: at("01-04") },
        { tenant_uid: "tb", list_type: "DEPARTING_EMPLOYEE", title: null, description: null, created_at: at("02-02") },
        { tenant_uid: "tb", list_type: "HIGH_RISK_EMPLOYEE", title: null, description: null, created_at: at("02-03") },
        { tenant_uid: "tc", list_type: "HIGH_RISK_EMPLOYEE", title: null, description: null, created_at: "2026-03-01T00:00:00.000Z" },
      ]);
      for (const w of watchlists) expect(w.watchlist_id).toMatch(UUID);
      expect(new Set(watchlists.map((w) => w.watchlist_id)).size).toBe(watchlists.length);

      const included = (await raw.all(`select i.tenant_uid, w.list_type as list, i.user_uid, i.created_at, i.departure_date, i.display_name, i.num_events, i.total_bytes
           from watchlist_users i join watchlists w on w.tenant_uid = i.tenant_uid and w.watchlist_id = i.watchlist_id order by i.tenant_uid, w.list_type, i.user_uid`));
      expect(included).toEqual(entries);

      const counts = async () =>
        (await raw.all(`select w.tenant_uid, w.list_type, coalesce(c.entries, 0) as entries,
               (select count(*) from watchlist_users i where i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id) as rows
             from watchlists w left join watchlist_user_counts c on c.tenant_uid = w.tenant_uid and c.watchlist_id = w.watchlist_id order by w.tenant_uid, w.list_type`));
      expect(await counts()).toEqual([
        { tenant_uid: "ta", list_type: "DEPARTING_EMPLOYEE", entries: 2, rows: 2 },
        { tenant_uid: "ta", list_type: "HIGH_RISK_EMPLOYEE", entries: 2, rows: 2 },
        { tenant_uid: "tb", list_type: "DEPARTING_EMPLOYEE", entries: 1, rows: 1 },
        { tenant_uid: "tb", list_type: "HIGH_RISK_EMPLOYEE", entries: 2, rows: 2 },
        { tenant_uid: "tc", list_type: "HIGH_RISK_EMPLOYEE", entries: 0, rows: 0 },
      ]);

      const { tables: names, triggers } = await objects();
      expect(names).not.toContain("detection_list_entries");
      expect(names).not.toContain("detection_list_counts");
      // No trigger of the old tables is left (one left behind would fail every write it fires on).
      expect(triggers.filter((name) => name.startsWith("detection_"))).toEqual([]);
      for (const table of ["watchlists", "watchlist_users", "watchlist_user_counts", "watchlist_excluded_users", "watchlist_departments", "watchlist_groups"]) expect(names).toContain(table);
      // The alert settings stay where they were.
      expect(await raw.all("select tenant_uid, list, alerts_enabled from detection_list_settings order by tenant_uid")).toEqual([
        { tenant_uid: "ta", list: "DEPARTING_EMPLOYEE", alerts_enabled: 1 },
        { tenant_uid: "tc", list: "HIGH_RISK_EMPLOYEE", alerts_enabled: 0 },
      ]);
    } finally {
      await close();
    }
  });

  it("after it, the new triggers keep every watchlist row of a user true, within the user's tenant, and keep the counts", async () => {
    const { raw, migrator, close } = await databaseAt("0011_profile_dates", engine);
    try {
      await writeOldRows(raw);
      // Up to the last migration that keeps exposure events in their own table (0019 moves them to file_events).
      const { error } = await migrator.migrateTo("0017_file_events");
      expect(error).toBeUndefined();
      const idOf = async (tenant: string, type: string) => ((await raw.all("select watchlist_id from watchlists where tenant_uid = ? and list_type = ?", tenant, type))[0] as { watchlist_id: string }).watchlist_id;
      const rowsOf = async (tenant: string, uid: string) =>
        (await raw.all(`select w.list_type, i.departure_date, i.display_name, i.num_events, i.total_bytes
             from watchlist_users i join watchlists w on w.tenant_uid = i.tenant_uid and w.watchlist_id = i.watchlist_id
             where i.tenant_uid = ? and i.user_uid = ? order by w.list_type`, tenant, uid));
      const otherTenantBefore = [await rowsOf("tb", "u1"), await rowsOf("tb", "u2")];

      // A rename shows on each of the user's rows.
      await raw.exec(`update users set first_name = 'Benjamin' where tenant_uid = 'ta' and user_uid = 'u2'`);
      await raw.exec(`update users set username = 'cathy@example.com' where tenant_uid = 'ta' and user_uid = 'u3'`);
      // An exposure event adds to the user's totals.
      await raw.exec(`insert into file_exposure_events (tenant_uid, user_uid, occurred_at, bytes) values ('ta', 'u2', '2026-05-01T00:00:00.000Z', 1000)`);
      await raw.exec(`insert into file_exposure_events (tenant_uid, user_uid, occurred_at, bytes) values ('ta', 'u1', '2026-05-01T00:00:00.000Z', 5)`);
      // The profile's end date is the departure date of each of the user's rows.
      await raw.exec(`update detection_profiles set end_date = '2026-05-15' where tenant_uid = 'ta' and user_uid = 'u2'`);
      await raw.exec(`update detection_profiles set end_date = null where tenant_uid = 'ta' and user_uid = 'u1'`);

      expect(await rowsOf("ta", "u1")).toEqual([{ list_type: "DEPARTING_EMPLOYEE", departure_date: null, display_name: "Ann Adams", num_events: 1, total_bytes: 5 }]);
      expect(await rowsOf("ta", "u2")).toEqual([
        { list_type: "DEPARTING_EMPLOYEE", departure_date: "2026-05-15", display_name: "Benjamin Brown", num_events: 3, total_bytes: 1350 },
        { list_type: "HIGH_RISK_EMPLOYEE", departure_date: "2026-05-15", display_name: "Benjamin Brown", num_events: 3, total_bytes: 1350 },
      ]);
      expect(await rowsOf("ta", "u3")).toEqual([{ list_type: "HIGH_RISK_EMPLOYEE", departure_date: null, display_name: "cathy@example.com", num_events: 0, total_bytes: 0 }]);
      // Tenant B's users with the same uids are left alone.
      expect([await rowsOf("tb", "u1"), await rowsOf("tb", "u2")]).toEqual(otherTenantBefore);

      const count = async (tenant: string, type: string) =>
        ((await raw.all("select entries from watchlist_user_counts where tenant_uid = ? and watchlist_id = ?", tenant, await idOf(tenant, type)))[0] as { entries: number } | undefined)?.entries ?? 0;
      const include = async (...params: unknown[]) => raw.run(
        `insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
         select tenant_uid, ?, user_uid, '2026-06-01T00:00:00.0000000Z', null, display_name, 0, 0 from users where tenant_uid = ? and user_uid = ?`,
        ...params,
      );
      // Into the watchlist made for an alert setting alone (it has no count yet), and into one with entries.
      await include(await idOf("tc", "HIGH_RISK_EMPLOYEE"), "tc", "u1");
      await include(await idOf("ta", "HIGH_RISK_EMPLOYEE"), "ta", "u1");
      expect([await count("tc", "HIGH_RISK_EMPLOYEE"), await count("ta", "HIGH_RISK_EMPLOYEE")]).toEqual([1, 3]);
      await raw.run("delete from watchlist_users where tenant_uid = 'ta' and watchlist_id = ? and user_uid in ('u1', 'u2')", await idOf("ta", "DEPARTING_EMPLOYEE"));
      await raw.run("delete from watchlist_users where tenant_uid = 'tc' and watchlist_id = ?", await idOf("tc", "HIGH_RISK_EMPLOYEE"));
      expect([await count("ta", "DEPARTING_EMPLOYEE"), await count("ta", "HIGH_RISK_EMPLOYEE"), await count("tb", "DEPARTING_EMPLOYEE"), await count("tb", "HIGH_RISK_EMPLOYEE"), await count("tc", "HIGH_RISK_EMPLOYEE")]).toEqual([0, 3, 1, 2, 0]);
    } finally {
      await close();
    }
  });
});
