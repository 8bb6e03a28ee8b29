// User administration through the paths py42 1.26 and code42cli 1.14 call.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ROOT_UID = "890854247383106706";
const ENGINEERING_UID = "1007759454961904673";
const v1 = (name: string) => [{ name, description: expect.any(String) }];
const get = (path: string) => emu.http.get(path).set("Authorization", auth);
const post = (path: string, body?: object) => (body ? emu.http.post(path).set("Authorization", auth).send(body) : emu.http.post(path).set("Authorization", auth));
const put = (path: string, body: object) => emu.http.put(path).set("Authorization", auth).send(body);
const usernames = (res: { body: { data: { users: { username: string }[] } } }) => res.body.data.users.map((u) => u.username);

describe("GET /api/v1/User", () => {
  it("lists the tenant's users in the v1 envelope, paged", async () => {
    const res = await get("/api/v1/User?pgNum=1&pgSize=500&incRoles=False");
    expect(res.status).toBe(200);
    expect(res.body.data.totalCount).toBe(9);
    expect(res.body.data.users).toHaveLength(9);
    expect(res.body.data.users[0]).not.toHaveProperty("roles");
    const p2 = await get("/api/v1/User?pgNum=2&pgSize=4");
    expect(p2.body.data.users.map((u: { userId: number }) => u.userId)).toEqual([4205, 4206, 4207, 4208]);
    expect((await get("/api/v1/User?pgNum=4&pgSize=4")).body.data.users).toEqual([]);
  });

  it("username= finds one user, case-insensitively; an unknown username is 200 with an empty list", async () => {
    expect(usernames(await get("/api/v1/User?username=Bob.Brown%40example.com"))).toEqual(["bob.brown@example.com"]);
    const none = await get("/api/v1/User?username=ghost%40example.com");
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual({ totalCount: 0, users: [] });
  });

  it("incRoles=True adds role names", async () => {
    const res = await get("/api/v1/User?username=org.admin%40example.com&incRoles=True");
    expect(res.body.data.users[0].roles).toEqual(["Desktop User", "Org Admin"]);
  });

  it("filters: orgUid includes child orgs; active; roleId; email; q", async () => {
    expect((await get(`/api/v1/User?orgUid=${ROOT_UID}`)).body.data.totalCount).toBe(9);
    expect(usernames(await get(`/api/v1/User?orgUid=${ENGINEERING_UID}`)).sort()).toEqual(["alice.adams@example.com", "bob.brown@example.com", "new.hire@example.com", "org.admin@example.com"]);
    expect((await get("/api/v1/User?roleId=customer-cloud-admin")).body.data.totalCount).toBe(3);
    expect(usernames(await get("/api/v1/User?email=carol.clark%40example.com"))).toEqual(["carol.clark@example.com"]);
    expect(usernames(await get("/api/v1/User?q=DAVIS"))).toEqual(["dave.davis@example.com"]);
    expect((await get("/api/v1/User?q=%25")).body.data.totalCount).toBe(0);
    await post("/api/v3/users/942897397520280007/deactivate", { block: null });
    expect(usernames(await get("/api/v1/User?active=False"))).toEqual(["dave.davis@example.com"]);
    expect((await get("/api/v1/User?active=True")).body.data.totalCount).toBe(8);
  });

  it("an unknown orgUid is the 400 py42 maps to Py42OrgNotFoundError", async () => {
    const res = await get("/api/v1/User?orgUid=123456789");
    expect(res.status).toBe(400);
    expect(res.text).toContain("Organization was not found");
  });
});

describe("GET /api/v1/User/{id}", () => {
  it("by numeric userId, and by userUid with idType=uid; the two never mix", async () => {
    expect((await get("/api/v1/User/4206")).body.data.username).toBe("bob.brown@example.com");
    expect((await get("/api/v1/User/942897397520280005?idType=uid")).body.data.userId).toBe(4206);
    expect((await get("/api/v1/User/942897397520280005")).status).toBe(404);
    expect((await get("/api/v1/User/4206?idType=uid")).status).toBe(404);
    expect((await get("/api/v1/User/99999")).body).toEqual(v1("SYSTEM"));
  });
});

