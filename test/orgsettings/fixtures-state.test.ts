// Org settings in fixtures (an org's `settings:`), the state export (which loads back to the same state) and tenant
// copies.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const TENANT = "5c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
const EAST = "587738803578339329";
const WEST = "673679195225718785";

const tenant = (rootSettings: object, childSettings: object = {}) => ({
  tenantUid: TENANT,
  name: "Settings Tenant",
  registrationKey: "SETT-INGS-0000-0001",
  orgs: [{ orgName: "Settings Root", settings: rootSettings, children: [{ orgName: "Branch", deviceLimitPerUser: -1, settings: childSettings }] }],
  users: [{ username: "sally@example.com", password: "password", org: "Settings Root", roles: ["Customer Cloud Admin"] }],
});
const load = (t: object) => emu.http.post("/_emulator/fixtures").send({ tenants: [t] });
const stateOf = async (uid: string) => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; orgs: Record<string, unknown>[] }[]).find((t) => t.tenantUid === uid)!;

async function as(username: string) {
  return `v3_user_token ${await emu.tokenFor(username, "password")}`;
}

describe("fixtures and the state export", () => {
  it("loads an org's settings, whole groups at a time, exports them, and loads the export back to the same state", async () => {
    const res = await load(
      tenant(
        { maxSeats: 10, warnInDays: 2, alertInDays: 3, recipients: ["ops@example.com"], packets: { device_webRestore_enabled: "false", "org-securityTools-enable": { value: "true", locked: true } } },
        { destinations: ["Code42 Cloud USA East"], autoStartDestinations: [EAST], webRestoreAdminLimitMb: -1 },
      ),
    );
    expect(res.status).toBe(201);
    const state = await stateOf(TENANT);
    const [root] = state.orgs;
    expect(root!.settings).toEqual({
      maxSeats: 10,
      maxBytes: -1,
      defaultUserMaxBytes: -1,
      archiveHoldDays: 365,
      warnInDays: 2,
      alertInDays: 3,
      recipients: ["ops@example.com"],
      packets: { device_webRestore_enabled: "false", "org-securityTools-enable": { value: "true", locked: true } },
    });
    const branch = (root!.children as Record<string, unknown>[])[0]!;
    expect([branch.deviceLimitPerUser, branch.settings]).toEqual([-1, { destinations: [EAST], autoStartDestinations: [EAST], webRestoreAdminLimitMb: -1 }]);

    const auth = await as("sally@example.com");
    const org = (await emu.http.get(`/api/v1/Org/${branch.orgId}?incSettings=true`).set("Authorization", auth)).body.data;
    expect(org.settings).toMatchObject({ maxSeats: 10, warnInDays: 2, webRestoreAdminLimitMb: -1, isUsingQuotaDefaults: true, isUsingDestinationDefaults: false, destinations: [{ guid: EAST, autoStart: true }] });
    const packets = (await emu.http.get(`/api/v1/OrgSetting/${branch.orgId}`).set("Authorization", auth)).body.data;
    expect(packets).toEqual({
      device_client_visibility: { scope: "ORG", value: "VISIBLE", locked: false, id: root!.orgId },
      device_limit_per_user: { scope: "ORG", value: "-1", locked: false, id: branch.orgId },
      device_webRestore_enabled: { scope: "ORG", value: "false", locked: false, id: root!.orgId },
      "org-securityTools-enable": { scope: "ORG", value: "true", locked: true, id: root!.orgId },
    });

    const exported = await stateOf(TENANT);
    await emu.http.delete(`/_emulator/tenants/${TENANT}`);
    expect((await load(exported)).status).toBe(201);
    expect(await stateOf(TENANT)).toEqual(state);
  });

  it("exports settings changed through the API, JSON packet values too", async () => {
    const admin = await as(ADMIN.username);
    await emu.http.put("/api/v3/orgs/a9578c3d-736b-4d96-80e5-71edd8a11ea3").set("Authorization", admin).send({ settings: { warnInDays: 1, destinations: [WEST] } });
    await emu.http.put("/api/v1/OrgSetting/1001").set("Authorization", admin).send({ packets: [{ key: "device_fileForensics_fileExclusions_org", value: { paths: ["/tmp"] } }] });
    const state = await stateOf(DEFAULT_TENANT_UID);
    const [root] = state.orgs;
    expect(root!.settings).toEqual({ packets: { device_fileForensics_fileExclusions_org: { value: { paths: ["/tmp"] }, locked: false } } });
    expect((root!.children as Record<string, unknown>[])[0]!.settings).toEqual({ warnInDays: 1, alertInDays: 10, recipients: [], destinations: [WEST], autoStartDestinations: [WEST] });
  });

  it("refuses settings the API would refuse, naming the org", async () => {
    const cases: [object, object, string][] = [
      [{ warnInDays: 20 }, {}, "org Settings Root: settings: warnInDays (20) must not exceed alertInDays (10)"],
      [{}, { destinations: ["Mars"] }, "org Branch: settings: destinations: no destination Mars"],
      [{}, { autoStartDestinations: [EAST] }, `org Branch: settings: A destination that is not offered cannot start by itself: ${EAST}`],
      [{ packets: { device_limit_per_user: "3" } }, {}, "org Settings Root: settings: packet device_limit_per_user: give the org's deviceLimitPerUser or clientVisibility instead"],
      [{ packets: { k: { value: "1", locked: true } } }, { packets: { k: "2" } }, "org Branch: settings: packet k is locked by a parent organization"],
    ];
    for (const [root, child, message] of cases) {
      const res = await load(tenant(root, { destinations: [WEST], ...child }));
      expect([res.status, res.body.error.message]).toEqual([400, message]);
    }
    const schema = await load(tenant({ maxSeats: -5 }));
    expect(schema.status).toBe(400);
  });
});

