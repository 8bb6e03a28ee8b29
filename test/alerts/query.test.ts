// The alert service's operations on both wires: query-alerts with its filter grammar (PascalCase and py42's camelCase
// terms, enumerations without case or underscores, dates at microsecond precision), 0-based paging and sorting, and
// the problems of a query it cannot read; query-details, update-state (all or none), add-note, update-all-state with
// its continuation, and the v2 and v3 rollups; each refusal safe to repeat.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T12:00:00.000Z" });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const gw = callsAs(emu, () => gateway);
const py = callsAs(emu, () => legacy);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

const VECTORS = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };
const upload = (id: string, email: string, at: string, score = 3) => ({
  "@timestamp": at,
  event: { id, action: "application-read", vector: "UPLOADED" },
  user: { email },
  destination: { category: "Cloud Storage", name: "Dropbox" },
  file: { name: `${id}.txt`, category: "Document", sizeInBytes: 100 },
  risk: { score, indicators: [{ name: "Dropbox upload", weight: score }] },
});

/** Three alerts: bob's (HIGH rule, LOW risk) at 10:00, alice's and carol's (MEDIUM rule, HIGH risk) at 10:00 and 11:00. */
async function threeAlerts(): Promise<Record<string, string>> {
  const T = DEFAULT_TENANT_UID;
  const rule = (body: object) => emu.http.post(`/_emulator/tenants/${T}/alert-rules`).send(body);
  expect((await rule({ name: "Departing uploads", id: "rule-departing", severity: "HIGH", watchlists: ["DEPARTING_EMPLOYEE"], vectors: VECTORS })).status).toBe(201);
  expect((await rule({ name: "Everyone's uploads", id: "rule-all", severity: "MEDIUM", vectors: VECTORS, users: { mode: "EXCLUDE", usernames: ["bob.brown@example.com"] } })).status).toBe(201);
  const add = (events: object[]) => emu.http.post(`/_emulator/tenants/${T}/file-events`).send({ events });
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T10:00:00.000Z" });
  await add([upload("b1", "bob.brown@example.com", "2027-01-05T09:55:00Z"), upload("a1", "alice.adams@example.com", "2027-01-05T09:56:00Z", 8)]);
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T11:00:00.000Z" });
  await add([upload("c1", "carol.clark@example.com", "2027-01-05T10:56:00Z", 9)]);
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T12:00:00.000Z" });
  const page = await gw.post("/v1/alerts/query-alerts", { groupClause: "AND", groups: [], pgNum: 0, pgSize: 10, srtKey: "CreatedAt", srtDirection: "ASC" });
  return Object.fromEntries((page.body.alerts as { actor: string; id: string }[]).map((a) => [a.actor.split(".")[0]!, a.id]));
}

const query = (groups: object[], more: object = {}) => ({ tenantId: null, groupClause: "AND", groups, pgNum: 0, pgSize: 100, srtDirection: "ASC", srtKey: "CreatedAt", ...more });
const one = (term: string, operator: string, value: unknown) => ({ filterClause: "AND", filters: [{ term, operator, value }] });
const actorsOf = async (body: object, call = gw.post) => ((await call("/v1/alerts/query-alerts", body)).body.alerts as { actor: string }[]).map((a) => a.actor.split(".")[0]);

