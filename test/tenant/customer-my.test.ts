// The tenant endpoint: the exact body of the help-center example, and no tenant ever sees another's.
import { ADMIN, DEFAULT_FIXTURES, DEFAULT_TENANT_UID, SECOND_TENANT_UID, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
});
afterAll(() => emu.close());

describe("GET /c42api/v3/customer/my and /api/v3/customer/my", () => {
  it.each(["/c42api/v3/customer/my", "/api/v3/customer/my"])("%s answers the tenant in the v3 wrapper", async (path) => {
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await emu.http.get(path).set("Authorization", `v3_user_token ${token}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        name: "Code42 Emulator",
        registrationKey: "EMUL-ATOR-0000-4200",
        deploymentModel: "PUBLIC",
        maintenanceMode: false,
        tenantUid: DEFAULT_TENANT_UID,
        masterServicesAgreement: { accepted: true, acceptanceRequired: false },
      },
      error: null,
      warnings: null,
    });
    // Same keys in the same order as the seed's example.
    expect(Object.keys(res.body.data)).toEqual(["name", "registrationKey", "deploymentModel", "maintenanceMode", "tenantUid", "masterServicesAgreement"]);
    expect(res.body.data.tenantUid).toHaveLength(36);
  });
});

describe("tenant isolation", () => {
  it("the same username in another tenant signs in to that tenant, by its own password", async () => {
    const tokenB = await emu.tokenFor(ADMIN.username, "other-password");
    const tokenA = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const b = await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${tokenB}`);
    const a = await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${tokenA}`);
    expect(b.body.data).toMatchObject({ tenantUid: SECOND_TENANT_UID, name: "Other Tenant" });
    expect(a.body.data).toMatchObject({ tenantUid: DEFAULT_TENANT_UID, name: "Code42 Emulator" });
  });

  it("a tenant-B token reads only tenant B's user and orgs", async () => {
    const tokenB = await emu.tokenFor(ADMIN.username, "other-password");
    const me = await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${tokenB}`);
    expect(me.body.data).toMatchObject({ userUid: "777000000000000101", orgUid: "777000000000000001" });
    const orgs = await emu.http.get("/api/v1/Org").set("Authorization", `Bearer ${tokenB}`);
    expect(orgs.body.data.totalCount).toBe(1);
    expect(orgs.body.data.orgs.map((o: { orgName: string }) => o.orgName)).toEqual(["Other Root"]);
  });

  it("a tenant-B API client reads tenant B", async () => {
    const token = (await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("other_client", "other_secret")).body.access_token;
    const res = await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${token}`);
    expect(res.body.data.tenantUid).toBe(SECOND_TENANT_UID);
  });
});
