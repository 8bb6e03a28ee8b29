// The gateway's devices and agents, as the incydr SDK asks for them (its query parameters, Python's True/False) and
// reads them (every field of its Device and Agent models), over the same rows as the legacy wire's Computer.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const { get, post, put } = callsAs(emu, () => gateway);

const ALICE_LAPTOP = { computerId: 251001, guid: "935873453596900001" };
const BOB_WORKSTATION = { computerId: 251002, guid: "935873453596900002" };
const DAVE_MAC = { computerId: 251691, guid: "935873453596901068" };
const DAVE_OLD_PC = { computerId: 251692, guid: "935873453596901069" };
const ENGINEERING = { orgId: "1007759454961904673", legacyOrgId: "1002", orgGuid: "a9578c3d-736b-4d96-80e5-71edd8a11ea3" };
const DAY_MS = 86_400_000;

let gateway: string;
let legacy: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});


/** The device as the legacy wire shows it: the instants the gateway must show alike. */
const legacyDevice = async (computerId: number) => (await get(`/api/v1/Computer/${computerId}`, legacy)).body.data;
const idsOf = (list: { deviceId?: string; agentId?: string }[]) => list.map((d) => d.deviceId ?? d.agentId);

/** A few more devices for Carol: an insider-risk agent on a Mac without full disk access, and a 12.x backup agent. */
async function loadCarolsAgents() {
  const res = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: DEFAULT_TENANT_UID,
        users: [
          {
            username: "carol.clark@example.com",
            org: "Engineering",
            devices: [
              { name: "Carol's Mac", guid: "935873453596907001", service: "Artemis", osName: "mac", osHostname: "carols-mac", productVersion: "1.4.0", fullDiskAccess: false, lastConnectedAgo: "2h" },
              { name: "Carol's backup PC", guid: "935873453596907002", osName: "win", osHostname: "carol-pc", productVersion: "12.0.1", lastConnectedAgo: "3d" },
            ],
          },
        ],
      },
    ],
  });
  expect(res.status).toBe(201);
}

describe("GET /v1/devices", () => {
  it("pages every device in reach by name, each as the SDK's Device model reads it", async () => {
    const res = await get("/v1/devices?page=1&pageSize=100&sortDirection=asc&sortKey=name");
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(4);
    expect(idsOf(res.body.devices)).toEqual([ALICE_LAPTOP.guid, BOB_WORKSTATION.guid, DAVE_MAC.guid, DAVE_OLD_PC.guid]);
    const alice = await legacyDevice(ALICE_LAPTOP.computerId);
    expect(res.body.devices[0]).toEqual({
      deviceId: ALICE_LAPTOP.guid,
      legacyDeviceId: "251001",
      name: "Alice's laptop",
      osHostname: "alice-laptop",
      status: "Active",
      active: true,
      blocked: false,
      alertState: 0,
      userId: "942897397520280004",
      legacyUserId: "4205",
      ...ENGINEERING,
      externalReferenceInfo: null,
      notes: null,
      lastConnected: alice.lastConnected,
      osName: "win",
      osVersion: "10.0.19045",
      osArch: "amd64",
      address: "192.0.2.10:4242",
      remoteAddress: "198.51.100.7",
      timeZone: "UTC",
      version: "8.8.1",
      build: 26,
      creationDate: alice.creationDate,
      modificationDate: alice.modificationDate,
      loginDate: alice.loginDate,
    });
  });

  it("filters by active and blocked (Python's True/False) and sorts by lastConnected, descending", async () => {
    const res = await get("/v1/devices?active=True&blocked=False&page=1&pageSize=2&sortDirection=desc&sortKey=lastConnected");
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(3);
    expect(idsOf(res.body.devices)).toEqual([DAVE_MAC.guid, ALICE_LAPTOP.guid]);
    expect(idsOf((await get("/v1/devices?active=True&blocked=False&page=2&pageSize=2&sortDirection=desc&sortKey=lastConnected")).body.devices)).toEqual([BOB_WORKSTATION.guid]);
  });

  it("shows a user only their own devices", async () => {
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    const res = await get("/v1/devices", dave);
    expect(res.status).toBe(200);
    expect(idsOf(res.body.devices)).toEqual([DAVE_MAC.guid, DAVE_OLD_PC.guid]);
  });

  it("refuses a page larger than the document's 2,000, and an unknown sort key", async () => {
    const big = await get("/v1/devices?pageSize=2001");
    expect(big.status).toBe(400);
    expect(big.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("pageSize") });
    const key = await get("/v1/devices?sortKey=guid");
    expect(key.status).toBe(400);
    expect(key.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("sortKey") });
  });
});

