// The gateway's front door: the OAuth grant the incydr SDK makes, a user's token, the customer record, and the
// gateway's error body. Tokens from either wire open both.
import { ADMIN, API_CLIENT, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

describe("POST /v1/oauth", () => {
  it("grants an API client a 15-minute bearer token for HTTP Basic credentials, as the incydr SDK asks (no grant_type)", async () => {
    const res = await emu.http.post("/v1/oauth").auth(API_CLIENT.clientId, API_CLIENT.secret);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 900 });
    // The SDK reads the tenant from the token (Client.tenant_id).
    expect(claimsOf(res.body.access_token)).toMatchObject({ tenantUid: DEFAULT_TENANT_UID, sub: API_CLIENT.clientId });
  });

  it("takes the credentials as a form too (RFC 6749 §2.3.1), with grant_type", async () => {
    const res = await emu.http.post("/v1/oauth?grant_type=client_credentials").type("form").send({ client_id: API_CLIENT.clientId, client_secret: API_CLIENT.secret });
    expect(res.status).toBe(200);
    expect(res.body.token_type).toBe("bearer");
  });

  it("refuses a wrong secret or no credentials with 401 in the gateway's error body", async () => {
    const wrong = await emu.http.post("/v1/oauth").auth(API_CLIENT.clientId, "nope");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: "INVALID_CLIENT", message: "Invalid client id or secret" });
    const none = await emu.http.post("/v1/oauth");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: "UNAUTHORIZED", message: "Basic client credentials are required" });
  });

  it("refuses a grant type other than client_credentials with 400", async () => {
    const res = await emu.http.post("/v1/oauth?grant_type=password").auth(API_CLIENT.clientId, API_CLIENT.secret);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("grant_type") });
  });

  it("issues tokens that expire with the emulator's clock", async () => {
    const token = await emu.gatewayToken();
    expect((await emu.http.get("/v1/customer").set("Authorization", `Bearer ${token}`)).status).toBe(200);
    await emu.http.post("/_emulator/clock/advance").send({ by: "16m" });
    const late = await emu.http.get("/v1/customer").set("Authorization", `Bearer ${token}`);
    expect(late.status).toBe(401);
    expect(late.body).toEqual({ code: "UNAUTHORIZED", message: "The token is invalid or has expired" });
  });
});

describe("GET /v1/auth", () => {
  it("gives a user a bearer token for their Basic credentials", async () => {
    const res = await emu.http.get("/v1/auth").auth(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ bearerToken: expect.any(String) });
    const customer = await emu.http.get("/v1/customer").set("Authorization", `Bearer ${res.body.bearerToken}`);
    expect(customer.status).toBe(200);
  });

  it("refuses a wrong password with 401", async () => {
    const res = await emu.http.get("/v1/auth").auth(ADMIN.username, "wrong");
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: "INVALID_CREDENTIALS", message: "Invalid username or password" });
  });
});

describe("GET /v1/customer", () => {
  it("answers the caller's tenant, as the incydr SDK's Customer model reads it", async () => {
    const res = await emu.http.get("/v1/customer").set("Authorization", `Bearer ${await emu.gatewayToken()}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: "Code42 Emulator", registrationKey: "EMUL-ATOR-0000-4200", tenantId: DEFAULT_TENANT_UID });
  });

  it("accepts a token from the legacy wire, and answers 401 without one", async () => {
    const legacy = await emu.tokenFor(ADMIN.username, ADMIN.password);
    expect((await emu.http.get("/v1/customer").set("Authorization", `Bearer ${legacy}`)).body.tenantId).toBe(DEFAULT_TENANT_UID);
    const none = await emu.http.get("/v1/customer");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: "UNAUTHORIZED", message: "A Bearer or v3_user_token authorization header is required" });
  });
});

describe("the key-value store beside the gateway", () => {
  it("still answers the keys py42 asks for, in plain text", async () => {
    const res = await emu.http.get("/v1/FedObserver-API_URL");
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/plain");
  });
});
