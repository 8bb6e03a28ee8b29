// The Departing Employees list (/svc/api/v2/departingemployee/*): the help-center examples, errors py42 maps,
// filters that follow the emulator clock.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { BOB, CAROL, CREATED_AT, NEW_HIRE, bulletin, detectionLists } from "../helpers/detectionlists.js";

const emu = emulatorPerFile();
let post: ReturnType<typeof detectionLists>;
const tenantId = DEFAULT_TENANT_UID;
beforeEach(async () => {
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});

/** Tokens live 30 minutes by the same clock the tests move. */
async function signInAgain() {
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
}

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";
const entries = () => emu.database.db.selectFrom("watchlist_users").selectAll().orderBy("watchlist_id").orderBy("user_uid").execute();

describe("departingemployee/add (help-center example)", () => {
  it("adds a user with a departure date and answers the DEPARTING_EMPLOYEE_V2 item", async () => {
    const before = emu.clock.now();
    const res = await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2020-04-07" });
    const after = emu.clock.now();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "DEPARTING_EMPLOYEE_V2",
      tenantId,
      userId: CAROL,
      userName: "carol.clark@example.com",
      displayName: "Carol Clark",
      createdAt: CREATED_AT,
      status: "OPEN",
      cloudUsernames: ["carol.clark@example.com"],
      departureDate: "2020-04-07",
      totalBytes: 0,
      numEvents: 0,
    });
    // The instant of the request, to the millisecond (a minute's prefix failed when the request crossed a minute).
    const at = Date.parse(`${res.body.createdAt.slice(0, 23)}Z`);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });

  it("accepts departureDate null (py42 sends it when none is given) and then shows none", async () => {
    const res = await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: null });
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty("departureDate");
  });

  it("creates the profile of a user who has none, as the console does", async () => {
    const res = await post("departingemployee/add", { tenantId, userId: NEW_HIRE });
    expect(res.status).toBe(200);
    expect((await post("user/getbyid", { tenantId, userId: NEW_HIRE })).body).toMatchObject({ "type$": "USER_V2", cloudUsernames: ["new.hire@example.com"] });
  });

  it("adding a user already on the list is a 400 'User already on list', twice alike, and changes nothing", async () => {
    const before = await entries();
    const first = await post("departingemployee/add", { tenantId, userId: BOB, departureDate: "2030-01-01" });
    const second = await post("departingemployee/add", { tenantId, userId: BOB, departureDate: "2030-01-01" });
    expect(first.status).toBe(400);
    expect(first.body).toEqual(bulletin(`${DLM}UserAlreadyOnList`, "User already on list", { userId: BOB }));
    expect(second.body).toEqual(first.body);
    expect(await entries()).toEqual(before);
  });

  it("a userId that is no Code42 user is a 400 and adds nothing", async () => {
    const before = await entries();
    const res = await post("departingemployee/add", { tenantId, userId: "999", departureDate: null });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Could not find user: 999");
    expect(await entries()).toEqual(before);
  });

  it.each(["2020-02-30", "07/04/2020", "2020-4-7"])("a departureDate of %s is a 400 validation bulletin", async (date) => {
    const res = await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: date });
    expect(res.status).toBe(400);
    expect(res.body["pop-bulletin"]["type$"]).toBe(`${DLM}ValidationError`);
  });
});

describe("get, update, remove", () => {
  it("get answers the entry; a user not on the list is a 404", async () => {
    const res = await post("departingemployee/get", { tenantId, userId: BOB });
    expect(res.body).toEqual({
      "type$": "DEPARTING_EMPLOYEE_V2",
      tenantId,
      userId: BOB,
      userName: "bob.brown@example.com",
      displayName: "Bob Brown",
      notes: "Leaving for competitor",
      createdAt: CREATED_AT,
      status: "OPEN",
      cloudUsernames: ["bob.brown@example.com"],
      departureDate: "2026-12-31",
      totalBytes: 139856482,
      numEvents: 1,
    });
    const missing = await post("departingemployee/get", { tenantId, userId: CAROL });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual(bulletin(`${DLM}UserNotOnList`, "User not on list", { userId: CAROL }));
  });

  it("update changes the departure date; for a user not on the list it is a 404", async () => {
    const res = await post("departingemployee/update", { tenantId, userId: BOB, departureDate: "2027-01-15" });
    expect(res.status).toBe(200);
    expect(res.body.departureDate).toBe("2027-01-15");
    expect((await post("departingemployee/get", { tenantId, userId: BOB })).body.departureDate).toBe("2027-01-15");
    expect((await post("departingemployee/update", { tenantId, userId: CAROL, departureDate: "2027-01-15" })).status).toBe(404);
  });

  it("remove takes the user off; removing again is the 404 py42 maps to Py42UserNotOnListError", async () => {
    const res = await post("departingemployee/remove", { tenantId, userId: BOB });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect((await post("departingemployee/get", { tenantId, userId: BOB })).status).toBe(404);
    const again = await post("departingemployee/remove", { tenantId, userId: BOB });
    expect(again.status).toBe(404);
    // Re-adding after a removal works, and the profile (notes) survived.
    const back = await post("departingemployee/add", { tenantId, userId: BOB, departureDate: null });
    expect(back.body.notes).toBe("Leaving for competitor");
  });

  it("setalertstate stores the list's alert setting per tenant", async () => {
    expect((await post("departingemployee/setalertstate", { tenantId, alertsEnabled: false })).status).toBe(204);
    // By its columns: on PostgreSQL every table also has a rowid column.
    const row = await emu.database.db.selectFrom("detection_list_settings").select(["tenant_uid", "list", "alerts_enabled"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ tenant_uid: tenantId, list: "DEPARTING_EMPLOYEE", alerts_enabled: 0 });
    await post("departingemployee/setalertstate", { tenantId, alertsEnabled: true });
    expect((await emu.database.db.selectFrom("detection_list_settings").select("alerts_enabled").executeTakeFirstOrThrow()).alerts_enabled).toBe(1);
  });
});