describe("GET /v1/devices/{deviceId}", () => {
  it("answers one device by its guid: an app older than 6.8.2 shows hostname UNKNOWN, a stale backup alert state 2", async () => {
    const res = await get(`/v1/devices/${BOB_WORKSTATION.guid}`);
    expect(res.status).toBe(200);
    const bob = await legacyDevice(BOB_WORKSTATION.computerId);
    expect(res.body).toEqual({
      deviceId: BOB_WORKSTATION.guid,
      legacyDeviceId: "251002",
      name: "Bob's workstation",
      osHostname: "UNKNOWN",
      status: "Active",
      active: true,
      blocked: false,
      alertState: 2,
      userId: "942897397520280005",
      legacyUserId: "4206",
      ...ENGINEERING,
      externalReferenceInfo: null,
      notes: null,
      lastConnected: bob.lastConnected,
      osName: "linux",
      osVersion: "5.15",
      osArch: "amd64",
      address: "192.0.2.10:4242",
      remoteAddress: "198.51.100.7",
      timeZone: "UTC",
      version: "6.5.0",
      build: 26,
      creationDate: bob.creationDate,
      modificationDate: bob.modificationDate,
      loginDate: bob.loginDate,
    });
  });

  it("answers 404 for a guid outside the caller's reach, or none at all", async () => {
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    const other = await get(`/v1/devices/${ALICE_LAPTOP.guid}`, dave);
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ code: "DEVICE_NOT_FOUND", message: "Computer not found" });
    expect((await get("/v1/devices/251001")).status).toBe(404);
  });

  it("shows a device blocked, deauthorized or deactivated on the legacy wire so", async () => {
    expect((await emu.http.put(`/api/v1/ComputerBlock/${DAVE_MAC.computerId}`).set("Authorization", legacy)).status).toBe(204);
    expect((await emu.http.put(`/api/v1/ComputerDeauthorization/${DAVE_MAC.computerId}`).set("Authorization", legacy)).status).toBe(204);
    expect((await get(`/v1/devices/${DAVE_MAC.guid}`)).body).toMatchObject({ blocked: true, active: true, status: "Active, Blocked, Deauthorized" });
    expect((await post("/api/v4/computer-deactivation/update", { id: DAVE_MAC.computerId }, legacy)).status).toBe(204);
    expect((await get(`/v1/devices/${DAVE_MAC.guid}`)).body).toMatchObject({ blocked: true, active: false, status: "Deactivated, Blocked" });
    expect((await get(`/v1/agents/${DAVE_MAC.guid}`)).body.active).toBe(false);
    expect((await get("/v1/devices?blocked=True")).body.totalCount).toBe(1);
  });
});

