// startEmulator(): the in-process API a Node suite uses (what `import { startEmulator } from "code42-emulator"` gives).
import supertest from "supertest";
import { startEmulator, type Emulator } from "../../src/index.js";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ passwordCost: 4 });
});
afterAll(() => emu.close());

const token = async (username = emu.admin.username) =>
  (await supertest(emu.url).get("/c42api/v3/auth/jwt?useBody=true").auth(username, emu.admin.password)).body.v3_user_token as string;

describe("startEmulator", () => {
  it("starts on a free port with the default tenant and its admin", async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.tenantUid).toBe("4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b");
    expect(emu.admin).toEqual({ username: "test.user@example.com", password: "password" });
    const res = await supertest(emu.url).get("/c42api/v3/customer/my").set("Authorization", `v3_user_token ${await token()}`);
    expect(res.body.data.tenantUid).toBe(emu.tenantUid);
  });

  it("steers the clock: a token expires after 30 minutes", async () => {
    const t = await token();
    await emu.control.clock.advance(31 * 60_000);
    expect((await supertest(emu.url).get("/api/v1/User/my").set("Authorization", `Bearer ${t}`)).status).toBe(401);
    await emu.control.reset();
  });

  it("injects a 429 then lets the retry through, and the journal shows both", async () => {
    emu.control.journal.clear();
    await emu.control.faults.add({ path: "/api/v1/Org", action: { type: "throttle", retryAfterSeconds: 1 }, times: 1 });
    const t = await token();
    const first = await supertest(emu.url).get("/api/v1/Org").set("Authorization", `Bearer ${t}`);
    const second = await supertest(emu.url).get("/api/v1/Org").set("Authorization", `Bearer ${t}`);
    expect([first.status, second.status]).toEqual([429, 200]);
    expect(emu.control.journal.list({ operationId: "listOrgs" }).map((e) => e.status)).toEqual([429, 200]);
    await emu.control.reset();
  });

  it("gives each worker its own tenant copy", async () => {
    const copy = await emu.control.copyTenant(undefined, "worker7");
    const t = await token(copy.usernames["test.user@example.com"]);
    const res = await supertest(emu.url).get("/api/v3/customer/my").set("Authorization", `Bearer ${t}`);
    expect(res.body.data.tenantUid).toBe(copy.tenantUid);
  });
});
