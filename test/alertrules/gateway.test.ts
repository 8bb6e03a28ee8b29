// Alert rules on the gateway as the incydr SDK 2.12 calls them (/v2/alert-rules), the deprecated /v1/alert-rules
// operations and the rule metadata; the audit events of rule changes.
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { get, post } = callsAs(emu, () => gateway);
const del = (path: string) => emu.http.delete(path).set("Authorization", gateway);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];
const RULES = `/_emulator/tenants/${DEFAULT_TENANT_UID}/alert-rules`;
const T = DEFAULT_TENANT_UID;
const BOB_UID = "942897397520280005";

async function make(rule: object) {
  const res = await emu.http.post(RULES).send(rule);
  expect(res.status).toBe(201);
  return res.body;
}

/** The SDK's TEST_RULE_1 (tests/test_alert_rules.py), but its watchlist, as a fixture gives it. */
const SDK_RULE = {
  name: "Suspicious File Mismatch Rule",
  id: "test-rule-id",
  description: "A rule created to trigger alerts on suspicious file mismatch exfiltration",
  source: "DepartingEmployee",
  notifications: { isEnabled: true, contacts: [{ isEnabled: true, type: "EMAIL", address: "myUsername@company.com" }] },
  vectors: {
    cloudSharing: { observeAll: false, box: { observeAll: true, publicLinkShare: true, directShare: true }, googleDrive: { observeAll: true, publicLinkShare: true, directShare: true }, oneDrive: { observeAll: true, publicLinkShare: true, directShare: true }, criteriaOrder: 3 },
    download: { observeAll: true, salesforce: true, box: true, googleDrive: true, microsoftOneDrive: true, criteriaOrder: 0 },
    email: { observeAll: true, gmail: true, microsoft365: true, criteriaOrder: 0 },
    fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, webHosting: { observeAll: true, destinations: [] }, advancedSettings: { observeUncategorized: true }, criteriaOrder: 3 },
    removableMedia: { isEnabled: true, criteriaOrder: 3 },
  },
  filters: {
    fileCategory: { categories: ["Archive", "Pdf", "SourceCode"], criteriaOrder: 3 },
    fileName: { patterns: ["*.cs", "*.sh"], criteriaOrder: 3 },
    fileTypeMismatch: { isEnabled: true, criteriaOrder: 3 },
    fileVolume: { countGreaterThan: 125, operator: "AND", sizeGreaterThanInBytes: 1024, criteriaOrder: 3 },
    riskIndicator: { categories: ["string"], indicators: ["string"], criteriaOrder: 0 },
    riskSeverity: { low: true, moderate: true, high: true, critical: true, criteriaOrder: 0 },
    username: { mode: "INCLUDE", usernames: ["myUsername@company.com", "anotherUsername@company.com"], criteriaOrder: 3 },
  },
  createdAt: "2022-10-05T15:38:53.385501Z",
  createdBy: "my-username@company.com",
  modifiedAt: "2022-10-05T15:38:53.385521Z",
  modifiedBy: "my-username@company.com",
};