describe("GET /v1/agents", () => {
  it("pages every agent in reach, as the SDK's default query asks, in its AgentsPage shape", async () => {
    const res = await get("/v1/agents?srtKey=NAME&srtDir=ASC&pageSize=500&page=1");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ agents: expect.any(Array), totalCount: 4, pageSize: 500, page: 1 });
    expect(idsOf(res.body.agents)).toEqual([ALICE_LAPTOP.guid, BOB_WORKSTATION.guid, DAVE_MAC.guid, DAVE_OLD_PC.guid]);
    const alice = await legacyDevice(ALICE_LAPTOP.computerId);
    expect(res.body.agents[0]).toEqual({
      agentId: ALICE_LAPTOP.guid,
      name: "Alice's laptop",
      userId: "942897397520280004",
      osHostname: "alice-laptop",
      osName: "Win",
      machineId: null,
      serialNumber: null,
      active: true,
      agentType: "COMBINED",
      agentHealthIssueTypes: [],
      agentHealthModificationDate: null,
      appVersion: "8.8.1",
      productVersion: "8.8.1",
      lastConnected: alice.lastConnected,
      externalReference: null,
      creationDate: alice.creationDate,
      modificationDate: alice.modificationDate,
    });
  });

  it("types agents by service and version: Artemis is CODE42AAT, the Code42 app COMBINED up to 11.x and CODE42 from 12", async () => {
    await loadCarolsAgents();
    const ofType = async (type: string) => idsOf((await get(`/v1/agents?agentType=${type}`)).body.agents);
    expect(await ofType("CODE42AAT")).toEqual(["935873453596907001"]);
    expect(await ofType("CODE42")).toEqual(["935873453596907002"]);
    expect(await ofType("COMBINED")).toEqual([ALICE_LAPTOP.guid, BOB_WORKSTATION.guid, DAVE_MAC.guid, DAVE_OLD_PC.guid]);
    // The insider-risk agent's own version numbers are not the Code42 app's: its hostname is shown.
    expect((await get("/v1/agents/935873453596907001")).body).toMatchObject({ agentType: "CODE42AAT", osHostname: "carols-mac", osName: "Mac", agentHealthIssueTypes: ["MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS"] });
    const sorted = await get("/v1/agents?srtKey=AGENT_TYPE&srtDir=DESC&pageSize=2");
    expect(sorted.body).toMatchObject({ totalCount: 6, pageSize: 2, page: 1 });
    expect(sorted.body.agents.map((a: { agentType: string }) => a.agentType)).toEqual(["COMBINED", "COMBINED"]);
  });

  it("filters by health: healthy, unhealthy, any of the issue types (repeated or comma-separated), changed in the last days", async () => {
    await loadCarolsAgents();
    const ids = async (query: string) => idsOf((await get(`/v1/agents?${query}`)).body.agents);
    expect(await ids("agentHealthy=True")).toEqual([ALICE_LAPTOP.guid, "935873453596907002", DAVE_MAC.guid]);
    expect(await ids("agentHealthy=False")).toEqual([BOB_WORKSTATION.guid, "935873453596907001", DAVE_OLD_PC.guid]);
    expect(await ids("anyOfAgentHealthIssueTypes=NOT_CONNECTING&anyOfAgentHealthIssueTypes=TEST_VALUE")).toEqual([BOB_WORKSTATION.guid, DAVE_OLD_PC.guid]);
    expect(await ids("anyOfAgentHealthIssueTypes=NOT_CONNECTING,MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS")).toEqual([BOB_WORKSTATION.guid, "935873453596907001", DAVE_OLD_PC.guid]);
    expect(await ids("anyOfAgentHealthIssueTypes=NOT_SENDING_SECURITY_EVENTS")).toEqual([]);
    // Bob's workstation last connected 12 days ago: NOT_CONNECTING since 5 days ago; Dave's old PC since 83.
    expect(await ids("agentHealthModifiedInLastDays=7")).toEqual([BOB_WORKSTATION.guid]);
    // A count of days reaching back past 1970 counts from then.
    expect(await ids("agentHealthModifiedInLastDays=2147483647&connectedInLastDays=2147483647")).toEqual([BOB_WORKSTATION.guid, DAVE_OLD_PC.guid]);
  });

  it("reads NOT_CONNECTING's start as the health modification date", async () => {
    const res = await get(`/v1/agents/${BOB_WORKSTATION.guid}`);
    const bob = await legacyDevice(BOB_WORKSTATION.computerId);
    expect(res.body).toMatchObject({
      osHostname: "UNKNOWN",
      agentHealthIssueTypes: ["NOT_CONNECTING"],
      agentHealthModificationDate: new Date(Date.parse(bob.lastConnected) + 7 * DAY_MS).toISOString(),
    });
  });

  it("filters by user, os types, connection days, active and serial number", async () => {
    const ids = async (query: string) => idsOf((await get(`/v1/agents?${query}`)).body.agents);
    expect(await ids("userId=942897397520280007")).toEqual([DAVE_MAC.guid, DAVE_OLD_PC.guid]);
    expect(await ids("anyOfAgentOsTypes=LINUX&anyOfAgentOsTypes=MAC")).toEqual([BOB_WORKSTATION.guid, DAVE_MAC.guid]);
    expect(await ids("anyOfAgentOsTypes=WIN")).toEqual([ALICE_LAPTOP.guid, DAVE_OLD_PC.guid]);
    expect(await ids("connectedInLastDays=2")).toEqual([ALICE_LAPTOP.guid, DAVE_MAC.guid]);
    expect(await ids("notConnectedInLastDays=2")).toEqual([BOB_WORKSTATION.guid, DAVE_OLD_PC.guid]);
    expect(await ids("active=False")).toEqual([DAVE_OLD_PC.guid]);
    expect(await ids("serialNumber=C02XYZ")).toEqual([]);
    expect(await ids("srtKey=LAST_CONNECTED&srtDir=DESC&active=True")).toEqual([DAVE_MAC.guid, ALICE_LAPTOP.guid, BOB_WORKSTATION.guid]);
  });

  it("refuses an unknown sort key or agent type with 400", async () => {
    const res = await get("/v1/agents?srtKey=GUID");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("srtKey") });
    expect((await get("/v1/agents?agentType=CRASHPLAN")).status).toBe(400);
  });
});