describe("departingemployee/search", () => {
  const rollups = (open: number, today: number, day: number, month: number) => [
    { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "OPEN", totalCount: open },
    { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "LEAVING_TODAY", totalCount: today },
    { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_24_HOURS", totalCount: day },
    { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_30_DAYS", totalCount: month },
  ];

  it("the help-center example (pgSize and pgNum as strings) answers numbers and the four rollups", async () => {
    const res = await post("departingemployee/search", { tenantId, filterType: "OPEN", pgSize: "20", pgNum: "1", srtKey: "DISPLAY_NAME", srtDirection: "ASC" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "DEPARTING_EMPLOYEE_SEARCH_RESPONSE_V2",
      items: [(await post("departingemployee/get", { tenantId, userId: BOB })).body],
      totalCount: 1,
      rollups: rollups(1, 0, 1, 1),
      filterType: "OPEN",
      pgSize: 20,
      pgNum: 1,
      srtKey: "DISPLAY_NAME",
      srtDirection: "ASC",
    });
    expect(Object.keys(res.body)).toEqual(["type$", "items", "totalCount", "rollups", "filterType", "pgSize", "pgNum", "srtKey", "srtDirection"]);
  });

  it("LEAVING_TODAY follows the emulator clock", async () => {
    const today = () => new Date(emu.clock.now()).toISOString().slice(0, 10);
    await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: today() });
    let res = await post("departingemployee/search", { tenantId, filterType: "LEAVING_TODAY", pgSize: 100, pgNum: 1 });
    expect(res.body.items.map((i: { userId: string }) => i.userId)).toEqual([CAROL]);
    expect(res.body.rollups[1]).toEqual({ "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "LEAVING_TODAY", totalCount: 1 });
    emu.clock.advance(24 * 3_600_000);
    await signInAgain();
    res = await post("departingemployee/search", { tenantId, filterType: "LEAVING_TODAY", pgSize: 100, pgNum: 1 });
    expect(res.body).toMatchObject({ items: [], totalCount: 0 });
  });

  it("EXFILTRATION_24_HOURS and _30_DAYS count exposure events inside the window by the clock", async () => {
    const search = (filterType: string) => post("departingemployee/search", { tenantId, filterType, pgSize: 100, pgNum: 1 });
    expect((await search("EXFILTRATION_24_HOURS")).body.items.map((i: { userId: string }) => i.userId)).toEqual([BOB]);
    emu.clock.advance(23 * 3_600_000); // the event is now 25 h old
    await signInAgain();
    expect((await search("EXFILTRATION_24_HOURS")).body.totalCount).toBe(0);
    expect((await search("EXFILTRATION_30_DAYS")).body.totalCount).toBe(1);
    emu.clock.advance(30 * 24 * 3_600_000);
    await signInAgain();
    const later = await search("OPEN");
    expect(later.body.rollups).toEqual(rollups(1, 0, 0, 0));
  });

  it("the exfiltration rollups follow new exposures at once, and an exposure after the clock's now is in no window", async () => {
    const rollupsNow = async () => (await post("departingemployee/search", { tenantId, filterType: "OPEN", pgSize: 1, pgNum: 1 })).body.rollups;
    expect(await rollupsNow()).toEqual(rollups(1, 0, 1, 1)); // Bob's exposure, 2 h ago
    emu.clock.advance(2 * 24 * 3_600_000);
    await signInAgain();
    expect(await rollupsNow()).toEqual(rollups(1, 0, 0, 1));
    // A new exposure of Bob's, inside the last hour: both windows again, from the next search on.
    const generated = await emu.http.post(`/_emulator/tenants/${tenantId}/file-events/generate`).send({ user: "bob.brown@example.com", kind: "removable-media", count: 1, within: "1h", seed: 1 });
    expect(generated.status).toBe(201);
    expect(await rollupsNow()).toEqual(rollups(1, 0, 1, 1));
    // The clock set back before both: they lie ahead of it, inside no window.
    emu.clock.set(emu.clock.now() - 3 * 24 * 3_600_000);
    await signInAgain();
    expect(await rollupsNow()).toEqual(rollups(1, 0, 0, 0));
  });

  it("py42's defaults (pgSize 100, CREATED_AT DESC) list the newest first", async () => {
    await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: null });
    const res = await post("departingemployee/search", { tenantId, pgSize: 100, pgNum: 1, filterType: "OPEN", srtKey: "CREATED_AT", srtDirection: "DESC" });
    expect(res.body.items.map((i: { userId: string }) => i.userId)).toEqual([CAROL, BOB]);
  });

  it("an unknown filter or sort key is a 400 validation bulletin", async () => {
    for (const body of [{ filterType: "NEW_FILTER" }, { srtKey: "SHOE_SIZE" }, { srtDirection: "UP" }, { pgSize: "many" }, { pgNum: 0 }]) {
      const res = await post("departingemployee/search", { tenantId, ...body });
      expect(res.status).toBe(400);
      expect(res.body["pop-bulletin"]["type$"]).toBe(`${DLM}ValidationError`);
    }
  });
});
