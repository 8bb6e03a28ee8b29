// The gateway's cases (/v1/cases) as the incydr SDK 2.12 sends and parses them: every key of a case, null when unset;
// numbers per tenant, never given again; the edit rules of closed and archived cases; a case's file events
// abbreviated, whole, as CSV and as their files; every refusal a {problem, description} body, safe to repeat.
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
const NOW = "2024-06-01T12:00:00.000Z";
const AT = "2024-06-01T12:00:00.000000Z";
const BOB = { uid: "942897397520280005", username: "bob.brown@example.com" };
const ALICE = { uid: "942897397520280004", username: "alice.adams@example.com" };
/** The clock set to `at`, and a token minted then (one from before a jump expires). */
async function clockAt(at: string) {
  await emu.http.post("/_emulator/clock/set").send({ at });
  gateway = `Bearer ${await emu.gatewayToken()}`;
}
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await clockAt(NOW);
});
const { get, post, put } = callsAs(emu, () => gateway);
const del = (path: string, as = gateway) => emu.http.delete(path).set("Authorization", as);

/** A case as the API client (client_id) made it, untouched since. */
const made = (number: number, name: string, more: object = {}) => ({
  number,
  name,
  createdAt: AT,
  updatedAt: AT,
  subject: null,
  subjectUsername: null,
  status: "OPEN",
  assignee: null,
  assigneeUsername: null,
  createdByUserUid: "client_id",
  createdByUsername: "client_id",
  lastModifiedByUserUid: "client_id",
  lastModifiedByUsername: "client_id",
  archivalTime: null,
  description: null,
  findings: null,
  ...more,
});
const slim = ({ description: _d, findings: _f, ...rest }: ReturnType<typeof made>) => rest;
/** What the SDK's create sends for a name alone. */
const only = (name: string) => ({ name, assignee: null, description: null, findings: null, subject: null });
const problem = (status: number, name: string, description: string | null = expect.any(String) as unknown as string) => [status, { problem: name, description }];
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

async function addEvents(events: object[]) {
  const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events });
  expect(res.status).toBe(201);
}

describe("POST /v1/cases", () => {
  it("opens a case with what the SDK sends, numbered from 1 per tenant", async () => {
    const res = await post("/v1/cases", { name: "test_name", description: "test_description", subject: BOB.uid, assignee: ALICE.uid, findings: "test_findings" });
    expect(answer(res)).toEqual([
      200,
      made(1, "test_name", { description: "test_description", findings: "test_findings", subject: BOB.uid, subjectUsername: BOB.username, assignee: ALICE.uid, assigneeUsername: ALICE.username }),
    ]);
    expect(answer(await post("/v1/cases", only("second")))).toEqual([200, made(2, "second")]);
  });

  it("stamps a user's own uid and username", async () => {
    const res = await post("/v1/cases", only("by a user"), await userBearer(emu, "test.user@example.com"));
    expect(res.body).toMatchObject({ createdByUserUid: "942897397520289999", createdByUsername: "test.user@example.com", lastModifiedByUsername: "test.user@example.com" });
  });

  it.each([
    ["no name", "NAME_EMPTY", { ...only("x"), name: null }],
    ["a blank name", "NAME_EMPTY", only("   ")],
    ["a name over 50 characters", "NAME_TOO_LONG", only("n".repeat(51))],
    ["a description over 250 characters", "DESCRIPTION_TOO_LONG", { ...only("x"), description: "d".repeat(251) }],
    ["findings over 30,000 characters", "FINDINGS_TOO_LONG", { ...only("x"), findings: "f".repeat(30_001) }],
    ["a control character", "INVALID_CHAR_IN_REQUEST", { ...only("x"), description: "bell\u0007" }],
  ])("refuses %s (400 %s), twice alike", async (_what, name, body) => {
    for (let i = 0; i < 2; i++) expect(answer(await post("/v1/cases", body))).toEqual(problem(400, name));
    expect((await get("/v1/cases")).body.totalCount).toBe(0);
  });

  it("refuses a subject or an assignee who is not a user of the tenant, in the words py42 looks for", async () => {
    expect(answer(await post("/v1/cases", { ...only("x"), subject: "nobody" }))).toEqual([400, { problem: "INVALID_USER", description: "subject validation failed" }]);
    expect(answer(await post("/v1/cases", { ...only("x"), assignee: "nobody" }))).toEqual([400, { problem: "INVALID_USER", description: "assignee validation failed" }]);
  });

  it("refuses a name the tenant has in any case (NAME_EXISTS)", async () => {
    await post("/v1/cases", only("Leak"));
    expect(answer(await post("/v1/cases", only("LEAK")))).toEqual(problem(400, "NAME_EXISTS", "Case name 'LEAK' already exists, please set another name."));
  });

  it("refuses a caller without a security role (403)", async () => {
    const res = await post("/v1/cases", only("x"), await userBearer(emu, "org.admin@example.com"));
    expect(answer(res)).toEqual(problem(403, "FORBIDDEN"));
  });
});

