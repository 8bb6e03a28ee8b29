// Several emulator nodes on one PostgreSQL database serve one tenant: what one node writes, issues, sets or injects
// holds on the others at once. Three nodes in this process (each its own server, pool and caches).
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { describeOnPostgres, freshPostgresDatabase, type TestPostgresDatabase } from "../helpers/postgres.js";

const ROOT_ORG_UID = "890854247383106706";

describeOnPostgres("three nodes on one PostgreSQL database", () => {
  let database: TestPostgresDatabase;
  let nodes: TestEmulator[];
  const [a, b, c] = [0, 1, 2].map((i) => new Proxy({} as TestEmulator, { get: (_t, key) => nodes[i]![key as keyof TestEmulator] })) as [TestEmulator, TestEmulator, TestEmulator];

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    // Started together on an empty database: one loads the fixtures and keeps the baseline, the others wait and find them.
    nodes = await Promise.all([0, 1, 2].map(() => startTestEmulator({ db: database.url, dbPoolSize: 6 })));
  });
  afterAll(async () => {
    await Promise.all((nodes ?? []).map((n) => n.close()));
    await database?.drop();
  });
  beforeEach(() => a.reset());

  const legacy = async (node: TestEmulator) => `Bearer ${await node.tokenFor(ADMIN.username, ADMIN.password)}`;

  it("start together without loading the fixtures twice, each with the one tenant and the same signing key", async () => {
    for (const node of nodes) {
      const health = await node.http.get("/_emulator/health");
      expect(health.status).toBe(200);
      expect(health.body.database).toEqual({ engine: "postgres", status: "up", latencyMs: expect.any(Number) });
      expect(health.body.counts.tenants).toBe(1);
    }
    const keys = await Promise.all(nodes.map(async (n) => (await n.http.get("/_emulator/jwks.json")).body.keys));
    expect(keys[1]).toEqual(keys[0]);
    expect(keys[2]).toEqual(keys[0]);
  });

  it("a write on one node is read on another at once", async () => {
    const made = await a.http.post("/api/v1/User").set("Authorization", await legacy(a)).send({ orgUid: ROOT_ORG_UID, username: "shared.write@example.com" });
    expect(made.status).toBe(200);
    const read = await b.http.get("/api/v1/User?username=shared.write%40example.com").set("Authorization", await legacy(b));
    expect(read.body.data.users.map((u: { userUid: string }) => u.userUid)).toEqual([made.body.data.userUid]);
    const blocked = await c.http.put(`/api/v1/UserBlock/${made.body.data.userId}`).set("Authorization", await legacy(c));
    expect(blocked.status).toBe(204);
    expect((await a.http.get(`/api/v1/User/${made.body.data.userId}`).set("Authorization", await legacy(a))).body.data.blocked).toBe(true);
  });

  it("a token one node issued works on the others (user and API client tokens)", async () => {
    const user = await a.tokenFor(ADMIN.username, ADMIN.password);
    expect((await b.http.get("/api/v1/Org/my").set("Authorization", `Bearer ${user}`)).status).toBe(200);
    const client = await b.gatewayToken();
    expect((await c.http.get("/v1/users").set("Authorization", `Bearer ${client}`)).status).toBe(200);
  });

  it("the clock moved through one node moves it for all: a token expires everywhere", async () => {
    const token = `Bearer ${await b.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await c.http.post("/_emulator/clock/advance").send({ by: "31m" })).status).toBe(200);
    for (const node of nodes) expect((await node.http.get("/api/v1/Org/my").set("Authorization", token)).status).toBe(401);
    const at = (await a.http.get("/_emulator/clock")).body.now;
    expect(Date.parse(at) - Date.now()).toBeGreaterThan(30 * 60_000);
    // A frozen clock stands still on every node.
    await a.http.post("/_emulator/clock/freeze");
    const frozen = await Promise.all(nodes.map(async (n) => (await n.http.get("/_emulator/clock")).body));
    expect(frozen.every((f) => f.frozen && f.now === frozen[0]!.now)).toBe(true);
  });

  it("a fault added through one node fires on another, and `times: 1` fires once across the cluster", async () => {
    const rule = await a.http.post("/_emulator/faults").send({ path: "/api/v1/Org/my", action: { type: "status", status: 503 }, times: 1 });
    expect(rule.status).toBe(201);
    const tokens = await Promise.all(nodes.map(legacy));
    // Nine calls at once, three per node: exactly one meets the fault.
    const statuses = await Promise.all(Array.from({ length: 9 }, (_, i) => nodes[i % 3]!.http.get("/api/v1/Org/my").set("Authorization", tokens[i % 3]!)));
    expect(statuses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 503]);
    const listed = (await c.http.get("/_emulator/faults")).body;
    expect(listed).toEqual([expect.objectContaining({ id: rule.body.id, matched: 9, fired: 1 })]);
    expect((await b.http.delete(`/_emulator/faults/${rule.body.id}`)).status).toBe(204);
    expect((await a.http.get("/_emulator/faults")).body).toEqual([]);
  });

  it("200 concurrent writers spread over the nodes lose nothing and make no username twice", async () => {
    const tokens = await Promise.all(nodes.map(legacy));
    // 100 distinct usernames, each sent twice (by two nodes at once): one creation each, the other refused.
    const sends = Array.from({ length: 200 }, (_, i) => {
      const node = i % 3;
      const username = `writer${i % 100}@example.com`;
      return nodes[node]!.http.post("/api/v1/User").set("Authorization", tokens[node]!).send({ orgUid: ROOT_ORG_UID, username });
    });
    const answers = await Promise.all(sends);
    const made = answers.filter((r) => r.status === 200);
    expect(made).toHaveLength(100);
    // The second of each pair gets the answer Code42 gives a taken username (a 500 naming USER_DUPLICATE).
    for (const refused of answers.filter((r) => r.status !== 200)) {
      expect(refused.status).toBe(500);
      expect(refused.body).toEqual([{ name: "USER_DUPLICATE", description: expect.stringMatching(/^A user with the username writer\d+@example.com already exists$/) }]);
    }
    const listed = await c.http.get("/api/v1/User?pgSize=500&q=writer").set("Authorization", tokens[2]!);
    const usernames = listed.body.data.users.map((u: { username: string }) => u.username).sort();
    expect(usernames).toEqual([...new Set(made.map((r) => r.body.data.username as string))].sort());
    expect(usernames).toHaveLength(100);
  });

  it("a snapshot taken through one node is listed and restored through another; a reset through a third", async () => {
    const auth = await legacy(a);
    expect((await b.http.post("/_emulator/snapshots").send({ name: "before" })).status).toBe(201);
    await a.http.post("/api/v1/User").set("Authorization", auth).send({ orgUid: ROOT_ORG_UID, username: "after.snapshot@example.com" });
    expect((await c.http.get("/_emulator/snapshots")).body).toEqual([{ name: "before", savedAt: expect.any(String) }]);
    expect((await c.http.post("/_emulator/snapshots/before/restore")).status).toBe(204);
    const found = async (node: TestEmulator) =>
      (await node.http.get("/api/v1/User?username=after.snapshot%40example.com").set("Authorization", await legacy(node))).body.data.users.length;
    expect(await found(a)).toBe(0);
    expect((await b.http.delete("/_emulator/snapshots/before")).status).toBe(204);
    await a.http.post("/api/v1/User").set("Authorization", auth).send({ orgUid: ROOT_ORG_UID, username: "after.snapshot@example.com" });
    expect(await found(b)).toBe(1);
    await c.reset();
    expect(await found(a)).toBe(0);
  });

  it("each node keeps its own journal; cluster=true merges every node's, each entry naming its node", async () => {
    await Promise.all(nodes.map((n) => n.http.delete("/_emulator/journal")));
    const token = `Bearer ${await a.gatewayToken()}`;
    for (const [i, node] of nodes.entries()) await node.http.get(`/v1/users?page=1&pageSize=${i + 1}`).set("Authorization", token);
    const own = (await b.http.get("/_emulator/journal?path=%2Fv1%2Fusers")).body;
    expect(own.map((e: { query: { pageSize: number } }) => e.query.pageSize)).toEqual([2]);
    const merged = await b.http.get("/_emulator/journal?path=%2Fv1%2Fusers&cluster=true");
    expect(merged.headers["x-emulator-nodes"]).toBe("3/3");
    expect(merged.body.map((e: { query: { pageSize: number }; node: string }) => [e.query.pageSize, e.node])).toEqual(nodes.map((n, i) => [i + 1, n.url]));
  });

  it("a backup alert the clock brings is sent once, though every node looks at once", async () => {
    const tenant = "6d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a";
    const fixture = {
      tenantUid: tenant,
      name: "Backup Tenant",
      orgs: [{ orgName: "Backup Root", settings: { warnInDays: 1, alertInDays: 3, recipients: ["ops@example.com"] } }],
      users: [{ username: "owen@example.com", password: "password", org: "Backup Root", devices: [{ name: "Owen PC", guid: "910000000000000002", osName: "win" }] }],
    };
    await a.http.post("/_emulator/clock/freeze");
    await a.http.post("/_emulator/clock/set").send({ at: "2026-03-01T00:00:00.000Z" });
    expect((await b.http.post("/_emulator/fixtures").send({ tenants: [fixture] })).status).toBe(201);
    expect((await c.http.post(`/_emulator/tenants/${tenant}/devices/910000000000000002/backups`).send({ destination: "673679195225718785" })).status).toBe(200);
    await Promise.all(nodes.map((n) => n.http.get("/_emulator/clock")));
    await b.http.post("/_emulator/clock/set").send({ at: "2026-03-02T00:00:00.000Z" });
    await Promise.all(Array.from({ length: 9 }, (_, i) => nodes[i % 3]!.http.get("/_emulator/clock")));
    const sent = ((await a.http.get(`/_emulator/outbox?tenantUid=${tenant}`)).body as { kind: string; to: string; subject: string }[]).filter((m) => m.kind === "BACKUP_ALERT");
    expect(sent.map((m) => `${m.to}: ${m.subject}`)).toEqual(["ops@example.com: Code42 backup status: Warning: Owen PC has not completed a backup in 1 days"]);
  });

  it("a tenant copy made through one node signs in through another", async () => {
    const copy = await a.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "n1" });
    expect(copy.status).toBe(201);
    const username = copy.body.usernames[ADMIN.username];
    const token = await c.tokenFor(username, ADMIN.password);
    const my = await b.http.get("/api/v1/User/my").set("Authorization", `Bearer ${token}`);
    expect(my.body.data.username).toBe(username);
  });
});