describe("GET /v1/agents/{agentId}", () => {
  it("answers one agent by its guid", async () => {
    const res = await get(`/v1/agents/${DAVE_OLD_PC.guid}`);
    expect(res.status).toBe(200);
    const pc = await legacyDevice(DAVE_OLD_PC.computerId);
    expect(res.body).toEqual({
      agentId: DAVE_OLD_PC.guid,
      name: "Dave's old PC",
      userId: "942897397520280007",
      osHostname: "dave-s-old-pc",
      osName: "Win",
      machineId: null,
      serialNumber: null,
      active: false,
      agentType: "COMBINED",
      agentHealthIssueTypes: ["NOT_CONNECTING"],
      agentHealthModificationDate: new Date(Date.parse(pc.lastConnected) + 7 * DAY_MS).toISOString(),
      appVersion: "7.0.0",
      productVersion: "7.0.0",
      lastConnected: pc.lastConnected,
      externalReference: null,
      creationDate: pc.creationDate,
      modificationDate: pc.modificationDate,
    });
  });

  it("answers 404 for an unknown agent", async () => {
    const res = await get("/v1/agents/agent-1");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "DEVICE_NOT_FOUND", message: "Computer not found" });
  });
});

describe("PUT /v1/agents/{agentId}", () => {
  it("renames an agent and sets its external reference, seen on both wires", async () => {
    const res = await put(`/v1/agents/${ALICE_LAPTOP.guid}`, { name: "ALICE-LT-2", externalReference: "ASSET-0042" });
    expect(res.status).toBe(204);
    expect((await get(`/v1/agents/${ALICE_LAPTOP.guid}`)).body).toMatchObject({ name: "ALICE-LT-2", externalReference: "ASSET-0042" });
    expect(await legacyDevice(ALICE_LAPTOP.computerId)).toMatchObject({ name: "ALICE-LT-2", computerExtRef: "ASSET-0042" });
    // A null reference clears it; the name stays.
    expect((await put(`/v1/agents/${ALICE_LAPTOP.guid}`, { name: null, externalReference: null })).status).toBe(204);
    expect((await get(`/v1/devices/${ALICE_LAPTOP.guid}`)).body).toMatchObject({ name: "ALICE-LT-2", externalReferenceInfo: null });
  });

  it("shows a rename made on the legacy wire", async () => {
    const settings = await (await get(`/api/v1/Computer/${DAVE_MAC.computerId}?incSettings=True`, legacy)).body.data;
    expect((await put(`/api/v1/Computer/${DAVE_MAC.computerId}`, { ...settings, name: "Dave's work Mac" }, legacy)).status).toBe(200);
    expect((await get(`/v1/agents/${DAVE_MAC.guid}`)).body.name).toBe("Dave's work Mac");
  });

  it("answers 404 for an unknown agent, 403 to a user who is not an administrator", async () => {
    const missing = await put("/v1/agents/1234", { name: "x", externalReference: "y" });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: "DEVICE_NOT_FOUND", message: "Computer not found" });
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    const own = await put(`/v1/agents/${DAVE_MAC.guid}`, { name: "mine", externalReference: "y" }, dave);
    expect(own.status).toBe(403);
    expect(own.body).toEqual({ code: "FORBIDDEN", message: "An administrator role is required" });
  });
});

