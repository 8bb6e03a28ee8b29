// Org settings on the legacy wire as py42 1.26-1.29 read and write them (orgs.get_settings / update_settings): the org
// with incSettings, the OrgSetting packets, inheritance down the org tree, the Org Admin's own license terms (seed 003),
// and PUT /api/v3/orgs/{guid} applying or refusing every field it is sent.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let admin: string;
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
  admin = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const { get, put } = callsAs(emu, () => admin);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];

const ROOT = { id: 1001, guid: "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c", uid: "890854247383106706" };
const ENG = { id: 1002, guid: "a9578c3d-736b-4d96-80e5-71edd8a11ea3", uid: "1007759454961904673" };
const WEST = { destinationId: 1, guid: "673679195225718785", destinationName: "Code42 Cloud USA West", type: "CLUSTER" };
const EAST = { destinationId: 2, guid: "587738803578339329", destinationName: "Code42 Cloud USA East", type: "CLUSTER" };

const DEFAULTS = {
  maxSeats: -1,
  maxBytes: -1,
  archiveHoldDays: 365,
  defaultUserMaxBytes: -1,
  webRestoreUserLimitMb: 250,
  webRestoreAdminLimitMb: 250,
  warnInDays: 5,
  alertInDays: 10,
  recipients: [],
  destinations: [
    { ...WEST, autoStart: true },
    { ...EAST, autoStart: false },
  ],
};
const FLAGS_INHERITING = { isUsingQuotaDefaults: true, isUsingReportingDefaults: true, isUsingDestinationDefaults: true };

/** py42's get_settings: the org with its settings (by guid, from the orgId), then its packets. */
const orgWithSettings = async (guid: string) => (await get(`/api/v3/orgs/${guid}?incSettings=True&incDeviceDefaults=True&incInheritedOrgInfo=True`)).body.data;
const packets = async (id: number, as = admin) => get(`/api/v1/OrgSetting/${id}`, as);

