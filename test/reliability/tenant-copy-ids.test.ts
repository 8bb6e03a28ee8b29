// A tenant copy keeps the ids of the tenant it came from (user and org uids, device and archive GUIDs): every write
// the copy's admin makes by such an id must change the copy only. Each object kind a copy duplicates is written by
// its shared id; the source tenant's state must come out byte for byte as it went in.
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const ALICE = "942897397520280004";
const CAROL = "942897397520280006";
const ENGINEERING_GUID = "a9578c3d-736b-4d96-80e5-71edd8a11ea3";
const MAC_GUID = "935873453596901068";
const COLD_ARCHIVE = "912100293346985227";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const tenantState = async (uid: string) =>
  ((await emu.http.get("/_emulator/state")).body as { tenants: { tenantUid: string }[] }).tenants.find((t) => t.tenantUid === uid);

it("writes by an id the copy shares with its source change the copy only", async () => {
  // The archive is in cold storage once its device is deactivated; done in the source first, then copied.
  const sourceAuth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  const mac = (await emu.http.get(`/api/v1/Computer/${MAC_GUID}?idType=guid`).set("Authorization", sourceAuth)).body.data.computerId as number;
  expect((await emu.http.post("/api/v4/computer-deactivation/update").set("Authorization", sourceAuth).send({ id: mac })).status).toBe(204);

  const copy = (await emu.control.copyTenant(DEFAULT_TENANT_UID, "ids"))!;
  const auth = `Bearer ${await emu.tokenFor(copy.usernames[ADMIN.username]!, ADMIN.password)}`;
  const before = await tenantState(DEFAULT_TENANT_UID);
  const copyBefore = await tenantState(copy.tenantUid);

  const writes: [string, () => Promise<{ status: number }>][] = [
    ["archive hold by archive GUID", () => emu.http.put(`/api/v1/coldStorage/${COLD_ARCHIVE}?idType=guid`).set("Authorization", auth).send({ archiveHoldExpireDate: "2031-01-31" })],
    ["user block by user uid", () => emu.http.post(`/api/v3/users/${CAROL}/block`).set("Authorization", auth)],
    ["user roles by user uid", () => emu.http.put(`/api/v3/users/${ALICE}/roles`).set("Authorization", auth).send({ roleIds: ["desktop-user", "org-admin"] })],
    ["org block by org GUID", () => emu.http.post(`/api/v3/orgs/${ENGINEERING_GUID}/block`).set("Authorization", auth)],
    ["detection-list notes by user uid", () => emu.http.post("/svc/api/v2/user/updatenotes").set("Authorization", auth).send({ tenantId: copy.tenantUid, userId: ALICE, notes: "copy only" })],
    ["departing employee by user uid", () => emu.http.post("/svc/api/v2/departingemployee/add").set("Authorization", auth).send({ tenantId: copy.tenantUid, userId: ALICE })],
  ];
  for (const [what, write] of writes) expect(`${what}: ${(await write()).status}`).toMatch(/: 20[014]$/);

  expect(await tenantState(DEFAULT_TENANT_UID)).toEqual(before);
  expect(await tenantState(copy.tenantUid)).not.toEqual(copyBefore);
});
