// Example: testing your own Code42 client against the emulator with Jest (see the README's "Use it in your tests").
import { startEmulator, type Emulator } from "code42-emulator";
import { TinyCode42Client } from "./client.js";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

test("the client reads the tenant id", async () => {
  const client = new TinyCode42Client(emu.url, emu.admin.username, emu.admin.password);
  expect(await client.tenantId()).toBe(emu.tenantUid);
});

test("an expired token is renewed: 31 minutes later the client signs in again", async () => {
  const client = new TinyCode42Client(emu.url, emu.admin.username, emu.admin.password);
  await client.tenantId();
  await emu.control.clock.advance(31 * 60_000);
  await client.tenantId();
  const calls = emu.control.journal.list().map((e) => `${e.operationId} ${e.status}`);
  expect(calls).toEqual(["getUserTokenC42api 200", "getCustomerMyC42api 200", "getCustomerMyC42api 401", "getUserTokenC42api 200", "getCustomerMyC42api 200"]);
});

test("a 429 is waited out and retried", async () => {
  await emu.control.faults.add({ path: "/c42api/v3/customer/my", action: { type: "throttle", retryAfterSeconds: 0 }, times: 1 });
  const client = new TinyCode42Client(emu.url, emu.admin.username, emu.admin.password);
  expect(await client.tenantId()).toBe(emu.tenantUid);
  expect(emu.control.journal.list({ path: "/customer/my" }).map((e) => e.status)).toEqual([429, 200]);
});

test("each test can have its own tenant, copied from the seeded one", async () => {
  const copy = await emu.control.copyTenant();
  const client = new TinyCode42Client(emu.url, copy.usernames[emu.admin.username]!, emu.admin.password);
  expect(await client.tenantId()).toBe(copy.tenantUid);
});
