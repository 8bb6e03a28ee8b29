// Backups on the clock (#21): backup activity recorded through the control plane, alert levels that follow the org's
// warning and critical intervals (inherited) as the clock moves, and the "backup status" emails, once per crossing.
import { emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const TENANT = "6d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a";
const WEST = "673679195225718785";
const EAST = "587738803578339329";
const T0 = "2026-03-01T00:00:00.000Z";
const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

const fixture = {
  tenantUid: TENANT,
  name: "Backup Tenant",
  registrationKey: "BACK-UPS0-0000-0001",
  orgs: [
    {
      orgName: "Backup Root",
      settings: { warnInDays: 2, alertInDays: 4, recipients: ["ops@example.com"] },
      children: [{ orgName: "Branch" }, { orgName: "Own", settings: { warnInDays: 1, alertInDays: 3, recipients: [] } }],
    },
  ],
  users: [
    { username: "ann@example.com", password: "password", org: "Backup Root", roles: ["Customer Cloud Admin", "Alert Emails"] },
    { username: "olly@example.com", password: "password", org: "Branch", roles: ["Alert Emails"] },
    { username: "dora@example.com", password: "password", org: "Branch", devices: [{ name: "Dora Mac", guid: "910000000000000001", osName: "mac" }] },
    { username: "owen@example.com", password: "password", org: "Own", devices: [{ name: "Owen PC", guid: "910000000000000002", osName: "win" }] },
  ],
};

const setClock = (iso: string) => emu.http.post("/_emulator/clock/set").send({ at: iso });
const record = (guid: string, body: object) => emu.http.post(`/_emulator/tenants/${TENANT}/devices/${guid}/backups`).send(body);
const alerts = async () =>
  ((await emu.http.get(`/_emulator/outbox?tenantUid=${TENANT}`)).body as { kind: string; to: string; subject: string; sentAt: string }[])
    .filter((m) => m.kind === "BACKUP_ALERT")
    .map((m) => `${m.sentAt} ${m.to}: ${m.subject}`);

async function devices() {
  const token = await emu.tokenFor("ann@example.com", "password");
  const res = await emu.http.get("/api/v1/Computer?incBackupUsage=true&pgSize=100").set("Authorization", `v3_user_token ${token}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(
    (res.body.data.computers as { name: string; alertState: number; alertStates: string[]; backupUsage: { targetComputerGuid: string; alertState: number; alertStates: string[] }[] }[]).map((c) => [
      c.name,
      { device: [c.alertState, ...c.alertStates], usage: c.backupUsage.map((u) => [u.targetComputerGuid, u.alertState, ...u.alertStates]) },
    ]),
  );
}

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await setClock(T0);
  expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [fixture] })).status).toBe(201);
});

describe("recording backup activity", () => {
  it("records a completed backup to a new destination and answers the archive as the Computer API shows it", async () => {
    const res = await record("910000000000000001", { destination: "Code42 Cloud USA West", selectedFiles: 10, selectedBytes: 2000, archiveBytes: 1500 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        targetComputerGuid: WEST,
        targetComputerName: "Code42 Cloud USA West",
        selectedFiles: 10,
        selectedBytes: 2000,
        todoFiles: 0,
        todoBytes: 0,
        archiveBytes: 1500,
        billableBytes: 1500,
        lastBackup: T0,
        lastCompletedBackup: T0,
        lastCompleted: T0,
        alertState: 0,
        alertStates: ["OK"],
        percentComplete: 100,
      }),
    );
    expect(typeof res.body.archiveGuid).toBe("string");
  });

  it("keeps the last completed backup through an incomplete one, and reports its progress", async () => {
    await record("910000000000000001", { destination: WEST, selectedFiles: 10, selectedBytes: 2000 });
    await setClock(at(DAY));
    const res = await record("910000000000000001", { destination: WEST, selectedBytes: 4000, todoFiles: 5, todoBytes: 1000 });
    expect(res.status).toBe(200);
    expect([res.body.lastBackup, res.body.lastCompletedBackup, res.body.selectedBytes, res.body.todoFiles, res.body.todoBytes, res.body.percentComplete]).toEqual([at(DAY), T0, 4000, 5, 1000, 75]);
  });

  it.each([
    ["an unknown tenant", `/_emulator/tenants/00000000-0000-4000-8000-000000000000/devices/910000000000000001/backups`, { destination: WEST }, 404, { code: "TENANT_NOT_FOUND", message: "Tenant not found" }],
    ["an unknown device", `/_emulator/tenants/${TENANT}/devices/999/backups`, { destination: WEST }, 404, { code: "DEVICE_NOT_FOUND", message: "Device not found" }],
    ["an unknown destination", `/_emulator/tenants/${TENANT}/devices/910000000000000001/backups`, { destination: "Mars" }, 400, { code: "INVALID_BACKUP", message: "No destination Mars" }],
    [
      "a completed backup with work left",
      `/_emulator/tenants/${TENANT}/devices/910000000000000001/backups`,
      { destination: WEST, selectedBytes: 10, todoBytes: 5, completed: true },
      400,
      { code: "INVALID_BACKUP", message: "A completed backup has nothing left to do (todoFiles and todoBytes 0)" },
    ],
    ["more left to do than selected", `/_emulator/tenants/${TENANT}/devices/910000000000000001/backups`, { destination: WEST, selectedBytes: 10, todoBytes: 50 }, 400, { code: "INVALID_BACKUP", message: "More is left to do than is selected" }],
    [
      "a backup after now",
      `/_emulator/tenants/${TENANT}/devices/910000000000000001/backups`,
      { destination: WEST, at: at(1) },
      400,
      { code: "INVALID_BACKUP", message: `at (${at(1)}) is after the clock's now (${T0})` },
    ],
    ["an unknown field", `/_emulator/tenants/${TENANT}/devices/910000000000000001/backups`, { destination: WEST, speed: 1 }, 400, undefined],
  ])("refuses %s and writes nothing", async (_what, path, body, status, expected) => {
    const res = await emu.http.post(path).send(body);
    expect(res.status).toBe(status);
    if (expected) expect(res.body).toEqual({ error: expected });
    expect((await devices())["Dora Mac"]!.usage).toEqual([]);
  });
});