describe("query-alerts", () => {
  it("filters by every term the clients send, in either spelling", async () => {
    const ids = await threeAlerts();
    const cases: [object[], string[]][] = [
      [[one("State", "IS", "OPEN")], ["bob", "alice", "carol"]],
      [[one("state", "IS_NOT", "open")], []],
      [[one("RiskSeverity", "IS", "HIGH")], ["alice", "carol"]],
      [[one("riskSeverity", "IS", "LOW")], ["bob"]],
      [[one("AlertSeverity", "IS", "MEDIUM")], ["alice", "carol"]],
      [[one("Severity", "IS", "HIGH")], ["bob"]],
      [[one("Name", "IS", "departing UPLOADS")], ["bob"]],
      [[one("name", "CONTAINS", "everyone")], ["alice", "carol"]],
      [[one("Name", "DOES_NOT_CONTAIN", "everyone")], ["bob"]],
      [[one("Actor", "IS", "carol.clark@example.com")], ["carol"]],
      [[one("ActorId", "IS", "942897397520280005")], ["bob"]],
      [[one("RuleId", "IS", "rule-all")], ["alice", "carol"]],
      [[one("AlertId", "IS", ids.alice)], ["alice"]],
      [[one("type", "IS", "FedComposite")], ["bob", "alice", "carol"]],
      [[one("Type", "IS", "FED_ENDPOINT_EXFILTRATION")], []],
      [[one("ruleSource", "IS", "Alerting")], ["bob", "alice", "carol"]],
      [[one("HasAuthSignificantWatchlist", "IS", true)], ["bob"]],
      [[one("HasAuthSignificantWatchlist", "IS", false)], ["alice", "carol"]],
      [[one("CreatedAt", "ON_OR_AFTER", "2027-01-05T11:00:00.000Z")], ["carol"]],
      // Raised in one batch, alice's alert is a microsecond after bob's: bounds are read at the precision sent.
      [[one("createdAt", "ON_OR_BEFORE", "2027-01-05T10:00:00.000000Z")], ["bob"]],
      [[one("createdAt", "ON_OR_BEFORE", "2027-01-05T10:00:00.000001Z")], ["bob", "alice"]],
      [[one("CreatedAt", "ON", "2027-01-05")], ["bob", "alice", "carol"]],
      [[one("CreatedAt", "ON", "2027-01-06T00:00:00.000Z")], []],
      [[{ filterClause: "OR", filters: [{ term: "Actor", operator: "IS", value: "bob.brown@example.com" }, { term: "Actor", operator: "IS", value: "carol.clark@example.com" }] }], ["bob", "carol"]],
      [[one("State", "IS", "OPEN"), one("RiskSeverity", "IS", "HIGH")], ["alice", "carol"]],
    ];
    for (const [groups, expected] of cases) expect([groups, await actorsOf(query(groups))]).toEqual([groups, expected]);
    expect(await actorsOf(query([one("Actor", "IS", "bob.brown@example.com"), one("Actor", "IS", "carol.clark@example.com")], { groupClause: "OR" }))).toEqual(["bob", "carol"]);
  });

  it("pages from 0 and sorts by any term, in either case of direction", async () => {
    await threeAlerts();
    const page = (pgNum: number, more: object = {}) => gw.post("/v1/alerts/query-alerts", query([], { pgNum, pgSize: 2, ...more }));
    expect((await page(0)).body).toMatchObject({ totalCount: 3, alerts: [{ actor: "bob.brown@example.com" }, { actor: "alice.adams@example.com" }] });
    expect((await page(1)).body).toMatchObject({ totalCount: 3, alerts: [{ actor: "carol.clark@example.com" }] });
    expect((await page(2)).body).toEqual({ "type$": "ALERT_QUERY_RESPONSE", alerts: [], totalCount: 3, problems: [] });
    expect(await actorsOf(query([], { srtDirection: "desc" }))).toEqual(["carol", "alice", "bob"]);
    expect(await actorsOf(query([], { srtKey: "Actor" }))).toEqual(["alice", "bob", "carol"]);
  });

  it("counts anew after any change: a state changed and an alert raised between two asks of the same query", async () => {
    const ids = await threeAlerts();
    const open = query([one("State", "IS", "OPEN")], { pgSize: 1 });
    const totalOf = async () => (await gw.post("/v1/alerts/query-alerts", open)).body.totalCount;
    expect(await totalOf()).toBe(3);
    expect(await totalOf()).toBe(3);
    expect((await gw.post("/v1/alerts/update-state", { alertIds: [ids.bob], state: "RESOLVED", note: null })).status).toBe(200);
    expect(await totalOf()).toBe(2);
    await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [upload("d1", "dave.davis@example.com", "2027-01-05T11:58:00Z")] });
    expect(await totalOf()).toBe(3);
  });

  it("answers a query it cannot read with the problems, 400, changing nothing", async () => {
    const problems = async (body: object) => {
      const res = await gw.post("/v1/alerts/query-alerts", body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: "ALERT_QUERY_INVALID", "type$": "ALERT_QUERY_RESPONSE", alerts: [], totalCount: 0 });
      return res.body.problems;
    };
    expect(await problems(query([one("Nonsense", "IS", "x")]))).toEqual([{ type: "IllegalValue", badFilter: "Nonsense IS x" }]);
    expect(await problems(query([one("State", "ON_OR_AFTER", "OPEN")]))).toEqual([{ type: "IllegalOperator", badFilter: "State ON_OR_AFTER OPEN" }]);
    expect(await problems(query([one("State", "IS", "CLOSED")]))).toEqual([{ type: "IllegalValue", badFilter: "State IS CLOSED" }]);
    expect(await problems(query([one("CreatedAt", "ON_OR_AFTER", "yesterday")]))).toEqual([{ type: "IllegalValue", badFilter: "CreatedAt ON_OR_AFTER yesterday" }]);
    expect(await problems(query([one("Actor", "IS", null)]))).toEqual([{ type: "MissingValue", badFilter: "Actor IS" }]);
    expect(await problems(query([{ filterClause: "AND", filters: [] }]))).toEqual([{ type: "MissingFilters", badFilter: "filterClause AND" }]);
    expect(await problems(query([], { pgSize: 501, pgNum: -1 }))).toEqual([
      { type: "InvalidPageSize", badFilter: "pgSize 501" },
      { type: "InvalidPageNumber", badFilter: "pgNum -1" },
    ]);
  });

  it("refuses another tenant's id and a caller without a security role", async () => {
    expect(answer(await gw.post("/v1/alerts/query-alerts", query([], { tenantId: "someone-else" })))).toEqual([403, { code: "FORBIDDEN", message: "The tenantId is not the caller's tenant" }]);
    const user = `Bearer ${await emu.tokenFor("alice.adams@example.com", "password")}`;
    expect((await gw.post("/v1/alerts/query-alerts", query([]), user)).status).toBe(403);
  });

  it("is py42's /svc/api/v1/query-alerts too, with its camelCase terms and lowercase direction", async () => {
    await threeAlerts();
    const body = { tenantId: DEFAULT_TENANT_UID, groupClause: "AND", groups: [{ filterClause: "OR", filters: [{ operator: "IS", term: "riskSeverity", value: "CRITICAL" }, { operator: "IS", term: "riskSeverity", value: "HIGH" }] }], pgNum: 0, pgSize: 500, srtDirection: "desc", srtKey: "CreatedAt" };
    const res = await py.post("/svc/api/v1/query-alerts", body);
    expect(res.body).toEqual((await gw.post("/v1/alerts/query-alerts", body)).body);
    expect(await actorsOf(body, py.post)).toEqual(["carol", "alice"]);
  });
});

