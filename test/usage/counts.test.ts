// Usage and counts (#21): an org's hierarchyCounts (incCounts) over the org and every org below it, computed from
// the tenant as it is: users, devices, archives' bytes, the billable users of the MSP article's billing step, and the
// devices in warning or critical under their orgs' intervals on the emulator's clock.
import { emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const TENANT = "7e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b";
const WEST = "673679195225718785";
const EAST = "587738803578339329";
const NOW = "2026-05-01T00:00:00.000Z";
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.parse(NOW) - days * DAY).toISOString();
const backup = (destination: string, bytes: number, completedDaysAgo: number) => ({
  destination: destination === WEST ? "Code42 Cloud USA West" : "Code42 Cloud USA East",
  destinationGuid: destination,
  selectedBytes: bytes,
  archiveBytes: bytes,
  lastCompletedBackupAt: ago(completedDaysAgo),
});

const fixture = {
  tenantUid: TENANT,
  name: "Usage Tenant",
  registrationKey: "USAG-E000-0000-0001",
  orgs: [{ orgName: "Usage Root", children: [{ orgName: "Alpha", children: [{ orgName: "Alpha Sub" }] }, { orgName: "Beta" }] }],
  users: [
    { username: "uma@example.com", password: "password", org: "Usage Root", roles: ["Customer Cloud Admin"] },
    { username: "oa@example.com", password: "password", org: "Alpha", roles: ["Org Admin"] },
    {
      username: "al@example.com",
      password: "password",
      org: "Alpha",
      devices: [
        { name: "A1", backups: [backup(WEST, 100, 1)] },
        { name: "A2", active: false, backups: [backup(WEST, 50, 30)] },
      ],
    },
    { username: "sue@example.com", password: "password", org: "Alpha Sub", devices: [{ name: "S1", backups: [backup(WEST, 0, 6)] }] },
    { username: "bo@example.com", password: "password", org: "Beta", devices: [{ name: "B1", backups: [backup(WEST, 200, 11), backup(EAST, 300, 12)] }] },
    { username: "nod@example.com", password: "password", org: "Beta", devices: [{ name: "N1" }] },
    { username: "dee@example.com", password: "password", org: "Beta", active: false },
  ],
};

const counts = (orgCount: number, userCount: number, computerCount: number, backupComputerCount: number, billableUserCount: number, archiveBytes: number, billableBytes: number, warningCount: number, criticalCount: number) => ({
  orgCount,
  userCount,
  computerCount,
  backupComputerCount,
  billableUserCount,
  archiveBytes,
  billableBytes,
  warningCount,
  criticalCount,
});

const auth = async (username: string) => `v3_user_token ${await emu.tokenFor(username, "password")}`;
async function hierarchy(username: string, query = "incCounts=true") {
  const res = await emu.http.get(`/api/v1/Org?pgSize=100&${query}`).set("Authorization", await auth(username));
  expect(res.status).toBe(200);
  return Object.fromEntries((res.body.data.orgs as { orgName: string; hierarchyCounts: object }[]).map((o) => [o.orgName, o.hierarchyCounts]));
}

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [fixture] })).status).toBe(201);
});

describe("hierarchyCounts", () => {
  it("count each org's hierarchy: active users and devices, archives, billable users and bytes, alert states", async () => {
    expect(await hierarchy("uma@example.com")).toEqual({
      "Usage Root": counts(3, 6, 4, 3, 2, 650, 600, 1, 1),
      Alpha: counts(1, 3, 2, 2, 1, 150, 100, 1, 0),
      "Alpha Sub": counts(0, 1, 1, 1, 0, 0, 0, 1, 0),
      Beta: counts(0, 2, 2, 1, 1, 500, 500, 0, 1),
    });
  });

  it("are empty unless asked for, as Code42 answers", async () => {
    expect(await hierarchy("uma@example.com", "incCounts=false")).toEqual({ "Usage Root": {}, Alpha: {}, "Alpha Sub": {}, Beta: {} });
  });

  it("answer the single-org reads of both wires, and only to the org's administrators", async () => {
    const admin = await auth("uma@example.com");
    const orgs = (await emu.http.get("/api/v1/Org?pgSize=100").set("Authorization", admin)).body.data.orgs as { orgId: number; orgGuid: string; orgName: string }[];
    const alpha = orgs.find((o) => o.orgName === "Alpha")!;
    const alphaCounts = counts(1, 3, 2, 2, 1, 150, 100, 1, 0);
    expect((await emu.http.get(`/api/v1/Org/${alpha.orgId}?incCounts=true&incSettings=true`).set("Authorization", admin)).body.data).toEqual(
      expect.objectContaining({ orgName: "Alpha", hierarchyCounts: alphaCounts, settings: expect.objectContaining({ warnInDays: 5 }) }),
    );
    expect((await emu.http.get(`/api/v3/orgs/${alpha.orgGuid}?incCounts=true`).set("Authorization", admin)).body.data.hierarchyCounts).toEqual(alphaCounts);
    expect((await emu.http.get("/api/v1/Org/my?incCounts=true").set("Authorization", await auth("oa@example.com"))).body.data.hierarchyCounts).toEqual(alphaCounts);
    expect(await hierarchy("oa@example.com")).toEqual({ Alpha: alphaCounts, "Alpha Sub": counts(0, 1, 1, 1, 0, 0, 0, 1, 0) });
    // A user who administers nothing sees their org, not what it holds.
    expect((await emu.http.get("/api/v1/Org/my?incCounts=true").set("Authorization", await auth("al@example.com"))).body.data.hierarchyCounts).toEqual({});
  });

  it("move with the clock and with the backups recorded", async () => {
    await emu.http.post("/_emulator/clock/set").send({ at: new Date(Date.parse(NOW) + 4 * DAY).toISOString() });
    // A1 (completed 5 days ago) turns warning, S1 (10 days) critical.
    expect((await hierarchy("uma@example.com"))["Usage Root"]).toEqual(counts(3, 6, 4, 3, 2, 650, 600, 1, 2));
    const guid = (await emu.http.get("/_emulator/state").then((r) => r.body.tenants.find((t: { tenantUid: string }) => t.tenantUid === TENANT))).users.find(
      (u: { username: string }) => u.username === "sue@example.com",
    ).devices[0].guid;
    expect((await emu.http.post(`/_emulator/tenants/${TENANT}/devices/${guid}/backups`).send({ destination: WEST, selectedBytes: 70, archiveBytes: 70 })).status).toBe(200);
    expect(await hierarchy("uma@example.com")).toEqual({
      "Usage Root": counts(3, 6, 4, 3, 3, 720, 670, 1, 1),
      Alpha: counts(1, 3, 2, 2, 2, 220, 170, 1, 0),
      "Alpha Sub": counts(0, 1, 1, 1, 1, 70, 70, 0, 0),
      Beta: counts(0, 2, 2, 1, 1, 500, 500, 0, 1),
    });
  });
});