describe("/v2/alert-rules (incydr SDK)", () => {
  it("answers a rule whole, as the SDK's test rule reads", async () => {
    await make(SDK_RULE);
    const { source: _s, createdAt, modifiedAt, ...rest } = SDK_RULE;
    expect(answer(await get("/v2/alert-rules/test-rule-id"))).toEqual([
      200,
      { ...rest, severity: "High", isEnabled: true, source: "Departing Employee", education: null, alertOnBlockedBrowserActivity: false, isSystemRule: true, systemRemovedRiskIndicators: [], createdAt, modifiedAt },
    ]);
    expect(answer(await get("/v2/alert-rules/nope"))).toEqual([404, { code: "RULE_NOT_FOUND", message: "No rule with the id nope" }]);
  });

  it("pages from 0, never short of the size asked, and filters by watchlist", async () => {
    for (const n of [1, 2, 3]) await make({ name: `r${n}`, id: `r${n}`, ...(n === 2 ? { watchlists: ["DEPARTING_EMPLOYEE"] } : {}) });
    const ids = (res: { body: { id: string }[] }) => res.body.map((r) => r.id);
    expect(ids(await get("/v2/alert-rules?PageNumber=0&PageSize=100"))).toEqual(["r1", "r2", "r3"]);
    expect(ids(await get("/v2/alert-rules?PageNumber=0&PageSize=2"))).toEqual(["r1", "r2"]);
    expect(ids(await get("/v2/alert-rules?PageNumber=1&PageSize=2"))).toEqual(["r3"]);
    expect(ids(await get("/v2/alert-rules?PageNumber=9&PageSize=2"))).toEqual([]);
    const watchlistId = (await get("/v2/alert-rules/r2")).body.filters.watchlist.watchlists[0].id;
    expect(ids(await get(`/v2/alert-rules?PageNumber=0&PageSize=10&WatchlistId=${watchlistId}`))).toEqual(["r2"]);
    expect((await get("/v2/alert-rules?PageNumber=-1&PageSize=10")).status).toBe(400);
  });

  it("enables and disables one or many, all or none, and records each change", async () => {
    await make({ name: "a", id: "a" });
    await make({ name: "b", id: "b", enabled: false });
    expect((await post("/v2/alert-rules/a/disable")).status).toBe(204);
    expect((await get("/v2/alert-rules/a")).body).toMatchObject({ isEnabled: false, modifiedAt: "2024-06-01T12:00:00.0000000Z", modifiedBy: "client_id" });
    expect(answer(await post("/v2/alert-rules/enable", ["a", "b", "zz"]))).toEqual([404, { code: "RULE_NOT_FOUND", message: "No rule with the id zz" }]);
    expect((await get("/v2/alert-rules/b")).body.isEnabled).toBe(false);
    expect((await post("/v2/alert-rules/enable", ["a", "b"])).status).toBe(204);
    expect((await post("/v2/alert-rules/b/enable")).status).toBe(204);
    expect((await get("/v2/alert-rules?PageSize=10")).body.map((r: { isEnabled: boolean }) => r.isEnabled)).toEqual([true, true]);
    expect((await post("/v2/alert-rules/disable", [])).status).toBe(204);
    expect((await post("/v2/alert-rules/nope/enable")).status).toBe(404);
    const trail = (await post("/v1/audit/search-audit-log", { page: 0, pageSize: 50, eventTypes: ["alert_rule::enabled/1", "alert_rule::disabled/1"] })).body.events as Record<string, unknown>[];
    const actor = { actorId: "client_id", actorName: "client_id", actorType: "API_CLIENT" };
    // Only what changed: b enabled twice, the refused bulk and the no-op leave nothing.
    expect(trail.map((e) => [e["type$"], e.resourceId])).toEqual([
      ["alert_rule::enabled/1", "b"],
      ["alert_rule::enabled/1", "a"],
      ["alert_rule::disabled/1", "a"],
    ]);
    expect(trail[0]).toEqual(expect.objectContaining({ ...actor, ruleId: "b" }));
  });

  it("answers the username filter, a 400 without one, and empties it (not a lens's rule)", async () => {
    await make({ name: "everyone", id: "everyone" });
    await make({ name: "some", id: "some", users: { mode: "EXCLUDE", usernames: ["bob.brown@example.com", "elsewhere@x.com", { alias: "bob@personal.com", user: "bob.brown@example.com" }] } });
    await make({ name: "lens", id: "lens", source: "HighRiskEmployee", users: { mode: "INCLUDE", usernames: ["x@y.com"] } });
    expect(answer(await get("/v2/alert-rules/everyone/users"))).toEqual([400, { code: "RULE_NO_USER_FILTER", message: "Rule everyone has no username filter" }]);
    expect(answer(await get("/v2/alert-rules/some/users"))).toEqual([
      200,
      {
        id: "some",
        users: [
          { userIdFromAuthority: BOB_UID, aliases: ["bob.brown@example.com", "bob@personal.com"] },
          { userIdFromAuthority: "Null UserIdFromAuthority.  These usernames must be edited in the web app.", aliases: ["elsewhere@x.com"] },
        ],
        mode: "EXCLUDE",
      },
    ]);
    expect((await del("/v2/alert-rules/some/users")).status).toBe(204);
    expect(answer(await get("/v2/alert-rules/some/users"))).toEqual([200, { id: "some", users: [], mode: "EXCLUDE" }]);
    expect(answer(await del("/v2/alert-rules/lens/users"))).toEqual([400, { code: "RULE_IS_SYSTEM", message: "Rule lens has a source of 'HighRiskEmployee': only rules of the source Alerting take user changes" }]);
    expect((await del("/v2/alert-rules/nope/users")).status).toBe(404);
  });
});

