// The control plane covers the gateway as it covers the legacy wire: journal (credentials redacted), coverage by
// operationId, faults by path, tenant copies whose API clients sign in on /v1/oauth, and the clock.
import { API_CLIENT, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

describe("the control plane on the gateway", () => {
  it("journals gateway calls by operationId with the caller's tenant, the form secret redacted", async () => {
    await emu.http.delete("/_emulator/journal");
    await emu.http.post("/v1/oauth").type("form").send({ client_id: API_CLIENT.clientId, client_secret: API_CLIENT.secret });
    const token = await emu.gatewayToken();
    await emu.http.get("/v1/users/123").set("Authorization", `Bearer ${token}`);
    const all = (await emu.http.get("/_emulator/journal")).body as { operationId: string; status: number; tenantUid: string | null; body: unknown }[];
    expect(all.map((e) => `${e.operationId} ${e.status}`)).toEqual(["getGatewayAccessToken 200", "getGatewayAccessToken 200", "getGatewayUser 404"]);
    expect(all[2]!.tenantUid).toBe(DEFAULT_TENANT_UID);
    expect(all[0]!.body).toEqual({ client_id: API_CLIENT.clientId, client_secret: "[redacted]" });
  });

  it("counts gateway operations in coverage", async () => {
    await emu.http.delete("/_emulator/coverage");
    const token = await emu.gatewayToken();
    await emu.http.get("/v1/orgs").set("Authorization", `Bearer ${token}`);
    const rows = (await emu.http.get("/_emulator/coverage")).body.rows as { operationId: string; calls: number; statuses: Record<string, number> }[];
    expect(rows.find((r) => r.operationId === "listGatewayOrgs")).toMatchObject({ calls: 1, statuses: { "200": 1 } });
    expect(rows.find((r) => r.operationId === "listGatewayAgents")!.calls).toBe(0);
  });

  it("fires a fault on a gateway path, in the gateway's error body", async () => {
    await emu.http.post("/_emulator/faults").send({ path: "/v1/users", action: { type: "status", status: 503 }, times: 1 });
    const token = await emu.gatewayToken();
    const first = await emu.http.get("/v1/users").set("Authorization", `Bearer ${token}`);
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect((await emu.http.get("/v1/users").set("Authorization", `Bearer ${token}`)).status).toBe(200);
  });

  it("a tenant copy's API client signs in on /v1/oauth and sees only the copy", async () => {
    const copy = (await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "gw" })).body as { tenantUid: string; apiClients: Record<string, string> };
    const token = await emu.gatewayToken(copy.apiClients[API_CLIENT.clientId], API_CLIENT.secret);
    expect((await emu.http.get("/v1/customer").set("Authorization", `Bearer ${token}`)).body.tenantId).toBe(copy.tenantUid);
    const users = (await emu.http.get("/v1/users?username=test.user%2Bgw@example.com").set("Authorization", `Bearer ${token}`)).body;
    expect(users.totalCount).toBe(1);
    const original = (await emu.http.get("/v1/users?username=test.user%2Bgw@example.com").set("Authorization", `Bearer ${await emu.gatewayToken()}`)).body;
    expect(original.totalCount).toBe(0);
  });
});
