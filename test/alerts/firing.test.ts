// Alerts fired by file events as they are stored: a departing employee's cloud uploads raise one alert of the rule
// scoped to his watchlist, with the events in its observation and one session; resolved with a note on the gateway,
// the state and note show on py42's wire and in the audit log. A rule's window, its volume thresholds, a disabled
// rule and events stored before a rule existed.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
const NOW = "2027-01-05T10:30:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const gw = callsAs(emu, () => gateway);
const py = callsAs(emu, () => legacy);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

const BOB = "942897397520280005";
const RULE = {
  name: "Departing employees: cloud uploads",
  id: "rule-departing-cloud",
  severity: "HIGH",
  watchlists: ["DEPARTING_EMPLOYEE"],
  vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } },
};
async function addRule(rule: object = RULE) {
  const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/alert-rules`).send(rule);
  expect(res.status).toBe(201);
}
/** A cloud upload (Dropbox) by `email` at 10:0i, scored 3·i. */
const upload = (i: number, email = "bob.brown@example.com", minute = `0${i}`) => ({
  "@timestamp": `2027-01-05T10:${minute}:00.000Z`,
  event: { id: `up-${i}`, action: "application-read", vector: "UPLOADED" },
  user: { email },
  destination: { category: "Cloud Storage", name: "Dropbox" },
  file: { name: `f${i}.xlsx`, directory: "/Users/bob/", category: "Spreadsheet", sizeInBytes: 1000 * i },
  risk: { score: 3 * i, indicators: [{ id: "ri-1", name: "Dropbox upload", weight: 3 * i }] },
});
async function addEvents(events: object[]) {
  const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events });
  expect(res.status).toBe(201);
}
const ALL = { tenantId: null, groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtDirection: "DESC", srtKey: "CreatedAt" };
const search = async (body: object = ALL) => (await gw.post("/v1/alerts/query-alerts", body)).body as { alerts: Record<string, unknown>[]; totalCount: number };

describe("a departing employee's cloud uploads", () => {
  it("raise one alert with the three events in its observation, and one session", async () => {
    await addRule();
    await addEvents([upload(1), upload(2), upload(3)]);
    const page = await search();
    const watchlistId = (page.alerts[0]!.watchlists as { id: string }[])[0]!.id;
    const alert = {
      "type$": "ALERT_SUMMARY",
      tenantId: DEFAULT_TENANT_UID,
      type: "FED_COMPOSITE",
      name: RULE.name,
      description: "",
      actor: "bob.brown@example.com",
      actorId: BOB,
      target: "N/A",
      severity: "HIGH",
      riskSeverity: "HIGH",
      ruleId: RULE.id,
      ruleSource: "Alerting",
      watchlists: [{ "type$": "WATCHLIST", id: watchlistId, name: "Departing Employees", type: "DEPARTING_EMPLOYEE", isSignificant: true }],
      id: expect.any(String),
      createdAt: "2027-01-05T10:30:00.0000000Z",
      state: "OPEN",
    };
    expect(page).toEqual({ "type$": "ALERT_QUERY_RESPONSE", alerts: [alert], totalCount: 1, problems: [] });
    const id = page.alerts[0]!.id as string;

    const details = await gw.post("/v1/alerts/query-details", { alertIds: [id] });
    const observation = details.body.alerts[0].observations[0];
    expect(details.body).toEqual({
      "type$": "ALERT_DETAILS_RESPONSE",
      alerts: [{ ...alert, "type$": "ALERT_DETAILS", observations: [{ "type$": "OBSERVATION", id: `${id}-FedEndpointExfiltration`, observedAt: "2027-01-05T10:01:00.0000000Z", lastObservedAt: "2027-01-05T10:03:00.0000000Z", type: "FedEndpointExfiltration", data: expect.any(String) }] }],
    });
    const data = JSON.parse(observation.data);
    expect(data).toMatchObject({ "type$": "OBSERVED_ENDPOINT_ACTIVITY", fileCount: 3, totalFileSize: 6000, exposureTypes: ["ApplicationRead"] });
    expect(data.files.map((f: { eventId: string }) => f.eventId)).toEqual(["up-1", "up-2", "up-3"]);
    expect(data.files[2]).toEqual({
      "type$": "OBSERVED_FILE",
      eventId: "up-3",
      path: "/Users/bob/",
      name: "f3.xlsx",
      category: "Spreadsheet",
      size: 3000,
      riskSeverityInfo: { "type$": "RISK_SEVERITY_INFO", score: 9, severity: "HIGH", matchedRiskIndicators: [{ "type$": "RISK_INDICATOR", name: "Dropbox upload", weight: 9 }] },
      observedAt: "2027-01-05T10:03:00.0000000Z",
    });

    const sessions = await gw.get("/v1/sessions?has_alerts=true&page_number=0&page_size=50");
    expect(sessions.body.totalCount).toBe(1);
    expect(sessions.body.items[0]).toMatchObject({
      actorId: BOB,
      actorName: "bob.brown@example.com",
      beginTime: Date.parse("2027-01-05T10:01:00Z"),
      endTime: Date.parse("2027-01-05T10:03:00Z"),
      lowEvents: 1,
      moderateEvents: 1,
      highEvents: 1,
      scores: [{ score: 9, severity: 3, sourceTimestamp: Date.parse(NOW) }],
      states: [{ sourceTimestamp: Date.parse(NOW), state: "OPEN", stateV2: "OPEN" }],
      triggeredAlerts: [{ alertId: id, lessonId: null, ruleId: RULE.id, ruleName: RULE.name }],
      riskIndicators: [{ eventCount: 3, id: "ri-1", name: "Dropbox upload", weight: 3 }],
    });
    const events = await gw.get(`/v1/sessions/${sessions.body.items[0].sessionId}/events`);
    expect(events.body.queryResult).toMatchObject({ nextPgToken: "", problems: null, totalCount: 3 });
    expect(events.body.queryResult.fileEvents.map((e: { event: { id: string } }) => e.event.id)).toEqual(["up-1", "up-2", "up-3"]);
  });

  it("resolved with a note on the gateway, show it on py42's wire, in the session and in the audit log", async () => {
    await addRule();
    await addEvents([upload(1), upload(2), upload(3)]);
    const id = (await search()).alerts[0]!.id as string;
    await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T11:00:00.000Z" });
    gateway = `Bearer ${await emu.gatewayToken()}`;
    legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect(answer(await gw.post("/v1/alerts/update-state", { tenantId: DEFAULT_TENANT_UID, alertIds: [id], state: "RESOLVED", note: "confirmed with the manager" }))).toEqual([200, {}]);

    const query = { tenantId: DEFAULT_TENANT_UID, groupClause: "AND", groups: [{ filterClause: "AND", filters: [{ operator: "IS", term: "state", value: "RESOLVED" }] }], pgNum: 0, pgSize: 500, srtDirection: "desc", srtKey: "CreatedAt" };
    const legacyPage = await py.post("/svc/api/v1/query-alerts", query);
    expect(legacyPage.body).toMatchObject({ totalCount: 1, alerts: [{ id, state: "RESOLVED", stateLastModifiedBy: "client_id", stateLastModifiedAt: "2027-01-05T11:00:00.0000000Z" }] });
    const legacyDetails = await py.post("/svc/api/v1/query-details", { tenantId: DEFAULT_TENANT_UID, alertIds: [id] });
    expect(legacyDetails.body.alerts[0].note).toEqual({ "type$": "NOTE", id: expect.any(String), lastModifiedAt: "2027-01-05T11:00:00.0000000Z", lastModifiedBy: "client_id", message: "confirmed with the manager" });

    // The session of this one alert follows it.
    const session = (await gw.get("/v1/sessions?page_number=0&page_size=50")).body.items[0];
    expect(session.states).toEqual([
      { sourceTimestamp: Date.parse(NOW), state: "OPEN", stateV2: "OPEN" },
      { sourceTimestamp: Date.parse("2027-01-05T11:00:00Z"), state: "CLOSED", stateV2: "CLOSED", userId: "client_id" },
    ]);

    const trail = async (type: string) => (await gw.post("/v1/audit/search-audit-log", { eventTypes: [type], page: 0, pageSize: 100 })).body.events as Record<string, unknown>[];
    expect(await trail("alert::state_changed/1")).toEqual([expect.objectContaining({ actorId: "client_id", actorType: "API_CLIENT", resourceId: id, alertId: id, state: "RESOLVED", previousState: "OPEN", ruleName: RULE.name })]);
    expect(await trail("alert::note_added/1")).toEqual([expect.objectContaining({ resourceId: id, alertId: id, note: "confirmed with the manager" })]);

    // A later upload opens a new alert: the resolved one is not extended.
    await addEvents([upload(4, "bob.brown@example.com", "04")]);
    expect((await search()).totalCount).toBe(2);
  });
});

describe("rules and windows", () => {
  it("extend an alert within the window of its first event; a later event raises another", async () => {
    await addRule();
    await addEvents([upload(1)]);
    await addEvents([upload(2, "bob.brown@example.com", "50")]);
    await addEvents([upload(3, "bob.brown@example.com", "59")]);
    expect((await search()).totalCount).toBe(1);
    // 60 minutes after the first event: a new alert, created one microsecond-step after the first.
    await addEvents([{ ...upload(5), "@timestamp": "2027-01-05T11:01:00.000Z" }]);
    const page = await search({ ...ALL, srtDirection: "ASC" });
    expect(page.alerts.map((a) => a.createdAt)).toEqual(["2027-01-05T10:30:00.0000000Z", "2027-01-05T10:30:00.0000010Z"]);
  });

  it("raise nothing for a user outside the rule's watchlist, or from a disabled rule; events before a rule are not judged", async () => {
    await addEvents([upload(1)]);
    await addRule();
    await addRule({ ...RULE, id: "disabled", name: "disabled", watchlists: [], enabled: false });
    await addEvents([upload(2, "alice.adams@example.com")]);
    expect((await search()).totalCount).toBe(0);
    expect((await gw.get("/v1/sessions?page_number=0&page_size=50")).body).toEqual({ items: [], totalCount: 0 });
  });

  it("with volume thresholds raise once the window's events exceed them, across batches", async () => {
    await addRule({ ...RULE, id: "volume", name: "volume", watchlists: [], filters: { fileVolume: { countGreaterThan: 2, operator: "AND", sizeGreaterThanInBytes: 0 } }, timeWindow: 15 });
    await addEvents([upload(1), upload(2)]);
    expect((await search()).totalCount).toBe(0);
    await addEvents([upload(3)]);
    const page = await search();
    expect(page.totalCount).toBe(1);
    const details = await gw.post("/v1/alerts/query-details", { alertIds: [page.alerts[0]!.id] });
    expect(JSON.parse(details.body.alerts[0].observations[0].data).fileCount).toBe(3);
  });

  it("fire for events a fixture loads, applied after its rules", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send({
      tenants: [
        {
          tenantUid: "5b1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
          name: "Alerting Tenant",
          registrationKey: "ALRT-TNNT-0000-0001",
          orgs: [{ orgName: "Root" }],
          users: [{ username: "sam@example.com", password: "password", org: "Root", roles: ["Customer Cloud Admin"] }],
          apiClients: [{ clientId: "alerts_client", secret: "alerts-secret", roles: ["Customer Cloud Admin"] }],
          alertRules: [{ name: "everyone's uploads", vectors: RULE.vectors }],
          fileEvents: [upload(1, "sam@example.com")],
        },
      ],
    });
    expect(res.status).toBe(201);
    const token = await emu.gatewayToken("alerts_client", "alerts-secret");
    const page = await emu.http.post("/v1/alerts/query-alerts").set("Authorization", `Bearer ${token}`).send(ALL);
    expect(page.body).toMatchObject({ totalCount: 1, alerts: [{ actor: "sam@example.com", name: "everyone's uploads", riskSeverity: "LOW", watchlists: [] }] });
    expect((await search()).totalCount).toBe(0);
  });
});
