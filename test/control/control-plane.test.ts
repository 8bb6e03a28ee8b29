// The control plane: what a test suite uses to steer the emulator and read what happened.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile, startTestEmulator, withEmulatorOf } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";

const emu = emulatorPerFile();

const bearer = async (u = ADMIN.username, p = ADMIN.password) => `Bearer ${await emu.tokenFor(u, p)}`;

it("health says the emulator is ready, which database engine it runs on and that it answers", async () => {
  const res = await emu.http.get("/_emulator/health");
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    status: "ready",
    version: expect.any(String),
    uptimeSeconds: expect.any(Number),
    database: { engine: TEST_PG ? "postgres" : "sqlite", status: "up", latencyMs: expect.any(Number) },
    counts: { tenants: 1, orgs: 2, users: 9, apiClients: 1 },
    uploads: { reading: 0, waiting: 0 },
  });
});

describe("reset and snapshots", () => {
  it("reset returns to the loaded fixtures in milliseconds: data, clock, faults and journal", async () => {
    const auth = await bearer();
    await emu.http.post("/api/v3/users/942897397520280006/block").set("Authorization", auth);
    await emu.http.post("/api/v1/User").set("Authorization", auth).send({ orgUid: "890854247383106706", username: "temp@example.com" });
    await emu.http.post("/_emulator/clock/advance").send({ by: "3d" });
    await emu.http.post("/_emulator/faults").send({ path: "/api/v1/Org", action: { type: "status", status: 503 } });
    const started = performance.now();
    expect((await emu.http.post("/_emulator/reset")).status).toBe(204);
    expect(performance.now() - started).toBeLessThan(1000);
    const fresh = await bearer();
    const users = (await emu.http.get("/api/v1/User").set("Authorization", fresh)).body.data;
    expect(users.totalCount).toBe(9);
    expect(users.users.find((u: { userUid: string }) => u.userUid === "942897397520280006").blocked).toBe(false);
    expect(Math.abs(Date.parse((await emu.http.get("/_emulator/clock")).body.now) - Date.now())).toBeLessThan(5000);
    expect((await emu.http.get("/_emulator/faults")).body).toEqual([]);
    expect((await emu.http.get("/api/v1/Org").set("Authorization", fresh)).status).toBe(200);
    // New rows get the same ids they got the first time.
    const again = await emu.http.post("/api/v1/User").set("Authorization", fresh).send({ orgUid: "890854247383106706", username: "temp@example.com" });
    expect(again.body.data.userId).toBe(4210);
  });

  it("reset puts the detection lists back, the counts the rollups read included", async () => {
    const auth = await bearer();
    const search = async () => (await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID })).body;
    await emu.http.post("/svc/api/v2/departingemployee/add").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280006" });
    await emu.http.post("/svc/api/v2/departingemployee/add").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280007" });
    expect((await search()).rollups[0].totalCount).toBe(3);
    await emu.http.post("/_emulator/reset");
    const after = await search();
    expect(after.items.map((i: { userId: string }) => i.userId)).toEqual(["942897397520280005"]);
    expect(after.rollups[0].totalCount).toBe(1);
  });

  it("reset works on a file database (WAL) as in memory", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "c42reset-"));
    const onFile = await startTestEmulator({ db: join(dir, "state.db") });
    try {
      const auth = `Bearer ${await onFile.tokenFor(ADMIN.username, ADMIN.password)}`;
      await onFile.http.post("/api/v3/users/942897397520280006/block").set("Authorization", auth);
      await onFile.http.post("/api/v1/User").set("Authorization", auth).send({ orgUid: "890854247383106706", username: "temp@example.com" });
      expect((await onFile.http.post("/_emulator/reset")).status).toBe(204);
      const users = (await onFile.http.get("/api/v1/User").set("Authorization", auth)).body.data;
      expect(users.totalCount).toBe(9);
      expect(users.users.find((u: { userUid: string }) => u.userUid === "942897397520280006").blocked).toBe(false);
      expect(onFile.database.sqlite!.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(onFile.database.sqlite!.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      await onFile.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("snapshots save, list, restore and delete the whole state", async () => {
    const auth = await bearer();
    expect((await emu.http.post("/_emulator/snapshots").send({ name: "before" })).status).toBe(201);
    await emu.http.post("/api/v3/users/942897397520280006/block").set("Authorization", auth);
    expect((await emu.http.get("/_emulator/snapshots")).body).toEqual([{ name: "before", savedAt: expect.any(String) }]);
    expect((await emu.http.post("/_emulator/snapshots/before/restore")).status).toBe(204);
    expect((await emu.http.get("/api/v1/User/4207").set("Authorization", auth)).body.data.blocked).toBe(false);
    expect((await emu.http.delete("/_emulator/snapshots/before")).status).toBe(204);
    const gone = await emu.http.post("/_emulator/snapshots/before/restore");
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: { code: "SNAPSHOT_NOT_FOUND", message: "Snapshot not found" } });
  });
});

