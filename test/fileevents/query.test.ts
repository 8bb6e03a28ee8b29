// The file-event query language over a hand-built set of events, ingested through the control plane and searched
// through the gateway: every operator, AND/OR groups, paging by number and by token, problems, tenant isolation.
import { SECOND_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { EVENTS_TENANT, eventsTenantBaseline, eventsTenantToken } from "../helpers/events-tenant.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
eventsTenantBaseline(emu);
let gateway: string;
const NOW = "2024-06-01T12:00:00.000Z";
const { post } = callsAs(emu, () => gateway);

const ev = (n: number, over: Record<string, unknown>) => ({ "@timestamp": `2024-05-${String(20 + n).padStart(2, "0")}T10:00:00.000Z`, event: { id: `ev-${n}`, action: "file-created" }, ...over });
const EVENTS = [
  ev(1, { user: { email: "alice@example.com" }, file: { name: "plan.docx", sizeInBytes: 100, hash: { md5: "a".repeat(32) } }, destination: { category: "Cloud Storage", domains: ["dropbox.com"] }, risk: { score: 8, indicators: [{ name: "Dropbox upload", id: "Dropbox upload", weight: 5 }] } }),
  ev(2, { user: { email: "alice@example.com" }, file: { name: "budget.xlsx", sizeInBytes: 2000 }, destination: { category: "Device" }, risk: { score: 3, trusted: true } }),
  ev(3, { user: { email: "bob@example.com" }, file: { name: "Plan-B.PDF", sizeInBytes: 50 }, risk: { score: 0 } }),
  ev(4, { event: { id: "ev-4", action: "removable-media-created" }, user: { email: "bob@example.com" }, file: { name: "dump.zip", sizeInBytes: 9000 }, destination: { category: "Device" }, risk: { score: 12 } }),
  ev(5, { user: { email: "carol@example.com" }, file: { name: "notes.txt" } }),
];

const search = (body: Record<string, unknown>) => post("/v2/file-events", { srtKey: "event.id", srtDir: "asc", pgSize: 100, ...body });
const ids = (res: { body: { fileEvents: { event: { id: string } }[] } }) => res.body.fileEvents.map((e) => e.event.id);
const one = (term: string, operator: string, value: unknown = null) => ({ groups: [{ filterClause: "AND", filters: [{ term, operator, value }] }] });

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  const res = await emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events: EVENTS });
  expect(res.status).toBe(201);
  gateway = `Bearer ${await eventsTenantToken(emu)}`;
});

describe("POST /_emulator/tenants/{uid}/file-events", () => {
  it("fills ids and timestamps from the id generator and the clock, and refuses an id the tenant holds", async () => {
    const res = await emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events: [{ user: { email: "dave@example.com" } }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenantUid: EVENTS_TENANT, count: 1, eventIds: [expect.stringMatching(/^0_[0-9a-f-]{36}_\d+_0_0$/)] });
    const found = await search(one("user.email", "IS", "dave@example.com"));
    expect(found.body.fileEvents[0]["@timestamp"]).toBe(NOW);
    expect(found.body.fileEvents[0].event.inserted).toBe(NOW);
    const again = await emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events: [{ event: { id: "ev-1" } }] });
    expect(again.status).toBe(409);
    const none = await emu.http.post("/_emulator/tenants/no-such-tenant/file-events").send({ events: [] });
    expect(none.status).toBe(404);
  });

  it("refuses an id given twice or held already, and a bad event after good ones, storing none of the request's events", async () => {
    const ingest = (events: object[]) => emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events });
    const fresh = (id: string) => ({ event: { id }, user: { email: "erin@example.com" } });
    const refusals = [
      [[fresh("new-1"), fresh("new-2"), fresh("new-1")], 409, "EVENT_EXISTS", "Event new-1 is given twice"],
      [[fresh("new-1"), fresh("ev-3")], 409, "EVENT_EXISTS", "The tenant holds event ev-3 already"],
      [[fresh("new-1"), { ...fresh("new-2"), "@timestamp": "soon" }], 400, "INVALID_EVENT", "events[1]: @timestamp is not an ISO-8601 instant"],
    ] as const;
    for (const [events, status, code, message] of refusals) {
      // py42 sends a failed request again: the second answer is the first.
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await ingest([...events]);
        expect([res.status, res.body]).toEqual([status, { error: { code, message } }]);
      }
    }
    expect((await search(one("user.email", "IS", "erin@example.com"))).body.totalCount).toBe(0);
    expect((await search({ groups: [] })).body.totalCount).toBe(EVENTS.length);
  });
});

