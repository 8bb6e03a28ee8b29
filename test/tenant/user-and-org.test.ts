// py42's sign-in path: GET /api/v1/User/my, and the org list it resolves org guids from.
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let auth: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
afterAll(() => emu.close());

const metadata = { timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/), params: expect.any(Object) };

describe("GET /api/v1/User/my", () => {
  it("answers the caller in the v1 envelope, with the fields py42 and code42cli read", async () => {
    const res = await emu.http.get("/api/v1/User/my").set("Authorization", auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      metadata,
      data: {
        userId: 4201,
        userUid: "942897397520289999",
        status: "Active",
        username: "test.user@example.com",
        email: "test.user@example.com",
        firstName: "Test",
        lastName: "User",
        quotaInBytes: -1,
        orgId: 1001,
        orgUid: "890854247383106706",
        orgName: "Code42 Emulator",
        userExtRef: null,
        notes: null,
        active: true,
        blocked: false,
        emailPromo: false,
        invited: false,
        orgType: "ENTERPRISE",
        usernameIsAnEmail: true,
        creationDate: expect.any(String),
        modificationDate: expect.any(String),
        passwordReset: false,
        localAuthenticationOnly: false,
        licenses: [],
      },
    });
  });

  it("with incRoles=True lists role names", async () => {
    const res = await emu.http.get("/api/v1/User/my?incRoles=True").set("Authorization", auth);
    expect(res.body.data.roles).toEqual(["Customer Cloud Admin", "Desktop User"]);
    expect(res.body.metadata.params).toEqual({ incRoles: "True" });
  });
});

describe("GET /api/v1/Org", () => {
  it("lists the root org first, then its child, with the ids py42 maps to guids", async () => {
    const res = await emu.http.get("/api/v1/Org?pgNum=1&pgSize=500").set("Authorization", auth);
    expect(res.status).toBe(200);
    expect(res.body.data.totalCount).toBe(2);
    const [root, child] = res.body.data.orgs;
    expect(root).toMatchObject({ orgId: 1001, orgUid: "890854247383106706", orgGuid: "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c", parentOrgId: null, status: "Active" });
    expect(child).toMatchObject({ orgId: 1002, orgName: "Engineering", parentOrgId: 1001, parentOrgUid: "890854247383106706", parentOrgGuid: "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c" });
  });

  it("pages, and answers an empty page past the end (py42 stops on a short page)", async () => {
    const p1 = await emu.http.get("/api/v1/Org?pgNum=1&pgSize=1").set("Authorization", auth);
    const p2 = await emu.http.get("/api/v1/Org?pgNum=2&pgSize=1").set("Authorization", auth);
    const p3 = await emu.http.get("/api/v1/Org?pgNum=3&pgSize=1").set("Authorization", auth);
    expect(p1.body.data.orgs.map((o: { orgId: number }) => o.orgId)).toEqual([1001]);
    expect(p2.body.data.orgs.map((o: { orgId: number }) => o.orgId)).toEqual([1002]);
    expect(p3.body.data).toEqual({ totalCount: 2, orgs: [] });
  });

  it("a non-numeric pgSize is a 400 in the v1 envelope", async () => {
    const res = await emu.http.get("/api/v1/Org?pgSize=lots").set("Authorization", auth);
    expect(res.status).toBe(400);
    expect(res.body).toEqual([{ name: "INVALID_REQUEST", description: expect.stringContaining("pgSize") }]);
  });
});

describe("GET /api/v1/Org/my", () => {
  it("answers the caller's org", async () => {
    const res = await emu.http.get("/api/v1/Org/my").set("Authorization", auth);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orgId: 1001, orgName: "Code42 Emulator" });
  });
});
