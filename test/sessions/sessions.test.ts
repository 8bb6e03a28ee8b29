// The gateway's sessions as the incydr SDK 2.12 calls them: the search with each of its filters, 0-based pages and
// both orders; a session's details and events; its state changed by id (all or none, the alerts following) or by
// criteria with a continuation token; notes; every refusal with its {msg}.
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
const NOW = "2027-01-05T12:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const gw = callsAs(emu, () => gateway);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];
const BOB = "942897397520280005";
const CAROL = "942897397520280006";

const VECTORS = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };
const upload = (id: string, email: string, at: string, score: number, indicator = "ri-dropbox") => ({
  "@timestamp": at,
  event: { id, action: "application-read", vector: "UPLOADED" },
  user: { email },
  destination: { category: "Cloud Storage", name: "Dropbox" },
  file: { name: `${id}.txt`, sizeInBytes: 100 },
  risk: { score, indicators: [{ id: indicator, name: indicator, weight: score }] },
});

/** Bob's session (two uploads, 10:00 and 10:20, then a third at 13:00: a second session) and carol's at 11:00. */
async function sessions(): Promise<{ bob: string; bobLater: string; carol: string; watchlist: string }> {
  const T = DEFAULT_TENANT_UID;
  expect((await emu.http.post(`/_emulator/tenants/${T}/alert-rules`).send({ name: "Departing uploads", id: "rule-departing", watchlists: ["DEPARTING_EMPLOYEE"], vectors: VECTORS })).status).toBe(201);
  expect((await emu.http.post(`/_emulator/tenants/${T}/alert-rules`).send({ name: "Carol's uploads", id: "rule-carol", users: { mode: "INCLUDE", usernames: ["carol.clark@example.com"] }, vectors: VECTORS })).status).toBe(201);
  const res = await emu.http.post(`/_emulator/tenants/${T}/file-events`).send({
    events: [
      upload("b1", "bob.brown@example.com", "2027-01-05T10:00:00Z", 3),
      upload("b2", "bob.brown@example.com", "2027-01-05T10:20:00Z", 5),
      upload("c1", "carol.clark@example.com", "2027-01-05T11:00:00Z", 12, "ri-zip"),
      upload("b3", "bob.brown@example.com", "2027-01-05T13:00:00Z", 1),
    ],
  });
  expect(res.status).toBe(201);
  const page = (await gw.get("/v1/sessions?page_number=0&page_size=50&sort_direction=asc")).body.items as { sessionId: string; actorId: string; beginTime: number }[];
  expect(page.map((s) => [s.actorId, new Date(s.beginTime).toISOString()])).toEqual([
    [BOB, "2027-01-05T10:00:00.000Z"],
    [CAROL, "2027-01-05T11:00:00.000Z"],
    [BOB, "2027-01-05T13:00:00.000Z"],
  ]);
  const alert = (await gw.post("/v1/alerts/query-alerts", { groupClause: "AND", groups: [], pgNum: 0, pgSize: 1, srtKey: "CreatedAt", srtDirection: "ASC" })).body.alerts[0];
  return { bob: page[0]!.sessionId, carol: page[1]!.sessionId, bobLater: page[2]!.sessionId, watchlist: alert.watchlists[0].id };
}

const ids = async (query: string) => ((await gw.get(`/v1/sessions?page_number=0&page_size=50&sort_direction=asc&${query}`)).body.items as { sessionId: string }[]).map((s) => s.sessionId);

