// A tenant of its own for tests over a hand-built set of file events (the default tenant holds Bob's exposure): an
// org and a Customer Cloud Admin API client, loaded as the baseline each reset returns to.
import type { TestEmulator } from "./emulator.js";

export const EVENTS_TENANT = "9d1e5c3a-0b7f-4e2d-8c6a-5f4b3a2e1d0c";
export const EVENTS_CLIENT = { clientId: "events_client", secret: "events-secret" };

/** Call at the top of a test file, after emulatorPerFile(). */
export function eventsTenantBaseline(emu: TestEmulator): void {
  beforeAll(async () => {
    const tenant = {
      tenantUid: EVENTS_TENANT,
      name: "Events Tenant",
      registrationKey: "EVTS-TNNT-0000-0001",
      orgs: [{ orgName: "Events Root" }],
      apiClients: [{ ...EVENTS_CLIENT, name: "Events client", roles: ["Customer Cloud Admin"] }],
    };
    const res = await emu.http.post("/_emulator/fixtures?baseline=true").send({ tenants: [tenant] });
    if (res.status !== 201) throw new Error(`loading the events tenant: ${res.status} ${JSON.stringify(res.body)}`);
  });
}

export const eventsTenantToken = (emu: TestEmulator) => emu.gatewayToken(EVENTS_CLIENT.clientId, EVENTS_CLIENT.secret);
