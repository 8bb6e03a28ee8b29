// POST /_emulator/device-registrations: the Code42 app signing in on a new device, by password or by a deployment's
// registration key, under the org's device limit, and replacing a device; the device then shows on every device list.
import { totpCode } from "../../src/auth/totp.js";
import { ADMIN, DEFAULT_TENANT_UID, TWO_FACTOR, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

const ALICE = { username: "alice.adams@example.com", password: "password", uid: "942897397520280004" };
const ALICE_LAPTOP = { guid: "935873453596900001", computerId: 251001, archiveGuid: "912100293346980001" };
const DAVE_MACBOOK = "935873453596901068";
const WEST = { destinationGuid: "673679195225718785", destinationName: "Code42 Cloud USA West" };
const ENGINEERING = { orgId: 1002, orgUid: "1007759454961904673" };
const ROOT_ORG_UID = "890854247383106706";
const TENANT_KEY = "EMUL-ATOR-0000-4200";
const NOW = "2026-03-02T10:00:00.000Z";
const DIGITS = expect.stringMatching(/^\d{18}$/);
const MACBOOK = { name: "Alice's MacBook", osHostname: "alices-mbp", osName: "mac", osVersion: "14.2", productVersion: "11.2.1" };

const register = (body: object) => emu.http.post("/_emulator/device-registrations").send(body);
const admin = async () => `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;

async function computers(query = "") {
  const res = await emu.http.get(`/api/v1/Computer?userUid=${ALICE.uid}&incBackupUsage=true${query}`).set("Authorization", await admin());
  return res.body.data.computers as Record<string, any>[];
}

async function registrationKeyOf(orgId: number): Promise<string> {
  return (await emu.http.get(`/api/v1/Org/${orgId}`).set("Authorization", await admin())).body.data.registrationKey;
}

async function trail() {
  const gateway = `Bearer ${await emu.gatewayToken()}`;
  const res = await emu.http.post("/v1/audit/search-audit-log").set("Authorization", gateway).send({ eventTypes: ["device_registered"], page: 0, pageSize: 100 });
  return res.body.events as Record<string, unknown>[];
}

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
});

describe("signing in with a password", () => {
  it("makes a device of the user in the user's org, with no archive before its first backup", async () => {
    const res = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      tenantUid: DEFAULT_TENANT_UID,
      orgUid: ENGINEERING.orgUid,
      userUid: ALICE.uid,
      username: ALICE.username,
      computerId: expect.any(Number),
      guid: DIGITS,
      name: "Alice's MacBook",
      osHostname: "alices-mbp",
      osName: "mac",
      osVersion: "14.2",
      productVersion: "11.2.1",
      creationDate: NOW,
      archives: [],
      replacedDeviceGuid: null,
    });
    expect(await trail()).toEqual([
      {
        type$: "audit_log::device_registered/1",
        actorId: ALICE.uid,
        actorName: ALICE.username,
        actorAgent: null,
        actorIpAddress: null,
        timestamp: NOW,
        actorType: "USER",
        resourceId: res.body.guid,
        deviceGuid: res.body.guid,
        deviceName: "Alice's MacBook",
        userUid: ALICE.uid,
        username: ALICE.username,
        orgUid: ENGINEERING.orgUid,
        method: "PASSWORD",
        replacedDeviceGuid: null,
      },
    ]);
  });

  it("names what the agent does not say: a hostname from the name, product version 8.8.1", async () => {
    const res = await register({ username: ALICE.username, password: ALICE.password, device: { name: "Build Box #2", osName: "linux" } });
    expect([res.status, res.body.osHostname, res.body.osVersion, res.body.productVersion]).toEqual([201, "build-box-2", null, "8.8.1"]);
  });

  it("refuses a wrong password, or a two-factor user without the code, as signing in does, and writes nothing", async () => {
    const before = await computers();
    const wrong = await register({ username: ALICE.username, password: "nope", device: MACBOOK });
    expect([wrong.status, wrong.body]).toEqual([401, { error: { code: "INVALID_CREDENTIALS", message: "Invalid username or password" } }]);
    const noCode = await register({ username: TWO_FACTOR.username, password: TWO_FACTOR.password, device: MACBOOK });
    expect([noCode.status, noCode.body]).toEqual([401, { error: { code: "TIME_BASED_ONE_TIME_PASSWORD_REQUIRED", message: "A totp-auth code is required for this user" } }]);
    expect(await computers()).toEqual(before);
    expect(await trail()).toEqual([]);
  });

  it("takes the second factor of a two-factor user", async () => {
    const res = await register({ username: TWO_FACTOR.username, password: TWO_FACTOR.password, totp: totpCode(TWO_FACTOR.secret, Date.parse(NOW) / 1000), device: MACBOOK });
    expect([res.status, res.body.username]).toEqual([201, TWO_FACTOR.username]);
  });

  it("wants exactly one of password and registrationKey, and a device the spec allows", async () => {
    const both = await register({ username: ALICE.username, password: ALICE.password, registrationKey: TENANT_KEY, device: MACBOOK });
    expect([both.status, both.body.error.code]).toEqual([400, "INVALID_REQUEST"]);
    const neither = await register({ username: ALICE.username, device: MACBOOK });
    expect([neither.status, neither.body.error.code]).toEqual([400, "INVALID_REQUEST"]);
    const badOs = await register({ username: ALICE.username, password: ALICE.password, device: { name: "x", osName: "beos" } });
    expect(badOs.status).toBe(400);
    expect(await trail()).toEqual([]);
  });
});

describe("a deployment's registration key (MECM, Jamf)", () => {
  it("registers for the detected user in the key's org or below, audited as the system", async () => {
    const res = await register({ username: ALICE.username, registrationKey: await registrationKeyOf(ENGINEERING.orgId), device: { name: "ENG-0042", osName: "win", osVersion: "10.0.22631" } });
    expect([res.status, res.body.userUid, res.body.orgUid, res.body.osHostname]).toEqual([201, ALICE.uid, ENGINEERING.orgUid, "eng-0042"]);
    const [event] = await trail();
    expect(event).toMatchObject({ actorName: "SYSTEM", actorType: "SYSTEM", method: "REGISTRATION_KEY", userUid: ALICE.uid, username: ALICE.username });
  });

  it("takes the tenant's key as its root org's, which reaches every org", async () => {
    const carol = await register({ username: "carol.clark@example.com", registrationKey: TENANT_KEY, device: { name: "Carol's PC", osName: "win" } });
    expect([carol.status, carol.body.orgUid]).toEqual([201, ROOT_ORG_UID]);
    const alice = await register({ username: ALICE.username, registrationKey: TENANT_KEY, device: { name: "Alice's PC", osName: "win" } });
    expect([alice.status, alice.body.orgUid]).toEqual([201, ENGINEERING.orgUid]);
  });

  it("refuses an unknown key, a user outside the key's org, unknown or deactivated, and writes nothing", async () => {
    const engKey = await registrationKeyOf(ENGINEERING.orgId);
    const unknown = await register({ username: ALICE.username, registrationKey: "NOPE-NOPE-NOPE-NOPE", device: MACBOOK });
    expect([unknown.status, unknown.body]).toEqual([400, { error: { code: "REGISTRATION_KEY_INVALID", message: "Invalid registration key" } }]);
    const outside = await register({ username: "carol.clark@example.com", registrationKey: engKey, device: MACBOOK });
    expect([outside.status, outside.body]).toEqual([404, { error: { code: "USER_NOT_FOUND", message: "No active user carol.clark@example.com in the organization of this registration key" } }]);
    const nobody = await register({ username: "nobody@example.com", registrationKey: engKey, device: MACBOOK });
    expect(nobody.status).toBe(404);
    const auth = await admin();
    expect((await emu.http.put(`/api/v1/UserDeactivation/4207`).set("Authorization", auth)).status).toBeLessThan(300);
    const deactivated = await register({ username: "carol.clark@example.com", registrationKey: TENANT_KEY, device: MACBOOK });
    expect(deactivated.status).toBe(404);
    expect(await trail()).toEqual([]);
  });
});

describe("the org's device limit", () => {
  const mac = (n: number) => ({ username: ALICE.username, password: ALICE.password, device: { ...MACBOOK, name: `Mac ${n}` } });

  it("allows up to the limit and then answers the console's refusal, writing nothing", async () => {
    // Engineering allows 4 active devices per user; Alice has her laptop.
    for (const n of [1, 2, 3]) expect((await register(mac(n))).status).toBe(201);
    const before = await computers();
    const res = await register(mac(4));
    expect([res.status, res.body]).toEqual([400, { error: { code: "DEVICE_LIMIT_REACHED", message: "The user already has 4 active devices, the organization's limit" } }]);
    expect(await computers()).toEqual(before);
    expect(await trail()).toHaveLength(3);
  });

  it("follows the limit an org inherits, and a change to it", async () => {
    const auth = await admin();
    await emu.http.put("/api/v1/OrgSetting/1001").set("Authorization", auth).send({ packets: [{ key: "device_limit_per_user", value: "1" }] });
    const dave = { username: "dave.davis@example.com", password: "password", device: MACBOOK };
    // Dave (root org) has one active device and one deactivated: the root's limit of 1 refuses another.
    expect((await register(dave)).body.error.code).toBe("DEVICE_LIMIT_REACHED");
    await emu.http.put("/api/v1/OrgSetting/1001").set("Authorization", auth).send({ packets: [{ key: "device_limit_per_user", value: "-1" }] });
    expect((await register(dave)).status).toBe(201);
  });

  it("lets a replacement in at the limit: the device it replaces is deactivated", async () => {
    for (const n of [1, 2, 3]) await register(mac(n));
    const res = await register({ ...mac(4), replaceDeviceGuid: ALICE_LAPTOP.guid });
    expect([res.status, res.body.replacedDeviceGuid]).toEqual([201, ALICE_LAPTOP.guid]);
    expect((await computers("&active=true")).map((c) => c.name)).toEqual(["Mac 1", "Mac 2", "Mac 3", "Mac 4"]);
  });
});

describe("replacing a device", () => {
  it("hands the old device's archives to the new one and deactivates the old", async () => {
    const res = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK, replaceDeviceGuid: ALICE_LAPTOP.guid });
    expect(res.status).toBe(201);
    expect([res.body.archives, res.body.replacedDeviceGuid]).toEqual([[{ archiveGuid: ALICE_LAPTOP.archiveGuid, ...WEST }], ALICE_LAPTOP.guid]);
    const [old, fresh] = await computers();
    expect([old!.guid, old!.active, old!.status, old!.backupUsage]).toEqual([ALICE_LAPTOP.guid, false, "Deactivated", []]);
    expect([fresh!.guid, fresh!.active, fresh!.status]).toEqual([res.body.guid, true, "Active"]);
    expect(fresh!.backupUsage.map((b: Record<string, unknown>) => [b.archiveGuid, b.targetComputerGuid, b.archiveBytes])).toEqual([[ALICE_LAPTOP.archiveGuid, WEST.destinationGuid, 40960000000]]);
    const [event] = await trail();
    expect(event).toMatchObject({ deviceGuid: res.body.guid, replacedDeviceGuid: ALICE_LAPTOP.guid });
  });

  it("takes a deactivated device's archives out of cold storage", async () => {
    const auth = await admin();
    expect((await emu.http.post("/api/v4/computer-deactivation/update").set("Authorization", auth).send({ id: ALICE_LAPTOP.computerId })).status).toBeLessThan(300);
    const cold = await emu.http.get(`/api/v1/Archive?backupSourceGuid=${ALICE_LAPTOP.guid}`).set("Authorization", auth);
    expect(cold.body.data.archives.map((a: Record<string, unknown>) => a.isColdStorage)).toEqual([true]);
    const res = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK, replaceDeviceGuid: ALICE_LAPTOP.guid });
    const moved = await emu.http.get(`/api/v1/Archive?backupSourceGuid=${res.body.guid}`).set("Authorization", auth);
    expect(moved.body.data.archives.map((a: Record<string, unknown>) => [a.archiveGuid, a.isColdStorage])).toEqual([[ALICE_LAPTOP.archiveGuid, false]]);
  });

  it("replaces only a device of the same user, and writes nothing otherwise", async () => {
    const before = await computers();
    const res = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK, replaceDeviceGuid: DAVE_MACBOOK });
    expect([res.status, res.body]).toEqual([404, { error: { code: "DEVICE_NOT_FOUND", message: `The user has no device ${DAVE_MACBOOK}` } }]);
    expect(await computers()).toEqual(before);
    expect(await trail()).toEqual([]);
  });
});

describe("every wire that lists devices", () => {
  it("shows the registered device: the Computer list, the user's and the tenant's gateway devices, the agents", async () => {
    const { body: reg } = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK });
    const computer = (await computers()).find((c) => c.guid === reg.guid)!;
    expect(computer).toMatchObject({
      computerId: reg.computerId,
      name: "Alice's MacBook",
      osHostname: "alices-mbp",
      osName: "mac",
      osVersion: "14.2",
      productVersion: "11.2.1",
      status: "Active",
      active: true,
      userUid: ALICE.uid,
      orgId: ENGINEERING.orgId,
      creationDate: expect.stringMatching(/^2026-03-02T10:00:00/),
    });
    expect([computer.backupUsage, computer.alertState]).toEqual([[], 0]);

    const gateway = `Bearer ${await emu.gatewayToken()}`;
    const devices = (await emu.http.get("/v1/devices?pageSize=100").set("Authorization", gateway)).body.devices as Record<string, unknown>[];
    expect(devices.find((d) => d.deviceId === reg.guid)).toMatchObject({ legacyDeviceId: String(reg.computerId), name: "Alice's MacBook", osHostname: "alices-mbp", userId: ALICE.uid, orgId: ENGINEERING.orgUid, active: true, version: "11.2.1" });
    const own = (await emu.http.get(`/v1/users/${ALICE.uid}/devices`).set("Authorization", gateway)).body.devices as Record<string, unknown>[];
    expect(own.map((d) => d.deviceId).sort()).toEqual([ALICE_LAPTOP.guid, reg.guid].sort());
    const agents = (await emu.http.get("/v1/agents?pageSize=100").set("Authorization", gateway)).body.agents as Record<string, unknown>[];
    expect(agents.find((a) => a.agentId === reg.guid)).toMatchObject({ name: "Alice's MacBook", userId: ALICE.uid, active: true });
  });
});

describe("the state export and tenant copies", () => {
  it("export registered and replaced devices so that loading the export back gives the same state", async () => {
    await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK, replaceDeviceGuid: ALICE_LAPTOP.guid });
    await register({ username: ALICE.username, registrationKey: TENANT_KEY, device: { name: "ENG-7", osName: "win" } });
    const stateOf = async () => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string }[]).find((t) => t.tenantUid === DEFAULT_TENANT_UID)!;
    const exported = await stateOf();
    await emu.http.delete(`/_emulator/tenants/${DEFAULT_TENANT_UID}`);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [exported] })).status).toBe(201);
    expect(await stateOf()).toEqual(exported);
  });

  it("copy registered devices; the copy's users register through the copied keys in their own tenant", async () => {
    const { body: reg } = await register({ username: ALICE.username, password: ALICE.password, device: MACBOOK });
    const copy = (await emu.control.copyTenant(DEFAULT_TENANT_UID, "r1"))!;
    const copyAdmin = `v3_user_token ${await emu.tokenFor(copy.usernames[ADMIN.username]!, ADMIN.password)}`;
    const names = ((await emu.http.get("/api/v1/Computer?pgSize=100").set("Authorization", copyAdmin)).body.data.computers as Record<string, unknown>[]).map((c) => c.name);
    expect(names).toContain("Alice's MacBook");
    const copied = await register({ username: copy.usernames[ALICE.username]!, registrationKey: TENANT_KEY, device: { name: "Copy PC", osName: "win" } });
    expect([copied.status, copied.body.tenantUid === DEFAULT_TENANT_UID, copied.body.guid === reg.guid]).toEqual([201, false, false]);
  });
});