describe("fixtures and tenant copies", () => {
  it("POST /_emulator/fixtures adds a tenant from YAML; a bad document is a 400 that adds nothing", async () => {
    const yaml = "tenants:\n  - tenantUid: 11111111-2222-4333-8444-555555555555\n    name: Added\n    orgs: [{ orgName: Root }]\n    users: [{ username: added@example.com, password: added-pass, org: Root }]\n";
    const res = await emu.http.post("/_emulator/fixtures").set("Content-Type", "application/yaml").send(yaml);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenants: ["11111111-2222-4333-8444-555555555555"] });
    await emu.tokenFor("added@example.com", "added-pass");
    const bad = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ name: "x" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_FIXTURE");
    expect((await emu.http.get("/_emulator/health")).body.counts.tenants).toBe(2);
  });

  it("POST /_emulator/fixtures adds to an existing tenant: an org under an existing one, a user, and a device, list entry and events for existing users", async () => {
    const doc = {
      tenants: [
        {
          tenantUid: DEFAULT_TENANT_UID,
          name: "ignored for an existing tenant",
          orgs: [{ orgName: "Platform", parent: "Engineering" }],
          users: [
            { username: "newbie@example.com", password: "newbie-pass", org: "Platform", roles: ["Desktop User"] },
            {
              username: "carol.clark@example.com",
              org: "ignored",
              departingEmployee: { departureDate: "2031-01-01" },
              fileExposureEvents: [{ ago: "1h", bytes: 42 }],
              devices: [{ name: "Carol's tablet", guid: "935873453596909999", osName: "mac", backups: [{ destination: "Code42 Cloud USA West" }] }],
            },
          ],
        },
      ],
    };
    const res = await emu.http.post("/_emulator/fixtures").send(doc);
    expect(res.status).toBe(201);
    const auth = await bearer();
    await emu.tokenFor("newbie@example.com", "newbie-pass");
    const orgs = (await emu.http.get("/api/v1/Org").set("Authorization", auth)).body.data.orgs;
    expect(orgs.find((o: { orgName: string }) => o.orgName === "Platform")).toMatchObject({ parentOrgId: 1002 });
    const item = await emu.http.post("/svc/api/v2/departingemployee/get").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280006" });
    expect(item.body).toMatchObject({ departureDate: "2031-01-01", numEvents: 1, totalBytes: 42 });
    const devices = await emu.http.get("/api/v1/Computer?userUid=942897397520280006").set("Authorization", auth);
    expect(devices.body.data.computers.map((c: { guid: string }) => c.guid)).toEqual(["935873453596909999"]);
    expect((await emu.http.get("/_emulator/health")).body.counts).toMatchObject({ tenants: 1, users: 10 });
  });

  it("a tenant copy has the same content, its own uid and suffixed sign-in names; deleting it removes it all", async () => {
    const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "w1" });
    expect(res.status).toBe(201);
    const copy = res.body;
    expect(copy.tenantUid).not.toBe(DEFAULT_TENANT_UID);
    expect(copy.usernames["test.user@example.com"]).toBe("test.user+w1@example.com");
    expect(copy.apiClients).toEqual({ client_id: "client_id-w1" });
    const auth = await bearer("test.user+w1@example.com", "password");
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", auth)).body.data.tenantUid).toBe(copy.tenantUid);
    const search = await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", auth).send({ tenantId: copy.tenantUid });
    expect(search.body.items.map((i: { userId: string; userName: string }) => [i.userId, i.userName])).toEqual([["942897397520280005", "bob.brown+w1@example.com"]]);
    expect(search.body.rollups[0].totalCount).toBe(1);
    // The copy is separate: changing it leaves the original alone.
    await emu.http.post("/svc/api/v2/departingemployee/remove").set("Authorization", auth).send({ tenantId: copy.tenantUid, userId: "942897397520280005" });
    const original = await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", await bearer()).send({ tenantId: DEFAULT_TENANT_UID });
    expect(original.body.totalCount).toBe(1);
    expect((await emu.http.delete(`/_emulator/tenants/${copy.tenantUid}`)).status).toBe(204);
    expect((await emu.http.get("/_emulator/health")).body.counts).toMatchObject({ tenants: 1, users: 9 });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("test.user+w1@example.com", "password")).status).toBe(401);
  });
});