describe("operators", () => {
  it.each([
    ["user.email", "IS", "ALICE@example.com", ["ev-1", "ev-2"]],
    ["file.name", "IS", "plan*", ["ev-1", "ev-3"]],
    ["user.email", "IS_NOT", "alice@example.com", ["ev-3", "ev-4", "ev-5"]],
    ["user.email", "IS_ANY", ["bob@example.com", "carol@example.com"], ["ev-3", "ev-4", "ev-5"]],
    ["destination.category", "EXISTS", null, ["ev-1", "ev-2", "ev-4"]],
    ["destination.category", "DOES_NOT_EXIST", null, ["ev-3", "ev-5"]],
    ["file.name", "CONTAINS", "PLAN", ["ev-1", "ev-3"]],
    ["file.name", "DOES_NOT_CONTAIN", "plan", ["ev-2", "ev-4", "ev-5"]],
    ["file.sizeInBytes", "GREATER_THAN", 100, ["ev-2", "ev-4"]],
    ["risk.score", "LESS_THAN", 4, ["ev-2", "ev-3"]],
    ["@timestamp", "ON_OR_AFTER", "2024-05-24T10:00:00.000Z", ["ev-4", "ev-5"]],
    ["@timestamp", "ON_OR_BEFORE", "2024-05-22T10:00:00.000Z", ["ev-1", "ev-2"]],
    ["@timestamp", "WITHIN_THE_LAST", "P9D", ["ev-4", "ev-5"]],
    ["destination.domains", "IS", "dropbox.com", ["ev-1"]],
    ["risk.indicators.weight", "GREATER_THAN", 4, ["ev-1"]],
    ["risk.trusted", "IS", "TRUE", ["ev-2"]],
    ["risk.severity", "IS", "CRITICAL", ["ev-4"]],
  ])("%s %s %j", async (term, operator, value, expected) => {
    const res = await search(one(term, operator, value));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected);
    expect(res.body.totalCount).toBe(expected.length);
  });

  it("WITHIN_THE_LAST counts back from the emulator's clock", async () => {
    await emu.http.post("/_emulator/clock/set").send({ at: "2024-05-26T00:00:00.000Z" });
    expect(ids(await search(one("@timestamp", "WITHIN_THE_LAST", "P2D")))).toEqual(["ev-4", "ev-5"]);
  });

  it("joins filters by filterClause and groups by groupClause", async () => {
    const alice = { term: "user.email", operator: "IS", value: "alice@example.com" };
    const big = { term: "file.sizeInBytes", operator: "GREATER_THAN", value: 1000 };
    expect(ids(await search({ groups: [{ filterClause: "AND", filters: [alice, big] }] }))).toEqual(["ev-2"]);
    expect(ids(await search({ groups: [{ filterClause: "OR", filters: [alice, big] }] }))).toEqual(["ev-1", "ev-2", "ev-4"]);
    const groups = [{ filterClause: "AND", filters: [alice] }, { filterClause: "AND", filters: [big] }];
    expect(ids(await search({ groupClause: "AND", groups }))).toEqual(["ev-2"]);
    expect(ids(await search({ groupClause: "OR", groups }))).toEqual(["ev-1", "ev-2", "ev-4"]);
    expect(ids(await search({ groups: [] }))).toEqual(["ev-1", "ev-2", "ev-3", "ev-4", "ev-5"]);
  });
});

