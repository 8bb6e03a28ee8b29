// Pages SQLite writes from the same declaration (a presenter's Projection) that writes a single record in JavaScript:
// the gateway's users (GATEWAY_USER), user risk profiles (GATEWAY_USER_RISK_PROFILE) and actor risk profiles
// (GATEWAY_ACTOR_RISK_PROFILE), the legacy wire's users (LEGACY_USER), devices, agents, custodians, computers and
// detection-list entries (DEPARTING_EMPLOYEE, HIGH_RISK_EMPLOYEE), alerts and sessions. Without response validation
// (not --strict) a page goes out as SQLite wrote it, so its bytes are compared here with JSON.stringify of the single
// records the other way makes, over values that need escaping.
import { DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let gateway: string;
let legacy: string;
beforeAll(async () => {
  emu = await startTestEmulator({ strict: false });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor("test.user@example.com", "password")}`;
  // Users whose names and notes need escaping, one of them blocked and deactivated.
  const orgUid = (await emu.http.get("/api/v1/Org/my").set("Authorization", legacy)).body.data.orgUid as string;
  for (const [i, name] of HARD.entries()) {
    const made = await emu.http.post("/api/v1/User").set("Authorization", legacy).send({ orgUid, username: `hard${i}@example.com`, firstName: name, lastName: name, notes: i % 2 ? name : undefined });
    expect(made.status).toBe(200);
  }
  const second = (await emu.http.get("/v1/users?username=hard1@example.com").set("Authorization", gateway)).body.users[0].userId as string;
  expect((await emu.http.post(`/api/v3/users/${second}/block`).set("Authorization", legacy)).status).toBe(204);
  expect((await emu.http.post(`/api/v3/users/${second}/deactivate`).set("Authorization", legacy)).status).toBeLessThan(300);
  // A user its identity provider deleted: a risk profile marked deleted.
  const deprovisioned = await emu.http.post("/_emulator/fixtures").send({
    tenants: [{ tenantUid: DEFAULT_TENANT_UID, users: [{ username: "gone@example.com", org: "Engineering", provisionedBy: { provider: "okta", deletedAt: "2026-11-30T12:00:00.000Z" } }] }],
  });
  expect(deprovisioned.status).toBe(201);
});
afterAll(() => emu.close());

const HARD = ['Quote "marks" and \\ back', "Tab\tline\nbreak\r\u0001\u001f\u007f", "Ünïcödé 中文 😀 \u2028\u2029", "</script>&<'>"];

/**
 * Each page (its records under `key`) is, byte for byte, the single records `one(id)` answers, joined, in an envelope
 * whose fields come in the order `envelope` writes them.
 */
async function expectPagesAreSingles(pages: string[], key: string, idOf: (record: Record<string, unknown>) => string, one: (id: string) => string, envelope = (totalCount: number, records: unknown[]) => ({ totalCount, [key]: records })) {
  for (const path of pages) {
    const page = await emu.http.get(path).set("Authorization", gateway);
    expect(page.status).toBe(200);
    const { totalCount, [key]: records } = JSON.parse(page.text) as { totalCount: number } & Record<string, Record<string, unknown>[]>;
    expect(records!.length).toBeGreaterThan(0);
    const singles = await Promise.all(records!.map(async (r) => JSON.parse((await emu.http.get(one(idOf(r))).set("Authorization", gateway)).text)));
    expect(page.text).toBe(JSON.stringify(envelope(totalCount, singles)));
  }
}

/** The legacy wire's v1 pages: each page's records under `data[key]` are the single records `one(id)` answers, joined, in the v1 envelope. */
async function expectLegacyPagesAreSingles(pages: string[], key: string, idOf: (record: Record<string, unknown>) => unknown, one: (id: unknown) => string) {
  for (const path of pages) {
    const page = await emu.http.get(path).set("Authorization", legacy);
    expect(page.status).toBe(200);
    const { metadata, data } = JSON.parse(page.text) as { metadata: unknown; data: { totalCount: number } & Record<string, Record<string, unknown>[]> };
    expect(data[key]!.length).toBeGreaterThan(0);
    const singles = await Promise.all(data[key]!.map(async (r) => JSON.parse((await emu.http.get(one(idOf(r))).set("Authorization", legacy)).text).data));
    expect(page.text).toBe(JSON.stringify({ metadata, data: { totalCount: data.totalCount, [key]: singles } }));
  }
}

it("a page of users is the single users' JSON, joined, whatever the names hold", async () => {
  await expectPagesAreSingles(["/v1/users?page=1&pageSize=100", "/v1/users?page=2&pageSize=3", "/v1/users?active=false", "/v1/users?username=hard2@example.com"], "users", (u) => u.userId as string, (id) => `/v1/users/${id}`);
  const all = JSON.parse((await emu.http.get("/v1/users?page=1&pageSize=100").set("Authorization", gateway)).text) as { users: { firstName: string; active: boolean; blocked: boolean }[] };
  expect(all.users.map((u) => u.firstName)).toEqual(expect.arrayContaining(HARD));
  expect(all.users.find((u) => u.firstName === HARD[1])).toMatchObject({ active: false, blocked: true });
});

it("a page of user or actor risk profiles is the single profiles' JSON, joined: dates, cloud aliases, notes and flags", async () => {
  const users = JSON.parse((await emu.http.get("/v1/users?page=1&pageSize=100").set("Authorization", gateway)).text).users as { userId: string; firstName: string }[];
  const [a, b] = users.filter((u) => HARD.includes(u.firstName));
  const patch = (id: string, body: object) => emu.http.patch(`/v1/user-risk-profiles/${id}`).set("Authorization", gateway).send(body);
  expect((await patch(a!.userId, { notes: HARD[0], startDate: { year: 2026, month: 3, day: 9 }, endDate: { year: 2027, month: 12, day: 31 } })).status).toBe(200);
  expect((await patch(b!.userId, { notes: HARD[2], endDate: { year: 2027, month: 1, day: 5 } })).status).toBe(200);
  const aliases = await emu.http.post(`/v1/user-risk-profiles/${b!.userId}/add-cloud-aliases`).set("Authorization", gateway).send({ userId: b!.userId, cloudAliases: [`é "${HARD[1]}"`] });
  expect(aliases.status).toBe(200);

  await expectPagesAreSingles(["/v1/user-risk-profiles?page=1&page_size=100", "/v1/user-risk-profiles?page=2&page_size=3", "/v1/user-risk-profiles?active=false", "/v1/user-risk-profiles?deleted=true"], "userRiskProfiles", (p) => p.userId as string, (id) => `/v1/user-risk-profiles/${id}`);
  const all = JSON.parse((await emu.http.get("/v1/user-risk-profiles?page=1&page_size=100").set("Authorization", gateway)).text).userRiskProfiles as Record<string, unknown>[];
  expect(all.find((p) => p.userId === a!.userId)).toMatchObject({ notes: HARD[0], startDate: { year: 2026, month: 3, day: 9 }, endDate: { year: 2027, month: 12, day: 31 }, supportUser: false, deleted: false });
  expect(all.find((p) => p.userId === b!.userId)).toMatchObject({ cloudAliases: expect.arrayContaining([`é "${HARD[1]}"`]), startDate: null });
  expect(all.find((p) => p.username === "gone@example.com")).toMatchObject({ deleted: true, cloudAliases: ["gone@example.com"] });
  await expectPagesAreSingles(
    ["/v2/actor-risk-profiles?page=1&page_size=100", "/v2/actor-risk-profiles?page=3&page_size=2", "/v2/actor-risk-profiles?active=false"],
    "actorRiskProfiles",
    (p) => p.actorId as string,
    (id) => `/v2/actor-risk-profiles/${id}`,
    (totalCount, actorRiskProfiles) => ({ actorRiskProfiles, totalCount }),
  );
  // The deleted filter, both ways.
  const deleted = JSON.parse((await emu.http.get("/v1/user-risk-profiles?deleted=true").set("Authorization", gateway)).text);
  expect(deleted.userRiskProfiles.map((p: { username: string }) => p.username)).toEqual(["gone@example.com"]);
  const kept = JSON.parse((await emu.http.get("/v1/user-risk-profiles?deleted=false&page_size=500").set("Authorization", gateway)).text);
  expect(kept.totalCount).toBe(all.length - 1);
  expect(kept.userRiskProfiles.some((p: { username: string }) => p.username === "gone@example.com")).toBe(false);
});

it("a page of the legacy wire's users is the single users' JSON, joined: their status and whether the username is an e-mail worked out by the same rules", async () => {
  // A username that is not an e-mail address.
  const orgUid = (await emu.http.get("/api/v1/Org/my").set("Authorization", legacy)).body.data.orgUid as string;
  expect((await emu.http.post("/api/v1/User").set("Authorization", legacy).send({ orgUid, username: "plain-name", email: "plain@example.com" })).status).toBe(200);
  await expectLegacyPagesAreSingles(["/api/v1/User?pgNum=1&pgSize=100", "/api/v1/User?pgNum=2&pgSize=3", "/api/v1/User?active=false", "/api/v1/User?q=hard&pgSize=10"], "users", (u) => u.userId, (id) => `/api/v1/User/${id}`);
  const all = JSON.parse((await emu.http.get("/api/v1/User?pgSize=100").set("Authorization", legacy)).text).data.users as Record<string, unknown>[];
  expect(all.find((u) => u.username === "plain-name")).toMatchObject({ usernameIsAnEmail: false, status: "Active", licenses: [], localAuthenticationOnly: false });
  expect(all.find((u) => u.username === "hard1@example.com")).toMatchObject({ usernameIsAnEmail: true, status: "Deactivated", active: false, blocked: true });
  expect(all.find((u) => u.username === "hard0@example.com")).toMatchObject({ status: "Active", firstName: HARD[0] });
});

it("a page of devices is the single devices' JSON, joined: statuses, hostnames and alert levels worked out by the same rules", async () => {
  const backup = (ago: string) => [{ destination: "Code42 Cloud USA West", lastBackupAgo: ago, lastCompletedBackupAgo: ago }];
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: DEFAULT_TENANT_UID,
        users: [
          {
            username: "devices@example.com",
            org: "Engineering",
            devices: [
              // A Code42 app older than 6.8.2 (hostname UNKNOWN), its backup long overdue.
              { name: HARD[0], osName: "win", osHostname: "h0", productVersion: "6.5.0", backups: backup("30d") },
              // The insider-risk agent, whose hostname shows whatever its version; blocked and deauthorized, no backups.
              { name: HARD[2], osName: "mac", osHostname: HARD[3], productVersion: "1.2.3", service: "Artemis", blocked: true, deauthorized: true },
              { name: HARD[3], osName: "linux", osHostname: "h3", productVersion: "8.8.1", active: false, backups: backup("6d") },
            ],
          },
        ],
      },
    ],
  });
  expect(loaded.status).toBe(201);
  const user = JSON.parse((await emu.http.get("/v1/users?username=devices@example.com").set("Authorization", gateway)).text).users[0].userId as string;
  const first = JSON.parse((await emu.http.get(`/v1/users/${user}/devices`).set("Authorization", gateway)).text).devices.find((d: { name: string }) => d.name === HARD[0]);
  expect((await emu.http.put(`/api/v1/Computer/${first.legacyDeviceId}`).set("Authorization", legacy).send({ notes: HARD[1] })).status).toBe(200);
  const pages = ["/v1/devices?page=1&pageSize=100", "/v1/devices?page=2&pageSize=2", "/v1/devices?active=false", "/v1/devices?blocked=true&sortKey=lastConnected&sortDirection=desc", "/v1/devices?sortKey=osHostname&pageSize=3&page=2"];
  await expectPagesAreSingles(pages, "devices", (d) => d.deviceId as string, (id) => `/v1/devices/${id}`);
  await expectPagesAreSingles([`/v1/users/${user}/devices`], "devices", (d) => d.deviceId as string, (id) => `/v1/devices/${id}`);
  const mine = JSON.parse((await emu.http.get(`/v1/users/${user}/devices`).set("Authorization", gateway)).text).devices as Record<string, unknown>[];
  expect(mine.map(({ name, osHostname, status, alertState, notes }) => ({ name, osHostname, status, alertState, ...(notes ? { notes } : {}) }))).toEqual([
    { name: HARD[3], osHostname: "h3", status: "Deactivated", alertState: 1 },
    { name: HARD[0], osHostname: "UNKNOWN", status: "Active", alertState: 2, notes: HARD[1] },
    { name: HARD[2], osHostname: HARD[3], status: "Active, Blocked, Deauthorized", alertState: 0 },
  ]);
});

it("a page of agents is the single agents' JSON, joined: os names, hostnames and health worked out by the same rules", async () => {
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: DEFAULT_TENANT_UID,
        users: [
          {
            username: "agents@example.com",
            org: "Engineering",
            devices: [
              // Silent for a month: NOT_CONNECTING since a week after it last connected.
              { name: HARD[1], osName: "mac", osHostname: HARD[2], productVersion: "6.5.0", fullDiskAccess: false, lastConnectedAgo: "30d" },
              { name: HARD[0], osName: "linux", osHostname: "a1", productVersion: "1.2.3", service: "Artemis", active: false },
            ],
          },
        ],
      },
    ],
  });
  expect(loaded.status).toBe(201);
  const pages = ["/v1/agents?page=1&pageSize=100", "/v1/agents?page=2&pageSize=2", "/v1/agents?agentHealthy=false", "/v1/agents?srtKey=LAST_CONNECTED&srtDir=DESC&pageSize=3", "/v1/agents?srtKey=AGENT_TYPE&active=false"];
  for (const path of pages) {
    const query = new URL(path, "http://x").searchParams;
    const [page, pageSize] = [Number(query.get("page") ?? 1), Number(query.get("pageSize") ?? 500)];
    await expectPagesAreSingles(
      [path],
      "agents",
      (a) => a.agentId as string,
      (id) => `/v1/agents/${id}`,
      (totalCount, agents) => ({ agents, totalCount, pageSize, page }),
    );
  }
  const user = JSON.parse((await emu.http.get("/v1/users?username=agents@example.com").set("Authorization", gateway)).text).users[0].userId as string;
  const all = JSON.parse((await emu.http.get(`/v1/agents?userId=${user}`).set("Authorization", gateway)).text).agents as Record<string, unknown>[];
  expect(all).toHaveLength(2);
  const silent = all.find((a) => a.name === HARD[1])!;
  expect(silent).toMatchObject({ osName: "Mac", osHostname: "UNKNOWN", agentType: "COMBINED", agentHealthIssueTypes: ["NOT_CONNECTING", "MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS"], machineId: null, serialNumber: null });
  expect(Date.parse(silent.agentHealthModificationDate as string)).toBe(Date.parse(silent.lastConnected as string) + 7 * 86_400_000);
  expect(all.find((a) => a.name === HARD[0])).toMatchObject({ osName: "Linux", osHostname: "a1", agentType: "CODE42AAT", active: false, agentHealthIssueTypes: [], agentHealthModificationDate: null });
});

it("pages of custodians are the single memberships' JSON, joined, on both wires: matter and custodian nested, the custodian's full name", async () => {
  const post = (path: string, body: object) => emu.http.post(path).set("Authorization", legacy).send(body);
  const policy = (await post("/api/v4/legal-hold-policy/create", { name: HARD[0], policy: null })).body;
  const matter = (await post("/api/v1/LegalHold", { name: HARD[2], holdPolicyUid: policy.legalHoldPolicyUid, description: null, notes: null, holdExtRef: null })).body.data;
  const users = JSON.parse((await emu.http.get("/api/v1/User?q=hard&pgSize=10").set("Authorization", legacy)).text).data.users as { userUid: string; firstName: string | null; lastName: string | null }[];
  // Two more with a part of their name or none: the full name leaves out what is empty, and is null without either.
  const orgUid = (await emu.http.get("/api/v1/Org/my").set("Authorization", legacy)).body.data.orgUid as string;
  const unnamed = [];
  for (const [i, names] of [{}, { firstName: "", lastName: "Solo" }].entries()) {
    const made = await post("/api/v1/User", { orgUid, username: `unnamed${i}@example.com`, ...names });
    expect(made.status).toBe(200);
    unnamed.push({ userUid: made.body.data.userUid as string });
  }
  // Custodians as the legacy wire answers each one added, in JavaScript; one of them released again.
  const singles: Record<string, unknown>[] = [];
  for (const u of [...users, ...unnamed, { userUid: "942897397520280004" }]) {
    const added = await post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: u.userUid });
    expect(added.status).toBe(200);
    singles.push(JSON.parse(added.text).data);
  }
  expect((await post("/api/v1/LegalHoldMembershipDeactivation", { legalHoldMembershipUid: singles[1]!.legalHoldMembershipUid })).status).toBe(204);
  singles[1]!.active = false;

  const listed = await emu.http.get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.legalHoldUid}&activeState=ALL`).set("Authorization", legacy);
  const { metadata } = JSON.parse(listed.text);
  expect(listed.text).toBe(JSON.stringify({ metadata, data: { legalHoldMemberships: singles } }));
  const page2 = await emu.http.get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.legalHoldUid}&activeState=ALL&pgNum=2&pgSize=2`).set("Authorization", legacy);
  expect(page2.text).toBe(JSON.stringify({ metadata: JSON.parse(page2.text).metadata, data: { legalHoldMemberships: singles.slice(2, 4) } }));
  const v27 = await emu.http.get(`/api/v27/legal-hold-membership/list?legalHoldUid=${matter.legalHoldUid}&active=ALL`).set("Authorization", legacy);
  expect(v27.text).toBe(JSON.stringify(singles));

  // The gateway's custodians: the same memberships, their names as one.
  const everyone = JSON.parse((await emu.http.get("/api/v1/User?pgSize=100").set("Authorization", legacy)).text).data.users as typeof users;
  const named = new Map(everyone.map((u) => [u.userUid, [u.firstName, u.lastName].filter(Boolean).join(" ") || null]));
  const custodians = await emu.http.get(`/v1/legal-hold/matters/${matter.legalHoldUid}/custodians`).set("Authorization", gateway);
  type Single = { user: { userUid: string; username: string; email: string | null }; active: boolean; creationDate: string; legalHold: { legalHoldUid: string; name: string } };
  const expected = (singles as unknown as Single[]).map((m) => ({ userId: m.user.userUid, username: m.user.username, name: named.get(m.user.userUid), email: m.user.email, membershipActive: m.active, membershipCreationDate: m.creationDate }));
  expect(custodians.text).toBe(JSON.stringify({ custodians: expected }));
  expect(expected.map((c) => c.name)).toEqual(expect.arrayContaining([`${HARD[0]} ${HARD[0]}`, "Alice Adams", "Solo", null]));
  const matters = await emu.http.get(`/v1/legal-hold/custodians/${users[0]!.userUid}`).set("Authorization", gateway);
  const mine = (singles as unknown as Single[]).filter((m) => m.user.userUid === users[0]!.userUid);
  expect(matters.text).toBe(JSON.stringify({ matters: mine.map((m) => ({ matterId: m.legalHold.legalHoldUid, name: m.legalHold.name, membershipActive: m.active, membershipCreationDate: m.creationDate })) }));
});

it("a page of the legacy wire's computers is the single computers' JSON, joined: status, hostname, alert states and version worked out by the same rules", async () => {
  const pages = ["/api/v1/Computer?pgNum=1&pgSize=100", "/api/v1/Computer?pgNum=2&pgSize=3", "/api/v1/Computer?active=false", "/api/v1/Computer?blocked=true", "/api/v1/Computer?q=LAPTOP"];
  await expectLegacyPagesAreSingles(pages, "computers", (c) => c.computerId, (id) => `/api/v1/Computer/${id}`);
  const all = JSON.parse((await emu.http.get("/api/v1/Computer?pgSize=100").set("Authorization", legacy)).text).data.computers as Record<string, unknown>[];
  // The devices the test before loaded: an old Code42 app long without a backup, the insider-risk agent, a deactivated one.
  expect(all.find((c) => c.name === HARD[0])).toMatchObject({ osHostname: "UNKNOWN", status: "Active", alertState: 2, alertStates: ["CRITICAL"], type: "COMPUTER", parentComputerId: null });
  expect(all.find((c) => c.name === HARD[2])).toMatchObject({ status: "Active, Deauthorized", blocked: true, alertStates: ["OK"], version: 1525200000123 });
  expect(all.find((c) => c.name === HARD[3] && c.osHostname === "h3")).toMatchObject({ status: "Deactivated", alertStates: ["WARNING"] });
});

it("a page of a detection-list search is the single entries' JSON, joined: notes, departure dates and SCIM attributes left out where unset", async () => {
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: DEFAULT_TENANT_UID,
        users: HARD.map((name, i) => ({
          username: `listed${i}@example.com`,
          org: "Engineering",
          firstName: name,
          lastName: name,
          ...(i % 2 ? { scim: { title: name, department: HARD[(i + 1) % HARD.length], country: "DE" } } : {}),
          detectionListProfile: { ...(i % 2 ? {} : { notes: name }), ...(i === 1 ? { cloudUsernames: [`é "${HARD[1]}"`] } : {}), ...(i === 2 ? { riskFactors: ["FLIGHT_RISK", "CONTRACT_EMPLOYEE"] } : {}) },
          departingEmployee: { departureDate: i % 2 ? null : `2027-0${i + 1}-01` },
          highRiskEmployee: {},
        })),
      },
    ],
  });
  expect(loaded.status).toBe(201);
  const search = (list: string, body: object) => emu.http.post(`/svc/api/v2/${list}/search`).set("Authorization", legacy).send({ tenantId: DEFAULT_TENANT_UID, ...body });
  const searches = [
    { filterType: "OPEN", pgSize: 100, pgNum: 1, srtKey: "DISPLAY_NAME", srtDirection: "ASC" },
    { filterType: "OPEN", pgSize: 2, pgNum: 2 },
    { srtKey: "CREATED_AT", srtDirection: "DESC", pgSize: 3 },
  ];
  for (const list of ["departingemployee", "highriskemployee"]) {
    for (const body of [...searches, ...(list === "departingemployee" ? [{ srtKey: "DEPARTURE_DATE", srtDirection: "DESC" }] : [])]) {
      const page = await search(list, body);
      expect(page.status).toBe(200);
      const found = JSON.parse(page.text) as { items: { userId: string }[] };
      expect(found.items.length).toBeGreaterThan(0);
      const singles = await Promise.all(found.items.map(async (e) => JSON.parse((await emu.http.post(`/svc/api/v2/${list}/get`).set("Authorization", legacy).send({ tenantId: DEFAULT_TENANT_UID, userId: e.userId })).text)));
      expect(page.text).toBe(JSON.stringify({ ...found, items: singles }));
    }
  }
  const departing = JSON.parse((await search("departingemployee", { pgSize: 100 })).text).items as Record<string, unknown>[];
  const entry = (i: number) => departing.find((e) => e.userName === `listed${i}@example.com`)!;
  expect(entry(0)).toMatchObject({ notes: HARD[0], departureDate: "2027-01-01", displayName: `${HARD[0]} ${HARD[0]}` });
  expect(entry(1)).not.toHaveProperty("notes");
  expect(entry(1)).not.toHaveProperty("departureDate");
  expect(Object.keys(entry(1)).slice(7)).toEqual(["cloudUsernames", "title", "department", "country", "totalBytes", "numEvents"]);
  expect(entry(1)).toMatchObject({ title: HARD[1], department: HARD[2], country: "DE", cloudUsernames: expect.arrayContaining([`é "${HARD[1]}"`]) });
  const highRisk = JSON.parse((await search("highriskemployee", { pgSize: 100 })).text).items as Record<string, unknown>[];
  expect(highRisk.find((e) => e.userName === "listed2@example.com")).toMatchObject({ riskFactors: ["FLIGHT_RISK", "CONTRACT_EMPLOYEE"], notes: HARD[2] });
});

it("a page of alerts is the alerts' own fields as their details answer them, joined: actor ids, watchlists and state changes left out where unset", async () => {
  const T = DEFAULT_TENANT_UID;
  const VECTORS = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };
  const rule = (body: object) => emu.http.post(`/_emulator/tenants/${T}/alert-rules`).send(body);
  expect((await rule({ name: HARD[0], id: "rule-departing", severity: "HIGH", watchlists: ["DEPARTING_EMPLOYEE"], vectors: VECTORS })).status).toBe(201);
  expect((await rule({ name: HARD[1], id: "rule-all", severity: "MEDIUM", vectors: VECTORS })).status).toBe(201);
  const upload = (id: string, email: string) => ({
    "@timestamp": new Date().toISOString(),
    event: { id, action: "application-read", vector: "UPLOADED" },
    user: { email },
    destination: { category: "Cloud Storage", name: "Dropbox" },
    file: { name: `${id}.txt`, category: "Document", sizeInBytes: 100 },
    risk: { score: 5, indicators: [{ name: "Dropbox upload", weight: 5 }] },
  });
  // Bob is a departing employee (both rules), listed0 too; a stranger is no Code42 user (no actor id).
  const added = await emu.http.post(`/_emulator/tenants/${T}/file-events`).send({ events: [upload("u1", "bob.brown@example.com"), upload("u2", "listed0@example.com"), upload("u3", "stranger@elsewhere.example"), upload("u4", "hard3@example.com")] });
  expect(added.status).toBeLessThan(300);
  const query = (more: object) => emu.http.post("/v1/alerts/query-alerts").set("Authorization", gateway).send({ groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtKey: "CreatedAt", srtDirection: "DESC", ...more });
  const all = JSON.parse((await query({})).text) as { alerts: { id: string; actor: string }[] };
  expect(all.alerts.length).toBeGreaterThanOrEqual(5);
  const changed = await emu.http.post("/v1/alerts/update-state").set("Authorization", gateway).send({ alertIds: [all.alerts[1]!.id], state: "PENDING", note: HARD[2] });
  expect(changed.status).toBe(200);

  for (const more of [{}, { pgNum: 1, pgSize: 2, srtDirection: "ASC" }, { groups: [{ filterClause: "AND", filters: [{ term: "State", operator: "IS", value: "PENDING" }] }] }]) {
    const page = await query(more);
    expect(page.status).toBe(200);
    const found = JSON.parse(page.text) as { alerts: { id: string }[] };
    expect(found.alerts.length).toBeGreaterThan(0);
    const details = JSON.parse((await emu.http.post("/v1/alerts/query-details").set("Authorization", gateway).send({ alertIds: found.alerts.map((a) => a.id) })).text).alerts as Record<string, unknown>[];
    const summaries = details.map(({ observations: _o, note: _n, ...own }) => ({ ...own, "type$": "ALERT_SUMMARY" }));
    expect(page.text).toBe(JSON.stringify({ ...found, alerts: summaries }));
  }
  const alerts = JSON.parse((await query({})).text).alerts as Record<string, unknown>[];
  expect(alerts.find((a) => a.actor === "stranger@elsewhere.example")).not.toHaveProperty("actorId");
  expect(alerts.find((a) => a.state === "PENDING")).toMatchObject({ stateLastModifiedBy: expect.any(String), stateLastModifiedAt: expect.any(String) });
  expect(alerts.filter((a) => a.state === "OPEN").every((a) => !("stateLastModifiedAt" in a))).toBe(true);
  expect(alerts.find((a) => a.name === HARD[0] && a.actor === "bob.brown@example.com")).toMatchObject({ watchlists: [expect.objectContaining({ "type$": "WATCHLIST", type: "DEPARTING_EMPLOYEE", isSignificant: true })] });
});

it("a page of sessions is the single sessions' JSON, joined: notes, states, alerts and risk indicators as lists, the summaries worked out by the same rules", async () => {
  // The alerts of the test before opened sessions (bob's with two rules' alerts, a stranger's with no user id); bob
  // uploads again, with indicators whose names need escaping and a weight that is not whole, and once with no risk.
  const upload = (id: string, risk: object | undefined) => ({
    "@timestamp": new Date().toISOString(),
    event: { id, action: "application-read", vector: "UPLOADED" },
    user: { email: "bob.brown@example.com" },
    destination: { category: "Cloud Storage", name: "Dropbox" },
    file: { name: `${id}.txt`, sizeInBytes: 1234 },
    ...(risk ? { risk } : {}),
  });
  const added = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({
    events: [upload("s1", { score: 12, indicators: [{ id: "ri-1", name: HARD[0], weight: 2.5 }, { name: HARD[1], weight: 9 }] }), upload("s2", undefined), upload("s3", { score: 7, indicators: [{ name: HARD[1], weight: 9 }] })],
  });
  expect(added.status).toBeLessThan(300);
  const page = async (query: string) => JSON.parse((await emu.http.get(`/v1/sessions?${query}`).set("Authorization", gateway)).text) as { items: { sessionId: string; actorName: string; actorId: string; userId: string | null }[]; totalCount: number };
  const all = await page("page_number=0&page_size=100");
  expect(all.items.length).toBeGreaterThanOrEqual(4);
  const bob = all.items.find((s) => s.actorName === "bob.brown@example.com")!.sessionId;
  for (const content of HARD) expect((await emu.http.post(`/v1/sessions/${bob}/add-note`).set("Authorization", gateway).send({ noteContent: content })).status).toBe(204);
  for (const newState of ["IN_PROGRESS", "CLOSED_TP"]) expect((await emu.http.post(`/v1/sessions/${bob}/change-state`).set("Authorization", gateway).send({ newState })).status).toBe(204);

  await expectPagesAreSingles(
    ["/v1/sessions?page_number=0&page_size=100", "/v1/sessions?page_number=1&page_size=2&order_by=score&sort_direction=asc", "/v1/sessions?page_number=0&page_size=10&state=CLOSED_TP"],
    "items",
    (s) => s.sessionId as string,
    (id) => `/v1/sessions/${id}`,
    (totalCount, items) => ({ items, totalCount }),
  );
  const written = (await page("page_number=0&page_size=100")).items as unknown as Record<string, unknown>[];
  const bobs = written.find((s) => s.sessionId === bob)!;
  expect(bobs).toMatchObject({ notes: HARD.map((content) => ({ content })), states: [{ state: "OPEN" }, { state: "IN_PROGRESS", userId: expect.any(String) }, { state: "CLOSED_TP" }], scores: [{ score: 12, severity: 4 }] });
  expect(bobs.riskIndicators).toEqual(expect.arrayContaining([{ eventCount: 1, id: "ri-1", name: HARD[0], weight: 2.5 }, { eventCount: 2, id: HARD[1], name: HARD[1], weight: 9 }]));
  expect(bobs.contextSummary).toMatch(/^bob\.brown@example\.com: \d+ file events in \d+ alerts \(/);
  expect(bobs.noRiskEvents).toBeGreaterThanOrEqual(1);
  expect(written.find((s) => s.actorName === "stranger@elsewhere.example")).toMatchObject({ userId: null, actorId: expect.any(String) });
});
