// Devices through the paths py42 and code42cli call.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const MAC = 251691;
const MAC_GUID = "935873453596901068";
const get = (p: string) => emu.http.get(p).set("Authorization", auth);
const post = (p: string, b: object) => emu.http.post(p).set("Authorization", auth).send(b);
const put = (p: string, b?: object) => (b ? emu.http.put(p).set("Authorization", auth).send(b) : emu.http.put(p).set("Authorization", auth));

describe("GET /api/v1/Computer", () => {
  it("pages the tenant's devices; filters by active, user and org (children included)", async () => {
    const all = await get("/api/v1/Computer?pgNum=1&pgSize=100&incCounts=True&incBackupUsage=False");
    expect(all.status).toBe(200);
    expect(all.body.data.totalCount).toBe(4);
    expect(all.body.data.computers[0]).not.toHaveProperty("backupUsage");
    expect((await get("/api/v1/Computer?active=True")).body.data.totalCount).toBe(3);
    expect((await get("/api/v1/Computer?userUid=942897397520280007")).body.data.computers.map((c: { computerId: number }) => c.computerId)).toEqual([251691, 251692]);
    expect((await get("/api/v1/Computer?orgUid=1007759454961904673")).body.data.totalCount).toBe(2);
    expect((await get("/api/v1/Computer?q=macbook")).body.data.computers.map((c: { guid: string }) => c.guid)).toEqual([MAC_GUID]);
  });

  it("an unknown orgUid is the 400 py42 maps to Py42OrgNotFoundError", async () => {
    const res = await get("/api/v1/Computer?orgUid=42");
    expect(res.status).toBe(400);
    expect(res.text).toContain("Unable to find org");
  });
});

describe("GET /api/v1/Computer/{id}", () => {
  it("by computerId or guid (idType=guid), with backup usage per destination", async () => {
    const byId = await get(`/api/v1/Computer/${MAC}?incBackupUsage=True`);
    expect(byId.body.data).toMatchObject({ computerId: MAC, guid: MAC_GUID, osName: "mac", status: "Active", alertStates: ["OK"], userUid: "942897397520280007", service: "CrashPlan" });
    expect(byId.body.data.backupUsage).toEqual([
      expect.objectContaining({ targetComputerGuid: "673679195225718785", targetComputerName: "Code42 Cloud USA West", archiveGuid: "912100293346985227", archiveFormat: "ARCHIVE_V1", archiveBytes: 98765432100, percentComplete: 100 }),
    ]);
    const byGuid = await get(`/api/v1/Computer/${MAC_GUID}?idType=guid`);
    expect(byGuid.body.data.computerId).toBe(MAC);
    expect((await get(`/api/v1/Computer/${MAC_GUID}`)).status).toBe(404);
  });

  it("agents older than 6.8.2 show hostname UNKNOWN; a stale backup raises the alert state", async () => {
    const res = await get("/api/v1/Computer/251002");
    expect(res.body.data).toMatchObject({ productVersion: "6.5.0", osHostname: "UNKNOWN", alertState: 2, alertStates: ["CRITICAL"] });
  });

  it("incSettings=True gives CrashPlan devices the settings py42's DeviceSettings reads", async () => {
    const res = await get(`/api/v1/Computer/${MAC_GUID}?idType=guid&incSettings=True`);
    const d = res.body.data;
    expect(d.availableDestinations).toEqual([expect.objectContaining({ guid: "673679195225718785", destinationName: "Code42 Cloud USA West" })]);
    const sets = d.settings.serviceBackupConfig.backupConfig.backupSets;
    expect(sets[0].destinations).toEqual([{ "@id": "673679195225718785" }]);
    expect(sets[0].backupPaths).toMatchObject({ pathset: expect.any(Array), excludeUser: expect.any(Array) });
  });
});

