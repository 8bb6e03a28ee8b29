// API clients: the client-credentials grant py42's from_api_client uses, and what an API client may not call.
import { DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const grant = () => emu.http.post("/api/v3/oauth/token?grant_type=client_credentials");

describe("POST /api/v3/oauth/token", () => {
  it("an API client exchanges client_id:secret for a 15-minute bearer token", async () => {
    const res = await grant().auth("client_id", "secret");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), token_type: "bearer", expires_in: 900 });
  });

  it("a wrong secret gets 401", async () => {
    const res = await grant().auth("client_id", "nope");
    expect(res.status).toBe(401);
    expect(res.body.error[0].primaryErrorKey).toBe("INVALID_CLIENT");
  });

  it("an unknown client gets 401", async () => {
    expect((await grant().auth("who", "secret")).status).toBe(401);
  });

  it("a missing grant_type gets 400 in the v3 envelope", async () => {
    const res = await emu.http.post("/api/v3/oauth/token").auth("client_id", "secret");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ data: null, error: [{ primaryErrorKey: "INVALID_REQUEST", otherErrors: null, description: expect.stringContaining("grant_type") }], warnings: null });
  });

  it("another grant type gets 400", async () => {
    expect((await emu.http.post("/api/v3/oauth/token?grant_type=password").auth("client_id", "secret")).status).toBe(400);
  });
});

describe("calling with an API-client token", () => {
  const token = async () => (await grant().auth("client_id", "secret")).body.access_token as string;

  it("reads the tenant", async () => {
    const res = await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    expect(res.body.data.tenantUid).toBe(DEFAULT_TENANT_UID);
  });

  it("gets 404 from /api/v1/User/my, as py42 documents", async () => {
    const res = await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${await token()}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ name: "SYSTEM", description: "User not found" }]);
  });

  it("gets 500 from /api/v1/Org/my, as py42 documents", async () => {
    const res = await emu.http.get("/api/v1/Org/my").set("Authorization", `Bearer ${await token()}`);
    expect(res.status).toBe(500);
    expect(res.body).toEqual([{ name: "SYSTEM", description: expect.any(String) }]);
  });

  it("expires after 15 minutes by the emulator clock", async () => {
    const t = await token();
    emu.clock.advance(14 * 60_000);
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${t}`)).status).toBe(200);
    emu.clock.advance(2 * 60_000);
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${t}`)).status).toBe(401);
  });
});