describe("clock", () => {
  it("set, advance, freeze and unfreeze; tokens expire by it", async () => {
    const auth = await bearer();
    const frozen = await emu.http.post("/_emulator/clock/freeze");
    expect(frozen.body.frozen).toBe(true);
    const at = frozen.body.now;
    await new Promise((r) => setTimeout(r, 20));
    expect((await emu.http.get("/_emulator/clock")).body.now).toBe(at);
    const advanced = await emu.http.post("/_emulator/clock/advance").send({ by: "31m" });
    expect(Date.parse(advanced.body.now) - Date.parse(at)).toBe(31 * 60_000);
    expect((await emu.http.get("/api/v1/User/my").set("Authorization", auth)).status).toBe(401);
    const set = await emu.http.post("/_emulator/clock/set").send({ at: "2030-01-01T00:00:00.000Z" });
    expect(set.body).toEqual({ now: "2030-01-01T00:00:00.000Z", frozen: true });
    expect((await emu.http.post("/_emulator/clock/unfreeze")).body.frozen).toBe(false);
    expect((await emu.http.post("/_emulator/clock/advance").send({ by: "soon" })).status).toBe(400);
  });
});

describe("faults", () => {
  it("a status fault answers in the operation family's envelope, for the next N calls", async () => {
    const auth = await bearer();
    await emu.http.post("/_emulator/faults").send({ method: "POST", path: "/svc/api/v2/departingemployee/*", action: { type: "status", status: 503 }, times: 1 });
    const failed = await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID });
    expect(failed.status).toBe(503);
    expect(failed.body["pop-bulletin"]).toMatchObject({ "text$": expect.stringContaining("503") });
    expect((await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID })).status).toBe(200);
    expect((await emu.http.get("/_emulator/faults")).body).toEqual([expect.objectContaining({ matched: 2, fired: 1 })]);
  });

  it("429 with Retry-After, latency, every Nth call, a tenant filter and a dropped connection", async () => {
    const auth = await bearer();
    const rule = (await emu.http.post("/_emulator/faults").send({ path: "/api/v1/Org", action: { type: "throttle", retryAfterSeconds: 7 }, everyNth: 2 })).body;
    expect((await emu.http.get("/api/v1/Org").set("Authorization", auth)).status).toBe(200);
    const throttled = await emu.http.get("/api/v1/Org").set("Authorization", auth);
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("7");
    expect(throttled.body).toEqual([{ name: "TOO_MANY_REQUESTS", description: expect.any(String) }]);
    await emu.http.delete(`/_emulator/faults/${rule.id}`);

    await emu.http.post("/_emulator/faults").send({ path: "/api/v3/customer/my", action: { type: "latency", ms: 150 } });
    const started = performance.now();
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", auth)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await emu.http.delete("/_emulator/faults");

    await emu.http.post("/_emulator/faults").send({ path: "/api/v1/User/my", tenantUid: "00000000-0000-4000-8000-000000000000", action: { type: "status", status: 500 } });
    expect((await emu.http.get("/api/v1/User/my").set("Authorization", auth)).status).toBe(200);
    await emu.http.delete("/_emulator/faults");

    await emu.http.post("/_emulator/faults").send({ path: "/api/v1/User/my", action: { type: "drop" } });
    await expect(emu.http.get("/api/v1/User/my").set("Authorization", auth)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it("a probability rule fires on the same calls every run (seeded)", async () => {
    const auth = await bearer();
    const run = async () => {
      await emu.http.delete("/_emulator/faults");
      await emu.http.post("/_emulator/faults").send({ path: "/api/v1/Org", action: { type: "status", status: 500 }, probability: 0.5, seed: 7 });
      const out: number[] = [];
      for (let i = 0; i < 12; i++) out.push((await emu.http.get("/api/v1/Org").set("Authorization", auth)).status);
      return out;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });
});

describe("journal, coverage and outbox", () => {
  it("the journal records calls with their operation, tenant and status, secrets redacted, filterable", async () => {
    await emu.http.delete("/_emulator/journal");
    const auth = await bearer();
    await emu.http.put("/api/v1/User/942897397520280006?idType=uid").set("Authorization", auth).send({ password: "a-new-password", notes: "n" });
    await emu.http.get("/api/v1/User/999").set("Authorization", auth);
    const all = (await emu.http.get("/_emulator/journal")).body;
    expect(all.map((e: { operationId: string }) => e.operationId)).toEqual(["getUserToken", "updateUser", "getUser"]);
    expect(all[1]).toMatchObject({ method: "PUT", status: 200, tenantUid: DEFAULT_TENANT_UID, body: { password: "[redacted]", notes: "n" }, query: { idType: "uid" } });
    expect(JSON.stringify(all)).not.toContain("a-new-password");
    expect((await emu.http.get("/_emulator/journal?status=404")).body.map((e: { path: string }) => e.path)).toEqual(["/api/v1/User/999"]);
    expect((await emu.http.get("/_emulator/journal?operationId=getUserToken")).body).toHaveLength(1);
  });

  it("the journal keeps only the newest entries", async () => {
    const small = await startTestEmulator({ journalSize: 3 });
    try {
      for (let i = 0; i < 5; i++) await small.http.get(`/v1/key-${i}`);
      expect((await small.http.get("/_emulator/journal")).body.map((e: { path: string }) => e.path)).toEqual(["/v1/key-2", "/v1/key-3", "/v1/key-4"]);
    } finally {
      await small.close();
    }
  });

  it("coverage counts calls per operation and status, as JSON and as an HTML table", async () => {
    // Coverage outlives a reset (a suite reads it at its end): the earlier tests' calls are counted until it restarts.
    expect((await emu.http.delete("/_emulator/coverage")).status).toBe(204);
    const auth = await bearer();
    await emu.http.get("/api/v1/Org").set("Authorization", auth);
    await emu.http.get("/api/v1/Org?pgSize=x").set("Authorization", auth);
    const report = (await emu.http.get("/_emulator/coverage")).body;
    expect(report.operations).toBeGreaterThan(100);
    expect(report.rows.find((r: { operationId: string }) => r.operationId === "listOrgs")).toEqual({ operationId: "listOrgs", method: "GET", path: "/api/v1/Org", calls: 2, statuses: { "200": 1, "400": 1 } });
    expect(report.rows.find((r: { operationId: string }) => r.operationId === "createOrg").calls).toBe(0);
    const html = await emu.http.get("/_emulator/coverage.html");
    expect(html.headers["content-type"]).toMatch(/^text\/html/);
    expect(html.text).toContain("listOrgs");
    // Coverage survives a reset (it is the suite's report) and starts over when asked.
    await emu.http.post("/_emulator/reset");
    expect((await emu.http.get("/_emulator/coverage")).body.exercised).toBeGreaterThan(0);
    expect((await emu.http.delete("/_emulator/coverage")).status).toBe(204);
    expect((await emu.http.get("/_emulator/coverage")).body.exercised).toBe(0);
  });

  it("the outbox shows the tenant's emails and can be emptied", async () => {
    const auth = await bearer();
    await emu.http.post("/api/v3/users/942897397520280006/reset-password").set("Authorization", auth);
    const mails = (await emu.http.get(`/_emulator/outbox?tenantUid=${DEFAULT_TENANT_UID}`)).body;
    expect(mails).toEqual([{ tenantUid: DEFAULT_TENANT_UID, kind: "PASSWORD_RESET", to: "carol.clark@example.com", subject: expect.any(String), body: expect.any(String), link: expect.stringContaining("token="), sentAt: expect.any(String) }]);
    expect((await emu.http.delete("/_emulator/outbox")).status).toBe(204);
    expect((await emu.http.get("/_emulator/outbox")).body).toEqual([]);
  });
});

describe("the control token", () => {
  it("when set, control calls need X-Emulator-Token; health stays open", async () => {
    const guarded = await startTestEmulator({ controlToken: "s3cret" });
    try {
      expect((await guarded.http.get("/_emulator/health")).status).toBe(200);
      const denied = await guarded.http.post("/_emulator/reset");
      expect(denied.status).toBe(401);
      expect(denied.body.error.code).toBe("UNAUTHORIZED");
      expect((await guarded.http.post("/_emulator/reset").set("X-Emulator-Token", "wrong!")).status).toBe(401);
      expect((await guarded.http.post("/_emulator/reset").set("X-Emulator-Token", "s3cret")).status).toBe(204);
    } finally {
      await guarded.close();
    }
  });
});

describe("pages for people", () => {
  it("GET / links the browsable spec, coverage and journal; /docs/ serves Swagger UI over this spec from the package's own files", async () => {
    const index = await emu.http.get("/");
    expect(index.headers["content-type"]).toMatch(/^text\/html/);
    for (const href of ["/docs/", "/_emulator/coverage.html", "/_emulator/journal", "/openapi.json"]) expect(index.text).toContain(`href="${href}"`);
    const docs = await emu.http.get("/docs/");
    expect(docs.status).toBe(200);
    expect(docs.text).toContain("swagger-ui-bundle.js");
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png"]) expect((await emu.http.get(`/docs/${asset}`)).status).toBe(200);
    const bare = await emu.http.get("/docs");
    expect([bare.status, bare.headers.location]).toEqual([301, "/docs/"]);
  });

  it("/docs/ points Try it out at the origin the page was loaded from, not at the spec's 127.0.0.1:4200", async () => {
    const initializer = (await emu.http.get("/docs/swagger-initializer.js")).text;
    // Run the page's script as a browser would at another origin (a container mapping, say).
    const window: { location: { origin: string }; onload?: () => Promise<void>; ui?: unknown } = { location: { origin: "http://localhost:8080" } };
    let options: { spec: { servers: unknown; paths: object } } | undefined;
    const context = {
      window,
      fetch: (path: string) => fetch(`${emu.url}${path}`),
      SwaggerUIBundle: (o: typeof options) => (options = o),
    };
    new Function(...Object.keys(context), initializer)(...Object.values(context));
    await window.onload!();
    expect(options!.spec.servers).toEqual([{ url: "http://localhost:8080" }]);
    expect(Object.keys(options!.spec.paths)).toContain("/c42api/v3/customer/my");
  });
});

describe("state export", () => {
  it("exports a fixture document that loads back to the same state; credentials only when asked for", async () => {
    const auth = await bearer();
    // Change things first, so the export is more than the fixture that was loaded.
    await emu.http.post("/svc/api/v2/highriskemployee/add").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280006" });
    await emu.http.post("/api/v3/users/942897397520280004/block").set("Authorization", auth);
    // A risk profile's dates, set on the gateway for a user on no list.
    const gateway = `Bearer ${await emu.gatewayToken()}`;
    await emu.http.patch("/v1/user-risk-profiles/942897397520280007?paths=startDate&paths=endDate").set("Authorization", gateway).send({ startDate: { year: 2021, month: 5, day: 3 }, endDate: { year: 2027, month: 6, day: 30 } });
    // SCIM: a pushed group, and a user with a work address whom the provider deleted (deprovisioning pending).
    const okta = (method: "post" | "delete", path: string) => emu.http[method](`/scim/okta/v2${path}`).set("Authorization", "Bearer okta-scim-token").set("Content-Type", "application/scim+json");
    await okta("post", "/Groups").send(JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Pushed", externalId: "00g9", members: [{ value: "942897397520280004" }] }));
    const gone = (await okta("post", "/Users").send(JSON.stringify({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: "gone@example.com", addresses: [{ type: "work", streetAddress: "1 Road", postalCode: "1000" }] }))).body.id;
    expect((await okta("delete", `/Users/${gone}`)).status).toBe(204);
    const withSecrets = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    const tenant = withSecrets.tenants[0];
    expect(tenant.users.find((u: { username: string }) => u.username === "dave.davis@example.com").detectionListProfile).toMatchObject({ startDate: "2021-05-03", endDate: "2027-06-30" });
    expect(tenant.scimGroups).toEqual([{ provider: "okta", groupId: expect.any(String), displayName: "Pushed", externalId: "00g9", members: ["alice.adams@example.com"] }]);
    expect(tenant.users.find((u: { username: string }) => u.username === "gone@example.com")).toMatchObject({ blocked: true, scim: { streetAddress: "1 Road", postalCode: "1000" }, provisionedBy: { provider: "okta", deletedAt: expect.any(String), deprovisionAt: expect.any(String) } });
    const without = (await emu.http.get("/_emulator/state")).body;
    expect(JSON.stringify(without)).not.toContain("scrypt$");
    expect(JSON.stringify(without)).not.toContain("JBSWY3DPEHPK3PXP");
    expect(JSON.stringify(withSecrets)).toContain("scrypt$");

    await withEmulatorOf(withSecrets, async (copy) => {
      expect((await copy.http.get("/_emulator/state?includeCredentials=true")).body).toEqual(withSecrets);
      const token = await copy.tokenFor(ADMIN.username, ADMIN.password);
      const item = await copy.http.post("/svc/api/v2/highriskemployee/get").set("Authorization", `Bearer ${token}`).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280006" });
      const original = await emu.http.post("/svc/api/v2/highriskemployee/get").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280006" });
      expect(item.body).toEqual(original.body);
    });
  });

  it("lists each user's matters, in the order they joined them", async () => {
    // A second matter for the fixture's custodian, and the same one for another user.
    const auth = await bearer();
    const v1 = (path: string, body: object) => emu.http.post(path).set("Authorization", auth).send(body);
    const policy = (await v1("/api/v4/legal-hold-policy/create", { name: "Export policy", policy: null })).body;
    const matter = (await v1("/api/v1/LegalHold", { name: "Export matter", holdPolicyUid: policy.legalHoldPolicyUid, description: null, notes: null, holdExtRef: null })).body.data;
    for (const userUid of ["942897397520280001", "942897397520280004"]) expect((await v1("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid })).status).toBe(200);
    const users = (await emu.http.get("/_emulator/state")).body.tenants[0].users as { username: string; legalHolds: string[] }[];
    expect(users.filter((u) => u.legalHolds.length).map((u) => [u.username, u.legalHolds])).toEqual([
      ["test_username@example.com", ["Litigation 2026-001", "Export matter"]],
      ["alice.adams@example.com", ["Export matter"]],
    ]);
  });

  it("gives each matter the time it was made, so a reload lists the matters in the same order", async () => {
    await emu.http.post("/_emulator/clock/advance").send({ by: "1h" });
    const auth = await bearer();
    const v1 = (path: string, body: object) => emu.http.post(path).set("Authorization", auth).send(body);
    const policy = (await v1("/api/v4/legal-hold-policy/create", { name: "Later policy", policy: null })).body;
    expect((await v1("/api/v1/LegalHold", { name: "Later matter", holdPolicyUid: policy.legalHoldPolicyUid, description: null, notes: null, holdExtRef: null })).status).toBe(200);
    const state = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    const holds = state.tenants[0].legalHolds as { name: string; legalHoldUid: string; createdAt: string }[];
    expect(holds.map((h) => h.name)).toEqual(["Litigation 2026-001", "Later matter"]);
    expect(Date.parse(holds[1]!.createdAt) - Date.parse(holds[0]!.createdAt)).toBeGreaterThanOrEqual(3_600_000);
    // Ids are free to change: the later matter's made the smaller, so an order by id alone would list it first.
    holds[1]!.legalHoldUid = "100000000000000001";

    await withEmulatorOf(state, async (copy) => {
      expect((await copy.http.get("/_emulator/state")).body.tenants[0].legalHolds).toEqual(holds);
      const token = await copy.tokenFor(ADMIN.username, ADMIN.password);
      const listed = await copy.http.get("/api/v1/LegalHold").set("Authorization", `Bearer ${token}`);
      expect(listed.body.data.legalHolds.map((h: { name: string; creationDate: string }) => [h.name, Date.parse(h.creationDate)])).toEqual(holds.map((h) => [h.name, Date.parse(h.createdAt)]));
    });
  });
});
