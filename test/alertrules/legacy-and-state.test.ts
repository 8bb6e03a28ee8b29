// Alert rules on the legacy wire as py42 1.29 calls them (FedObserver /svc/api/v1/Rules, the alerts service's
// /svc/api/v1/rules/query-rule-metadata); rules in fixtures, the state export (loaded back to the same state) and
// tenant copies.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let legacy: string;
let gateway: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { post } = callsAs(emu, () => legacy);
const gw = callsAs(emu, () => gateway);
const T = DEFAULT_TENANT_UID;
const BOB_UID = "942897397520280005";
const make = async (rule: object) => expect((await emu.http.post(`/_emulator/tenants/${T}/alert-rules`).send(rule)).status).toBe(201);
const status = (res: { status: number }) => res.status;

describe("/svc/api/v1/Rules (py42 FedObserver)", () => {
  it("adds and removes a user as py42 does, twice-safe, and answers py42's statuses", async () => {
    await make({ name: "scoped", id: "obs-1", type: "FED_FILE_TYPE_MISMATCH", users: { mode: "INCLUDE", usernames: [] } });
    await make({ name: "lens", id: "obs-2", source: "DepartingEmployee" });
    const add = { tenantId: T, ruleId: "obs-1", userList: [{ userIdFromAuthority: BOB_UID, userAliasList: ["bob.brown@example.com"] }] };
    expect(status(await post("/svc/api/v1/Rules/add-users", add))).toBe(200);
    expect(status(await post("/svc/api/v1/Rules/add-users", add))).toBe(200);
    expect((await gw.get("/v2/alert-rules/obs-1/users")).body).toEqual({ id: "obs-1", users: [{ userIdFromAuthority: BOB_UID, aliases: ["bob.brown@example.com"] }], mode: "INCLUDE" });
    // A lens's rule: a 500 (py42 then looks the rule up and names its source); an unknown rule: a 404.
    expect(status(await post("/svc/api/v1/Rules/add-users", { ...add, ruleId: "obs-2" }))).toBe(500);
    expect(status(await post("/svc/api/v1/Rules/remove-all-users", { tenantId: T, ruleId: "obs-2" }))).toBe(500);
    expect(status(await post("/svc/api/v1/Rules/add-users", { ...add, ruleId: "nope" }))).toBe(404);
    const remove = { tenantId: T, ruleId: "obs-1", userIdList: [BOB_UID] };
    expect(status(await post("/svc/api/v1/Rules/remove-users", remove))).toBe(200);
    // Not on the rule any more: the 400 code42cli reads as "not currently assigned".
    expect(status(await post("/svc/api/v1/Rules/remove-users", remove))).toBe(400);
    expect(status(await post("/svc/api/v1/Rules/remove-all-users", { tenantId: T, ruleId: "obs-1" }))).toBe(200);
    expect(status(await post("/svc/api/v1/Rules/add-users", { ...add, tenantId: "another" }))).toBe(403);
    // Each change that changed something is in the audit log; the refusals and the repeated add are not.
    const trail = (await gw.post("/v1/audit/search-audit-log", { page: 0, pageSize: 50, eventTypes: ["alert_rule::users_added/1", "alert_rule::users_removed/1"] })).body.events as Record<string, unknown>[];
    const actor = { actorName: ADMIN.username, actorType: "USER", resourceId: "obs-1", ruleId: "obs-1" };
    expect(trail).toEqual([
      expect.objectContaining({ "type$": "alert_rule::users_removed/1", ...actor, userIdsFromAuthority: [BOB_UID] }),
      expect.objectContaining({ "type$": "alert_rule::users_added/1", ...actor, users: [{ userIdFromAuthority: BOB_UID, alias: "bob.brown@example.com" }] }),
    ]);
    const details = await post("/svc/api/v1/Rules/query-file-type-mismatch-rule", { tenantId: T, ruleIds: ["obs-1", "obs-2"] });
    expect(details.body).toMatchObject({ "type$": "FILE_TYPE_MISMATCH_RULE_DETAILS_RESPONSE", rules: [{ id: "obs-1", fileBelongsTo: { usersToAlertOn: "SPECIFIED_USERS" } }] });
  });

  it("gives a rule without a username filter an INCLUDE one of the users py42 adds, which it can then remove", async () => {
    await make({ name: "departing uploads", id: "obs-3", watchlists: ["DEPARTING_EMPLOYEE"] });
    expect((await gw.get("/v2/alert-rules/obs-3/users")).status).toBe(400);
    expect(status(await post("/svc/api/v1/Rules/add-users", { tenantId: T, ruleId: "obs-3", userList: [{ userIdFromAuthority: BOB_UID, userAliasList: ["bob.brown@example.com"] }] }))).toBe(200);
    expect((await gw.get("/v2/alert-rules/obs-3/users")).body).toEqual({ id: "obs-3", users: [{ userIdFromAuthority: BOB_UID, aliases: ["bob.brown@example.com"] }], mode: "INCLUDE" });
    expect(status(await post("/svc/api/v1/Rules/remove-users", { tenantId: T, ruleId: "obs-3", userIdList: [BOB_UID] }))).toBe(200);
  });

  it("lists the rule metadata on the alerts host, a page short of 500 ending py42's paging", async () => {
    await make({ name: "r1", id: "m1", createdAt: "2024-01-01T00:00:00Z" });
    await make({ name: "R2", id: "m2", source: "HighRiskEmployee", createdAt: "2024-01-02T00:00:00Z" });
    const page = await post("/svc/api/v1/rules/query-rule-metadata", { tenantId: T, groups: [], groupClause: "AND", pgNum: 0, pgSize: 500, srtKey: "CreatedAt", srtDirection: "DESC" });
    expect(page.body).toMatchObject({ "type$": "RULE_METADATA_SEARCH_RESPONSE", totalCount: 2, problems: [] });
    expect(page.body.ruleMetadata.map((r: { observerRuleId: string; isSystem: boolean; ruleSource: string }) => [r.observerRuleId, r.isSystem, r.ruleSource])).toEqual([
      ["m2", true, "High Risk Employee"],
      ["m1", false, "Alerting"],
    ]);
    const byName = await post("/svc/api/v1/rules/query-rule-metadata", { tenantId: T, groups: [{ filterClause: "AND", filters: [{ operator: "IS", term: "Name", value: "r2" }] }], groupClause: "AND", pgNum: 0, pgSize: 500, srtKey: null, srtDirection: null });
    expect(byName.body.ruleMetadata.map((r: { id: string }) => r.id)).toEqual(["m2"]);
    expect(status(await post("/svc/api/v1/rules/query-rule-metadata", { tenantId: T, groups: [], groupClause: "AND", pgNum: 0, pgSize: 0, srtKey: "CreatedAt", srtDirection: "DESC" }))).toBe(400);
  });
});