describe("tenant copies", () => {
  it("copy an org's settings onto the copy's own orgs; changing the copy leaves the source alone", async () => {
    const admin = await as(ADMIN.username);
    await emu.http.put("/api/v3/orgs/a9578c3d-736b-4d96-80e5-71edd8a11ea3").set("Authorization", admin).send({ settings: { maxSeats: 40 } });
    await emu.http.put("/api/v1/OrgSetting/1002").set("Authorization", admin).send({ packets: [{ key: "device_webRestore_enabled", value: "true" }] });
    const copy = (await emu.control.copyTenant(DEFAULT_TENANT_UID, "s1"))!;
    const copyAdmin = await as(copy.usernames[ADMIN.username]!);
    const orgs = (await emu.http.get("/api/v1/Org").set("Authorization", copyAdmin)).body.data.orgs as { orgId: number; orgGuid: string; orgName: string }[];
    const eng = orgs.find((o) => o.orgName === "Engineering")!;
    expect(eng.orgId).not.toBe(1002);
    const settings = (await emu.http.get(`/api/v3/orgs/${eng.orgGuid}?incSettings=True`).set("Authorization", copyAdmin)).body.data.settings;
    expect(settings).toMatchObject({ maxSeats: 40, isUsingQuotaDefaults: false });
    expect((await emu.http.get(`/api/v1/OrgSetting/${eng.orgId}`).set("Authorization", copyAdmin)).body.data.device_webRestore_enabled).toEqual({ scope: "ORG", value: "true", locked: false, id: eng.orgId });

    await emu.http.put(`/api/v3/orgs/${eng.orgGuid}`).set("Authorization", copyAdmin).send({ settings: { maxSeats: 41 } });
    const source = (await emu.http.get("/api/v3/orgs/a9578c3d-736b-4d96-80e5-71edd8a11ea3?incSettings=True").set("Authorization", admin)).body.data.settings;
    expect(source.maxSeats).toBe(40);
  });
});