describe("query-details, update-state, add-note", () => {
  it("answers the alerts found; none found is a 404 on both wires", async () => {
    const ids = await threeAlerts();
    const res = await gw.post("/v1/alerts/query-details", { alertIds: [ids.carol, "unknown", ids.bob] });
    expect(res.body.alerts.map((a: { id: string }) => a.id)).toEqual([ids.carol, ids.bob]);
    for (const path of ["/v1/alerts/query-details", "/svc/api/v1/query-details"])
      expect(answer(await gw.post(path, { tenantId: DEFAULT_TENANT_UID, alertIds: ["unknown"] }))).toEqual([404, { code: "ALERT_NOT_FOUND", message: "No alert unknown" }]);
    expect(answer(await gw.post("/v1/alerts/query-details", { alertIds: Array.from({ length: 101 }, (_, i) => `a${i}`) }))).toEqual([400, { code: "ALERT_REQUEST_INVALID", message: "At most 100 alert ids per request" }]);
  });

  it("changes all the alerts or none: an unknown id is a 404, twice alike", async () => {
    const ids = await threeAlerts();
    for (let i = 0; i < 2; i++)
      expect(answer(await py.post("/svc/api/v1/update-state", { tenantId: DEFAULT_TENANT_UID, alertIds: [ids.bob, "invalid"], note: null, state: "RESOLVED" }))).toEqual([404, { code: "ALERT_NOT_FOUND", message: "No alert invalid" }]);
    expect(await actorsOf(query([one("State", "IS", "RESOLVED")]))).toEqual([]);
    expect(answer(await gw.post("/v1/alerts/update-state", { tenantId: DEFAULT_TENANT_UID, alertIds: [ids.bob], state: "CLOSED", note: null }))).toEqual([400, { code: "ALERT_REQUEST_INVALID", message: "Unknown alert state CLOSED (one of OPEN, RESOLVED, IN_PROGRESS, PENDING, RESOLVED_TP, RESOLVED_FP)" }]);
    expect(answer(await gw.post("/v1/alerts/update-state", { alertIds: [ids.bob, ids.alice], state: "PENDING", note: null }))).toEqual([200, {}]);
    expect(await actorsOf(query([one("State", "IS", "PENDING")]))).toEqual(["bob", "alice"]);
    expect(await actorsOf(query([one("StateLastModifiedBy", "IS", "client_id")]))).toEqual(["bob", "alice"]);
  });

  it("keeps the latest note, added by add-note on either wire", async () => {
    const ids = await threeAlerts();
    expect(answer(await gw.post("/v1/alerts/add-note", { tenantId: DEFAULT_TENANT_UID, alertId: ids.bob, note: "first" }))).toEqual([200, {}]);
    await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T12:00:01.000Z" });
    expect((await py.post("/svc/api/v1/add-note", { tenantId: DEFAULT_TENANT_UID, alertId: ids.bob, note: "second" })).status).toBe(200);
    const note = (await gw.post("/v1/alerts/query-details", { alertIds: [ids.bob] })).body.alerts[0].note;
    expect(note).toEqual({ "type$": "NOTE", id: expect.any(String), lastModifiedAt: "2027-01-05T12:00:01.0000000Z", lastModifiedBy: ADMIN.username, message: "second" });
    expect(await actorsOf(query([one("Notes", "CONTAINS", "FIRST")]))).toEqual(["bob"]);
    expect(answer(await gw.post("/v1/alerts/add-note", { alertId: "nope", note: "x" }))).toEqual([404, { code: "ALERT_NOT_FOUND", message: "No alert nope" }]);
    expect((await gw.post("/v1/alerts/add-note", { alertId: ids.bob, note: "n".repeat(2001) })).status).toBe(400);
  });
});

