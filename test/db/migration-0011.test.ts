// Migration 0011 moves the departing list's departure dates onto the profiles (their end dates) and keeps the entry's
// copy true by a trigger: rows written before it runs come through it, and a later change of the end date shows on
// the entry.
import { sql } from "kysely";
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0011", (engine) => {
  it("carries departure dates to the profiles' end dates, and the trigger copies later changes to the entry", async () => {
    const { raw, db, migrator, close } = await databaseAt("0010_scim_ownership", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      await raw.exec(`insert into orgs (tenant_uid, org_uid, org_guid, org_name, active, blocked, type, classification, registration_key, creation_date, modification_date)
        values ('t', 'o', 'og', 'Org', 1, 0, 'ENTERPRISE', 'BASIC', 'k', '2026-01-01', '2026-01-01')`);
      for (const [uid, name] of [["u1", "ann"], ["u2", "ben"]] as const)
        await raw.exec(`insert into users (tenant_uid, user_uid, org_id, username, active, blocked, invited, password_reset, email_promo, quota_in_bytes, creation_date, modification_date)
          values ('t', '${uid}', 1, '${name}', 1, 0, 0, 0, 0, -1, '2026-01-01', '2026-01-01')`);
      for (const uid of ["u1", "u2"])
        await raw.exec(`insert into detection_profiles (tenant_uid, user_uid, notes, risk_factors, cloud_usernames, scim, created_at) values ('t', '${uid}', null, '[]', '[]', '{}', '2026-01-01')`);
      await raw.exec(`insert into detection_list_entries (tenant_uid, list, user_uid, created_at, departure_date, display_name, num_events, total_bytes)
        values ('t', 'DEPARTING_EMPLOYEE', 'u1', '2026-01-02', '2026-03-31', 'ann', 0, 0), ('t', 'HIGH_RISK_EMPLOYEE', 'u2', '2026-01-02', null, 'ben', 0, 0)`);

      const { error } = await migrator.migrateTo("0011_profile_dates");
      expect(error).toBeUndefined();
      const endDates = await raw.all("select user_uid, start_date, end_date from detection_profiles order by user_uid");
      expect(endDates).toEqual([
        { user_uid: "u1", start_date: null, end_date: "2026-03-31" },
        { user_uid: "u2", start_date: null, end_date: null },
      ]);
      await sql`update detection_profiles set end_date = '2026-04-15' where user_uid = 'u1'`.execute(db);
      await sql`update detection_profiles set end_date = '2026-05-01' where user_uid = 'u2'`.execute(db);
      expect(await raw.all("select user_uid, list, departure_date from detection_list_entries order by user_uid")).toEqual([
        { user_uid: "u1", list: "DEPARTING_EMPLOYEE", departure_date: "2026-04-15" },
        // Only the departing list has a departure date.
        { user_uid: "u2", list: "HIGH_RISK_EMPLOYEE", departure_date: null },
      ]);
    } finally {
      await close();
    }
  });
});