describe("GET /v1/cases", () => {
  beforeEach(async () => {
    await post("/v1/cases", { ...only("alpha leak"), subject: BOB.uid });
    await clockAt("2024-06-02T12:00:00.000Z");
    await post("/v1/cases", { ...only("Beta"), assignee: ALICE.uid });
    await post("/v1/cases", only("gamma LEAK"));
  });

  it("answers the SDK's default page: slim cases by number, and the count", async () => {
    const res = await get("/v1/cases?pgNum=1&pgSize=100&srtDir=asc&srtKey=number");
    expect(res.status).toBe(200);
    const later = { createdAt: "2024-06-02T12:00:00.000000Z", updatedAt: "2024-06-02T12:00:00.000000Z" };
    expect(res.body).toEqual({
      cases: [
        slim(made(1, "alpha leak", { subject: BOB.uid, subjectUsername: BOB.username })),
        slim(made(2, "Beta", { ...later, assignee: ALICE.uid, assigneeUsername: ALICE.username })),
        slim(made(3, "gamma LEAK", later)),
      ],
      totalCount: 3,
    });
  });

  it.each([
    ["name=leak", [1, 3]],
    ["isAssigned=True", [2]],
    ["isAssigned=False", [1, 3]],
    [`assignee=${ALICE.uid}`, [2]],
    [`subject=${BOB.uid}`, [1]],
    ["status=OPEN&status=CLOSED", [1, 2, 3]],
    ["status=ARCHIVED", []],
    ["lastModifiedBy=client_id", [1, 2, 3]],
    ["createdAt=2024-06-02T00%3A00%3A00.000000Z%2F2024-06-03T00%3A00%3A00.000000Z", [2, 3]],
    ["updatedAt=2024-06-01T00:00:00Z/2024-06-01T23:59:59Z", [1]],
    ["updatedAt=2024-06-01T00%3A00%3A00Z%2F2024-06-01T23%3A59%3A59Z", [1]],
    ["srtKey=name&srtDir=desc", [3, 2, 1]],
    ["srtKey=assigneeUsername&srtDir=asc", [2, 1, 3]],
    ["srtKey=createdAt&srtDir=desc&srtKey=name", [2, 3, 1]],
    ["pgSize=2&pgNum=2", [3]],
  ])("filters, sorts and pages by %s", async (query, numbers) => {
    const res = await get(`/v1/cases?${query}`);
    expect([res.status, res.body.cases.map((c: { number: number }) => c.number)]).toEqual([200, numbers]);
    if (!query.startsWith("pg")) expect(res.body.totalCount).toBe(numbers.length);
  });

  it.each([
    ["pgNum=0", "INVALID_PAGE_NUMBER"],
    ["pgSize=0", "INVALID_PAGE_SIZE"],
    ["createdAt=yesterday", "INVALID_TIME_INTERVAL"],
  ])("refuses %s (400 %s)", async (query, name) => {
    expect(answer(await get(`/v1/cases?${query}`))).toEqual(problem(400, name));
  });
});

