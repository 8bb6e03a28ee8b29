// The gateway's detection lists (POST /v1/detection-lists/*, Code42's document of 2022-10-31): the ECM service's
// operations and answers over the same profiles and lists as /svc/api/v2, refused in the gateway's {code, message}.
import { ADMIN, DEFAULT_TENANT_UID, SECOND_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL, CREATED_AT, NEW_HIRE, bulletin, detectionLists } from "../helpers/detectionlists.js";

const emu = emulatorPerFile();
const tenantId = DEFAULT_TENANT_UID;
const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";

let gateway: (path: string, body: object) => ReturnType<typeof emu.http.post>;
let legacy: ReturnType<typeof detectionLists>;
beforeEach(async () => {
  const token = await emu.gatewayToken();
  gateway = (path, body) => emu.http.post(`/v1/detection-lists/${path}`).set("Authorization", `Bearer ${token}`).send(body);
  legacy = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});

const refusal = (code: string, message: string) => ({ code, message });
const notOnList = (userId: string) => refusal("NOT_ON_LIST", `User ${userId} is not on the list`);
const noUser = (user: string) => refusal("USER_NOT_FOUND", `Could not find user: ${user}`);
const tooManyAliases = refusal("LIST_VALUE_INVALID", "Cloud usernames must be less than or equal to 2");
const otherTenant = refusal("FORBIDDEN", `Not authorized for tenant ${SECOND_TENANT_UID}`);
const invalid = (about: string) => ({ code: "INVALID_REQUEST", message: expect.stringContaining(about) });

const ALICE_SCIM = {
  managerUid: "942897397520289999",
  managerUsername: "test.user@example.com",
  managerDisplayName: "Test User",
  title: "Software Engineer",
  division: "Product",
  department: "Engineering",
  employmentType: "Full Time",
  city: "Minneapolis",
  state: "MN",
  country: "US",
};
const ALICE_PROFILE = {
  "type$": "USER_V2",
  tenantId,
  userId: ALICE,
  userName: "alice.adams@example.com",
  displayName: "Alice Adams",
  notes: "Downloads spiked last quarter.",
  cloudUsernames: ["alice.adams@personal.example", "alice.adams@example.com"],
  ...ALICE_SCIM,
  riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
};
const CAROL_PROFILE = {
  "type$": "USER_V2",
  tenantId,
  userId: CAROL,
  userName: "carol.clark@example.com",
  displayName: "Carol Clark",
  cloudUsernames: ["carol.clark@example.com"],
  riskFactors: [],
};
const BOB_DEPARTING = {
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
};
const ALICE_HIGH_RISK = {
  "type$": "HIGH_RISK_EMPLOYEE_V2",
  tenantId,
  userId: ALICE,
  userName: "alice.adams@example.com",
  displayName: "Alice Adams",
  notes: "Downloads spiked last quarter.",
  createdAt: CREATED_AT,
  status: "OPEN",
  cloudUsernames: ["alice.adams@personal.example", "alice.adams@example.com"],
  ...ALICE_SCIM,
  riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
};