describe("GET /v1/sessions", () => {
  it("answers a session with every key the SDK parses", async () => {
    const s = await sessions();
    const bob = (await gw.get(`/v1/sessions/${s.bob}`)).body;
    expect(bob).toEqual({
      actorId: BOB,
      actorName: "bob.brown@example.com",
      type: "STANDARD",
      beginTime: Date.parse("2027-01-05T10:00:00Z"),
      contentInspectionResults: { detectedOnAlerts: [] },
      contextSummary: "bob.brown@example.com: 2 file events in 1 alert (Departing uploads)",
      criticalEvents: 0,
      endTime: Date.parse("2027-01-05T10:20:00Z"),
      exfiltrationSummary: "2 files, 200 bytes",
      firstObserved: Date.parse(NOW),
      highEvents: 0,
      lastUpdated: Date.parse(NOW),
      lowEvents: 1,
      moderateEvents: 1,
      noRiskEvents: 0,
      notes: [],
      riskIndicators: [{ eventCount: 2, id: "ri-dropbox", name: "ri-dropbox", weight: 3 }],
      scores: [{ score: 5, severity: 2, sourceTimestamp: Date.parse(NOW) }],
      sessionId: s.bob,
      states: [{ sourceTimestamp: Date.parse(NOW), state: "OPEN", stateV2: "OPEN" }],
      tenantId: DEFAULT_TENANT_UID,
      triggeredAlerts: [{ alertId: expect.any(String), lessonId: null, ruleId: "rule-departing", ruleName: "Departing uploads" }],
      userId: BOB,
    });
    expect((await gw.get("/v1/sessions?has_alerts=true&page_number=0&page_size=50")).body.items[0]).toEqual(expect.objectContaining({ sessionId: s.bobLater }));
    expect(answer(await gw.get("/v1/sessions/nope"))).toEqual([404, { code: "SESSION_NOT_FOUND", message: "No session nope", msg: "No session nope" }]);
  });

  it("filters by actor, time, state, severity, rule, watchlist, risk indicator, alerts and content inspection", async () => {
    const s = await sessions();
    const cases: [string, string[]][] = [
      ["", [s.bob, s.carol, s.bobLater]],
      [`actor_id=${CAROL}`, [s.carol]],
      [`on_or_after=${Date.parse("2027-01-05T11:00:00Z")}`, [s.carol, s.bobLater]],
      [`before=${Date.parse("2027-01-05T11:00:00Z")}`, [s.bob]],
      ["severity=4", [s.carol]],
      ["severity=1&severity=2", [s.bob, s.bobLater]],
      ["rule_id=rule-carol", [s.carol]],
      [`watchlist_id=${s.watchlist}`, [s.bob, s.bobLater]],
      ["risk_indicators=ri-zip", [s.carol]],
      ["state=OPEN&state=CLOSED_TP_BENIGN", [s.bob, s.carol, s.bobLater]],
      ["state=CLOSED", []],
      ["has_alerts=false", []],
      ["content_inspection_status=PENDING", []],
      ["content_inspection_status=NOT_FOUND", [s.bob, s.carol, s.bobLater]],
      ["type=ACCOUNT_TAKE_OVER", []],
    ];
    for (const [query, expected] of cases) expect([query, await ids(query)]).toEqual([query, expected]);
  });

  it("pages from 0 (the SDK's iter_all stops at a short page), by end time or score, either way", async () => {
    const s = await sessions();
    const page = async (n: number) => (await gw.get(`/v1/sessions?page_number=${n}&page_size=2`)).body;
    expect((await page(0)).items.map((x: { sessionId: string }) => x.sessionId)).toEqual([s.bobLater, s.carol]);
    expect(await page(1)).toMatchObject({ totalCount: 3, items: [{ sessionId: s.bob }] });
    expect(await ids("order_by=score")).toEqual([s.bobLater, s.bob, s.carol]);
    const byScore = (await gw.get("/v1/sessions?order_by=score&sort_direction=DESC&page_number=0&page_size=50")).body.items.map((x: { sessionId: string }) => x.sessionId);
    expect(byScore).toEqual([s.carol, s.bob, s.bobLater]);
    expect(answer(await gw.get("/v1/sessions?page_size=0"))).toEqual([400, { code: "SESSION_REQUEST_INVALID", message: "page_size is 1 to 1000", msg: "page_size is 1 to 1000" }]);
    expect((await gw.get("/v1/sessions?order_by=start_time")).status).toBe(400);
  });
});

