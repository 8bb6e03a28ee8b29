// What the control plane gives the console: the tenants, a session to act in one, and a journal a page can poll
// (a cursor, a tenant filter, each entry's response) without the console's own reads or coverage getting in the way.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile, startTestEmulator } from "../helpers/emulator.js";

const emu = emulatorPerFile();

describe("tenants and console sessions", () => {
  it("lists every tenant, oldest first, with its counts", async () => {
    const copy = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "b" });
    const res = await emu.http.get("/_emulator/tenants");
    expect(res.status).toBe(200);
    const health = await emu.http.get("/_emulator/health");
    expect(res.body).toEqual([
      { tenantUid: DEFAULT_TENANT_UID, name: "Code42 Emulator", createdAt: expect.any(String), counts: { orgs: 2, users: health.body.counts.users / 2, devices: 4 } },
      { tenantUid: copy.body.tenantUid, name: "Code42 Emulator (b)", createdAt: expect.any(String), counts: { orgs: 2, users: health.body.counts.users / 2, devices: 4 } },
    ]);
  });

  it("mints a user token for the tenant's first Customer Cloud Admin that both wires accept", async () => {
    const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/console-session`);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenantUid: DEFAULT_TENANT_UID, username: ADMIN.username, userUid: "942897397520289999", token: expect.any(String), expiresInSeconds: 1800 });
    const legacy = await emu.http.get("/api/v1/User?pgSize=1").set("Authorization", `v3_user_token ${res.body.token}`);
    expect(legacy.status).toBe(200);
    const gateway = await emu.http.get("/v1/users?pageSize=1").set("Authorization", `Bearer ${res.body.token}`);
    expect(gateway.status).toBe(200);
    // On the emulated clock like any user token.
    await emu.http.post("/_emulator/clock/advance").send({ by: "31m" });
    expect((await emu.http.get("/api/v1/User?pgSize=1").set("Authorization", `v3_user_token ${res.body.token}`)).status).toBe(401);
  });

  it("acts as a named user, and refuses a tenant or user it cannot act as", async () => {
    const carol = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/console-session`).send({ username: "carol.clark@example.com" });
    expect(carol.body).toMatchObject({ username: "carol.clark@example.com", userUid: "942897397520280006" });
    const missing = await emu.http.post("/_emulator/tenants/00000000-0000-0000-0000-000000000000/console-session");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "TENANT_NOT_FOUND", message: "Tenant not found" } });
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    await emu.http.post("/api/v3/users/942897397520280006/block").set("Authorization", `v3_user_token ${token}`);
    const blocked = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/console-session`).send({ username: "carol.clark@example.com" });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toEqual({ error: { code: "NO_USER_TO_ACT_AS", message: "No active, unblocked user carol.clark@example.com in this tenant" } });
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/console-session`).send({ user: "x" })).status).toBe(400);
  });

  it("is the control plane's: refused without the control token when there is one", async () => {
    const guarded = await startTestEmulator({ controlToken: "t0ken" });
    try {
      expect((await guarded.http.get("/_emulator/tenants")).status).toBe(401);
      expect((await guarded.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/console-session`)).status).toBe(401);
      expect((await guarded.http.get("/_emulator/tenants").set("X-Emulator-Token", "t0ken")).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe("the journal for a poller", () => {
  it("reads entries after a cursor and in one tenant, and gives one entry with its response, credentials redacted", async () => {
    await emu.http.delete("/_emulator/journal");
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    await emu.http.get("/api/v1/Org?pgSize=1").set("Authorization", `v3_user_token ${token}`);
    await emu.http.get("/v1/key-unknown");
    const all = (await emu.http.get("/_emulator/journal")).body;
    expect(all.map((e: { operationId: string | null }) => e.operationId)).toEqual(["getUserToken", "listOrgs", "getKeyValue"]);
    expect(all.every((e: { client: unknown; response?: unknown }) => e.client === null && !("response" in e))).toBe(true);
    const after = (await emu.http.get(`/_emulator/journal?afterId=${all[0].id}`)).body;
    expect(after.map((e: { id: number }) => e.id)).toEqual([all[1].id, all[2].id]);
    expect((await emu.http.get(`/_emulator/journal?afterId=${all[2].id}`)).body).toEqual([]);
    // A call belongs to the tenant of the caller it authenticated: a sign-in has none yet.
    expect((await emu.http.get(`/_emulator/journal?tenantUid=${DEFAULT_TENANT_UID}`)).body.map((e: { operationId: string }) => e.operationId)).toEqual(["listOrgs"]);

    const signIn = (await emu.http.get(`/_emulator/journal/${all[0].id}`)).body;
    expect(signIn).toEqual({ ...all[0], response: { v3_user_token: "[redacted]" } });
    const orgs = (await emu.http.get(`/_emulator/journal/${all[1].id}`)).body;
    expect(orgs.response).toMatchObject({ data: { totalCount: 2, orgs: [expect.objectContaining({ orgName: "Code42 Emulator" })] } });
    expect((await emu.http.get("/_emulator/journal/999999")).body).toEqual({ error: { code: "JOURNAL_ENTRY_NOT_FOUND", message: "Journal entry not found" } });
    expect((await emu.http.get("/_emulator/journal?afterId=x")).status).toBe(400);
  });

  it("keeps a large response as its size only", async () => {
    await emu.http.delete("/_emulator/journal");
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const big = await emu.http.get("/api/v1/User?pgSize=100").set("Authorization", `v3_user_token ${token}`);
    expect(big.text.length).toBeGreaterThan(0);
    const entry = (await emu.http.get("/_emulator/journal?operationId=listUsers")).body[0];
    const kept = (await emu.http.get(`/_emulator/journal/${entry.id}`)).body.response;
    if (big.text.length > 16 * 1024) expect(kept).toEqual({ truncated: true, bytes: Buffer.byteLength(big.text) });
    else expect(kept).toMatchObject({ data: { totalCount: big.body.data.totalCount } });
  });

  it("leaves out the console's reads, keeps its writes marked as the console's, and counts neither in coverage", async () => {
    await emu.http.delete("/_emulator/journal");
    await emu.http.delete("/_emulator/coverage");
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const asConsole = { Authorization: `v3_user_token ${token}`, "X-Emulator-Client": "console" };
    expect((await emu.http.get("/api/v1/Org").set(asConsole)).status).toBe(200);
    // A search by POST the console marks as a read.
    expect((await emu.http.post("/v2/file-events").set({ ...asConsole, "X-Emulator-Client": "console-read" }).send({ groupClause: "AND", groups: [], page: 1, pageSize: 1 })).status).toBe(200);
    expect((await emu.http.post("/api/v3/users/942897397520280006/block").set(asConsole)).status).toBe(204);
    const entries = (await emu.http.get("/_emulator/journal")).body;
    expect(entries.map((e: { operationId: string; client: string | null }) => [e.operationId, e.client])).toEqual([
      ["getUserToken", null],
      ["blockUser", "console"],
    ]);
    const rows = (await emu.http.get("/_emulator/coverage")).body.rows as { operationId: string; calls: number }[];
    expect(rows.filter((r) => r.calls > 0).map((r) => r.operationId)).toEqual(["getUserToken"]);
  });
});

describe("SCIM providers for the console", () => {
  it("lists the tenant's providers with their orgs and users, or the one owning a user", async () => {
    const all = await emu.http.get(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers`);
    expect(all.status).toBe(200);
    expect(all.body.map((p: { providerId: string; authType: string; orgName: string }) => [p.providerId, p.authType, p.orgName])).toEqual([
      ["entra", "bearer", "Engineering"],
      ["okta", "bearer", "Engineering"],
      ["onelogin", "basic", "Code42 Emulator"],
    ]);
    const okta = all.body.find((p: { providerId: string }) => p.providerId === "okta");
    expect(okta).toEqual({ providerId: "okta", name: expect.any(String), authType: "bearer", orgUid: "1007759454961904673", orgName: "Engineering", users: expect.any(Number), baseUrl: `${emu.url}/scim/okta/v2` });
    expect(okta.users).toBeGreaterThanOrEqual(1);
    expect((await emu.http.get(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers?userUid=942897397520280004`)).body).toEqual([okta]);
    expect((await emu.http.get(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers?userUid=942897397520280006`)).body).toEqual([]);
    expect((await emu.http.get("/_emulator/tenants/nope/scim-providers")).status).toBe(404);
  });
});