describe("update-all-state", () => {
  it("changes every matching alert, going on with the continuation token past 500", async () => {
    await threeAlerts();
    const body = { groupClause: "AND", groups: [one("RiskSeverity", "IS", "HIGH")], state: "IN_PROGRESS" };
    expect(answer(await gw.post("/v1/alerts/update-all-state", body))).toEqual([200, { continuationToken: null }]);
    expect(await actorsOf(query([one("State", "IS", "IN_PROGRESS")]))).toEqual(["alice", "carol"]);
    expect(answer(await gw.post("/v1/alerts/update-all-state", { ...body, continuationToken: "made-up" }))).toEqual([400, { code: "ALERT_REQUEST_INVALID", message: "Unknown or expired continuationToken" }]);
    expect((await gw.post("/v1/alerts/update-all-state", { ...body, groups: [one("Bogus", "IS", "x")] })).body.problems).toEqual([{ type: "IllegalValue", badFilter: "Bogus IS x" }]);
  });
});

describe("update-all-state over more than 500 alerts", () => {
  it("changes 500 per call and answers a token for the rest", async () => {
    const TENANT = "3d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const alerts = Array.from({ length: 501 }, (_, i) => ({ ruleId: "r", ruleName: "many", actor: "sam@example.com", fileEvents: ["e-1"], createdAt: `2027-01-05T10:00:00.${String(i).padStart(6, "0")}Z` }));
    const res = await emu.http.post("/_emulator/fixtures").send({
      tenants: [
        {
          tenantUid: TENANT,
          name: "Many Alerts",
          registrationKey: "MANY-ALRT-0000-0001",
          orgs: [{ orgName: "Root" }],
          users: [{ username: "sam@example.com", password: "password", org: "Root", roles: ["Customer Cloud Admin"] }],
          apiClients: [{ clientId: "many_alerts", secret: "many-secret", roles: ["Customer Cloud Admin"] }],
          fileEvents: [upload("e-1", "sam@example.com", "2027-01-05T09:00:00Z")],
          alerts,
        },
      ],
    });
    expect(res.status).toBe(201);
    const auth = `Bearer ${await emu.gatewayToken("many_alerts", "many-secret")}`;
    const call = (body: object) => emu.http.post("/v1/alerts/update-all-state").set("Authorization", auth).send(body);
    const count = async (state: string) => (await emu.http.post("/v1/alerts/query-alerts").set("Authorization", auth).send(query([one("State", "IS", state)], { pgSize: 1 }))).body.totalCount;
    const first = await call({ groupClause: "AND", groups: [one("State", "IS", "OPEN")], state: "RESOLVED", continuationToken: null });
    expect(first.body).toEqual({ continuationToken: expect.any(String) });
    expect(await count("RESOLVED")).toBe(500);
    expect((await call({ groupClause: "AND", groups: [one("State", "IS", "OPEN")], state: "RESOLVED", continuationToken: first.body.continuationToken })).body).toEqual({ continuationToken: null });
    expect(await count("RESOLVED")).toBe(501);
  });
});