describe("profiles: /v1/detection-lists/user/*", () => {
  it("create makes a profile for a Code42 user who has none", async () => {
    const res = await gateway("user/create", { tenantId, userName: "new.hire@example.com", notes: "Started Monday", riskFactors: ["CONTRACT_EMPLOYEE"], cloudUsernames: ["nina@personal.example"] });
    expect([res.status, res.body]).toEqual([
      200,
      {
        "type$": "USER_V2",
        tenantId,
        userId: NEW_HIRE,
        userName: "new.hire@example.com",
        displayName: "Nina Newhire",
        notes: "Started Monday",
        cloudUsernames: ["nina@personal.example", "new.hire@example.com"],
        riskFactors: ["CONTRACT_EMPLOYEE"],
      },
    ]);
  });

  it("create refuses a profile that exists (409), a username that is no user (404), a third alias (400)", async () => {
    const exists = await gateway("user/create", { tenantId, userName: "carol.clark@example.com" });
    expect([exists.status, exists.body]).toEqual([409, refusal("PROFILE_EXISTS", "User already exists: carol.clark@example.com")]);
    const nobody = await gateway("user/create", { tenantId, userName: "nobody@example.com" });
    expect([nobody.status, nobody.body]).toEqual([404, noUser("nobody@example.com")]);
    const aliases = await gateway("user/create", { tenantId, userName: "new.hire@example.com", cloudUsernames: ["a@x.example", "b@x.example"] });
    expect([aliases.status, aliases.body]).toEqual([400, tooManyAliases]);
  });

  it("getbyid answers the profile; a user without one is a 404", async () => {
    const res = await gateway("user/getbyid", { tenantId, userId: CAROL });
    expect([res.status, res.body]).toEqual([200, CAROL_PROFILE]);
    const none = await gateway("user/getbyid", { tenantId, userId: NEW_HIRE });
    expect([none.status, none.body]).toEqual([404, noUser(NEW_HIRE)]);
  });

  it("getbyusername answers the profile with its SCIM attributes; no such user is a 404", async () => {
    const res = await gateway("user/getbyusername", { tenantId, username: "alice.adams@example.com" });
    expect([res.status, res.body]).toEqual([200, ALICE_PROFILE]);
    const ghost = await gateway("user/getbyusername", { tenantId, username: "ghost@example.com" });
    expect([ghost.status, ghost.body]).toEqual([404, noUser("ghost@example.com")]);
  });

  it("refresh re-reads the SCIM attributes from the user record; a user without a profile is a 404", async () => {
    await emu.database.db.updateTable("users").set({ title: "Staff Engineer", city: null }).where("user_uid", "=", ALICE).execute();
    const res = await gateway("user/refresh", { tenantId, userId: ALICE });
    const { city: _gone, ...refreshed } = { ...ALICE_PROFILE, title: "Staff Engineer" };
    expect([res.status, res.body]).toEqual([200, refreshed]);
    const none = await gateway("user/refresh", { tenantId, userId: NEW_HIRE });
    expect([none.status, none.body]).toEqual([404, noUser(NEW_HIRE)]);
  });

  it("addcloudusernames adds an alias; a third is a 400", async () => {
    const res = await gateway("user/addcloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol@personal.example"] });
    expect([res.status, res.body]).toEqual([200, { ...CAROL_PROFILE, cloudUsernames: ["carol.clark@example.com", "carol@personal.example"] }]);
    const third = await gateway("user/addcloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol@third.example"] });
    expect([third.status, third.body]).toEqual([400, tooManyAliases]);
  });

  it("removecloudusernames removes an alias; a user without a profile is a 404", async () => {
    const res = await gateway("user/removecloudusernames", { tenantId, userId: ALICE, cloudUsernames: ["alice.adams@personal.example"] });
    expect([res.status, res.body]).toEqual([200, { ...ALICE_PROFILE, cloudUsernames: ["alice.adams@example.com"] }]);
    const none = await gateway("user/removecloudusernames", { tenantId, userId: NEW_HIRE, cloudUsernames: ["x@y.example"] });
    expect([none.status, none.body]).toEqual([404, noUser(NEW_HIRE)]);
  });

  it("addriskfactors adds without repeats; an unknown factor is a 400", async () => {
    const res = await gateway("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["FLIGHT_RISK", "FLIGHT_RISK"] });
    expect([res.status, res.body]).toEqual([200, { ...CAROL_PROFILE, riskFactors: ["FLIGHT_RISK"] }]);
    const bad = await gateway("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["BAD_VIBES"] });
    expect([bad.status, bad.body]).toEqual([400, invalid("riskFactors")]);
  });

  it("removeriskfactors removes; a user without a profile is a 404", async () => {
    const res = await gateway("user/removeriskfactors", { tenantId, userId: ALICE, riskFactors: ["FLIGHT_RISK"] });
    expect([res.status, res.body]).toEqual([200, { ...ALICE_PROFILE, riskFactors: ["HIGH_IMPACT_EMPLOYEE"] }]);
    const none = await gateway("user/removeriskfactors", { tenantId, userId: NEW_HIRE, riskFactors: ["FLIGHT_RISK"] });
    expect([none.status, none.body]).toEqual([404, noUser(NEW_HIRE)]);
  });

  it("updatenotes replaces the notes; a user without a profile is a 404", async () => {
    const res = await gateway("user/updatenotes", { tenantId, userId: CAROL, notes: "Gave notice" });
    expect([res.status, res.body]).toEqual([200, { ...CAROL_PROFILE, notes: "Gave notice" }]);
    const none = await gateway("user/updatenotes", { tenantId, userId: NEW_HIRE, notes: "x" });
    expect([none.status, none.body]).toEqual([404, noUser(NEW_HIRE)]);
  });
});

