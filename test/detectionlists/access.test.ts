// Who may use the detection lists: Customer Cloud Admins of the tenant named in the body, nobody else.
import { ADMIN, DEFAULT_FIXTURES, DEFAULT_TENANT_UID, SECOND_TENANT_UID, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { BOB, detectionLists } from "../helpers/detectionlists.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
});
afterAll(() => emu.close());

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";
const asUser = async (username: string, password = "password") => detectionLists(emu, await emu.tokenFor(username, password), "Bearer");

describe("detection-list access", () => {
  it("a Desktop User gets 403", async () => {
    const post = await asUser("alice.adams@example.com");
    const res = await post("departingemployee/search", { tenantId: DEFAULT_TENANT_UID });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ "pop-bulletin": { "type$": `${DLM}Forbidden`, "text$": expect.stringContaining("Customer Cloud Admin"), details: [] } });
  });

  it("an Org Admin gets 403: the lists are tenant-wide", async () => {
    const post = await asUser("org.admin@example.com");
    expect((await post("highriskemployee/search", { tenantId: DEFAULT_TENANT_UID })).status).toBe(403);
  });

  it("an admin naming another tenant's id gets 403, and sees nothing of it", async () => {
    const post = await asUser(ADMIN.username, ADMIN.password);
    const res = await post("departingemployee/search", { tenantId: SECOND_TENANT_UID });
    expect(res.status).toBe(403);
    expect(res.body["pop-bulletin"]["text$"]).toBe(`Not authorized for tenant ${SECOND_TENANT_UID}`);
  });

  it("tenant B's admin cannot reach tenant A's users through its own tenant id", async () => {
    const post = await asUser(ADMIN.username, "other-password");
    const own = await post("departingemployee/search", { tenantId: SECOND_TENANT_UID });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ items: [], totalCount: 0 });
    expect((await post("departingemployee/get", { tenantId: SECOND_TENANT_UID, userId: BOB })).status).toBe(404);
    expect((await post("user/getbyid", { tenantId: SECOND_TENANT_UID, userId: BOB })).status).toBe(400);
    expect((await post("departingemployee/add", { tenantId: SECOND_TENANT_UID, userId: BOB })).status).toBe(400);
  });

  it("an API client with the Customer Cloud Admin role may call them", async () => {
    const token = (await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("client_id", "secret")).body.access_token;
    const post = detectionLists(emu, token, "Bearer");
    const res = await post("departingemployee/get", { tenantId: DEFAULT_TENANT_UID, userId: BOB });
    expect(res.status).toBe(200);
  });

  it("no token is a 401 bulletin", async () => {
    const res = await emu.http.post("/svc/api/v2/departingemployee/search").send({ tenantId: DEFAULT_TENANT_UID });
    expect(res.status).toBe(401);
    expect(res.body["pop-bulletin"]["type$"]).toBe(`${DLM}Unauthorized`);
  });

  it("a body that is not JSON is a 415 bulletin", async () => {
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await emu.http.post("/svc/api/v2/departingemployee/search").set("Authorization", `Bearer ${token}`).set("Content-Type", "text/plain").send("tenantId=x");
    expect(res.status).toBe(415);
    expect(res.body["pop-bulletin"]).toMatchObject({ "type$": `${DLM}UnsupportedMediaType`, details: [] });
  });
});
