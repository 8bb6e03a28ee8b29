// A token's caller is read once and kept while the data stays as it was: every change through the API or the
// control plane must reach the next call made with a token already in use.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

const CAROL = { uid: "942897397520280006", userId: 4207, username: "carol.clark@example.com", password: "password" };
const ROOT_ORG_UID = "890854247383106706";
const whoAmI = (token: string) => emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${token}`);
const asAdmin = async () => `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;

it("a token in use stops working as soon as its user is blocked, and works again once unblocked", async () => {
  const token = await emu.tokenFor(CAROL.username, CAROL.password);
  const admin = await asAdmin();
  expect((await whoAmI(token)).status).toBe(200);
  expect((await emu.http.post(`/api/v3/users/${CAROL.uid}/block`).set("Authorization", admin)).status).toBe(204);
  expect((await whoAmI(token)).status).toBe(401);
  expect((await emu.http.post(`/api/v3/users/${CAROL.uid}/unblock`).set("Authorization", admin)).status).toBe(204);
  expect((await whoAmI(token)).status).toBe(200);
});

it("a token in use follows its user's roles", async () => {
  const token = await emu.tokenFor(CAROL.username, CAROL.password);
  const admin = await asAdmin();
  const visibleUsers = async () => (await emu.http.get("/api/v1/User").set("Authorization", `Bearer ${token}`)).body.data.totalCount;
  expect(await visibleUsers()).toBe(1);
  const granted = await emu.http.post("/api/v1/UserRole").set("Authorization", admin).send({ userId: CAROL.userId, roleName: "Customer Cloud Admin" });
  expect(granted.status).toBeLessThan(300);
  expect(await visibleUsers()).toBe(9);
});

it("reset and snapshot restores reach tokens already in use", async () => {
  const admin = await asAdmin();
  const created = await emu.http.post("/api/v1/User").set("Authorization", admin).send({ orgUid: ROOT_ORG_UID, username: "temp@example.com", password: "temp-password" });
  expect(created.status).toBe(200);
  const temp = await emu.tokenFor("temp@example.com", "temp-password");
  expect((await whoAmI(temp)).status).toBe(200);
  expect((await emu.http.post("/_emulator/reset")).status).toBe(204);
  expect((await whoAmI(temp)).status).toBe(401);

  const carol = await emu.tokenFor(CAROL.username, CAROL.password);
  expect((await emu.http.post("/_emulator/snapshots").send({ name: "open" })).status).toBe(201);
  await emu.http.post(`/api/v3/users/${CAROL.uid}/block`).set("Authorization", await asAdmin());
  expect((await whoAmI(carol)).status).toBe(401);
  expect((await emu.http.post("/_emulator/snapshots/open/restore")).status).toBe(204);
  expect((await whoAmI(carol)).status).toBe(200);
});