describe("query-details-aggregate", () => {
  it("rolls an alert's observations up: v2 for py42 and the gateway, v3 with its events", async () => {
    const ids = await threeAlerts();
    const v2 = await py.post("/svc/api/v2/query-details-aggregate", { alertId: ids.alice });
    expect(v2.status).toBe(200);
    expect(v2.body).toEqual((await gw.post("/api/v2/query-details-aggregate", { alertId: ids.alice })).body);
    expect(v2.body).toMatchObject({
      "type$": "ALERT_DETAILS_IN_AGGREGATE_V2_RESPONSE",
      alert: {
        "type$": "ALERT_DETAILS_AGGREGATE_V2",
        id: ids.alice,
        observations: [{ "type$": "OBSERVATION_AGGREGATE", observedAt: "2027-01-05T09:56:00.0000000Z", type: "FedEndpointExfiltration" }],
        firstObservationAt: "2027-01-05T09:56:00.0000000Z",
        lastObservationAt: "2027-01-05T09:56:00.0000000Z",
        fileCount: 1,
        totalFileSize: 100,
        fileCategories: [{ "type$": "FILE_CATEGORY", category: "Document", fileCount: 1, totalFileSize: 100 }],
        riskSeveritySummary: [{ "type$": "RISK_SEVERITY_SUMMARY", severity: "HIGH", numEvents: 1, summarizedRiskIndicators: [{ "type$": "SUMMARIZED_RISK_INDICATOR", name: "Dropbox upload", numEvents: 1 }] }],
      },
    });
    const v3 = await gw.post("/api/v3/query-details-aggregate", { alertId: ids.alice });
    expect(v3.body.alert.observedEvents).toEqual({
      events: [{ eventId: "a1", path: null, name: "a1.txt", url: null, size: 100, origin: null, action: { type: "UPLOAD" }, observedAt: "2027-01-05T09:56:00.0000000Z", riskSeverity: { score: 8, severity: "HIGH", matchedRiskIndicators: [{ id: null, name: "Dropbox upload", weight: 8 }] } }],
      eventsIsTruncated: false,
    });
    expect(answer(await gw.post("/api/v3/query-details-aggregate", { alertId: "nope" }))).toEqual([404, { code: "ALERT_NOT_FOUND", message: "No alert nope" }]);
  });
});