describe("POST /v1/agents/deactivate and /v1/agents/activate", () => {
  it("deactivates agents, seen as deactivated by GET /api/v1/Computer with archives in cold storage, and activates them again", async () => {
    const off = await post("/v1/agents/deactivate", { agentIds: [ALICE_LAPTOP.guid, DAVE_MAC.guid] });
    expect(off.status).toBe(204);
    const computers = (await get("/api/v1/Computer?active=False", legacy)).body.data.computers;
    expect(computers.map((c: { computerId: number; status: string }) => [c.computerId, c.status])).toEqual([
      [ALICE_LAPTOP.computerId, "Deactivated"],
      [DAVE_MAC.computerId, "Deactivated"],
      [DAVE_OLD_PC.computerId, "Deactivated"],
    ]);
    expect((await get(`/api/v1/Archive?backupSourceGuid=${DAVE_MAC.guid}`, legacy)).body.data.archives[0].isColdStorage).toBe(true);
    expect((await get("/v1/agents?active=False")).body.totalCount).toBe(3);

    const on = await post("/v1/agents/activate", { agentIds: [ALICE_LAPTOP.guid, DAVE_MAC.guid] });
    expect(on.status).toBe(204);
    expect(await legacyDevice(DAVE_MAC.computerId)).toMatchObject({ active: true, status: "Active" });
    expect((await get(`/api/v1/Archive?backupSourceGuid=${DAVE_MAC.guid}`, legacy)).body.data.archives[0].isColdStorage).toBe(false);
  });

  it("answers 404 naming the agents not found, as the incydr CLI reads it, and changes none", async () => {
    const res = await post("/v1/agents/deactivate", { agentIds: [ALICE_LAPTOP.guid, "5678", "9876"] });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "DEVICE_NOT_FOUND", message: "Agents not found: 5678, 9876", agentsNotFound: ["5678", "9876"] });
    expect((await legacyDevice(ALICE_LAPTOP.computerId)).active).toBe(true);
    const activate = await post("/v1/agents/activate", { agentIds: ["1234"] });
    expect(activate).toMatchObject({ status: 404, body: { agentsNotFound: ["1234"] } });
  });

  it("refuses to deactivate a custodian's agent while the hold is active, and over the org's device limit to activate", async () => {
    const load = await emu.http.post("/_emulator/fixtures").send({
      tenants: [{ tenantUid: DEFAULT_TENANT_UID, users: [{ username: "test_username@example.com", org: "Engineering", devices: [{ name: "CLI laptop", guid: "935873453596907003" }] }] }],
    });
    expect(load.status).toBe(201);
    const held = await post("/v1/agents/deactivate", { agentIds: [ALICE_LAPTOP.guid, "935873453596907003"] });
    expect(held.status).toBe(400);
    expect(held.body).toEqual({ code: "ACTIVE_LEGAL_HOLD", message: expect.any(String) });
    expect((await legacyDevice(ALICE_LAPTOP.computerId)).active).toBe(true);

    await emu.database.db.updateTable("orgs").set({ device_limit_per_user: 1 }).where("org_id", "=", 1001).execute();
    const limit = await post("/v1/agents/activate", { agentIds: [DAVE_OLD_PC.guid] });
    expect(limit.status).toBe(400);
    expect(limit.body).toEqual({ code: "DEVICE_LIMIT_REACHED", message: "The user already has 1 active devices, the organization's limit" });
  });

  it("refuses a user who is not an administrator with 403, and a body without agentIds with 400", async () => {
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    const res = await post("/v1/agents/deactivate", { agentIds: [DAVE_MAC.guid] }, dave);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "An administrator role is required" });
    const bad = await post("/v1/agents/activate", { agents: [] });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("agentIds") });
  });
});
