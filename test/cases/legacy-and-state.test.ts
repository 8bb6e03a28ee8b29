// Cases on the legacy wire (/api/v1/case) as py42 1.29 calls them, over the gateway's records; the audit events of
// case changes; cases in fixtures, the state export (which loads back to the same state) and tenant copies.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const { get, post, put } = callsAs(emu, () => legacy);
const gw = callsAs(emu, () => gateway);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

const BOB = "942897397520280005";
const ADMIN_UID = "942897397520289999";
/** py42's create: every field, null when not given. */
const create = (name: string, more: object = {}) => post("/api/v1/case", { assignee: null, description: null, findings: null, name, subject: null, ...more });

async function addEvents(events: object[]) {
  const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events });
  expect(res.status).toBe(201);
}

describe("/api/v1/case (py42)", () => {
  it("creates, pages (get_all_pages on cases), gets and updates the same cases the gateway answers", async () => {
    const made = await create("legacy case", { subject: BOB, description: "d" });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ number: 1, name: "legacy case", status: "OPEN", subject: BOB, subjectUsername: "bob.brown@example.com", createdByUserUid: ADMIN_UID, createdByUsername: ADMIN.username });
    expect((await gw.get("/v1/cases/1")).body).toEqual(made.body);
    const page = await get("/api/v1/case?pgNum=1&pgSize=100&srtDir=asc&srtKey=number&status=OPEN");
    expect(answer(page)).toEqual([200, { cases: [(({ description: _d, findings: _f, ...slim }) => slim)(made.body)], totalCount: 1 }]);
    // py42's update: the current case's fields where not given.
    const updated = await put("/api/v1/case/1", { assignee: null, description: "d", findings: "f", name: "legacy case", subject: BOB, status: "CLOSED" });
    expect(updated.body).toMatchObject({ status: "CLOSED", findings: "f" });
    expect(answer(await get("/api/v1/case/1"))).toEqual([200, updated.body]);
  });

  it("answers the problems py42 greps for, in {problem, description}", async () => {
    await create("taken");
    expect(answer(await create("TAKEN"))).toEqual([400, { problem: "NAME_EXISTS", description: "Case name 'TAKEN' already exists, please set another name." }]);
    expect(answer(await create("x", { subject: "nobody" }))).toEqual([400, { problem: "INVALID_USER", description: "subject validation failed" }]);
    expect(answer(await create("x", { description: "d".repeat(251) }))).toEqual([400, { problem: "DESCRIPTION_TOO_LONG", description: "Description limit exceeded, max 250 characters allowed." }]);
    await put("/api/v1/case/1", { assignee: null, description: null, findings: null, name: "taken", subject: null, status: "CLOSED" });
    const closed = await put("/api/v1/case/1", { assignee: null, description: "late", findings: null, name: "taken", subject: null, status: "CLOSED" });
    expect(answer(closed)).toEqual([400, { problem: "NO_EDITS_ONCE_CLOSED", description: "NO_EDITS_ONCE_CLOSED" }]);
    expect(answer(await get("/api/v1/case/5"))).toEqual([404, { problem: "CASE_NOT_FOUND", description: "Case does not exist." }]);
  });

  it("adds, lists, gets and removes file events one at a time (cases.file_events)", async () => {
    await addEvents([{ event: { id: "ev-1" }, file: { name: "a.txt" } }]);
    await create("with events");
    expect((await post("/api/v1/case/1/fileevent/ev-1")).status).toBe(204);
    expect(answer(await post("/api/v1/case/1/fileevent/ev-1"))).toEqual([400, { problem: "CASE_ALREADY_HAS_EVENT", description: "Case 1 already has event ev-1" }]);
    expect((await get("/api/v1/case/1/fileevent")).body).toMatchObject({ events: [{ eventId: "ev-1", fileName: "a.txt" }], totalCount: 1 });
    expect((await get("/api/v1/case/1/fileevent/ev-1")).body.event.id).toBe("ev-1");
    expect((await emu.http.delete("/api/v1/case/1/fileevent/ev-1").set("Authorization", legacy)).status).toBe(204);
    expect((await get("/api/v1/case/1/fileevent")).body).toEqual({ events: [], totalCount: 0 });
  });
});