describe("departing employees: /v1/detection-lists/departingemployee/*", () => {
  it("add puts a user on the list with a departure date", async () => {
    const res = await gateway("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2030-04-07" });
    expect([res.status, res.body]).toEqual([
      200,
      {
        "type$": "DEPARTING_EMPLOYEE_V2",
        tenantId,
        userId: CAROL,
        userName: "carol.clark@example.com",
        displayName: "Carol Clark",
        createdAt: CREATED_AT,
        status: "OPEN",
        cloudUsernames: ["carol.clark@example.com"],
        departureDate: "2030-04-07",
        totalBytes: 0,
        numEvents: 0,
      },
    ]);
  });

  it("add refuses a user on the list (409), no such user (404), a date that is none (400)", async () => {
    const twice = await gateway("departingemployee/add", { tenantId, userId: BOB });
    expect([twice.status, twice.body]).toEqual([409, refusal("ALREADY_ON_LIST", `User ${BOB} is already on the list`)]);
    const nobody = await gateway("departingemployee/add", { tenantId, userId: "999" });
    expect([nobody.status, nobody.body]).toEqual([404, noUser("999")]);
    const date = await gateway("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2020-02-30" });
    expect([date.status, date.body]).toEqual([400, invalid("departureDate")]);
  });

  it("get answers the entry; a user not on the list is a 404", async () => {
    const res = await gateway("departingemployee/get", { tenantId, userId: BOB });
    expect([res.status, res.body]).toEqual([200, BOB_DEPARTING]);
    const missing = await gateway("departingemployee/get", { tenantId, userId: CAROL });
    expect([missing.status, missing.body]).toEqual([404, notOnList(CAROL)]);
  });

  it("update changes the departure date; a user not on the list is a 404", async () => {
    const res = await gateway("departingemployee/update", { tenantId, userId: BOB, departureDate: "2027-01-15" });
    expect([res.status, res.body]).toEqual([200, { ...BOB_DEPARTING, departureDate: "2027-01-15" }]);
    const missing = await gateway("departingemployee/update", { tenantId, userId: CAROL, departureDate: "2027-01-15" });
    expect([missing.status, missing.body]).toEqual([404, notOnList(CAROL)]);
  });

  it("remove takes the user off with 204; again is a 404", async () => {
    const res = await gateway("departingemployee/remove", { tenantId, userId: BOB });
    expect([res.status, res.text]).toEqual([204, ""]);
    const again = await gateway("departingemployee/remove", { tenantId, userId: BOB });
    expect([again.status, again.body]).toEqual([404, notOnList(BOB)]);
  });

  it("search answers the page, its sort and the four rollups; an unknown filter is a 400, another tenant a 403", async () => {
    const res = await gateway("departingemployee/search", { tenantId, filterType: "OPEN", pgSize: 20, pgNum: 1, srtKey: "DISPLAY_NAME", srtDirection: "ASC" });
    const rollup = (filterType: string, totalCount: number) => ({ "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType, totalCount });
    expect([res.status, res.body]).toEqual([
      200,
      {
        "type$": "DEPARTING_EMPLOYEE_SEARCH_RESPONSE_V2",
        items: [BOB_DEPARTING],
        totalCount: 1,
        rollups: [rollup("OPEN", 1), rollup("LEAVING_TODAY", 0), rollup("EXFILTRATION_24_HOURS", 1), rollup("EXFILTRATION_30_DAYS", 1)],
        filterType: "OPEN",
        pgSize: 20,
        pgNum: 1,
        srtKey: "DISPLAY_NAME",
        srtDirection: "ASC",
      },
    ]);
    const filter = await gateway("departingemployee/search", { tenantId, filterType: "NEW_FILTER" });
    expect([filter.status, filter.body]).toEqual([400, invalid("filterType")]);
    const elsewhere = await gateway("departingemployee/search", { tenantId: SECOND_TENANT_UID });
    expect([elsewhere.status, elsewhere.body]).toEqual([403, otherTenant]);
  });

  it("setalertstate stores the list's alert setting with 204; another tenant is a 403", async () => {
    const res = await gateway("departingemployee/setalertstate", { tenantId, alertsEnabled: false });
    expect([res.status, res.text]).toEqual([204, ""]);
    // By its columns: on PostgreSQL every table also has a rowid column.
    expect(await emu.database.db.selectFrom("detection_list_settings").select(["tenant_uid", "list", "alerts_enabled"]).execute()).toEqual([{ tenant_uid: tenantId, list: "DEPARTING_EMPLOYEE", alerts_enabled: 0 }]);
    const elsewhere = await gateway("departingemployee/setalertstate", { tenantId: SECOND_TENANT_UID, alertsEnabled: true });
    expect([elsewhere.status, elsewhere.body]).toEqual([403, otherTenant]);
  });
});

