// 200 concurrent writers on the same users and lists: no 5xx, no SQLITE_BUSY, no duplicates, a consistent end state.
import { sql } from "kysely";
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ strict: false });
});
afterAll(() => emu.close());

const USERS = ["942897397520280004", "942897397520280006", "942897397520280007", "942897397520280008"];

describe("concurrent writers", () => {
  it("interleaved adds, removes and updates on the same entries end in a state some serial order explains", async () => {
    const auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const post = (path: string, body: object) => emu.http.post(`/svc/api/v2/${path}`).set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, ...body });
    const statuses: number[] = [];
    const jobs = Array.from({ length: 200 }, (_, i) => {
      const userId = USERS[i % USERS.length]!;
      const kind = i % 5;
      const call =
        kind === 0 ? post("departingemployee/add", { userId, departureDate: "2030-01-01" })
        : kind === 1 ? post("departingemployee/remove", { userId })
        : kind === 2 ? post("departingemployee/update", { userId, departureDate: `2030-02-${String((i % 27) + 1).padStart(2, "0")}` })
        : kind === 3 ? post("user/addcloudusernames", { userId, cloudUsernames: [`alias${i % 3}@x.example`] })
        : emu.http.put(`/api/v1/User/${userId}?idType=uid`).set("Authorization", auth).send({ notes: `n${i}` });
      return call.then((r) => statuses.push(r.status));
    });
    await Promise.all(jobs);
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // Each outcome is one the rules allow for that call in some order.
    expect(new Set(statuses).size).toBeGreaterThan(1);
    for (const s of statuses) expect([200, 204, 400, 404]).toContain(s);

    // No duplicates, counts agree with rows, aliases within the limit.
    const db = emu.database.db;
    const entries = await db.selectFrom("watchlist_users").select(["watchlist_id", "user_uid"]).where("tenant_uid", "=", DEFAULT_TENANT_UID).execute();
    expect(new Set(entries.map((e) => `${e.watchlist_id}:${e.user_uid}`)).size).toBe(entries.length);
    const counts = await db.selectFrom("watchlist_user_counts").selectAll().where("tenant_uid", "=", DEFAULT_TENANT_UID).execute();
    for (const c of counts) expect(c.entries).toBe(entries.filter((e) => e.watchlist_id === c.watchlist_id).length);
    const departing = await db.selectFrom("watchlists").select("watchlist_id").where("tenant_uid", "=", DEFAULT_TENANT_UID).where("list_type", "=", "DEPARTING_EMPLOYEE").executeTakeFirstOrThrow();
    for (const p of await db.selectFrom("detection_profiles").select("cloud_usernames").execute()) expect(JSON.parse(p.cloud_usernames).length).toBeLessThanOrEqual(2);
    const search = await post("departingemployee/search", { pgSize: 100 });
    expect(search.body.totalCount).toBe(entries.filter((e) => e.watchlist_id === departing.watchlist_id).length);
  });

  it("concurrent imports and creations of the same usernames (case aside) make each user once", async () => {
    const auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    // Imports write a batch of rows in one transaction: two of the same names overlap for as long as a batch takes.
    const names = Array.from({ length: 200 }, (_, i) => `race${i}@example.com`);
    const csv = (upper: boolean) => ["username", ...names.map((n) => (upper ? n.toUpperCase() : n))].join("\n");
    const imports = [false, true, false].map((upper) => emu.http.post("/api/v1/UserImport").set("Authorization", auth).set("Content-Type", "text/csv").send(csv(upper)));
    const singles = names.slice(0, 10).map((username) => emu.http.post("/api/v1/User").set("Authorization", auth).send({ username }));
    const [imported, created] = await Promise.all([Promise.all(imports), Promise.all(singles)]);
    expect(imported.reduce((n, r) => n + r.body.data.created, 0) + created.filter((r) => r.status < 300).length).toBe(names.length);
    const users = await emu.database.db.selectFrom("users").select(sql<string>`lower(username)`.as("name")).where("tenant_uid", "=", DEFAULT_TENANT_UID).where(sql<boolean>`lower(username) like 'race%'`).execute();
    expect(users.map((u) => u.name).sort()).toEqual([...names].sort());
  });
});