describe("GET /api/v3/orgs/{guid}?incSettings (py42 get_settings)", () => {
  it("shows the tenant's defaults where nothing is set, with the inheritance flags and who provides what", async () => {
    const org = await orgWithSettings(ENG.guid);
    expect(org).toMatchObject({ orgId: ENG.id, orgGuid: ENG.guid, orgName: "Engineering", parentOrgId: ROOT.id });
    expect(org.settings).toEqual({ ...DEFAULTS, allDestinations: [WEST, EAST], ...FLAGS_INHERITING });
    expect(org.settingsInherited).toEqual(DEFAULTS);
    expect(org.settingsSummary).toEqual(DEFAULTS);
    expect(org.orgInheritDto).toEqual({
      orgId: ENG.id,
      orgUid: ENG.uid,
      orgIdProvidingOrg: null,
      orgUidProvidingOrg: null,
      orgNameProvidingOrg: null,
      orgIdProvidingDestinations: null,
      orgUidProvidingDestinations: null,
      orgNameProvidingDestinations: null,
      orgIdProvidingDeviceDefaults: null,
      orgUidProvidingDeviceDefaults: null,
      orgNameProvidingDeviceDefaults: null,
    });
  });

  it("leaves the org as it was without incSettings, and /api/v1/Org/{id} takes incSettings too", async () => {
    const plain = (await get(`/api/v3/orgs/${ENG.guid}`)).body.data;
    expect(plain).toMatchObject({ settings: { maxSeats: null, maxBytes: null }, settingsInherited: { maxSeats: "", maxBytes: "" } });
    expect(plain.orgInheritDto).toBeUndefined();
    const v1 = (await get(`/api/v1/Org/${ENG.id}?incSettings=true`)).body.data;
    expect(v1.settings).toEqual({ ...DEFAULTS, allDestinations: [WEST, EAST], ...FLAGS_INHERITING });
  });

  it("answers the packets, the device limit and app visibility among them, each with the org that set it", async () => {
    expect(answer(await packets(ENG.id))).toEqual([
      200,
      {
        metadata: { timestamp: "2024-06-01T12:00:00.000Z", params: {} },
        data: {
          device_client_visibility: { scope: "ORG", value: "VISIBLE", locked: false, id: ROOT.id },
          device_limit_per_user: { scope: "ORG", value: "4", locked: false, id: ENG.id },
        },
      },
    ]);
    expect((await packets(ROOT.id)).body.data.device_limit_per_user).toEqual({ scope: "ORG", value: "-1", locked: false, id: ROOT.id });
  });

  it("is for admins: a user without an admin role is refused, an unknown org is not found", async () => {
    const dave = `v3_user_token ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    expect(answer(await packets(ROOT.id, dave))).toEqual([403, [{ name: "FORBIDDEN", description: "An administrator role is required" }]]);
    expect(answer(await packets(99999))).toEqual([404, [{ name: "ORG_NOT_FOUND", description: "Organization not found" }]]);
  });
});

describe("PUT /api/v1/Org/{id} and /api/v1/OrgSetting/{id} (py42 update_settings)", () => {
  it("applies the settings py42 sends back in the whole org, and a child inherits them", async () => {
    const org = await orgWithSettings(ROOT.guid);
    // py42: setting maximum_user_subscriptions turns isUsingQuotaDefaults off; the whole org goes back.
    const sent = { ...org, settings: { ...org.settings, maxSeats: 50, maxBytes: 100_000_000_000, isUsingQuotaDefaults: false, warnInDays: 2, recipients: ["ops@example.com"], isUsingReportingDefaults: false } };
    const res = await put(`/api/v1/Org/${ROOT.id}`, sent);
    expect(res.status).toBe(200);
    const own = { ...DEFAULTS, maxSeats: 50, maxBytes: 100_000_000_000, warnInDays: 2, recipients: ["ops@example.com"] };
    expect(res.body.data.settings).toEqual({ ...own, allDestinations: [WEST, EAST], isUsingQuotaDefaults: false, isUsingReportingDefaults: false, isUsingDestinationDefaults: true });
    expect(res.body.data.modificationDate).toBe("2024-06-01T12:00:00.000Z");

    const child = await orgWithSettings(ENG.guid);
    expect(child.settings).toEqual({ ...own, allDestinations: [WEST, EAST], ...FLAGS_INHERITING });
    expect(child.settingsInherited).toEqual(own);
    expect(child.orgInheritDto.orgIdProvidingDestinations).toBeNull();
  });

  it("sets a group of the child's own, keeps it when the parent changes, and inherits again when told to", async () => {
    const child = await orgWithSettings(ENG.guid);
    await put(`/api/v1/Org/${ENG.id}`, { ...child, settings: { ...child.settings, alertInDays: 20, isUsingReportingDefaults: false } });
    const root = await orgWithSettings(ROOT.guid);
    const rootChange = { ...root.settings, warnInDays: 3, alertInDays: 4, isUsingReportingDefaults: false, destinations: [{ ...EAST, autoStart: true }], isUsingDestinationDefaults: false };
    expect((await put(`/api/v1/Org/${ROOT.id}`, { ...root, settings: rootChange })).status).toBe(200);
    const after = await orgWithSettings(ENG.guid);
    expect(after.settings).toMatchObject({ warnInDays: 5, alertInDays: 20, isUsingReportingDefaults: false, destinations: [{ ...EAST, autoStart: true }], isUsingDestinationDefaults: true });
    expect(after.settingsInherited).toMatchObject({ warnInDays: 3, alertInDays: 4 });
    expect(after.orgInheritDto).toMatchObject({ orgIdProvidingDestinations: ROOT.id, orgUidProvidingDestinations: ROOT.uid, orgNameProvidingDestinations: "Code42 Emulator" });
    // py42: quota_settings_inherited = True sends the org's values as they were read, with the flag.
    const back = await put(`/api/v1/Org/${ENG.id}`, { ...after, settings: { ...after.settings, isUsingReportingDefaults: true } });
    expect(back.status).toBe(200);
    expect(back.body.data.settings).toMatchObject({ warnInDays: 3, alertInDays: 4, isUsingReportingDefaults: true });
  });

  it("sets packets of the org's own and inherits them down; null inherits again", async () => {
    const sent = { packets: [{ key: "device_webRestore_enabled", value: "true", locked: false }, { key: "org-securityTools-enable", value: "false", locked: true }] };
    const res = await put(`/api/v1/OrgSetting/${ROOT.id}`, sent);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      device_client_visibility: { scope: "ORG", value: "VISIBLE", locked: false, id: ROOT.id },
      device_limit_per_user: { scope: "ORG", value: "-1", locked: false, id: ROOT.id },
      device_webRestore_enabled: { scope: "ORG", value: "true", locked: false, id: ROOT.id },
      "org-securityTools-enable": { scope: "ORG", value: "false", locked: true, id: ROOT.id },
    });
    await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_webRestore_enabled", value: "false", locked: false }] });
    expect((await packets(ENG.id)).body.data).toMatchObject({ device_webRestore_enabled: { value: "false", id: ENG.id }, "org-securityTools-enable": { value: "false", locked: true, id: ROOT.id } });
    await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_webRestore_enabled", value: null }] });
    expect((await packets(ENG.id)).body.data.device_webRestore_enabled).toEqual({ scope: "ORG", value: "true", locked: false, id: ROOT.id });
    const locked = await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "org-securityTools-enable", value: "true", locked: false }] });
    expect(answer(locked)).toEqual([400, [{ name: "INVALID_ORG_SETTING", description: `org-securityTools-enable is locked by a parent organization (${ROOT.id})` }]]);
  });

  it("sets the device limit the devices obey, and hides the app for a whole subtree", async () => {
    await put(`/api/v1/OrgSetting/${ROOT.id}`, { packets: [{ key: "device_limit_per_user", value: "2" }, { key: "device_client_visibility", value: "HIDDEN" }] });
    await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_limit_per_user", value: null }] });
    expect((await packets(ENG.id)).body.data).toEqual({
      device_client_visibility: { scope: "ORG", value: "HIDDEN", locked: false, id: ROOT.id },
      device_limit_per_user: { scope: "ORG", value: "2", locked: false, id: ROOT.id },
    });
    const visible = await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_client_visibility", value: "VISIBLE" }] });
    expect(answer(visible)).toEqual([400, [{ name: "INVALID_ORG_SETTING", description: "device_client_visibility: a parent organization hides the app from its whole subtree" }]]);
    await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_limit_per_user", value: "-1" }] });
    expect((await packets(ENG.id)).body.data.device_limit_per_user).toEqual({ scope: "ORG", value: "-1", locked: false, id: ENG.id });
  });

  it("refuses a bad setting or packet whole, writing nothing, and the same again when py42 resends it", async () => {
    const org = await orgWithSettings(ROOT.guid);
    const cases: [object, string][] = [
      [{ ...org, settings: { ...org.settings, warnInDays: 11, isUsingReportingDefaults: false } }, "warnInDays (11) must not exceed alertInDays (10)"],
      [{ ...org, settings: { ...org.settings, maxSeats: -2 } }, "maxSeats must be an integer of at least -1 (-1: unlimited)"],
      [{ ...org, settings: { ...org.settings, destinations: [], isUsingDestinationDefaults: false } }, "At least one destination must be offered"],
      [{ ...org, settings: { ...org.settings, destinations: [{ guid: "42" }], isUsingDestinationDefaults: false } }, "destinations: no destination 42"],
      [{ ...org, settings: { ...org.settings, reportSchedule: "SM_WHF_" } }, "settings.reportSchedule is not a setting an organization can change"],
      // py42 turns the flag off when a value is set: a value with the flag on contradicts it.
      [{ ...org, settings: { ...org.settings, maxSeats: 7 } }, "maxSeats: the organization is told to inherit these settings, and a value of its own was given"],
      [{ ...org, orgName: "renamed", blocked: true }, "blocked cannot be changed by updating the organization"],
      [{ ...org, deviceDefaults: {} }, "deviceDefaults: device backup defaults are not emulated yet"],
      [{ ...org, planCount: 3, favourite: true }, "favourite is not a field of an organization that can be changed"],
    ];
    for (const [body, description] of cases)
      for (let i = 0; i < 2; i++) expect(answer(await put(`/api/v1/Org/${ROOT.id}`, body))).toEqual([400, [{ name: "INVALID_ORG_SETTING", description }]]);
    const bad = await put(`/api/v1/OrgSetting/${ROOT.id}`, { packets: [{ key: "device_webRestore_enabled", value: "true" }, { key: "device_limit_per_user", value: "0" }] });
    expect(answer(bad)).toEqual([400, [{ name: "INVALID_ORG_SETTING", description: "device_limit_per_user must be a positive number of devices, or -1 for no limit" }]]);
    expect(await orgWithSettings(ROOT.guid)).toEqual(org);
    expect((await packets(ROOT.id)).body.data.device_webRestore_enabled).toBeUndefined();
  });
});

describe("an Org Admin (seed 003)", () => {
  let orgAdmin: string;
  beforeEach(async () => {
    orgAdmin = `v3_user_token ${await emu.tokenFor("org.admin@example.com", "password")}`;
  });

  it("cannot change the license quotas or device limit of their own org, but may the rest of its settings", async () => {
    const org = (await get(`/api/v3/orgs/${ENG.guid}?incSettings=True`, orgAdmin)).body.data;
    const refused = [403, [{ name: "FORBIDDEN", description: "An organization administrator cannot change the license quotas of their own organization" }]];
    expect(answer(await put(`/api/v1/Org/${ENG.id}`, { ...org, settings: { ...org.settings, maxSeats: 500, isUsingQuotaDefaults: false } }, orgAdmin))).toEqual(refused);
    expect(answer(await put(`/api/v3/orgs/${ENG.guid}`, { settings: { maxBytes: 1 } }, orgAdmin))).toEqual([
      403,
      { data: null, error: [{ primaryErrorKey: "FORBIDDEN", otherErrors: null, description: "An organization administrator cannot change the license quotas of their own organization" }], warnings: null },
    ]);
    expect(answer(await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_limit_per_user", value: "10" }] }, orgAdmin))).toEqual(refused);
    const ok = await put(`/api/v1/Org/${ENG.id}`, { ...org, settings: { ...org.settings, warnInDays: 1, isUsingReportingDefaults: false } }, orgAdmin);
    expect([ok.status, ok.body.data.settings.warnInDays, ok.body.data.settings.maxSeats]).toEqual([200, 1, -1]);
    // The tenant's admin may.
    expect((await put(`/api/v3/orgs/${ENG.guid}`, { settings: { maxSeats: 500 } })).status).toBe(200);
    expect((await get(`/api/v3/orgs/${ENG.guid}?incSettings=True`, orgAdmin)).body.data.settings).toMatchObject({ maxSeats: 500, isUsingQuotaDefaults: false });
  });

  it("sets the quotas of an org below their own, and cannot reach the org above", async () => {
    const made = await emu.http.post("/api/v3/orgs").set("Authorization", orgAdmin).send({ orgName: "Eng Team", parentOrgGuid: ENG.guid });
    const team = made.body.data;
    const res = await put(`/api/v3/orgs/${team.orgGuid}`, { settings: { maxSeats: 5 } }, orgAdmin);
    expect(res.status).toBe(200);
    expect((await get(`/api/v3/orgs/${team.orgGuid}?incSettings=True`, orgAdmin)).body.data.settings).toMatchObject({ maxSeats: 5, maxBytes: -1, isUsingQuotaDefaults: false });
    expect((await packets(ROOT.id, orgAdmin)).status).toBe(404);
  });
});

describe("PUT /api/v3/orgs/{guid} (updateOrg)", () => {
  it("applies the name, external reference and notes (null leaves one) and settings", async () => {
    const res = await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", orgExtRef: null, notes: "n", settings: { archiveHoldDays: 30, webRestoreUserLimitMb: 0 } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orgName: "Eng", orgExtRef: null, notes: "n", modificationDate: "2024-06-01T12:00:00.000Z" });
    const org = await orgWithSettings(ENG.guid);
    expect(org.settings).toMatchObject({ archiveHoldDays: 30, maxSeats: -1, isUsingQuotaDefaults: false, webRestoreUserLimitMb: 0 });
  });

  it("refuses any field it cannot apply, with the field named, and changes nothing", async () => {
    const before = await orgWithSettings(ENG.guid);
    const refusal = (description: string) => [400, { data: null, error: [{ primaryErrorKey: "INVALID_ORG_SETTING", otherErrors: null, description }], warnings: null }];
    expect(answer(await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", parentOrgGuid: ENG.guid }))).toEqual(refusal("parentOrgGuid cannot be changed by updating the organization"));
    expect(answer(await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", modificationDate: "2024-01-01T00:00:00.000Z" }))).toEqual(refusal("modificationDate is not a field of an organization that can be changed"));
    expect(answer(await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", maxSeats: 3 }))).toEqual(refusal("maxSeats is not a field of an organization that can be changed"));
    expect(answer(await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", settings: { seats: 3 } }))).toEqual(refusal("settings.seats is not a setting an organization can change"));
    expect(await orgWithSettings(ENG.guid)).toEqual(before);
    // Fields sent as they are apply as what they are: nothing changes.
    expect((await put(`/api/v3/orgs/${ENG.guid}`, { orgId: ENG.id, orgGuid: ENG.guid, orgName: "Engineering" })).status).toBe(200);
  });
});

describe("settings the rest of the emulator obeys", () => {
  it("a device deactivated keeps its archives in cold storage for its org's archiveHoldDays", async () => {
    const archive = async (guid: string) => (await get(`/api/v1/Archive?backupSourceGuid=${guid}`)).body.data.archives[0];
    // Alice (Engineering): the org's own 30 days; Dave (the root org): the tenant's 365.
    expect((await put(`/api/v3/orgs/${ENG.guid}`, { settings: { archiveHoldDays: 30 } })).status).toBe(200);
    expect((await emu.http.post("/api/v4/computer-deactivation/update").set("Authorization", admin).send({ id: 251001 })).status).toBe(204);
    expect(await archive("935873453596900001")).toMatchObject({ isColdStorage: true, archiveHoldExpireDate: "2024-07-01" });
    await emu.http.post("/api/v3/users/942897397520280007/deactivate").set("Authorization", admin).send({ block: null });
    expect(await archive("935873453596901068")).toMatchObject({ isColdStorage: true, archiveHoldExpireDate: "2025-06-01" });
  });
});

describe("the audit log", () => {
  it("records settings changed and an org updated, once each, and nothing for a change that changes nothing", async () => {
    const gateway = `Bearer ${await emu.gatewayToken()}`;
    await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", settings: { maxSeats: 9 } });
    await put(`/api/v3/orgs/${ENG.guid}`, { orgName: "Eng", settings: { maxSeats: 9 } });
    await put(`/api/v1/OrgSetting/${ENG.id}`, { packets: [{ key: "device_limit_per_user", value: "3" }, { key: "x_key", value: "1" }] });
    const trail = async (type: string) => (await emu.http.post("/v1/audit/search-audit-log").set("Authorization", gateway).send({ eventTypes: [type], page: 0, pageSize: 100 })).body.events as Record<string, unknown>[];
    const settings = await trail("org_settings_changed");
    expect(settings.map((e) => [e.resourceId, e.changed, e.actorName])).toEqual([
      [ENG.uid, ["device_limit_per_user", "x_key"], ADMIN.username],
      [ENG.uid, ["quota"], ADMIN.username],
    ]);
    expect((await trail("org_updated")).map((e) => [e.resourceId, e.changed])).toEqual([[ENG.uid, ["orgName"]]]);
  });
});