describe("/v1/alert-rules (deprecated) and the rule metadata", () => {
  const v1 = (tail: string, body: object) => post(`/v1/alert-rules/${tail}`, body);

  it("adds, lists and removes users by authority id, and refuses another tenant", async () => {
    await make({ name: "scoped", id: "scoped", type: "FED_ENDPOINT_EXFILTRATION", users: { mode: "INCLUDE", usernames: [] } });
    expect((await v1("add-users", { tenantId: T, ruleId: "scoped", userList: [{ userIdFromAuthority: "u1", userAliasList: ["a@x.com", "b@x.com"] }, { userIdFromAuthority: "u2", userAliasList: ["c@x.com"] }] })).status).toBe(200);
    expect(answer(await v1("query-users", { tenantId: T, ruleId: "scoped" }))).toEqual([
      200,
      { users: [{ userIdFromAuthority: "u1", userAliasList: ["a@x.com", "b@x.com"] }, { userIdFromAuthority: "u2", userAliasList: ["c@x.com"] }], usersToAlertOn: "SPECIFIED_USERS" },
    ]);
    expect((await v1("remove-user-aliases", { tenantId: T, ruleId: "scoped", userList: [{ userIdFromAuthority: "u1", userAliasList: ["A@x.com"] }] })).status).toBe(200);
    // All or none: a user the rule lacks refuses the call.
    expect(answer(await v1("remove-users", { tenantId: T, ruleId: "scoped", userIdList: ["u2", "not-there"] }))).toEqual([400, { code: "RULE_USER_NOT_ON_RULE", message: "The rule holds no user not-there" }]);
    expect((await v1("remove-users", { tenantId: T, ruleId: "scoped", userIdList: ["u2"] })).status).toBe(200);
    expect((await v1("query-users", { tenantId: T, ruleId: "scoped" })).body.users).toEqual([{ userIdFromAuthority: "u1", userAliasList: ["b@x.com"] }]);
    expect((await v1("remove-all-users", { tenantId: T, ruleId: "scoped" })).status).toBe(200);
    expect((await v1("query-users", { tenantId: T, ruleId: "scoped" })).body).toEqual({ users: [], usersToAlertOn: "SPECIFIED_USERS" });
    expect(answer(await v1("add-users", { tenantId: "other", ruleId: "scoped", userList: [] }))).toEqual([403, { code: "FORBIDDEN", message: "The tenantId is not the caller's tenant" }]);
    expect((await v1("add-users", { tenantId: T, ruleId: "nope", userList: [] })).status).toBe(404);
    expect((await v1("update-is-enabled", { tenantId: T, ruleIds: ["scoped"], isEnabled: false })).status).toBe(200);
    expect((await get("/v2/alert-rules/scoped")).body.isEnabled).toBe(false);
  });

  it("adds and removes ten thousand users in one call (more values than SQLite binds in one statement)", async () => {
    await make({ name: "many", id: "many", type: "FED_ENDPOINT_EXFILTRATION", users: { mode: "INCLUDE", usernames: [] } });
    const uids = Array.from({ length: 10_000 }, (_, i) => `u${i}`);
    expect((await v1("add-users", { tenantId: T, ruleId: "many", userList: uids.map((u) => ({ userIdFromAuthority: u, userAliasList: [`${u}@x.com`] })) })).status).toBe(200);
    const held = (await v1("query-users", { tenantId: T, ruleId: "many" })).body.users as { userIdFromAuthority: string }[];
    expect(held.map((u) => u.userIdFromAuthority)).toEqual(uids);
    expect((await v1("remove-users", { tenantId: T, ruleId: "many", userIdList: uids.slice(1) })).status).toBe(200);
    expect((await v1("query-users", { tenantId: T, ruleId: "many" })).body.users).toEqual([{ userIdFromAuthority: "u0", userAliasList: ["u0@x.com"] }]);
  });

  it("answers each type's details to its own query, other rules left out", async () => {
    await make({
      name: "usb",
      id: "usb",
      type: "FED_ENDPOINT_EXFILTRATION",
      severity: "MEDIUM",
      vectors: { removableMedia: { isEnabled: true } },
      filters: { fileCategory: { categories: ["SourceCode", "Pdf"] }, fileVolume: { countGreaterThan: 2, operator: "OR", sizeGreaterThanInBytes: 200 } },
      timeWindow: 60,
      createdAt: "2024-01-01T00:00:00Z",
      createdBy: "me@example.com",
    });
    await make({ name: "shares", id: "shares", type: "FED_CLOUD_SHARE_PERMISSIONS", vectors: { cloudSharing: { googleDrive: { publicLinkShare: true } } }, googleDrivePublicOnTheWeb: true, createdAt: "2024-01-02T00:00:00Z" });
    await make({ name: "names", id: "names", type: "FED_FILE_NAME_MATCH", filters: { fileName: { patterns: ["Q?Plan.*"] } }, createdAt: "2024-01-03T00:00:00Z" });
    const common = (id: string, name: string, marker: string, more: object) => ({
      "type$": `${marker}_RULE_DETAILS`,
      tenantId: T,
      name,
      description: "",
      isEnabled: true,
      fileBelongsTo: { "type$": "FILE_BELONGS_TO", usersToAlertOn: "ALL_USERS" },
      notificationConfig: { "type$": "NOTIFICATION_CONFIG", enabled: false },
      ruleSource: "Alerting",
      id,
      createdBy: "system",
      modifiedBy: "system",
      isSystem: false,
      ...more,
    });
    expect(answer(await v1("query-endpoint-exfiltration-rule", { tenantId: T, ruleIds: ["usb", "shares", "nope"] }))).toEqual([
      200,
      {
        "type$": "ENDPOINT_EXFILTRATION_RULE_DETAILS_RESPONSE",
        rules: [
          common("usb", "usb", "ENDPOINT_EXFILTRATION", {
            severity: "MEDIUM",
            fileCategoryWatch: { "type$": "FILE_CATEGORY_WATCH", watchAllFiles: false, fileCategoryList: ["SOURCE_CODE", "PDF"] },
            fileSizeAndCount: { "type$": "FILE_SIZE_AND_COUNT", fileCountGreaterThan: 2, totalSizeGreaterThanInBytes: 200, operator: "OR" },
            fileActivityIs: {
              "type$": "FILE_ACTIVITY",
              syncedToCloudService: { "type$": "SYNCED_TO_CLOUD_SERVICE", watchBox: false, watchBoxDrive: false, watchDropBox: false, watchGoogleBackupAndSync: false, watchAppleIcLoud: false, watchMicrosoftOneDrive: false },
              uploadedOnRemovableMedia: true,
              readByBrowserOrOther: false,
            },
            timeWindow: 60,
            createdAt: "2024-01-01T00:00:00Z",
            createdBy: "me@example.com",
            modifiedAt: "2024-01-01T00:00:00Z",
            modifiedBy: "me@example.com",
          }),
        ],
      },
    ]);
    expect((await v1("query-cloud-share-permissions-rule", { tenantId: T, ruleIds: ["shares"] })).body.rules[0]).toEqual(
      common("shares", "shares", "CLOUD_SHARE_PERMISSIONS", {
        severity: "HIGH",
        fileCategoryWatch: { "type$": "FILE_CATEGORY_WATCH", watchAllFiles: true },
        watchGoogleDrive: { publicOnTheWeb: true, publicViaLink: true, outsideTrustedDomains: false },
        watchMicrosoftOneDrive: { publicViaLink: false, outsideTrustedDomains: false },
        watchBox: { publicViaLink: false, outsideTrustedDomains: false },
        createdAt: "2024-01-02T00:00:00Z",
        modifiedAt: "2024-01-02T00:00:00Z",
      }),
    );
    expect((await v1("query-file-name-rule", { tenantId: T, ruleIds: ["names"] })).body.rules[0].fileNamePatterns).toEqual(["Q?Plan.*"]);
    expect((await v1("query-file-type-mismatch-rule", { tenantId: T, ruleIds: ["names"] })).body).toEqual({ "type$": "FILE_TYPE_MISMATCH_RULE_DETAILS_RESPONSE", rules: [] });
  });

  it("searches the rule metadata by name and observer id, sorted and paged", async () => {
    await make({ name: "First", id: "m1", type: "FED_CLOUD_SHARE_PERMISSIONS", severity: "LOW", createdAt: "2024-01-01T00:00:00.0000000Z" });
    await make({ name: "Second", id: "m2", source: "DepartingEmployee", createdAt: "2024-01-02T00:00:00.0000000Z" });
    const search = (more: object) => post("/v1/alerts/rules/query-rule-metadata", { tenantId: T, groups: [], groupClause: "AND", pgNum: 0, pgSize: 500, srtKey: "CreatedAt", srtDirection: "DESC", ...more });
    const page = await search({});
    expect([page.status, page.status === 200 ? null : page.body]).toEqual([200, null]);
    expect(page.body).toEqual({
      "type$": "RULE_METADATA_SEARCH_RESPONSE",
      ruleMetadata: [
        { "type$": "RULE_METADATA", modifiedBy: "system", modifiedAt: "2024-01-02T00:00:00.0000000Z", name: "Second", description: "", severity: "HIGH", isSystem: true, isEnabled: true, ruleSource: "Departing Employee", tenantId: T, observerRuleId: "m2", type: "FED_COMPOSITE", id: "m2", createdBy: "system", createdAt: "2024-01-02T00:00:00.0000000Z" },
        { "type$": "RULE_METADATA", modifiedBy: "system", modifiedAt: "2024-01-01T00:00:00.0000000Z", name: "First", description: "", severity: "LOW", isSystem: false, isEnabled: true, ruleSource: "Alerting", tenantId: T, observerRuleId: "m1", type: "FED_CLOUD_SHARE_PERMISSIONS", id: "m1", createdBy: "system", createdAt: "2024-01-01T00:00:00.0000000Z" },
      ],
      totalCount: 2,
      problems: [],
    });
    const names = (res: { body: { ruleMetadata: { name: string }[] } }) => res.body.ruleMetadata.map((r) => r.name);
    expect(names(await search({ groups: [{ filterClause: "AND", filters: [{ operator: "IS", term: "Name", value: "first" }] }] }))).toEqual(["First"]);
    expect(names(await search({ groups: [{ filterClause: "AND", filters: [{ operator: "IS", term: "ObserverRuleId", value: "m2" }] }] }))).toEqual(["Second"]);
    expect(names(await search({ srtKey: null, srtDirection: null, pgSize: 1, pgNum: 1 }))).toEqual(["First"]);
    expect(names(await search({ srtKey: "Name", srtDirection: "ASC" }))).toEqual(["First", "Second"]);
    expect((await search({ pgSize: 501 })).status).toBe(400);
    expect(answer(await search({ groups: [{ filterClause: "AND", filters: [{ operator: "IS", term: "Colour", value: "x" }] }] }))).toEqual([400, { code: "RULE_QUERY_INVALID", message: "Unknown term Colour" }]);
  });
});
