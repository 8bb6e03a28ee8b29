// Migration 0041 sorts a watchlist's included users under an integer key of their watchlist (its rowid): the rows
// there before it get their watchlist's key, each in its own tenant, and keep their order and their primary key; the
// triggers on the table and those of other tables that write it still do.
import { databaseAt, describeEachEngine } from "../helpers/migrations.js";

describeEachEngine("migration 0041", (engine) => {
  it("keys each included user by its watchlist, tenant by tenant", async () => {
    const { raw, migrator, close } = await databaseAt("0040_exposures_by_user_and_time", engine);
    try {
      for (const t of ["t1", "t2"]) {
        await raw.run(`insert into tenants (tenant_uid, name, registration_key, created_at) values (?, ?, ?, '2026-01-01')`, t, t, `k-${t}`);
        await raw.run(`insert into orgs (tenant_uid, org_uid, org_guid, org_name, registration_key, creation_date, modification_date) values (?, ?, ?, 'Root', ?, '2026-01-01', '2026-01-01')`, t, `o-${t}`, `g-${t}`, `k-${t}`);
        const orgId = (await raw.all<{ org_id: number }>("select org_id from orgs where tenant_uid = ?", t))[0]!.org_id;
        await raw.run(`insert into users (tenant_uid, user_uid, org_id, username, creation_date, modification_date) values (?, 'u1', ?, 'ann@example.com', '2026-01-01', '2026-01-01')`, t, orgId);
        // The same watchlist id in both tenants, as a tenant copy keeps it.
        for (const w of ["wa", "wb"]) {
          await raw.run(`insert into watchlists (tenant_uid, watchlist_id, list_type, created_at) values (?, ?, ?, '2026-01-01')`, t, w, w === "wa" ? "DEPARTING_EMPLOYEE" : "HIGH_RISK_EMPLOYEE");
          await raw.run(`insert into watchlist_users (tenant_uid, watchlist_id, user_uid, created_at, username, display_name) values (?, ?, 'u1', '2026-01-02', 'ann@example.com', 'Ann')`, t, w);
        }
      }

      const { error } = await migrator.migrateTo("0041_included_list_keys");
      expect(error).toBeUndefined();
      const keyed = await raw.all<{ tenant_uid: string; watchlist_id: string; list_key: number; key_of: number }>(
        `select i.tenant_uid, i.watchlist_id, i.list_key, w.rowid as key_of from watchlist_users i
          join watchlists w on w.tenant_uid = i.tenant_uid and w.watchlist_id = i.watchlist_id order by i.tenant_uid, i.watchlist_id`,
      );
      expect(keyed.map((r) => [r.tenant_uid, r.watchlist_id])).toEqual([["t1", "wa"], ["t1", "wb"], ["t2", "wa"], ["t2", "wb"]]);
      for (const r of keyed) expect(r.list_key).toBe(r.key_of);
      expect(new Set(keyed.map((r) => r.list_key)).size).toBe(4);
      // In the order they were added (a user's risk factors are).
      expect((await raw.all<{ t: string; w: string }>("select tenant_uid as t, watchlist_id as w from watchlist_users order by rowid")).map((r) => `${r.t} ${r.w}`)).toEqual(["t1 wa", "t1 wb", "t2 wa", "t2 wb"]);
      // One entry per user and watchlist.
      const again = `insert into watchlist_users (tenant_uid, watchlist_id, list_key, user_uid, created_at, display_name) values ('t1', 'wa', ?, 'u1', '2026-01-03', 'Ann')`;
      await expect(raw.run(again, keyed[0]!.list_key)).rejects.toThrow(/unique|duplicate/i);
      // The triggers: a rename reaches the entries (users' trigger), a removal the counts (the table's own).
      await raw.exec(`update users set username = 'anna@example.com' where tenant_uid = 't2'`);
      expect(await raw.all("select tenant_uid, username from watchlist_users order by rowid")).toEqual([
        { tenant_uid: "t1", username: "ann@example.com" },
        { tenant_uid: "t1", username: "ann@example.com" },
        { tenant_uid: "t2", username: "anna@example.com" },
        { tenant_uid: "t2", username: "anna@example.com" },
      ]);
      const counts = () => raw.all("select tenant_uid, watchlist_id, entries from watchlist_user_counts where tenant_uid = 't1' order by watchlist_id");
      expect(await counts()).toEqual([{ tenant_uid: "t1", watchlist_id: "wa", entries: 1 }, { tenant_uid: "t1", watchlist_id: "wb", entries: 1 }]);
      await raw.exec(`delete from watchlist_users where tenant_uid = 't1' and watchlist_id = 'wa'`);
      expect(await counts()).toEqual([{ tenant_uid: "t1", watchlist_id: "wa", entries: 0 }, { tenant_uid: "t1", watchlist_id: "wb", entries: 1 }]);
    } finally {
      await close();
    }
  });
});