describe("high-risk employees: /v1/detection-lists/highriskemployee/*", () => {
  it("add puts a user on the list with the profile's risk factors", async () => {
    const res = await gateway("highriskemployee/add", { tenantId, userId: CAROL });
    expect([res.status, res.body]).toEqual([
      200,
      {
        "type$": "HIGH_RISK_EMPLOYEE_V2",
        tenantId,
        userId: CAROL,
        userName: "carol.clark@example.com",
        displayName: "Carol Clark",
        createdAt: CREATED_AT,
        status: "OPEN",
        cloudUsernames: ["carol.clark@example.com"],
        riskFactors: [],
      },
    ]);
  });

  it("add refuses a user on the list (409) and no such user (404)", async () => {
    const twice = await gateway("highriskemployee/add", { tenantId, userId: ALICE });
    expect([twice.status, twice.body]).toEqual([409, refusal("ALREADY_ON_LIST", `User ${ALICE} is already on the list`)]);
    const nobody = await gateway("highriskemployee/add", { tenantId, userId: "999" });
    expect([nobody.status, nobody.body]).toEqual([404, noUser("999")]);
  });

  it("get answers the entry with its SCIM attributes; a user not on the list is a 404", async () => {
    const res = await gateway("highriskemployee/get", { tenantId, userId: ALICE });
    expect([res.status, res.body]).toEqual([200, ALICE_HIGH_RISK]);
    const missing = await gateway("highriskemployee/get", { tenantId, userId: BOB });
    expect([missing.status, missing.body]).toEqual([404, notOnList(BOB)]);
  });

  it("remove takes the user off with 204; again is a 404", async () => {
    const res = await gateway("highriskemployee/remove", { tenantId, userId: ALICE });
    expect([res.status, res.text]).toEqual([204, ""]);
    const again = await gateway("highriskemployee/remove", { tenantId, userId: ALICE });
    expect([again.status, again.body]).toEqual([404, notOnList(ALICE)]);
  });

  it("search has no LEAVING_TODAY, neither as a rollup nor as a filter (400)", async () => {
    const res = await gateway("highriskemployee/search", { tenantId, filterType: "OPEN", pgSize: 20, pgNum: 1, srtKey: null, srtDirection: null });
    const rollup = (filterType: string, totalCount: number) => ({ "type$": "HIGH_RISK_FILTER_ROLLUP_V2", filterType, totalCount });
    expect([res.status, res.body]).toEqual([
      200,
      {
        "type$": "HIGH_RISK_SEARCH_RESPONSE_V2",
        items: [ALICE_HIGH_RISK],
        totalCount: 1,
        rollups: [rollup("OPEN", 1), rollup("EXFILTRATION_24_HOURS", 0), rollup("EXFILTRATION_30_DAYS", 0)],
        filterType: "OPEN",
        pgSize: 20,
        pgNum: 1,
        srtKey: "CREATED_AT",
        srtDirection: "DESC",
      },
    ]);
    const today = await gateway("highriskemployee/search", { tenantId, filterType: "LEAVING_TODAY" });
    expect([today.status, today.body]).toEqual([400, invalid("filterType")]);
  });

  it("setalertstate stores the setting per list with 204; without alertsEnabled it is a 400", async () => {
    const res = await gateway("highriskemployee/setalertstate", { alertsEnabled: false });
    expect([res.status, res.text]).toEqual([204, ""]);
    // By its columns: on PostgreSQL every table also has a rowid column.
    expect(await emu.database.db.selectFrom("detection_list_settings").select(["tenant_uid", "list", "alerts_enabled"]).execute()).toEqual([{ tenant_uid: tenantId, list: "HIGH_RISK_EMPLOYEE", alerts_enabled: 0 }]);
    const bad = await gateway("highriskemployee/setalertstate", { tenantId });
    expect([bad.status, bad.body]).toEqual([400, invalid("alertsEnabled")]);
  });
});

