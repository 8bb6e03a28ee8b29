// Alerts and sessions in the state export (which loads back to the same state, its events raising nothing again),
// in fixtures written by hand, and in tenant copies.
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T10:30:00.000Z" });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const gw = callsAs(emu, () => gateway);

const TENANT = "6c1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const VECTORS = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };
const upload = (i: number, email = "sam@example.com") => ({
  "@timestamp": `2027-01-05T10:0${i}:00.000Z`,
  event: { id: `up-${i}`, action: "application-read", vector: "UPLOADED" },
  user: { email },
  destination: { category: "Cloud Storage", name: "Dropbox" },
  file: { name: `f${i}.txt`, sizeInBytes: 10 * i },
  risk: { score: 3 },
});
const tenant = (more: object) => ({
  tenantUid: TENANT,
  name: "Alerting Tenant",
  registrationKey: "ALRT-TNNT-0000-0002",
  orgs: [{ orgName: "Root" }],
  users: [{ username: "sam@example.com", password: "password", org: "Root", roles: ["Customer Cloud Admin"] }],
  apiClients: [{ clientId: "alerts_state", secret: "alerts-secret", roles: ["Customer Cloud Admin"] }],
  ...more,
});
const ALL = { groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtDirection: "ASC", srtKey: "CreatedAt" };
type Tenant = { tenantUid: string; alerts?: Record<string, unknown>[]; sessions?: Record<string, unknown>[]; alertCandidates?: object[] };
const stateOf = async (uid: string) => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as Tenant[]).find((t) => t.tenantUid === uid)!;

it("exports a tenant's alerts, sessions and candidates, and loads the export back to the same state", async () => {
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      tenant({
        alertRules: [
          { name: "uploads", id: "rule-uploads", vectors: VECTORS },
          { name: "many uploads", id: "rule-many", vectors: VECTORS, filters: { fileVolume: { countGreaterThan: 5, operator: "AND", sizeGreaterThanInBytes: 0 } } },
        ],
        fileEvents: [upload(1), upload(2), upload(3, "someone@elsewhere.example")],
      }),
    ],
  });
  expect(loaded.status).toBe(201);
  const auth = `Bearer ${await emu.gatewayToken("alerts_state", "alerts-secret")}`;
  const page = await emu.http.post("/v1/alerts/query-alerts").set("Authorization", auth).send(ALL);
  expect(page.body.alerts.map((a: { actor: string }) => a.actor)).toEqual(["sam@example.com", "someone@elsewhere.example"]);
  const [samAlert] = page.body.alerts as { id: string }[];
  expect((await emu.http.post("/v1/alerts/update-state").set("Authorization", auth).send({ alertIds: [samAlert!.id], state: "PENDING", note: "looking" })).status).toBe(200);
  const sessionId = (await emu.http.get("/v1/sessions?page_number=0&page_size=50&sort_direction=asc").set("Authorization", auth)).body.items[0].sessionId as string;
  expect((await emu.http.post(`/v1/sessions/${sessionId}/add-note`).set("Authorization", auth).send({ noteContent: "kept" })).status).toBe(204);

  const state = await stateOf(TENANT);
  expect(state.alerts).toEqual([
    {
      id: samAlert!.id,
      ruleId: "rule-uploads",
      ruleName: "uploads",
      ruleDescription: "",
      ruleType: "FED_COMPOSITE",
      ruleSeverity: "HIGH",
      ruleSource: "Alerting",
      actor: "sam@example.com",
      riskSeverity: "LOW",
      state: "PENDING",
      stateLastModifiedAt: "2027-01-05T10:30:00.0000000Z",
      stateLastModifiedBy: "alerts_state",
      createdAt: "2027-01-05T10:30:00.0000000Z",
      watchlists: [],
      sessionId,
      fileEvents: ["up-1", "up-2"],
      notes: [{ id: expect.any(String), message: "looking", at: "2027-01-05T10:30:00.0000000Z", by: "alerts_state" }],
    },
    expect.objectContaining({ actor: "someone@elsewhere.example", fileEvents: ["up-3"], state: "OPEN" }),
  ]);
  expect(state.sessions).toHaveLength(2);
  expect(state.sessions![0]).toEqual({
    id: sessionId,
    actor: "sam@example.com",
    beginTime: Date.parse("2027-01-05T10:01:00Z"),
    endTime: Date.parse("2027-01-05T10:02:00Z"),
    firstObserved: Date.parse("2027-01-05T10:30:00Z"),
    lastUpdated: Date.parse("2027-01-05T10:30:00Z"),
    fileEvents: ["up-1", "up-2"],
    states: [{ state: "OPEN", at: Date.parse("2027-01-05T10:30:00Z") }, { state: "IN_PROGRESS", at: Date.parse("2027-01-05T10:30:00Z"), userId: "alerts_state" }],
    notes: [{ id: expect.any(String), content: "kept", at: Date.parse("2027-01-05T10:30:00Z"), userId: "alerts_state" }],
  });
  expect(state.alertCandidates).toEqual([
    { ruleId: "rule-many", actor: "sam@example.com", eventId: "up-1", at: Date.parse("2027-01-05T10:01:00Z"), size: 10 },
    { ruleId: "rule-many", actor: "sam@example.com", eventId: "up-2", at: Date.parse("2027-01-05T10:02:00Z"), size: 20 },
    { ruleId: "rule-many", actor: "someone@elsewhere.example", eventId: "up-3", at: Date.parse("2027-01-05T10:03:00Z"), size: 30 },
  ]);

  await emu.http.delete(`/_emulator/tenants/${TENANT}`);
  expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [state] })).status).toBe(201);
  expect(await stateOf(TENANT)).toEqual(state);
  const again = `Bearer ${await emu.gatewayToken("alerts_state", "alerts-secret")}`;
  expect((await emu.http.post("/v1/alerts/query-alerts").set("Authorization", again).send(ALL)).body.totalCount).toBe(2);
});

