// A page of the gateway's users is written by SQLite from the same declaration (GATEWAY_USER) that writes a single
// user in JavaScript. Without response validation (not --strict) the page goes out as SQLite wrote it, so its bytes
// are compared here with JSON.stringify of the single users the other way makes, over values that need escaping.
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ strict: false });
});
afterAll(() => emu.close());

const hard = ['Quote "marks" and \\ back', "Tab\tline\nbreak\r\u0001\u001f\u007f", "Ünïcödé 中文 😀 \u2028\u2029", "</script>&<'>"];

it("a page's bytes are the single users' JSON, joined, whatever the names hold", async () => {
  const auth = `Bearer ${await emu.gatewayToken()}`;
  const legacy = `Bearer ${await emu.tokenFor("test.user@example.com", "password")}`;
  const orgUid = (await emu.http.get("/api/v1/Org/my").set("Authorization", legacy)).body.data.orgUid as string;
  for (const [i, name] of hard.entries()) {
    const made = await emu.http.post("/api/v1/User").set("Authorization", legacy).send({ orgUid, username: `hard${i}@example.com`, firstName: name, lastName: name, notes: i % 2 ? name : undefined });
    expect(made.status).toBe(200);
  }
  const blocked = await emu.http.get("/v1/users?username=hard1@example.com").set("Authorization", auth);
  expect((await emu.http.post(`/api/v3/users/${blocked.body.users[0].userId}/block`).set("Authorization", legacy)).status).toBe(204);
  expect((await emu.http.post(`/api/v3/users/${blocked.body.users[0].userId}/deactivate`).set("Authorization", legacy)).status).toBeLessThan(300);

  for (const query of ["page=1&pageSize=100", "page=2&pageSize=3", "active=false", "username=hard2@example.com"]) {
    const page = await emu.http.get(`/v1/users?${query}`).set("Authorization", auth);
    expect(page.status).toBe(200);
    const { totalCount, users } = JSON.parse(page.text) as { totalCount: number; users: { userId: string }[] };
    expect(users.length).toBeGreaterThan(0);
    const singles = await Promise.all(users.map(async (u) => JSON.parse((await emu.http.get(`/v1/users/${u.userId}`).set("Authorization", auth)).text)));
    expect(page.text).toBe(JSON.stringify({ totalCount, users: singles }));
  }
  const all = JSON.parse((await emu.http.get("/v1/users?page=1&pageSize=100").set("Authorization", auth)).text) as { users: { firstName: string; active: boolean; blocked: boolean }[] };
  expect(all.users.map((u) => u.firstName)).toEqual(expect.arrayContaining(hard));
  expect(all.users.find((u) => u.firstName === hard[1])).toMatchObject({ active: false, blocked: true });
});