describe("GET, PUT and DELETE /v1/cases/{caseNumber}", () => {
  beforeEach(async () => {
    await post("/v1/cases", { ...only("case one"), description: "description_1" });
  });

  it("answers one case, 404 for a number the tenant does not have", async () => {
    expect(answer(await get("/v1/cases/1"))).toEqual([200, made(1, "case one", { description: "description_1" })]);
    for (let i = 0; i < 2; i++) expect(answer(await get("/v1/cases/42"))).toEqual([404, { problem: "CASE_NOT_FOUND", description: "Case does not exist." }]);
  });

  it("replaces every field with what the SDK's update sends (nulls included) and stamps the change", async () => {
    await clockAt("2024-06-03T08:00:00.000Z");
    const res = await put("/v1/cases/1", { name: "my_renamed_case", assignee: null, description: null, findings: "# found", subject: BOB.uid, status: "OPEN" });
    expect(answer(res)).toEqual([200, made(1, "my_renamed_case", { updatedAt: "2024-06-03T08:00:00.000000Z", findings: "# found", subject: BOB.uid, subjectUsername: BOB.username })]);
    expect((await get("/v1/cases/1")).body).toEqual(res.body);
  });

  it("closes, then allows only archiving; an archived case changes no more; a PUT changing nothing answers the case", async () => {
    const whole = { name: "case one", assignee: null, description: "description_1", findings: null, subject: null };
    expect((await put("/v1/cases/1", { ...whole, status: "CLOSED" })).body.status).toBe("CLOSED");
    expect(answer(await put("/v1/cases/1", { ...whole, status: "CLOSED" }))).toEqual([200, made(1, "case one", { description: "description_1", status: "CLOSED" })]);
    for (let i = 0; i < 2; i++) expect(answer(await put("/v1/cases/1", { ...whole, description: "more", status: "CLOSED" }))).toEqual(problem(400, "NO_EDITS_ONCE_CLOSED"));
    expect(answer(await put("/v1/cases/1", { ...whole, status: "OPEN" }))).toEqual(problem(400, "NO_EDITS_ONCE_CLOSED"));
    await clockAt("2024-07-01T00:00:00.000Z");
    const archived = await put("/v1/cases/1", { ...whole, status: "ARCHIVED" });
    expect(archived.body).toMatchObject({ status: "ARCHIVED", archivalTime: "2024-07-01T00:00:00.000000Z", updatedAt: "2024-07-01T00:00:00.000000Z" });
    expect(answer(await put("/v1/cases/1", { ...whole, status: "OPEN" }))).toEqual(problem(400, "NO_EDITS_ONCE_ARCHIVED"));
  });

  it("refuses a rename onto another case's name, and an unknown case (404)", async () => {
    await post("/v1/cases", only("other"));
    expect(answer(await put("/v1/cases/2", { ...only("Case One"), status: "OPEN" }))).toEqual(problem(400, "NAME_EXISTS"));
    expect(answer(await put("/v1/cases/9", { ...only("x"), status: "OPEN" }))).toEqual(problem(404, "CASE_NOT_FOUND"));
  });

  it("deletes (204), then 404; the number is not given again", async () => {
    expect((await del("/v1/cases/1")).status).toBe(204);
    expect(answer(await del("/v1/cases/1"))).toEqual(problem(404, "CASE_NOT_FOUND"));
    expect((await post("/v1/cases", only("case one"))).body.number).toBe(2);
  });
});

