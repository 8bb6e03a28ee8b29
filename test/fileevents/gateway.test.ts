// The gateway's file-event operations beyond the search: grouping, export, the risk indicator catalogue (saved searches: saved-searches.test.ts), through HTTP over a hand-built set of events.
import { emulatorPerFile } from "../helpers/emulator.js";
import { EVENTS_TENANT, eventsTenantBaseline, eventsTenantToken } from "../helpers/events-tenant.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
eventsTenantBaseline(emu);
let gateway: string;
const { get, post } = callsAs(emu, () => gateway);

const EVENTS = [
  { "@timestamp": "2024-05-21T10:00:00.000Z", event: { id: "ev-1", action: "file-created" }, user: { email: "alice@example.com" }, file: { name: "plan.docx", sizeInBytes: 100 }, destination: { domains: ["dropbox.com", "box.com"] } },
  { "@timestamp": "2024-05-22T10:00:00.000Z", event: { id: "ev-2", action: "file-created" }, user: { email: "alice@example.com" }, file: { name: "budget.xlsx", sizeInBytes: 2000 }, destination: { domains: ["dropbox.com"] } },
  { "@timestamp": "2024-05-23T10:00:00.000Z", event: { id: "ev-3", action: "file-deleted" }, user: { email: "bob@example.com" }, file: { name: "a,b \"c\".txt", sizeInBytes: 50 } },
];
const alice = { groupClause: "AND", groups: [{ filterClause: "AND", filters: [{ term: "user.email", operator: "IS", value: "alice@example.com" }] }] };

beforeEach(async () => {
  const res = await emu.http.post(`/_emulator/tenants/${EVENTS_TENANT}/file-events`).send({ events: EVENTS });
  expect(res.status).toBe(201);
  gateway = `Bearer ${await eventsTenantToken(emu)}`;
});

describe("POST /v2/file-events/grouping and /v1/file-events/grouping", () => {
  it("counts the matching events by a v2 term, the largest first, each element of a list counted", async () => {
    const res = await post("/v2/file-events/grouping", { groups: [], groupingTerm: "event.action" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ groups: [{ value: "file-created", docCount: 2 }, { value: "file-deleted", docCount: 1 }], problems: null });
    const domains = await post("/v2/file-events/grouping", { ...alice, groupingTerm: "destination.domains", size: 10 });
    expect(domains.body).toEqual({ groups: [{ value: "dropbox.com", docCount: 2 }, { value: "box.com", docCount: 1 }], problems: null });
  });

  it("groups by a v1 term with a v1 query, numbers answered as text, and size caps the groups", async () => {
    const res = await post("/v1/file-events/grouping", {
      groups: [{ filterClause: "AND", filters: [{ term: "deviceUserName", operator: "IS", value: "alice@example.com" }] }],
      groupingTerm: "fileSize",
      size: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ groups: [{ value: "100", docCount: 1 }], problems: null });
  });

  it("answers an unknown grouping term as an ILLEGAL_GROUP problem (400)", async () => {
    const res = await post("/v2/file-events/grouping", { groups: [], groupingTerm: "no.such" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ groups: [], problems: [{ type: "ILLEGAL_GROUP", badFilter: null, description: "Unknown grouping term: no.such" }] });
    const v1 = await post("/v1/file-events/grouping", { groups: [], groupingTerm: "event.action" });
    expect(v1.status).toBe(400);
  });

  it("refuses a body without groupingTerm", async () => {
    const res = await post("/v2/file-events/grouping", { groups: [] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: expect.any(String), message: expect.stringContaining("groupingTerm") });
  });
});