it("loads alerts a fixture writes by hand, and refuses one whose event or session the tenant lacks", async () => {
  const res = await emu.http.post("/_emulator/fixtures").send({
    tenants: [tenant({ fileEvents: [upload(1)], alerts: [{ ruleId: "r", ruleName: "hand made", actor: "sam@example.com", fileEvents: ["up-1"], state: "IN_PROGRESS" }] })],
  });
  expect(res.status).toBe(201);
  const auth = `Bearer ${await emu.gatewayToken("alerts_state", "alerts-secret")}`;
  expect((await emu.http.post("/v1/alerts/query-alerts").set("Authorization", auth).send(ALL)).body.alerts).toEqual([
    expect.objectContaining({ name: "hand made", actor: "sam@example.com", riskSeverity: "LOW", state: "IN_PROGRESS", createdAt: "2027-01-05T10:30:00.0000000Z" }),
  ]);
  const noEvent = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ ...tenant({ alerts: [{ ruleId: "r", ruleName: "x", actor: "sam@example.com", fileEvents: ["nope"] }] }), tenantUid: "6c1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c40", registrationKey: "ALRT-TNNT-0000-0003", apiClients: [] }] });
  expect([noEvent.status, noEvent.body.error.message]).toEqual([400, expect.stringContaining("alerts: alert ")]);
});