describe("a case's file events", () => {
  beforeEach(async () => {
    await addEvents([
      {
        "@timestamp": "2020-12-23T14:24:44.593Z",
        event: { id: "0_147e9445-2f30", action: "file-created" },
        file: { name: "example.txt", directory: "/Users/test/" },
        risk: { score: 8, severity: "CRITICAL", indicators: [{ name: "Remote", weight: 3 }] },
        content: { text: "the plan" },
      },
      { "@timestamp": "2020-12-24T00:00:00.000Z", event: { id: "ev-2" }, file: { name: "other.txt" } },
    ]);
    await post("/v1/cases", only("with events"));
  });

  it("adds what the SDK sends (204), lists them abbreviated, and skips one added again", async () => {
    expect((await post("/v1/cases/1/fileevent", { events: ["0_147e9445-2f30"] })).status).toBe(204);
    expect((await post("/v1/cases/1/fileevent", { events: ["ev-2", "0_147e9445-2f30"] })).status).toBe(204);
    const res = await get("/v1/cases/1/fileevent?pgNum=1&pgSize=100");
    expect(answer(res)).toEqual([
      200,
      {
        events: [
          {
            eventId: "0_147e9445-2f30",
            eventTimestamp: "2020-12-23T14:24:44.593Z",
            exposure: [],
            fileAvailability: "EXACT_FILE_AVAILABLE",
            fileName: "example.txt",
            filePath: "/Users/test/",
            riskIndicators: [{ name: "Remote", weight: 3 }],
            riskScore: 8,
            riskSeverity: "CRITICAL",
          },
          { eventId: "ev-2", eventTimestamp: "2020-12-24T00:00:00.000Z", exposure: [], fileAvailability: "NO_FILE_AVAILABLE", fileName: "other.txt", filePath: null, riskIndicators: [], riskScore: null, riskSeverity: null },
        ],
        totalCount: 2,
      },
    ]);
    expect((await get("/v1/cases/1/fileevent?pgNum=2&pgSize=1")).body.events.map((e: { eventId: string }) => e.eventId)).toEqual(["ev-2"]);
  });

  it("answers one event of the case as /v2/file-events does, and 404 for one it does not hold", async () => {
    await post("/v1/cases/1/fileevent", { events: ["ev-2"] });
    const search = await emu.http.post("/v2/file-events").set("Authorization", gateway).send({ groups: [{ filterClause: "AND", filters: [{ term: "event.id", operator: "IS", value: "ev-2" }] }], pgSize: 1 });
    expect(answer(await get("/v1/cases/1/fileevent/ev-2"))).toEqual([200, search.body.fileEvents[0]]);
    expect(answer(await get("/v1/cases/1/fileevent/0_147e9445-2f30"))).toEqual(problem(404, "EVENT_NOT_FOUND"));
    expect(answer(await get("/v1/cases/7/fileevent/ev-2"))).toEqual(problem(404, "CASE_NOT_FOUND"));
  });

  it("adds one event by path (204), refusing it a second time (CASE_ALREADY_HAS_EVENT)", async () => {
    expect((await post("/v1/cases/1/fileevent/ev-2")).status).toBe(204);
    for (let i = 0; i < 2; i++) expect(answer(await post("/v1/cases/1/fileevent/ev-2"))).toEqual(problem(400, "CASE_ALREADY_HAS_EVENT"));
  });

  it("refuses, all or none, an event the tenant does not hold and an unknown case (400, as the document lists them)", async () => {
    expect(answer(await post("/v1/cases/1/fileevent", { events: ["ev-2", "nope"] }))).toEqual(problem(400, "EVENT_NOT_FOUND", "No file event nope"));
    expect((await get("/v1/cases/1/fileevent")).body.totalCount).toBe(0);
    expect(answer(await post("/v1/cases/9/fileevent", { events: ["ev-2"] }))).toEqual(problem(400, "CASE_NOT_FOUND"));
    expect(answer(await post("/v1/cases/9/fileevent/ev-2"))).toEqual(problem(400, "CASE_NOT_FOUND"));
  });

  it("removes an event (204), 404 when the case does not hold it", async () => {
    await post("/v1/cases/1/fileevent", { events: ["ev-2"] });
    expect((await del("/v1/cases/1/fileevent/ev-2")).status).toBe(204);
    expect(answer(await del("/v1/cases/1/fileevent/ev-2"))).toEqual(problem(404, "EVENT_NOT_FOUND"));
  });

  it("changes no events of a closed case (CASE_IS_CLOSED); archiving drops them", async () => {
    await post("/v1/cases/1/fileevent", { events: ["ev-2"] });
    await put("/v1/cases/1", { ...only("with events"), status: "CLOSED" });
    expect(answer(await post("/v1/cases/1/fileevent", { events: ["0_147e9445-2f30"] }))).toEqual(problem(400, "CASE_IS_CLOSED"));
    expect(answer(await del("/v1/cases/1/fileevent/ev-2"))).toEqual(problem(400, "CASE_IS_CLOSED"));
    expect((await get("/v1/cases/1/fileevent")).body.totalCount).toBe(1);
    await put("/v1/cases/1", { ...only("with events"), status: "ARCHIVED" });
    expect((await get("/v1/cases/1/fileevent")).body).toEqual({ events: [], totalCount: 0 });
  });

  it("exports the case's events as the v2 file-event CSV", async () => {
    await post("/v1/cases/1/fileevent", { events: ["ev-2"] });
    const res = await get("/v1/cases/1/fileevent/export");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe("attachment; filename=Case-1-file-events.csv");
    const exported = await emu.http
      .post("/v2/file-events/export")
      .set("Authorization", gateway)
      .send({ groups: [{ filterClause: "AND", filters: [{ term: "event.id", operator: "IS", value: "ev-2" }] }] });
    expect(res.text).toBe(exported.text);
  });

  it("answers the file of an event of the case, and 404 for an event without one", async () => {
    await post("/v1/cases/1/fileevent", { events: ["0_147e9445-2f30", "ev-2"] });
    const res = await emu.http.get("/v1/cases/1/fileevent/0_147e9445-2f30/file").set("Authorization", gateway).buffer(true);
    expect([res.status, res.headers["content-disposition"], Buffer.from(res.body as Buffer).toString()]).toEqual([200, "attachment; filename=example.txt", "the plan"]);
    expect(answer(await get("/v1/cases/1/fileevent/ev-2/file"))).toEqual(problem(404, "NOT_FOUND"));
  });
});