describe("alert states on the clock", () => {
  it("follow each org's intervals, inherited, per destination and per device", async () => {
    await record("910000000000000001", { destination: WEST });
    await record("910000000000000002", { destination: WEST });
    await setClock(at(DAY));
    await record("910000000000000001", { destination: EAST });
    expect(await devices()).toEqual({
      "Dora Mac": { device: [0, "OK"], usage: [[EAST, 0, "OK"], [WEST, 0, "OK"]] },
      "Owen PC": { device: [1, "WARNING"], usage: [[WEST, 1, "WARNING"]] },
    });
    // Branch inherits the root's 2 and 4 days; Own sets 1 and 3.
    await setClock(at(2 * DAY));
    expect(await devices()).toEqual({
      "Dora Mac": { device: [0, "OK"], usage: [[EAST, 0, "OK"], [WEST, 1, "WARNING"]] },
      "Owen PC": { device: [1, "WARNING"], usage: [[WEST, 1, "WARNING"]] },
    });
    await setClock(at(3 * DAY));
    expect(await devices()).toEqual({
      "Dora Mac": { device: [1, "WARNING"], usage: [[EAST, 1, "WARNING"], [WEST, 1, "WARNING"]] },
      "Owen PC": { device: [2, "CRITICAL"], usage: [[WEST, 2, "CRITICAL"]] },
    });
    await setClock(at(5 * DAY));
    expect((await devices())["Dora Mac"]).toEqual({ device: [2, "CRITICAL"], usage: [[EAST, 2, "CRITICAL"], [WEST, 2, "CRITICAL"]] });
  });
});

