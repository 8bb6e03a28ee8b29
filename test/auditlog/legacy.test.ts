// The audit log on the legacy wire, POST /rpc/search/search-audit-log, as py42 1.29's auditlogs.get_page sends it
// (pages from 0, dateRange as microsecond UTC text, every filter a list or null) and code42cli 1.19 reads it.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const NOW = "2024-06-01T12:00:00.000Z";
const ADMIN_UID = "942897397520289999";
let auth: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const search = (body: object, as = auth) => emu.http.post("/rpc/search/search-audit-log").set("Authorization", as).send(body);

/** py42's get_page with no filters. */
const PY42 = { page: 0, pageSize: 500, dateRange: {}, eventTypes: null, actorIds: null, actorNames: null, actorIpAddresses: null, affectedUserIds: null, affectedUserNames: null };
const SIGNED_IN = { "type$": "audit_log::logged_in/1", actorId: ADMIN_UID, actorName: ADMIN.username, actorAgent: null, actorIpAddress: null, timestamp: NOW, actorType: "USER", resourceId: ADMIN_UID };

describe("POST /rpc/search/search-audit-log", () => {
  it("answers the events with their range and total, as py42 pages them", async () => {
    const res = await search({ ...PY42, eventTypes: ["audit_log::logged_in/1"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ events: [SIGNED_IN], paginationRangeStartIndex: 0, paginationRangeEndIndex: 1, totalResultCount: 1 });
  });

  it("filters by a dateRange in microsecond text, by actor and by affected user", async () => {
    const before = await search({ ...PY42, dateRange: { startTime: "2024-06-01T11:00:00.000000Z", endTime: "2024-06-01T11:59:59.999999Z" } });
    expect(before.body).toEqual({ events: [], paginationRangeStartIndex: 0, paginationRangeEndIndex: 0, totalResultCount: 0 });
    const within = await search({ ...PY42, dateRange: { startTime: "2024-06-01T11:00:00.000000Z" }, actorNames: [ADMIN.username], affectedUserIds: [ADMIN_UID] });
    expect(within.body.events).toEqual([SIGNED_IN]);
    await emu.http.put("/api/v1/UserBlock/4205").set("Authorization", auth);
    const blocked = await search({ ...PY42, affectedUserNames: ["alice.adams@example.com"] });
    expect(blocked.body.events).toEqual([expect.objectContaining({ "type$": "audit_log::user_blocked/1", resourceId: "942897397520280004" })]);
  });

  it("answers a page as CSV or CEF to py42's format=\"CSV\" and format=\"CEF\" (their Accept headers)", async () => {
    await emu.http.put("/api/v1/UserBlock/4205").set("Authorization", auth);
    const csv = await search(PY42).set("Accept", "text/csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      "type$,actorId,actorName,actorAgent,actorIpAddress,timestamp,actorType,resourceId,userId,userName\r\n" +
        `audit_log::user_blocked/1,${ADMIN_UID},${ADMIN.username},,,${NOW},USER,942897397520280004,942897397520280004,alice.adams@example.com\r\n` +
        `audit_log::logged_in/1,${ADMIN_UID},${ADMIN.username},,,${NOW},USER,${ADMIN_UID},,\r\n`,
    );
    const cef = await search(PY42).set("Accept", "text/x-cef");
    expect(cef.status).toBe(200);
    expect(cef.headers["content-type"]).toMatch(/^text\/x-cef/);
    const rt = Date.parse(NOW);
    expect(cef.text).toBe(
      `CEF:0|Code42|Audit Log|1|audit_log::user_blocked/1|user_blocked|0|rt=${rt} suid=${ADMIN_UID} suser=${ADMIN.username} cs1Label=actorType cs1=USER cs2Label=resourceId cs2=942897397520280004 cs3Label=details cs3={"userId":"942897397520280004","userName":"alice.adams@example.com"}\n` +
        `CEF:0|Code42|Audit Log|1|audit_log::logged_in/1|logged_in|0|rt=${rt} suid=${ADMIN_UID} suser=${ADMIN.username} cs1Label=actorType cs1=USER cs2Label=resourceId cs2=${ADMIN_UID} cs3Label=details cs3={}\n`,
    );
  });

  it("is a Customer Cloud Admin's; refuses a malformed body with 400", async () => {
    const alice = `Bearer ${await emu.tokenFor("alice.adams@example.com", "password")}`;
    const denied = await search(PY42, alice);
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ problem: "FORBIDDEN", description: "The Customer Cloud Admin role is required for the audit log" });
    const bad = await search({ ...PY42, page: -1 });
    expect(bad.status).toBe(400);
  });
});
