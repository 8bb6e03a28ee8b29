// Example: testing a client of Code42's public gateway (the API the incydr SDK calls) against the emulator: OAuth,
// users, orgs, devices and legal holds, with the token's lifetime on the emulator's clock.
import { startEmulator, type Emulator } from "code42-emulator";
import { TinyGatewayClient } from "./gateway-client.js";

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.control.reset());

// The default tenant's API client (fixtures/default.yaml).
const client = () => new TinyGatewayClient(emu.url, "client_id", "secret", () => emu.control.clock.now());

test("reads every user page by page, and the tenant the token names", async () => {
  const gw = client();
  const usernames: string[] = [];
  for await (const u of gw.users(3)) usernames.push(u.username);
  expect(usernames).toContain(emu.admin.username);
  expect(new Set(usernames).size).toBe(usernames.length);
  expect((await gw.call<{ tenantId: string }>("GET", "/v1/customer")).tenantId).toBe(emu.tenantUid);
});

test("a token lives 15 minutes on the emulator's clock: the client asks for a new one after that", async () => {
  const gw = client();
  await gw.call("GET", "/v1/customer");
  await emu.control.clock.advance("16m");
  await gw.call("GET", "/v1/customer");
  expect(emu.control.journal.list().map((e) => `${e.operationId} ${e.status}`)).toEqual([
    "getGatewayAccessToken 200",
    "getGatewayCustomer 200",
    "getGatewayAccessToken 200",
    "getGatewayCustomer 200",
  ]);
});

test("moves a user into a new org and holds them in a matter: one tenant state behind every wire", async () => {
  const gw = client();
  const root = (await gw.call<{ orgs: { orgGuid: string; parentOrgGuid: string | null }[] }>("GET", "/v1/orgs")).orgs.find((o) => o.parentOrgGuid === null)!;
  const org = await gw.call<{ orgGuid: string }>("POST", "/v1/orgs", { orgName: "Legal", parentOrgGuid: root.orgGuid });
  const [user] = (await gw.call<{ users: { userId: string }[] }>("GET", "/v1/users?username=alice.adams@example.com")).users;
  await gw.call("POST", `/v1/users/${user!.userId}/move`, { orgGuid: org.orgGuid });

  const policy = await gw.call<{ policyId: string }>("POST", "/v1/legal-hold/policies", { name: "Standard" });
  const matter = await gw.call<{ matterId: string }>("POST", "/v1/legal-hold/matters", { name: "Case 42", policyId: policy.policyId });
  await gw.call("POST", `/v1/legal-hold/matters/${matter.matterId}/custodians`, { userId: user!.userId });

  const devices = await gw.call<{ devices: { deviceId: string }[] }>("GET", `/v1/users/${user!.userId}/devices`);
  expect(devices.devices.length).toBeGreaterThan(0);
  // A custodian cannot be deactivated, on either wire.
  await expect(gw.call("POST", `/v1/users/${user!.userId}/deactivate`)).rejects.toThrow(/400 .*ACTIVE_LEGAL_HOLD/);
  expect((await gw.call<{ orgName: string }>("GET", `/v1/users/${user!.userId}`)).orgName).toBe("Legal");
  // The tenant's state (what a fixture would say) has her in the matter.
  const state = await emu.control.state();
  expect(state.tenants![0]!.users!.find((u) => u.username === "alice.adams@example.com")!.legalHolds).toEqual(["Case 42"]);
});