describe("problems", () => {
  it("answers an unknown term in the page envelope's problems (400)", async () => {
    const res = await search(one("no.such", "IS", 10));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      fileEvents: [],
      nextPgToken: null,
      totalCount: 0,
      problems: [{ type: "ILLEGAL_VALUE", badFilter: { operator: "IS", term: "no.such", value: "10" }, description: "Unknown search term: no.such" }],
    });
  });

  it("answers an unknown operator, an operator of another type, a bad page size and an unknown token", async () => {
    expect((await search(one("user.email", "LIKE", "x"))).body.problems[0].type).toBe("ILLEGAL_OPERATOR");
    expect((await search(one("user.email", "GREATER_THAN", 3))).body.problems[0].type).toBe("ILLEGAL_OPERATOR");
    expect((await search(one("@timestamp", "WITHIN_THE_LAST", "3 days"))).body.problems[0].type).toBe("ILLEGAL_VALUE");
    expect((await search({ groups: [], pgSize: 0 })).body.problems[0].type).toBe("INVALID_PAGE_SIZE");
    expect((await search({ groups: [], srtKey: "nope" })).body.problems[0].type).toBe("ILLEGAL_SORT");
    const token = await search({ groups: [], pgToken: "no-such-event" });
    expect(token.status).toBe(400);
    expect(token.body.problems[0].type).toBe("INVALID_PAGE_TOKEN");
  });
});

describe("paging", () => {
  it("pages by number with totalCount and no token", async () => {
    const res = await search({ groups: [], pgSize: 2, pgNum: 2 });
    expect(ids(res)).toEqual(["ev-3", "ev-4"]);
    expect(res.body.totalCount).toBe(5);
    expect(res.body.nextPgToken).toBeNull();
  });

  it.each([
    ["event.id", "asc"],
    ["event.id", "desc"],
    ["risk.score", "desc"],
    ["destination.category", "asc"],
    ["@timestamp", "desc"],
  ])("pages by token on %s %s without repeating or skipping an event", async (srtKey, srtDir) => {
    const all = ids(await search({ groups: [], srtKey, srtDir }));
    const seen: string[] = [];
    let token: string | null = "";
    while (token !== null) {
      const res = await search({ groups: [], srtKey, srtDir, pgSize: 2, pgToken: token });
      expect(res.status).toBe(200);
      seen.push(...ids(res));
      token = res.body.nextPgToken;
    }
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(5);
  });
});

describe("tenants", () => {
  it("keeps each tenant's events to itself", async () => {
    await emu.http.post(`/_emulator/tenants/${SECOND_TENANT_UID}/file-events`).send({ events: [{ event: { id: "other-1" }, user: { email: "alice@example.com" } }] });
    expect(ids(await search(one("user.email", "IS", "alice@example.com")))).toEqual(["ev-1", "ev-2"]);
  });
});

describe("envelopes", () => {
  it("answers the v2 event whole, every key present, with problems null", async () => {
    const res = await search(one("event.id", "IS", "ev-5"));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(["fileEvents", "nextPgToken", "problems", "totalCount"]);
    expect(res.body).toMatchObject({ nextPgToken: null, problems: null, totalCount: 1 });
    const e = res.body.fileEvents[0];
    expect(Object.keys(e)).toEqual(["@timestamp", "event", "user", "file", "report", "source", "destination", "process", "risk", "git", "responseControls"]);
    expect(e.user).toEqual({ email: "carol@example.com", id: null, deviceUid: null });
    expect(e.risk).toEqual({ score: null, severity: null, indicators: [], trusted: null, trustReason: null, untrustedValues: { accountNames: [], domains: [], gitRepositoryUris: [], slackWorkspaces: [], urlPaths: [] } });
  });

  it("answers v1 searches in v1 terms with flat events", async () => {
    const res = await post("/v1/file-events", { groups: [{ filterClause: "AND", filters: [{ term: "deviceUserName", operator: "IS", value: "bob@example.com" }] }], srtKey: "eventId", srtDir: "asc" });
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(2);
    expect(res.body.fileEvents.map((e: { eventId: string }) => e.eventId)).toEqual(["ev-3", "ev-4"]);
    expect(res.body.fileEvents[1]).toMatchObject({ eventType: "CREATED", exposure: ["RemovableMedia"], fileName: "dump.zip", riskSeverity: "CRITICAL", deviceUserName: "bob@example.com" });
  });
});