describe("the audit log", () => {
  const trail = async (type: string) => (await gw.post("/v1/audit/search-audit-log", { eventTypes: [type], page: 0, pageSize: 100 })).body.events as Record<string, unknown>[];
  const CLIENT = { actorId: "client_id", actorName: "client_id", actorType: "API_CLIENT" };

  it("records a case created, updated, its events added and removed, and deleted; a refusal records nothing", async () => {
    await addEvents([{ event: { id: "ev-1" } }]);
    await gw.post("/v1/cases", { name: "audited", assignee: null, description: null, findings: null, subject: null });
    await gw.put("/v1/cases/1", { name: "audited", assignee: null, description: null, findings: null, subject: null, status: "OPEN" });
    expect(await trail("case::updated/1")).toEqual([]);
    await gw.put("/v1/cases/1", { name: "audited", assignee: null, description: "now", findings: null, subject: null, status: "OPEN" });
    await gw.post("/v1/cases/1/fileevent", { events: ["ev-1"] });
    await emu.http.delete("/v1/cases/1/fileevent/ev-1").set("Authorization", gateway);
    await gw.put("/v1/cases/1", { name: "audited", assignee: null, description: "now", findings: null, subject: null, status: "CLOSED" });
    await emu.http.delete("/v1/cases/1").set("Authorization", gateway);
    const common = { ...CLIENT, resourceId: "1", caseNumber: "1", caseName: "audited" };
    expect(await trail("case::created/1")).toEqual([expect.objectContaining({ "type$": "case::created/1", ...common, status: "OPEN" })]);
    expect(await trail("case::updated/1")).toEqual([
      expect.objectContaining({ ...common, status: "CLOSED", previousStatus: "OPEN" }),
      expect.objectContaining({ ...common, status: "OPEN", previousStatus: "OPEN" }),
    ]);
    expect(await trail("case::file_events_added/1")).toEqual([expect.objectContaining({ ...common, eventIds: ["ev-1"] })]);
    expect(await trail("case::file_event_removed/1")).toEqual([expect.objectContaining({ ...common, eventId: "ev-1" })]);
    expect(await trail("case::deleted/1")).toEqual([expect.objectContaining({ ...common, status: "CLOSED" })]);
    expect((await gw.post("/v1/cases", { name: "audited", subject: "nobody" })).status).toBe(400);
    expect(await trail("case::created/1")).toHaveLength(1);
  });
});