describe("fixtures, state and tenant copies", () => {
  const TENANT = "5b2c3d4e-6f70-4a81-9b2c-3d4e5f607182";
  const tenant = (alertRules: object[]) => ({
    tenantUid: TENANT,
    name: "Rules Tenant",
    registrationKey: "RULE-TNNT-0000-0001",
    orgs: [{ orgName: "Rules Root" }],
    users: [{ username: "sam@example.com", password: "password", org: "Rules Root", roles: ["Customer Cloud Admin"] }],
    apiClients: [{ clientId: "rules_client", secret: "rules-secret", name: "Rules client", roles: ["Customer Cloud Admin"] }],
    watchlists: [{ listType: "CUSTOM", title: "Contractors" }],
    alertRules,
  });
  const stateOf = async (uid: string) => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; alertRules?: object[] }[]).find((t) => t.tenantUid === uid)!;

  it("loads rules by username and watchlist, exports them, and loads the export back to the same state", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send({
      tenants: [
        tenant([
          {
            name: "Contractor uploads",
            id: "fx-1",
            severity: "MEDIUM",
            watchlists: ["Contractors", "DEPARTING_EMPLOYEE"],
            users: { mode: "EXCLUDE", usernames: ["sam@example.com", "bare@alias.com", { alias: "other@x.com", userUid: "ext-1" }] },
            vectors: { fileUpload: { cloudStorage: { observeAll: true } } },
            filters: { fileVolume: { countGreaterThan: 3, operator: "OR", sizeGreaterThanInBytes: 10 }, riskSeverity: { high: true, critical: true } },
            notifications: { isEnabled: true, contacts: [{ address: "soc@example.com" }] },
            createdAt: "2024-01-02T03:04:05Z",
          },
          { name: "Lens", source: "DepartingEmployee", enabled: false, type: "FED_ENDPOINT_EXFILTRATION", timeWindow: 30 },
        ]),
      ],
    });
    expect(res.status).toBe(201);
    const state = await stateOf(TENANT);
    expect(state.alertRules).toHaveLength(2);
    expect(state.alertRules![0]).toMatchObject({
      name: "Contractor uploads",
      id: "fx-1",
      users: { mode: "EXCLUDE", criteriaOrder: 0, usernames: ["sam@example.com", { alias: "bare@alias.com", user: null }, { alias: "other@x.com", userUid: "ext-1" }] },
      filters: { fileVolume: { countGreaterThan: 3, operator: "OR", sizeGreaterThanInBytes: 10, criteriaOrder: 0 }, riskSeverity: { low: false, moderate: false, high: true, critical: true, criteriaOrder: 0 } },
      createdAt: "2024-01-02T03:04:05Z",
    });
    const token = await emu.gatewayToken("rules_client", "rules-secret");
    const rule = (await emu.http.get("/v2/alert-rules/fx-1").set("Authorization", `Bearer ${token}`)).body;
    expect(rule.filters.watchlist.watchlists).toHaveLength(2);
    // Each tenant its own.
    expect((await gw.get("/v2/alert-rules/fx-1")).status).toBe(404);

    const exported = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    await emu.http.delete(`/_emulator/tenants/${TENANT}`);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: exported.tenants.filter((t: { tenantUid: string }) => t.tenantUid === TENANT) })).status).toBe(201);
    expect(await stateOf(TENANT)).toEqual(state);
  });

  it("refuses a fixture rule whose user, watchlist or shape the tenant lacks", async () => {
    const noUser = await emu.http.post("/_emulator/fixtures").send({ tenants: [tenant([{ name: "x", users: { mode: "INCLUDE", usernames: [{ alias: "a", user: "nobody@example.com" }] } }])] });
    expect([noUser.status, noUser.body.error.message]).toEqual([400, 'alertRules: rule x: no user "nobody@example.com" in the tenant']);
    const twice = await emu.http.post("/_emulator/fixtures").send({ tenants: [tenant([{ name: "x" }, { name: "X" }])] });
    expect([twice.status, twice.body.error.message]).toEqual([400, "alertRules: rule X: the tenant has a rule of that name already"]);
  });

  it("a tenant copy has the rules, and changing them leaves the source alone", async () => {
    await make({ name: "copied", id: "c-1", users: { mode: "INCLUDE", usernames: ["bob.brown@example.com"] } });
    const copy = (await emu.control.copyTenant(T, "c1"))!;
    const auth = `Bearer ${await emu.gatewayToken(copy.apiClients["client_id"], "secret")}`;
    expect((await emu.http.get("/v2/alert-rules/c-1/users").set("Authorization", auth)).body).toEqual({ id: "c-1", users: [{ userIdFromAuthority: BOB_UID, aliases: ["bob.brown@example.com"] }], mode: "INCLUDE" });
    expect((await emu.http.post("/v2/alert-rules/c-1/disable").set("Authorization", auth)).status).toBe(204);
    expect((await gw.get("/v2/alert-rules/c-1")).body.isEnabled).toBe(true);
  });
});