describe("a session's events, states and notes", () => {
  it("answers the session's alerted events as the v2 search does", async () => {
    const s = await sessions();
    const res = await gw.get(`/v1/sessions/${s.bob}/events`);
    expect(res.body.queryResult).toMatchObject({ nextPgToken: "", problems: null, totalCount: 2 });
    expect(res.body.queryResult.fileEvents.map((e: { event: { id: string } }) => e.event.id)).toEqual(["b1", "b2"]);
    expect(answer(await gw.get("/v1/sessions/nope/events"))).toEqual([404, { code: "SESSION_NOT_FOUND", message: "No session nope", msg: "No session nope" }]);
  });

  it("changes states by id, all or none, and the alerts follow; the same state again adds nothing", async () => {
    const s = await sessions();
    for (let i = 0; i < 2; i++)
      expect(answer(await gw.post("/v1/sessions/change-state", { ids: [s.bob, "nope"], newState: "CLOSED" }))).toEqual([404, { code: "SESSION_NOT_FOUND", message: "No session nope", msg: "No session nope" }]);
    expect(answer(await gw.post("/v1/sessions/change-state", { ids: [s.bob, s.carol], newState: "CLOSED_TP" }))).toEqual([204, {}]);
    expect(answer(await gw.post(`/v1/sessions/${s.bob}/change-state`, { newState: "CLOSED_TP" }))).toEqual([204, {}]);
    expect((await gw.get(`/v1/sessions/${s.bob}`)).body.states).toEqual([
      { sourceTimestamp: Date.parse(NOW), state: "OPEN", stateV2: "OPEN" },
      { sourceTimestamp: Date.parse(NOW), state: "CLOSED_TP", stateV2: "CLOSED_TP", userId: "client_id" },
    ]);
    const alerts = (await gw.post("/v1/alerts/query-alerts", { groupClause: "AND", groups: [], pgNum: 0, pgSize: 10, srtKey: "CreatedAt", srtDirection: "ASC" })).body.alerts;
    expect(alerts.map((a: { actor: string; state: string }) => [a.actor, a.state])).toEqual([
      ["bob.brown@example.com", "RESOLVED_TP"],
      ["bob.brown@example.com", "OPEN"],
      ["carol.clark@example.com", "RESOLVED_TP"],
    ]);
    const trail = (await gw.post("/v1/audit/search-audit-log", { eventTypes: ["session::state_changed/1"], page: 0, pageSize: 100 })).body.events as Record<string, unknown>[];
    expect(trail.map((e) => [e.resourceId, e.state, e.previousState, (e.alertIds as string[]).length])).toEqual(expect.arrayContaining([
      [s.bob, "CLOSED_TP", "OPEN", 1],
      [s.carol, "CLOSED_TP", "OPEN", 1],
    ]));
    expect(trail).toHaveLength(2);
    expect(answer(await gw.post("/v1/sessions/change-state", { ids: [s.bob], newState: "DONE" }))).toEqual([400, { code: "SESSION_REQUEST_INVALID", message: "Unknown session state DONE", msg: "Unknown session state DONE" }]);
    expect((await gw.post("/v1/sessions/change-state", { ids: [], newState: "OPEN" })).status).toBe(400);

    // New activity on a closed session reopens it.
    await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [upload("b4", "bob.brown@example.com", "2027-01-05T10:30:00Z", 2)] });
    expect((await gw.get(`/v1/sessions/${s.bob}`)).body.states.at(-1)).toEqual({ sourceTimestamp: Date.parse(NOW), state: "OPEN_NEW_DATA", stateV2: "OPEN_NEW_DATA" });
  });

  it("changes the states of the sessions criteria match, continuing with a token", async () => {
    const s = await sessions();
    const res = await gw.post(`/v1/sessions/change-states?actor_id=${BOB}&has_alerts=true`, { continuationToken: null, newState: "IN_PROGRESS" });
    expect(answer(res)).toEqual([200, { continuationToken: null }]);
    expect(await ids("state=IN_PROGRESS")).toEqual([s.bob, s.bobLater]);
    expect(answer(await gw.post("/v1/sessions/change-states", { continuationToken: "made-up", newState: "OPEN" }))).toEqual([400, { code: "SESSION_REQUEST_INVALID", message: "Unknown or expired continuationToken", msg: "Unknown or expired continuationToken" }]);
  });

  it("changes 500 sessions per call and answers a token for the rest", async () => {
    const TENANT = "2e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const res = await emu.http.post("/_emulator/fixtures").send({
      tenants: [
        {
          tenantUid: TENANT,
          name: "Many Sessions",
          registrationKey: "MANY-SESS-0000-0001",
          orgs: [{ orgName: "Root" }],
          users: [{ username: "sam@example.com", password: "password", org: "Root", roles: ["Customer Cloud Admin"] }],
          apiClients: [{ clientId: "many_sessions", secret: "many-secret", roles: ["Customer Cloud Admin"] }],
          sessions: Array.from({ length: 501 }, (_, i) => ({ id: `s-${i}`, actor: "sam@example.com", fileEvents: [], beginTime: i, endTime: i })),
        },
      ],
    });
    expect(res.status).toBe(201);
    const auth = `Bearer ${await emu.gatewayToken("many_sessions", "many-secret")}`;
    const call = (token: string | null) => emu.http.post("/v1/sessions/change-states?has_alerts=false").set("Authorization", auth).send({ continuationToken: token, newState: "CLOSED" });
    const closed = async () => (await emu.http.get("/v1/sessions?has_alerts=false&state=CLOSED&page_number=0&page_size=1").set("Authorization", auth)).body.totalCount;
    const first = await call(null);
    expect(first.body).toEqual({ continuationToken: expect.any(String) });
    expect(await closed()).toBe(500);
    expect((await call(first.body.continuationToken)).body).toEqual({ continuationToken: null });
    expect(await closed()).toBe(501);
  });

  it("adds notes, each kept with who and when; too long is refused", async () => {
    const s = await sessions();
    expect(answer(await gw.post(`/v1/sessions/${s.carol}/add-note`, { noteContent: "this is my note" }))).toEqual([204, {}]);
    expect((await gw.get(`/v1/sessions/${s.carol}`)).body.notes).toEqual([{ content: "this is my note", id: expect.any(String), sourceTimestamp: Date.parse(NOW), userId: "client_id" }]);
    expect((await gw.post(`/v1/sessions/${s.carol}/add-note`, { noteContent: "n".repeat(2001) })).status).toBe(400);
    expect((await gw.post("/v1/sessions/nope/add-note", { noteContent: "x" })).status).toBe(404);
    const trail = (await gw.post("/v1/audit/search-audit-log", { eventTypes: ["session::note_added/1"], page: 0, pageSize: 100 })).body.events;
    expect(trail).toEqual([expect.objectContaining({ resourceId: s.carol, sessionId: s.carol, note: "this is my note" })]);
  });
});