describe("POST /api/v1/User", () => {
  const body = { orgUid: ENGINEERING_UID, username: "erin.evans@example.com", email: "erin.evans@example.com", password: "correct horse", firstName: "Erin", lastName: "Evans", notes: null };

  it("creates the user (200), who can sign in, is a Desktop User and has a detection-list profile", async () => {
    const res = await post("/api/v1/User", body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ userId: expect.any(Number), userUid: expect.stringMatching(/^\d{18}$/), username: body.username, orgUid: ENGINEERING_UID, orgName: "Engineering", status: "Active", quotaInBytes: -1 });
    await emu.tokenFor(body.username, body.password);
    const roles = await get(`/api/v3/users/${res.body.data.userUid}/roles`);
    expect(roles.body.data.map((r: { roleId: string }) => r.roleId)).toEqual(["desktop-user"]);
    const profile = await emu.http
      .post("/svc/api/v2/user/getbyusername")
      .set("Authorization", auth)
      .send({ tenantId: DEFAULT_TENANT_UID, username: body.username });
    expect(profile.body).toMatchObject({ "type$": "USER_V2", userId: res.body.data.userUid, cloudUsernames: [body.username] });
  });

  it("a username that exists is a 500 USER_DUPLICATE (py42's Py42UserAlreadyExistsError), twice alike", async () => {
    const first = await post("/api/v1/User", { ...body, username: "Bob.Brown@example.com" });
    const second = await post("/api/v1/User", { ...body, username: "Bob.Brown@example.com" });
    expect(first.status).toBe(500);
    expect(first.body).toEqual(v1("USER_DUPLICATE"));
    expect(second.body).toEqual(first.body);
    expect((await get("/api/v1/User")).body.data.totalCount).toBe(9);
  });

  it.each([
    [{ email: "not-an-email" }, "EMAIL_INVALID"],
    [{ password: "short" }, "NEW_PASSWORD_INVALID"],
    [{ username: "has space" }, "INVALID_USERNAME"],
  ])("%j is refused with %s and nothing is written", async (change, name) => {
    const res = await post("/api/v1/User", { ...body, ...change });
    expect(res.status).toBe(500);
    expect(res.body).toEqual(v1(name));
    expect((await get("/api/v1/User")).body.data.totalCount).toBe(9);
  });

  it("an unknown org is a 400 'Organization was not found'", async () => {
    const res = await post("/api/v1/User", { ...body, orgUid: "42" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Organization was not found");
  });
});

describe("PUT /api/v1/User/{uid}?idType=uid", () => {
  it("changes only the fields given (code42cli sends every value as a string, null for the rest)", async () => {
    const res = await put("/api/v1/User/942897397520280006?idType=uid", {
      username: null,
      email: "carol@new.example",
      password: null,
      firstName: "Caroline",
      lastName: null,
      notes: "moved desks",
      quotaInBytes: "12345",
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ username: "carol.clark@example.com", email: "carol@new.example", firstName: "Caroline", lastName: "Clark", notes: "moved desks", quotaInBytes: 12345 });
  });

  it("a new name reaches the detection lists (the entry's displayName)", async () => {
    await put("/api/v1/User/942897397520280005?idType=uid", { firstName: "Robert" });
    const item = await emu.http.post("/svc/api/v2/departingemployee/get").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: "942897397520280005" });
    expect(item.body.displayName).toBe("Robert Brown");
  });

  it("a new password replaces the old one", async () => {
    await put("/api/v1/User/942897397520280006?idType=uid", { password: "new-password-1" });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("carol.clark@example.com", "password")).status).toBe(401);
    await emu.tokenFor("carol.clark@example.com", "new-password-1");
  });

  it.each([
    [{ email: "nope" }, "EMAIL_INVALID"],
    [{ password: "123" }, "NEW_PASSWORD_INVALID"],
    [{ username: "a b" }, "INVALID_USERNAME"],
    [{ username: "bob.brown@example.com" }, "USER_DUPLICATE"],
  ])("%j is a 500 %s and changes nothing", async (change, name) => {
    const before = (await get("/api/v1/User/4207")).body.data;
    const res = await put("/api/v1/User/942897397520280006?idType=uid", change);
    expect(res.status).toBe(500);
    expect(res.body).toEqual(v1(name));
    expect((await get("/api/v1/User/4207")).body.data).toEqual(before);
  });
});