describe("GET /v1/risk-indicator-categories", () => {
  const EXTERNAL_DEVICES = {
    id: "external-devices",
    name: "External devices",
    description: null,
    standardIndicators: [
      { id: "AirDrop", name: "AirDrop", description: null },
      { id: "Download to unmonitored device from corporate Salesforce", name: "Download to unmonitored device from corporate Salesforce", description: null },
      { id: "Removable media", name: "Removable media", description: null },
    ],
    customIndicators: [],
  };
  const ACTIVITY = ["File mismatch", "Off hours", "Remote", "First use of destination", "Rare use of destination"];

  it("answers the catalogue by category name, as the SDK asks for it (isActive=True, sort_direction)", async () => {
    const res = await get("/v1/risk-indicator-categories?isActive=True&sort_direction=asc");
    expect(res.status).toBe(200);
    expect(res.body.categories.map((c: { id: string }) => c.id)).toEqual(["destinations", "file-categories", "user-behavior"]);
    expect(res.body.categories[0].subcategories).toHaveLength(12);
    expect(res.body.categories[0].subcategories[4]).toEqual(EXTERNAL_DEVICES);
    const desc = await get("/v1/risk-indicator-categories?sort_direction=desc");
    expect(desc.body.categories.map((c: { id: string }) => c.id)).toEqual(["user-behavior", "file-categories", "destinations"]);
  });

  it("answers no indicators for isActive=False (every standard indicator is active)", async () => {
    const res = await get("/v1/risk-indicator-categories?isActive=False");
    expect(res.status).toBe(200);
    expect(res.body.categories[2]).toEqual({
      id: "user-behavior",
      name: "User behavior",
      description: null,
      subcategories: [
        { id: "activity", name: "Activity", description: null, standardIndicators: [], customIndicators: [] },
        { id: "watchlists", name: "Watchlists", description: null, standardIndicators: [], customIndicators: [] },
      ],
    });
  });

  it("answers one category and one subcategory", async () => {
    const cat = await get("/v1/risk-indicator-categories/user-behavior");
    expect(cat.status).toBe(200);
    expect(cat.body.subcategories[0]).toEqual({
      id: "activity",
      name: "Activity",
      description: null,
      standardIndicators: ACTIVITY.map((n) => ({ id: n, name: n, description: null })),
      customIndicators: [],
    });
    const sub = await get("/v1/risk-indicator-categories/destinations/subcategories/external-devices");
    expect(sub.status).toBe(200);
    expect(sub.body).toEqual(EXTERNAL_DEVICES);
  });

  it("answers 404 for an unknown category or subcategory, 400 for a bad isActive", async () => {
    const cat = await get("/v1/risk-indicator-categories/no-such");
    expect(cat.status).toBe(404);
    expect(cat.body).toEqual({ code: "RISK_INDICATOR_CATEGORY_NOT_FOUND", message: "Risk indicator category no-such not found" });
    const sub = await get("/v1/risk-indicator-categories/destinations/subcategories/no-such");
    expect(sub.status).toBe(404);
    expect(sub.body).toEqual({ code: "RISK_INDICATOR_SUBCATEGORY_NOT_FOUND", message: "Risk indicator category destinations has no subcategory no-such" });
    expect((await get("/v1/risk-indicator-categories?isActive=maybe")).status).toBe(400);
  });
});

describe("POST /v2/file-events/export and /v1/file-events/export", () => {
  it("answers the matching events as CSV in the query's order, lists in one field, quotes escaped, nulls empty", async () => {
    const res = await post("/v2/file-events/export", { groups: [], srtKey: "@timestamp", srtDir: "desc", columns: ["event.id", "file.name", "file.sizeInBytes", "destination.domains", "file.owner"] });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.text).toBe(
      "event.id,file.name,file.sizeInBytes,destination.domains,file.owner\r\n" +
        'ev-3,"a,b ""c"".txt",50,,\r\n' +
        "ev-2,budget.xlsx,2000,dropbox.com,\r\n" +
        'ev-1,plan.docx,100,"dropbox.com, box.com",\r\n',
    );
  });

  it("answers v1 columns from the v1 event, and every term of the version without columns", async () => {
    const res = await post("/v1/file-events/export", { groups: [{ filterClause: "AND", filters: [{ term: "deviceUserName", operator: "IS", value: "alice@example.com" }] }], srtKey: "eventId", srtDir: "asc", columns: ["eventId", "deviceUserName", "fileSize"] });
    expect(res.status).toBe(200);
    expect(res.text).toBe("eventId,deviceUserName,fileSize\r\nev-1,alice@example.com,100\r\nev-2,alice@example.com,2000\r\n");
    const all = await post("/v2/file-events/export", { groups: [] });
    expect(all.status).toBe(200);
    const lines = all.text.split("\r\n");
    expect(lines[0]!.split(",")[0]).toBe("@timestamp");
    expect(lines).toHaveLength(5);
  });

  it("answers an unknown column or a bad query as problems (400)", async () => {
    const res = await post("/v2/file-events/export", { groups: [], columns: ["event.id", "no.such"] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ problems: [{ type: "ILLEGAL_VALUE", badFilter: null, description: "Unknown column: no.such" }] });
    const sort = await post("/v1/file-events/export", { groups: [], srtKey: "event.id" });
    expect(sort.status).toBe(400);
    expect(sort.body).toEqual({ problems: [{ type: "ILLEGAL_SORT", badFilter: null, description: "Unknown sort key: event.id" }] });
  });
});

describe("who may", () => {
  it("needs a security role (403 for a desktop user) for grouping, export, saved searches and the catalogue", async () => {
    const alice = await userBearer(emu, "alice.adams@example.com");
    const refused = [
      await post("/v2/file-events/grouping", { groups: [], groupingTerm: "event.action" }, alice),
      await post("/v2/file-events/export", { groups: [] }, alice),
      await get("/v2/file-events/saved-searches", alice),
      await get("/v1/risk-indicator-categories", alice),
    ];
    for (const res of refused) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: "FORBIDDEN", message: "A security role (Customer Cloud Admin, Security Center User) is required for file events" });
    }
  });
});
