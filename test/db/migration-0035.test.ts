// Migration 0035 keeps an included user's username on its row: filled from the user for the rows there before it,
// and kept by the trigger that keeps the display name when the user is renamed.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0035", (engine) => {
  it("fills each included user's username, and a rename changes it", async () => {
    const { raw, migrator, close } = await databaseAt("0034_session_sum_columns", engine);
    try {
      await raw.exec(`insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', '2026-01-01')`);
      await raw.exec(`insert into orgs (tenant_uid, org_uid, org_guid, org_name, registration_key, creation_date, modification_date) values ('t', 'o', 'g', 'Root', 'k', '2026-01-01', '2026-01-01')`);
      const orgId = (await raw.all<{ org_id: number }>("select org_id from orgs"))[0]!.org_id;
      for (const [uid, username, first] of [["u1", "ann@example.com", "Ann"], ["u2", "bo@example.com", null]] as const)
        await raw.run(`insert into users (tenant_uid, user_uid, org_id, username, first_name, creation_date, modification_date) values ('t', ?, ?, ?, ?, '2026-01-01', '2026-01-01')`, uid, orgId, username, first);
      await raw.exec(`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at) values ('t', 'w', 'DEPARTING_EMPLOYEE', '2026-01-01')`);
      for (const [uid, name] of [["u1", "Ann"], ["u2", "bo@example.com"]])
        await raw.run(`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, display_name) values ('t', 'w', ?, '2026-01-02', ?)`, uid, name);

      const { error } = await migrator.migrateTo("0035_included_usernames");
      expect(error).toBeUndefined();
      const included = () => raw.all("select user_uid, username, display_name from watchlist_users order by user_uid");
      expect(await included()).toEqual([
        { user_uid: "u1", username: "ann@example.com", display_name: "Ann" },
        { user_uid: "u2", username: "bo@example.com", display_name: "bo@example.com" },
      ]);
      await raw.exec(`update users set username = 'bob@example.com' where user_uid = 'u2'`);
      expect(await included()).toEqual([
        { user_uid: "u1", username: "ann@example.com", display_name: "Ann" },
        { user_uid: "u2", username: "bob@example.com", display_name: "bob@example.com" },
      ]);
    } finally {
      await close();
    }
  });
});
