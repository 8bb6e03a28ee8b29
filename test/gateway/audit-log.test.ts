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

describe("export and redeem-download-token", () => {
  it.each(["/v1/audit/export", "/v1/audit/search-results-export"])("%s answers a token that redeems to the events", async (path) => {
    await emu.tokenFor(ADMIN.username, ADMIN.password);
    const exported = await post(path, { ...SDK_SEARCH, page: undefined, pageSize: undefined });
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual({ downloadToken: expect.any(String) });
    const res = await get(`/v1/audit/redeem-download-token?downloadToken=${exported.body.downloadToken}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ events: [SIGNED_IN], paginationRangeStartIndex: 0, paginationRangeEndIndex: 1 });
  });

  it("refuses a token it did not make with 404", async () => {
    const res = await get("/v1/audit/redeem-download-token?downloadToken=nonsense");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "DOWNLOAD_TOKEN_INVALID", message: "The download token is unknown" });
  });
});