describe("fixtures, state and tenant copies", () => {
  const TENANT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  const tenant = (cases: object[]) => ({
    tenantUid: TENANT,
    name: "Cases Tenant",
    registrationKey: "CASE-TNNT-0000-0001",
    orgs: [{ orgName: "Cases Root" }],
    users: [{ username: "sam@example.com", password: "password", org: "Cases Root", roles: ["Customer Cloud Admin"] }],
    apiClients: [{ clientId: "cases_client", secret: "cases-secret", name: "Cases client", roles: ["Customer Cloud Admin"] }],
    fileEvents: [{ "@timestamp": "2024-01-01T00:00:00.000Z", event: { id: "fx-1" } }],
    cases,
  });
  const stateOf = async (uid: string) => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; cases?: object[] }[]).find((t) => t.tenantUid === uid)!;

  it("loads a tenant's cases by username, exports them, and loads the export back to the same state", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send({
      tenants: [tenant([{ name: "from fixture", number: 7, status: "CLOSED", subject: "sam@example.com", findings: "## f", fileEvents: ["fx-1"], createdAt: "2024-01-02T03:04:05Z" }, { name: "next" }])],
    });
    expect(res.status).toBe(201);
    const state = await stateOf(TENANT);
    const uid = ((state as unknown as { users: { username: string; userUid: string }[] }).users.find((u) => u.username === "sam@example.com")!).userUid;
    expect(state.cases).toEqual([
      { number: 7, name: "from fixture", status: "CLOSED", findings: "## f", subject: "sam@example.com", createdAt: "2024-01-02T03:04:05.000000Z", updatedAt: "2024-01-02T03:04:05.000000Z", fileEvents: ["fx-1"] },
      { number: 8, name: "next", status: "OPEN", createdAt: "2024-06-01T12:00:00.000000Z", updatedAt: "2024-06-01T12:00:00.000000Z" },
    ]);
    const token = await emu.gatewayToken("cases_client", "cases-secret");
    expect((await emu.http.get("/v1/cases/7").set("Authorization", `Bearer ${token}`)).body).toMatchObject({ subject: uid, subjectUsername: "sam@example.com", createdByUserUid: null });
    expect((await emu.http.get("/v1/cases/7/fileevent").set("Authorization", `Bearer ${token}`)).body.totalCount).toBe(1);
    // Each tenant its own: the default tenant sees none of these cases, and this one cannot hold the default's events.
    await addEvents([{ event: { id: "default-ev" } }]);
    expect((await gw.get("/v1/cases")).body).toEqual({ cases: [], totalCount: 0 });
    const foreign = await emu.http.post("/v1/cases/8/fileevent").set("Authorization", `Bearer ${token}`).send({ events: ["default-ev"] });
    expect(answer(foreign)).toEqual([400, { problem: "EVENT_NOT_FOUND", description: "No file event default-ev" }]);

    const exported = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    await emu.http.delete(`/_emulator/tenants/${TENANT}`);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: exported.tenants.filter((t: { tenantUid: string }) => t.tenantUid === TENANT) })).status).toBe(201);
    expect(await stateOf(TENANT)).toEqual(state);
  });

  it("keeps the numbering past a case deleted last through the state export", async () => {
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [tenant([{ name: "one" }, { name: "two" }])] })).status).toBe(201);
    const token = await emu.gatewayToken("cases_client", "cases-secret");
    expect((await emu.http.delete("/v1/cases/2").set("Authorization", `Bearer ${token}`)).status).toBe(204);
    const exported = ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string }[]).find((t) => t.tenantUid === TENANT)!;
    expect(exported).toMatchObject({ nextCaseNumber: 3 });
    await emu.http.delete(`/_emulator/tenants/${TENANT}`);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [exported] })).status).toBe(201);
    const again = await emu.gatewayToken("cases_client", "cases-secret");
    expect((await emu.http.post("/v1/cases").set("Authorization", `Bearer ${again}`).send({ name: "three" })).body.number).toBe(3);
  });

  it("refuses a fixture case whose user or event the tenant lacks", async () => {
    const noUser = await emu.http.post("/_emulator/fixtures").send({ tenants: [tenant([{ name: "x", assignee: "nobody@example.com" }])] });
    expect([noUser.status, noUser.body.error.message]).toEqual([400, expect.stringContaining("cases: ")]);
    const noEvent = await emu.http.post("/_emulator/fixtures").send({ tenants: [tenant([{ name: "x", fileEvents: ["nope"] }])] });
    expect([noEvent.status, noEvent.body.error.message]).toEqual([400, "cases: Case x: no file event nope"]);
  });

  it("a tenant copy has the cases, numbered on from the same place, and changing them leaves the source alone", async () => {
    await gw.post("/v1/cases", { name: "copied", subject: BOB });
    await emu.http.delete("/v1/cases/1").set("Authorization", gateway);
    await gw.post("/v1/cases", { name: "kept" });
    const copy = (await emu.control.copyTenant(DEFAULT_TENANT_UID, "c1"))!;
    const auth = `Bearer ${await emu.gatewayToken(copy.apiClients["client_id"], "secret")}`;
    expect((await emu.http.get("/v1/cases/2").set("Authorization", auth)).body).toMatchObject({ name: "kept" });
    expect((await emu.http.post("/v1/cases").set("Authorization", auth).send({ name: "in copy" })).body.number).toBe(3);
    expect((await gw.get("/v1/cases")).body.totalCount).toBe(1);
  });
});