describe("backup status emails", () => {
  it("go to the org's recipients and the Alert Emails holders who reach the org, once per crossing", async () => {
    await record("910000000000000001", { destination: WEST });
    await record("910000000000000002", { destination: WEST });
    await setClock(at(DAY - 1));
    expect(await alerts()).toEqual([]);
    await setClock(at(DAY));
    await emu.http.get("/_emulator/clock");
    const owenWarning = `${at(DAY)} ann@example.com: Code42 backup status: Warning: Owen PC has not completed a backup in 1 days`;
    expect(await alerts()).toEqual([owenWarning]);
    await setClock(at(DAY + 1));
    expect(await alerts()).toEqual([owenWarning]);

    // Several thresholds passed in one move: each sends its emails, once.
    await setClock(at(3 * DAY));
    await emu.http.get("/_emulator/clock");
    const moved = [
      `${at(3 * DAY)} ops@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 2 days`,
      `${at(3 * DAY)} ann@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 2 days`,
      `${at(3 * DAY)} olly@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 2 days`,
      `${at(3 * DAY)} ann@example.com: Code42 backup status: Critical: Owen PC has not completed a backup in 3 days`,
    ];
    expect(await alerts()).toEqual([owenWarning, ...moved]);
    await emu.http.get("/_emulator/clock");
    expect(await alerts()).toEqual([owenWarning, ...moved]);

    // A completed backup arms its thresholds again; moving the clock back sends nothing (moved forward again, only the
    // thresholds it passes anew send).
    await record("910000000000000002", { destination: WEST });
    await setClock(at(2.5 * DAY));
    await emu.http.get("/_emulator/clock");
    await setClock(at(3 * DAY + 12 * 3600_000));
    await emu.http.get("/_emulator/clock");
    expect(await alerts()).toEqual([owenWarning, ...moved]);
    await setClock(at(4 * DAY));
    await emu.http.get("/_emulator/clock");
    expect((await alerts()).slice(5)).toEqual([
      `${at(4 * DAY)} ops@example.com: Code42 backup status: Critical: Dora Mac has not completed a backup in 4 days`,
      `${at(4 * DAY)} ann@example.com: Code42 backup status: Critical: Dora Mac has not completed a backup in 4 days`,
      `${at(4 * DAY)} olly@example.com: Code42 backup status: Critical: Dora Mac has not completed a backup in 4 days`,
      `${at(4 * DAY)} ann@example.com: Code42 backup status: Warning: Owen PC has not completed a backup in 1 days`,
    ]);
  });

  it("say what crossed, where and when", async () => {
    await record("910000000000000001", { destination: WEST });
    await setClock(at(2 * DAY));
    const sent = (await emu.http.get(`/_emulator/outbox?tenantUid=${TENANT}`)).body.filter((m: { to: string }) => m.to === "olly@example.com");
    expect(sent).toEqual([
      {
        tenantUid: TENANT,
        kind: "BACKUP_ALERT",
        to: "olly@example.com",
        subject: "Code42 backup status: Warning: Dora Mac has not completed a backup in 2 days",
        body: [
          "Warning: the device Dora Mac (GUID 910000000000000001) of dora@example.com, in the organization Branch, has not completed a backup to Code42 Cloud USA West in 2 days.",
          `Last completed backup: ${T0}.`,
          "The organization's backup alert intervals: warning after 2 days, critical after 4 days.",
        ].join("\n"),
        link: null,
        sentAt: at(2 * DAY),
      },
    ]);
  });
});

describe("the org's intervals", () => {
  it("are read when the alert states are: a root org's change reaches the orgs that inherit it, not those that set their own", async () => {
    await record("910000000000000001", { destination: WEST });
    await record("910000000000000002", { destination: WEST });
    await setClock(at(3 * DAY));
    const auth = `v3_user_token ${await emu.tokenFor("ann@example.com", "password")}`;
    const orgs = (await emu.http.get("/api/v1/Org?pgSize=10").set("Authorization", auth)).body.data.orgs as { orgId: number; orgName: string }[];
    const rootId = orgs.find((o) => o.orgName === "Backup Root")!.orgId;
    const root = (await emu.http.get(`/api/v1/Org/${rootId}?incSettings=true`).set("Authorization", auth)).body.data;
    const res = await emu.http
      .put(`/api/v1/Org/${rootId}`)
      .set("Authorization", auth)
      .send({ ...root, settings: { ...root.settings, warnInDays: 6, alertInDays: 8 } });
    expect(res.status).toBe(200);
    expect(await devices()).toEqual({
      "Dora Mac": { device: [0, "OK"], usage: [[WEST, 0, "OK"]] },
      "Owen PC": { device: [2, "CRITICAL"], usage: [[WEST, 2, "CRITICAL"]] },
    });
    const before = (await alerts()).length;
    await setClock(at(6 * DAY));
    expect((await alerts()).slice(before)).toEqual([
      `${at(6 * DAY)} ops@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 6 days`,
      `${at(6 * DAY)} ann@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 6 days`,
      `${at(6 * DAY)} olly@example.com: Code42 backup status: Warning: Dora Mac has not completed a backup in 6 days`,
    ]);
  });
});

describe("the state export", () => {
  it("keeps the recorded backups, and a tenant loaded from it reports the same alert states", async () => {
    await record("910000000000000001", { destination: WEST, selectedFiles: 3, selectedBytes: 300, archiveBytes: 200 });
    await setClock(at(3 * DAY));
    const before = await devices();
    const state = (await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants.find((t: { tenantUid: string }) => t.tenantUid === TENANT);
    expect(JSON.stringify(state)).toContain(`"lastCompletedBackupAt":"${T0}"`);
    await emu.http.delete(`/_emulator/tenants/${TENANT}`);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [state] })).status).toBe(201);
    expect(await devices()).toEqual(before);
    // Deleting the tenant emptied its outbox; loading it back sent nothing (the thresholds were passed before).
    expect(await alerts()).toEqual([]);
  });
});