describe("who may call", () => {
  it("no token is a 401, and a user without the Customer Cloud Admin role a 403, in the gateway's body", async () => {
    const anonymous = await emu.http.post("/v1/detection-lists/departingemployee/get").send({ tenantId, userId: BOB });
    expect([anonymous.status, anonymous.body]).toEqual([401, refusal("UNAUTHORIZED", "A Bearer or v3_user_token authorization header is required")]);
    const orgAdmin = await emu.tokenFor("org.admin@example.com", "password");
    const res = await emu.http.post("/v1/detection-lists/departingemployee/get").set("Authorization", `Bearer ${orgAdmin}`).send({ tenantId, userId: BOB });
    expect([res.status, res.body]).toEqual([403, refusal("FORBIDDEN", "The Customer Cloud Admin role is required for detection lists")]);
  });

  it("a body that is not JSON is a 415 in the gateway's body", async () => {
    const token = await emu.gatewayToken();
    const res = await emu.http.post("/v1/detection-lists/departingemployee/get").set("Authorization", `Bearer ${token}`).type("text/plain").send("tenantId");
    expect([res.status, res.body]).toEqual([415, refusal("UNSUPPORTED_MEDIA_TYPE", "/v1/detection-lists/departingemployee/get: unsupported media type text/plain")]);
  });
});

describe("one set of lists behind both wires", () => {
  it("a departing employee added on /svc/api/v2 is found on the gateway, alike", async () => {
    const added = await legacy("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2030-04-07" });
    expect(added.status).toBe(200);
    const found = await gateway("departingemployee/get", { tenantId, userId: CAROL });
    expect([found.status, found.body]).toEqual([200, added.body]);
  });

  it("a departing employee added on the gateway is found on /svc/api/v2, and removed there", async () => {
    const added = await gateway("departingemployee/add", { tenantId, userId: CAROL });
    expect(added.status).toBe(200);
    const found = await legacy("departingemployee/get", { tenantId, userId: CAROL });
    expect([found.status, found.body]).toEqual([200, added.body]);
    expect((await legacy("departingemployee/remove", { tenantId, userId: CAROL })).status).toBe(204);
    expect((await gateway("departingemployee/get", { tenantId, userId: CAROL })).status).toBe(404);
  });

  it("high-risk entries and profiles changed on either wire read the same on the other", async () => {
    await gateway("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["PERFORMANCE_CONCERNS"] });
    const added = await legacy("highriskemployee/add", { tenantId, userId: CAROL });
    expect(added.body.riskFactors).toEqual(["PERFORMANCE_CONCERNS"]);
    expect((await gateway("highriskemployee/get", { tenantId, userId: CAROL })).body).toEqual(added.body);
    await legacy("user/updatenotes", { tenantId, userId: CAROL, notes: "Seen on both" });
    expect((await gateway("user/getbyid", { tenantId, userId: CAROL })).body).toEqual((await legacy("user/getbyid", { tenantId, userId: CAROL })).body);
  });

  it("one refusal, each wire's words: not on the list is the gateway's 404 {code, message}, the legacy ECM bulletin", async () => {
    const onGateway = await gateway("departingemployee/get", { tenantId, userId: CAROL });
    expect([onGateway.status, onGateway.body]).toEqual([404, { code: "NOT_ON_LIST", message: `User ${CAROL} is not on the list` }]);
    const onLegacy = await legacy("departingemployee/get", { tenantId, userId: CAROL });
    expect([onLegacy.status, onLegacy.body]).toEqual([404, bulletin(`${DLM}UserNotOnList`, "User not on list", { userId: CAROL })]);
  });
});