// The state export reads the states, notes, events and alerts of every session of the tenant at once: more ids than
// SQLite binds as parameters (32,766).
describe("sessions read by id in bulk", () => {
  it("takes more ids than the engine binds as parameters", async () => {
    const { SessionStore } = await import("../../src/domains/sessions/store.js");
    const { AlertStore } = await import("../../src/domains/alerts/store.js");
    const made = await sessions();
    const known = [made.bob, made.carol, made.bobLater];
    const ids = [...Array.from({ length: 40_000 }, (_, i) => `no-such-session-${i}`), ...known];
    const store = new SessionStore(emu.database.db);
    const [states, notes, events, alerts] = await Promise.all([
      store.states(DEFAULT_TENANT_UID, ids),
      store.notes(DEFAULT_TENANT_UID, ids),
      store.events(DEFAULT_TENANT_UID, ids),
      new AlertStore(emu.database.db).ofSessions(DEFAULT_TENANT_UID, ids),
    ]);
    expect([states.size, notes.size, events.size]).toEqual([ids.length, ids.length, ids.length]);
    for (const id of known) {
      expect(states.get(id)!.length).toBeGreaterThan(0);
      expect(events.get(id)!.length).toBeGreaterThan(0);
    }
    expect(events.get(made.bob)!.map((e) => (e.event as { id: string }).id)).toEqual(["b1", "b2"]);
    expect(new Set(alerts.map((a) => a.session_id))).toEqual(new Set(known));
  });
});