describe("device actions", () => {
  it("block/unblock, deauthorize, rename through PUT", async () => {
    expect((await put(`/api/v1/ComputerBlock/${MAC}`)).status).toBe(204);
    expect((await get(`/api/v1/Computer/${MAC}`)).body.data.blocked).toBe(true);
    expect((await emu.http.delete(`/api/v1/ComputerBlock/${MAC}`).set("Authorization", auth)).status).toBe(204);
    expect((await put(`/api/v1/ComputerDeauthorization/${MAC}`)).status).toBe(204);
    expect((await get(`/api/v1/Computer/${MAC}`)).body.data.status).toBe("Active, Deauthorized");
    const settings = (await get(`/api/v1/Computer/${MAC}?incSettings=True`)).body.data;
    const renamed = await put(`/api/v1/Computer/${MAC}`, { ...settings, name: "deactivated_2026-01-01_Dave's MacBook" });
    expect(renamed.body.data.name).toBe("deactivated_2026-01-01_Dave's MacBook");
  });

  it("deactivate puts archives in cold storage; the purge date can be changed; reactivate brings them back", async () => {
    expect((await post("/api/v4/computer-deactivation/update", { id: MAC })).status).toBe(204);
    expect((await get(`/api/v1/Computer/${MAC}`)).body.data).toMatchObject({ active: false, status: "Deactivated" });
    const archives = await get(`/api/v1/Archive?backupSourceGuid=${MAC_GUID}&pgNum=1&pgSize=500`);
    expect(archives.body.data.archives).toEqual([expect.objectContaining({ archiveGuid: "912100293346985227", format: "ARCHIVE_V1", isColdStorage: true, archiveHoldExpireDate: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) })]);
    expect((await put("/api/v1/coldStorage/912100293346985227?idType=guid", { archiveHoldExpireDate: "2030-01-31" })).status).toBe(204);
    expect((await get(`/api/v1/Archive?backupSourceGuid=${MAC_GUID}`)).body.data.archives[0].archiveHoldExpireDate).toBe("2030-01-31");
    expect((await post("/api/v4/computer-deactivation/remove", { id: MAC })).status).toBe(204);
    expect((await get(`/api/v1/Archive?backupSourceGuid=${MAC_GUID}`)).body.data.archives[0].isColdStorage).toBe(false);
  });

  it("agent state: fullDiskAccess for the Mac, 404 for others (code42cli reads that as 'no access')", async () => {
    const mac = await get(`/api/v14/agent-state/view-by-device-guid?deviceGuid=${MAC_GUID}&propertyName=fullDiskAccess`);
    expect(mac.body).toEqual({ data: { deviceGuid: MAC_GUID, propertyName: "fullDiskAccess", value: true } });
    expect((await get("/api/v14/agent-state/view-by-device-guid?deviceGuid=935873453596900001&propertyName=fullDiskAccess")).status).toBe(404);
  });

  it("upgrade is accepted", async () => {
    expect((await post("/api/v4/device-upgrade/upgrade-device", { deviceGuid: MAC_GUID })).status).toBe(204);
  });

  it("the org's device limit (4 in Engineering) holds on reactivation", async () => {
    await emu.database.db.updateTable("orgs").set({ device_limit_per_user: 1 }).where("org_id", "=", 1001).execute();
    const res = await post("/api/v4/computer-deactivation/remove", { id: 251692 });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ problem: "DEVICE_LIMIT_EXCEEDED", description: expect.any(String) });
  });

  it("a user deactivation deactivates their devices and cold-stores the archives", async () => {
    await post("/api/v3/users/942897397520280007/deactivate", { block: null });
    const devices = (await get("/api/v1/Computer?userUid=942897397520280007")).body.data.computers;
    expect(devices.map((d: { active: boolean }) => d.active)).toEqual([false, false]);
    expect((await get(`/api/v1/Archive?backupSourceGuid=${MAC_GUID}`)).body.data.archives[0].isColdStorage).toBe(true);
  });

  it("an ordinary user sees only their own devices and cannot act on them", async () => {
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    const res = await emu.http.get("/api/v1/Computer").set("Authorization", dave);
    expect(res.body.data.computers.map((c: { userUid: string }) => c.userUid)).toEqual(["942897397520280007", "942897397520280007"]);
    expect((await emu.http.put(`/api/v1/ComputerBlock/${MAC}`).set("Authorization", dave)).status).toBe(403);
    expect((await emu.http.get("/api/v1/Computer/251001").set("Authorization", dave)).status).toBe(404);
  });
});