it("a session a fixture writes lists its alerts in the order they were raised, its states and its notes in theirs, on a page as on its own", async () => {
  // Given out of order: b was raised first, then a and c at one instant (by id).
  const alert = (id: string, createdAt: string) => ({ id, ruleId: `rule-${id}`, ruleName: `Rule ${id}`, actor: "sam@example.com", fileEvents: ["up-1"], createdAt, sessionId: "s-1" });
  const res = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      tenant({
        fileEvents: [upload(1), upload(2)],
        sessions: [
          {
            id: "s-1",
            actor: "sam@example.com",
            fileEvents: ["up-1", "up-2"],
            states: [{ state: "OPEN", at: 1000 }, { state: "IN_PROGRESS", at: 2000, userId: "u-1" }],
            // Given out of order too: listed by time.
            notes: [{ content: "later", at: 3000 }, { content: 'earlier, "quoted"', at: 1500, userId: "u-1" }],
          },
        ],
        alerts: [alert("c", "2027-01-05T10:20:00.000Z"), alert("a", "2027-01-05T10:20:00.000Z"), alert("b", "2027-01-05T10:10:00.000Z")],
      }),
    ],
  });
  expect(res.status).toBe(201);
  const auth = `Bearer ${await emu.gatewayToken("alerts_state", "alerts-secret")}`;
  const [item] = JSON.parse((await emu.http.get("/v1/sessions?page_number=0&page_size=10").set("Authorization", auth)).text).items;
  expect(item).toMatchObject({
    sessionId: "s-1",
    contextSummary: "sam@example.com: 2 file events in 3 alerts (Rule b, Rule a, Rule c)",
    triggeredAlerts: ["b", "a", "c"].map((id) => ({ alertId: id, lessonId: null, ruleId: `rule-${id}`, ruleName: `Rule ${id}` })),
    states: [
      { sourceTimestamp: 1000, state: "OPEN", stateV2: "OPEN" },
      { sourceTimestamp: 2000, state: "IN_PROGRESS", stateV2: "IN_PROGRESS", userId: "u-1" },
    ],
    notes: [
      { content: 'earlier, "quoted"', id: expect.any(String), sourceTimestamp: 1500, userId: "u-1" },
      { content: "later", id: expect.any(String), sourceTimestamp: 3000, userId: null },
    ],
  });
  expect((await emu.http.get("/v1/sessions/s-1").set("Authorization", auth)).body).toEqual(item);
  // The lists the session keeps on its row, on either engine, are the page's (a page on PostgreSQL reads the tables
  // instead), and so are the summaries.
  const kept = await emu.database.db.selectFrom("sessions").select(["triggered_alerts", "state_history", "notes", "context_summary", "exfiltration_summary"]).where("tenant_uid", "=", TENANT).where("session_id", "=", "s-1").executeTakeFirstOrThrow();
  expect([kept.triggered_alerts, kept.state_history, kept.notes].map((list) => JSON.parse(list))).toEqual([item.triggeredAlerts, item.states, item.notes]);
  expect([kept.context_summary, kept.exfiltration_summary]).toEqual([item.contextSummary, item.exfiltrationSummary]);
});

it("a tenant copy has the alerts and sessions, and changing them leaves the source alone", async () => {
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/alert-rules`).send({ name: "uploads", id: "rule-uploads", vectors: VECTORS })).status).toBe(201);
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [upload(1, "bob.brown@example.com")] })).status).toBe(201);
  const copy = (await emu.control.copyTenant(DEFAULT_TENANT_UID, "a1"))!;
  const auth = `Bearer ${await emu.gatewayToken(copy.apiClients["client_id"], "secret")}`;
  const page = await emu.http.post("/v1/alerts/query-alerts").set("Authorization", auth).send(ALL);
  expect(page.body.alerts).toEqual([expect.objectContaining({ tenantId: copy.tenantUid, actor: "bob.brown+a1@example.com", ruleId: "rule-uploads" })]);
  expect((await emu.http.post("/v1/alerts/update-state").set("Authorization", auth).send({ alertIds: [page.body.alerts[0].id], state: "RESOLVED" })).status).toBe(200);
  expect((await gw.post("/v1/alerts/query-alerts", ALL)).body.alerts).toEqual([expect.objectContaining({ state: "OPEN", actor: "bob.brown@example.com" })]);
  const [copied] = (await emu.http.get("/v1/sessions?page_number=0&page_size=50").set("Authorization", auth)).body.items;
  expect(copied.states.at(-1).state).toBe("CLOSED");
  // Its summary names the copy's actor, on the page and on its own.
  expect(copied).toMatchObject({ actorName: "bob.brown+a1@example.com", contextSummary: "bob.brown+a1@example.com: 1 file event in 1 alert (uploads)" });
  expect((await emu.http.get(`/v1/sessions/${copied.sessionId}`).set("Authorization", auth)).body.contextSummary).toBe(copied.contextSummary);
  expect((await gw.get("/v1/sessions?page_number=0&page_size=50")).body.items[0].states.at(-1).state).toBe("OPEN");
});