describe("v3 user actions", () => {
  const CAROL = "942897397520280006";
  const status = async () => (await get(`/api/v1/User/${CAROL}?idType=uid`)).body.data;

  it("block and unblock, both idempotent; a blocked user can neither sign in nor use a token", async () => {
    const token = await emu.tokenFor("carol.clark@example.com", "password");
    expect((await post(`/api/v3/users/${CAROL}/unblock`)).status).toBe(204);
    expect((await post(`/api/v3/users/${CAROL}/block`)).status).toBe(204);
    expect((await post(`/api/v3/users/${CAROL}/block`)).status).toBe(204);
    expect(await status()).toMatchObject({ status: "Blocked", blocked: true, active: true });
    expect((await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${token}`)).status).toBe(401);
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("carol.clark@example.com", "password")).status).toBe(401);
    await post(`/api/v3/users/${CAROL}/unblock`);
    expect(await status()).toMatchObject({ status: "Active", blocked: false });
  });

  it("deactivate {block: null} and activate {unblock: null}; with block/unblock true both flags move", async () => {
    expect((await post(`/api/v3/users/${CAROL}/deactivate`, { block: null })).status).toBe(204);
    expect(await status()).toMatchObject({ status: "Deactivated", active: false, blocked: false });
    await post(`/api/v3/users/${CAROL}/activate`, { unblock: null });
    expect(await status()).toMatchObject({ status: "Active", active: true });
    await post(`/api/v3/users/${CAROL}/deactivate`, { block: true });
    expect(await status()).toMatchObject({ active: false, blocked: true });
    await post(`/api/v3/users/${CAROL}/activate`, { unblock: true });
    expect(await status()).toMatchObject({ active: true, blocked: false });
  });

  it("move {orgId} changes the user's org; an unknown org is a 404", async () => {
    expect((await post(`/api/v3/users/${CAROL}/move`, { orgId: 1002 })).status).toBe(204);
    expect(await status()).toMatchObject({ orgId: 1002, orgName: "Engineering" });
    expect((await post(`/api/v3/users/${CAROL}/move`, { orgId: 77 })).status).toBe(404);
  });

  it("an unknown user uid is a 404 in the v3 envelope", async () => {
    const res = await post("/api/v3/users/123/block");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ data: null, error: [{ primaryErrorKey: "SYSTEM", otherErrors: null, description: "User not found" }], warnings: null });
  });
});

describe("roles", () => {
  const CAROL = "942897397520280006";

  it("GET /api/v1/role lists the catalogue with user counts (py42 iterates the list)", async () => {
    const res = await get("/api/v1/role");
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
    expect(res.body.data.find((r: { roleName: string }) => r.roleName === "Desktop User")).toMatchObject({ roleId: "desktop-user", numberOfUsers: 9, permissions: expect.any(Array) });
    expect(res.body.data.find((r: { roleId: string }) => r.roleId === "customer-cloud-admin").numberOfUsers).toBe(3);
  });

  it("py42's add_role sequence: GET roles, PUT the complete set (a duplicate id is folded)", async () => {
    const current = (await get(`/api/v3/users/${CAROL}/roles`)).body.data.map((r: { roleId: string }) => r.roleId);
    expect(current).toEqual(["desktop-user"]);
    expect((await put(`/api/v3/users/${CAROL}/roles`, { roleIds: [...current, "alert-emails", "desktop-user"] })).status).toBe(204);
    const after = await get(`/api/v3/users/${CAROL}/roles`);
    expect(after.body).toEqual({
      data: [
        { roleId: "alert-emails", roleName: "Alert Emails", creationDate: expect.any(String), modificationDate: expect.any(String), permissionIds: ["admin.receives_alert.email"] },
        { roleId: "desktop-user", roleName: "Desktop User", creationDate: expect.any(String), modificationDate: expect.any(String), permissionIds: ["desktop.login"] },
      ],
      error: null,
      warnings: null,
    });
    await put(`/api/v3/users/${CAROL}/roles`, { roleIds: ["alert-emails"] });
    expect((await get(`/api/v3/users/${CAROL}/roles`)).body.data.map((r: { roleId: string }) => r.roleId)).toEqual(["alert-emails"]);
  });

  it("an unknown role id is a 400 and changes nothing", async () => {
    const res = await put(`/api/v3/users/${CAROL}/roles`, { roleIds: ["desktop-user", "wizard"] });
    expect(res.status).toBe(400);
    expect((await get(`/api/v3/users/${CAROL}/roles`)).body.data.map((r: { roleId: string }) => r.roleId)).toEqual(["desktop-user"]);
  });
});

describe("SCIM data", () => {
  it("GET /api/v18/scim-user-data/collated-view?userId=<uid> answers the identity provider's attributes", async () => {
    const res = await get("/api/v18/scim-user-data/collated-view?userId=942897397520280004");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: "942897397520280004", username: "alice.adams@example.com", title: "Software Engineer", department: "Engineering", managerUsername: "test.user@example.com" });
    expect((await get("/api/v7/scim-user-data/collated-view?userId=942897397520280004")).body).toEqual(res.body);
  });
});
