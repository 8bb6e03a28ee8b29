// The gateway's audit log: what the emulator did (sign-ins, users created…), searched, counted and exported as the
// incydr SDK's audit_log client asks (every filter sent, null when unset; dateRange in epoch seconds; pages from 0).
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
const NOW = "2024-06-01T12:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { get, post } = callsAs(emu, () => gateway);

/** The body the SDK's get_page sends with no filters (tests/test_audit_log.py). */
const SDK_SEARCH = { actorIds: null, actorIpAddresses: null, actorNames: null, dateRange: { endTime: null, startTime: null }, eventTypes: null, page: 0, pageSize: 100, resourceIds: null, userTypes: null };
const CSV_HEADER = "type$,actorId,actorName,actorAgent,actorIpAddress,timestamp,actorType,resourceId";
const SIGNED_IN_ROW = `audit_log::logged_in/1,942897397520289999,${ADMIN.username},,,${NOW},USER,942897397520289999`;
const SIGNED_IN = {
  "type$": "audit_log::logged_in/1",
  actorId: "942897397520289999",
  actorName: ADMIN.username,
  actorAgent: null,
  actorIpAddress: null,
  timestamp: NOW,
  actorType: "USER",
  resourceId: "942897397520289999",
};

describe("POST /v1/audit/search-audit-log", () => {
  it("answers a sign-in as an audit_log::logged_in/1 event", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, eventTypes: ["audit_log::logged_in/1"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ events: [SIGNED_IN], paginationRangeStartIndex: 0, paginationRangeEndIndex: 1 });
  });

  it("takes an event type by its name alone, as the SDK's tests and the document's examples name them", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, eventTypes: ["logged_in", "federation_metadata_updated"] });
    expect(res.body.events).toEqual([SIGNED_IN]);
    const none = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, eventTypes: ["logged"] });
    expect(none.body.events).toEqual([]);
  });

  it("answers CSV to a client that accepts only text/csv", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await post("/v1/audit/search-audit-log", SDK_SEARCH).set("Accept", "text/csv");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.text).toBe(`${CSV_HEADER}\r\n${SIGNED_IN_ROW}\r\n`);
  });

  it("filters by date range (epoch seconds), actor and resource, newest first", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    await emu.http.post("/_emulator/clock/advance").send({ by: "1h" });
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    gateway = `Bearer ${await emu.gatewayToken()}`;
    const later = Date.parse(NOW) / 1000 + 1800;
    const res = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, actorNames: [ADMIN.username], resourceIds: ["942897397520289999"], dateRange: { startTime: later, endTime: null } });
    expect(res.body).toEqual({ events: [{ ...SIGNED_IN, timestamp: "2024-06-01T13:00:00.000Z" }], paginationRangeStartIndex: 0, paginationRangeEndIndex: 1 });
    const none = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, actorIds: ["someone-else"] });
    expect(none.body).toEqual({ events: [], paginationRangeStartIndex: 0, paginationRangeEndIndex: 0 });
  });

  it("refuses a date range that ends before it starts", async () => {
    const res = await post("/v1/audit/search-audit-log", { ...SDK_SEARCH, dateRange: { startTime: 2000, endTime: 1000 } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "AUDIT_QUERY_INVALID", message: "The date range ends before it starts" });
  });

  it("is a Customer Cloud Admin's", async () => {
    const alice = await emu.tokenFor("alice.adams@example.com", "password");
    const res = await post("/v1/audit/search-audit-log", SDK_SEARCH, `Bearer ${alice}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for the audit log" });
  });
});

describe("POST /v1/audit/search-results-count", () => {
  it("counts the matching events", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await post("/v1/audit/search-results-count", { ...SDK_SEARCH, userTypes: ["USER"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ totalResultCount: 2 });
  });
});

describe("POST /v1/audit/search-results-export", () => {
  it("answers every matching event, paging ignored (the SDK's tests send page 0, pageSize 0), or CSV", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await post("/v1/audit/search-results-export", { ...SDK_SEARCH, pageSize: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ events: [SIGNED_IN, SIGNED_IN], paginationRangeStartIndex: 0, paginationRangeEndIndex: 2 });
    const csv = await post("/v1/audit/search-results-export", SDK_SEARCH).set("Accept", "text/csv");
    expect(csv.text).toBe(`${CSV_HEADER}\r\n${SIGNED_IN_ROW}\r\n${SIGNED_IN_ROW}\r\n`);
  });
});

describe("export and redeem-download-token", () => {
  it("export answers a token that redeems to the events as a CSV file, as the SDK's download_events saves it", async () => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const { page, pageSize, ...filters } = SDK_SEARCH;
    expect([page, pageSize]).toEqual([0, 100]);
    const exported = await post("/v1/audit/export", filters);
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual({ downloadToken: expect.any(String) });
    const res = await get(`/v1/audit/redeem-download-token?downloadToken=${exported.body.downloadToken}`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    // Unquoted: the SDK takes everything after "filename=" as the name (core/utils.py).
    expect(res.headers["content-disposition"]).toBe("attachment; filename=AuditLog_SearchResults.csv");
    expect(res.text).toBe(`${CSV_HEADER}\r\n${SIGNED_IN_ROW}\r\n`);
  });

  it("a CSV has a column for every property the events carry: the common ones, then the others by name", async () => {
    await emu.http.put("/api/v1/UserBlock/4205").set("Authorization", `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`);
    const exported = await post("/v1/audit/export", { eventTypes: ["user_blocked", "logged_in"] });
    const res = await get(`/v1/audit/redeem-download-token?downloadToken=${exported.body.downloadToken}`);
    expect(res.text.split("\r\n")).toEqual([
      `${CSV_HEADER},userId,userName`,
      `audit_log::user_blocked/1,942897397520289999,${ADMIN.username},,,${NOW},USER,942897397520280004,942897397520280004,alice.adams@example.com`,
      `${SIGNED_IN_ROW},,`,
      "",
    ]);
  });

  it("refuses a token it did not make with 404", async () => {
    const res = await get("/v1/audit/redeem-download-token?downloadToken=nonsense");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "DOWNLOAD_TOKEN_INVALID", message: "The download token is unknown" });
  });
});
