// SCIM provisioning as Okta and Microsoft Entra ID drive it, checked on the Code42 side.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { CORE, ENTERPRISE, scimClient, scimError } from "../helpers/scim.js";

const emu = emulatorPerFile();
let admin: string;
beforeEach(async () => {
  admin = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const scim = (provider: string, token: string) => scimClient(emu, provider, token);
const code42User = async (username: string) => (await emu.http.get(`/api/v1/User?username=${encodeURIComponent(username)}`).set("Authorization", admin)).body.data.users[0];
const profile = async (username: string) => {
  const p = await emu.http.post("/svc/api/v2/user/getbyusername").set("Authorization", admin).send({ tenantId: DEFAULT_TENANT_UID, username });
  const uid = p.body.userId as string;
  return (await emu.http.post("/svc/api/v2/user/refresh").set("Authorization", admin).send({ tenantId: DEFAULT_TENANT_UID, userId: uid })).body;
};

describe("an Okta-style lifecycle", () => {
  const okta = () => scim("okta", "okta-scim-token");

  it("find by userName, create, patch attributes, deactivate and reactivate with Okta's forms", async () => {
    const search = await okta().get(`/Users?filter=${encodeURIComponent('userName eq "pat.okta@example.com"')}&startIndex=1&count=100`);
    expect(search.status).toBe(200);
    expect(search.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(search.body).toEqual({ schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });

    const created = await okta().post("/Users", {
      schemas: [CORE, ENTERPRISE],
      userName: "pat.okta@example.com",
      name: { givenName: "Pat", familyName: "Okta" },
      emails: [{ primary: true, value: "pat.okta@example.com", type: "work" }],
      active: true,
      title: "Analyst",
      externalId: "00u1okta",
      [ENTERPRISE]: { department: "Finance", division: "Corporate", costCenter: "CC-7", manager: { value: "942897397520289999" } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.location).toMatch(new RegExp(`/scim/okta/v2/Users/${id}$`));
    expect(created.body).toMatchObject({
      schemas: [CORE, ENTERPRISE],
      id: expect.stringMatching(/^\d{18}$/),
      externalId: "00u1okta",
      userName: "pat.okta@example.com",
      name: { givenName: "Pat", familyName: "Okta", formatted: "Pat Okta" },
      emails: [{ value: "pat.okta@example.com", type: "work", primary: true }],
      active: true,
      title: "Analyst",
      [ENTERPRISE]: { department: "Finance", division: "Corporate", costCenter: "CC-7", manager: { value: "942897397520289999", displayName: "Test User" } },
      meta: { resourceType: "User", location: expect.stringContaining(`/Users/${id}`) },
    });
    // The Code42 side: a user in the provider's org, with a detection-list profile showing the SCIM attributes.
    expect(await code42User("pat.okta@example.com")).toMatchObject({ userUid: id, orgName: "Engineering", status: "Active", userExtRef: "00u1okta" });
    expect(await profile("pat.okta@example.com")).toMatchObject({ title: "Analyst", department: "Finance", division: "Corporate", managerUid: "942897397520289999", managerUsername: "test.user@example.com", managerDisplayName: "Test User" });

    expect((await okta().get(`/Users?filter=${encodeURIComponent('userName eq "pat.okta@example.com"')}`)).body.Resources.map((r: { id: string }) => r.id)).toEqual([id]);

    const patched = await okta().patch(`/Users/${id}`, [{ op: "replace", value: { title: "Senior Analyst", name: { familyName: "Okta-Smith" } } }]);
    expect(patched.body).toMatchObject({ title: "Senior Analyst", name: { givenName: "Pat", familyName: "Okta-Smith" } });

    // Deprovisioned: blocked at once (deactivated after the grace period: provisioning.test.ts).
    const off = await okta().patch(`/Users/${id}`, [{ op: "replace", value: { active: false } }]);
    expect(off.body.active).toBe(false);
    expect(await code42User("pat.okta@example.com")).toMatchObject({ blocked: true, active: true });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("pat.okta@example.com", "whatever-pass")).status).toBe(401);

    const on = await okta().patch(`/Users/${id}`, [{ op: "replace", value: { active: true } }]);
    expect(on.body.active).toBe(true);
    expect((await code42User("pat.okta@example.com")).status).toBe("Active");
  });

  it("PUT replaces the user, clearing what it leaves out", async () => {
    const id = (await okta().post("/Users", { schemas: [CORE], userName: "rep@example.com", title: "Old", name: { givenName: "Re", familyName: "Place" } })).body.id;
    const put = await okta().put(`/Users/${id}`, { schemas: [CORE], userName: "rep@example.com", name: { givenName: "Re" }, active: true });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty("title");
    expect(put.body.name).toEqual({ givenName: "Re", formatted: "Re" });
  });
});

describe("an Entra-style lifecycle", () => {
  const entra = () => scim("entra", "entra-scim-token");

  it("find by externalId, create, patch with paths and string booleans, deactivate through DELETE", async () => {
    const none = await entra().get(`/Users?filter=${encodeURIComponent('externalId eq "e-42"')}`);
    expect(none.body.totalResults).toBe(0);
    const created = await entra().post("/Users", {
      schemas: [CORE, ENTERPRISE],
      externalId: "e-42",
      userName: "sam.entra@example.com",
      active: true,
      displayName: "Sam Entra",
      emails: [{ primary: true, type: "work", value: "sam.entra@example.com" }],
      name: { familyName: "Entra", givenName: "Sam" },
      addresses: [{ type: "work", locality: "Dublin", region: "Leinster", country: "IE", primary: false }],
      [ENTERPRISE]: { employeeNumber: "123", department: "Security" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await entra().get(`/Users?filter=${encodeURIComponent('externalId eq "e-42"')}`)).body.Resources[0].id).toBe(id);
    expect((await entra().get(`/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "sam.entra@example.com" and userName eq "sam.entra@example.com"')}`)).body.totalResults).toBe(1);

    const patched = await entra().patch(`/Users/${id}`, [
      { op: "Replace", path: "title", value: "Engineer" },
      { op: "Add", path: `${ENTERPRISE}:department`, value: "Platform Security" },
      { op: "Replace", path: `${ENTERPRISE}:manager`, value: "942897397520280002" },
      { op: "Replace", path: 'emails[type eq "work"].value', value: "samuel.entra@example.com" },
      { op: "Replace", path: 'addresses[type eq "work"].locality', value: "Cork" },
    ]);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: "Engineer", emails: [{ value: "samuel.entra@example.com" }], addresses: [{ locality: "Cork", region: "Leinster", country: "IE" }], [ENTERPRISE]: { department: "Platform Security", manager: { value: "942897397520280002", displayName: "Olivia Orgadmin" } } });
    expect(await profile("sam.entra@example.com")).toMatchObject({ title: "Engineer", department: "Platform Security", city: "Cork", state: "Leinster", country: "IE", managerUsername: "org.admin@example.com" });

    expect((await entra().patch(`/Users/${id}`, [{ op: "Replace", path: "active", value: "False" }])).body.active).toBe(false);
    expect((await entra().patch(`/Users/${id}`, [{ op: "Replace", path: "active", value: "True" }])).body.active).toBe(true);
    expect((await entra().del(`/Users/${id}`)).status).toBe(204);
    expect((await entra().get(`/Users/${id}`)).status).toBe(404);
    expect(await code42User("sam.entra@example.com")).toMatchObject({ blocked: true });
  });

  it("groups are roles: adding a member grants the role", async () => {
    const carol = (await entra().post("/Users", { schemas: [CORE], userName: "carol.entra@example.com" })).body.id as string;
    const groups = await entra().get(`/Groups?filter=${encodeURIComponent('displayName eq "Alert Emails"')}`);
    expect(groups.body.Resources).toEqual([expect.objectContaining({ id: "alert-emails", displayName: "Alert Emails", members: [] })]);
    const res = await entra().patch("/Groups/alert-emails", [{ op: "Add", path: "members", value: [{ value: carol }] }]);
    expect(res.body.members).toEqual([expect.objectContaining({ value: carol, display: "carol.entra@example.com" })]);
    const roles = await emu.http.get(`/api/v3/users/${carol}/roles`).set("Authorization", admin);
    expect(roles.body.data.map((r: { roleId: string }) => r.roleId)).toContain("alert-emails");
    await entra().patch("/Groups/alert-emails", [{ op: "Remove", path: `members[value eq "${carol}"]` }]);
    expect((await entra().get("/Groups/alert-emails")).body.members).toEqual([]);
  });
});

describe("SCIM errors", () => {
  const okta = () => scim("okta", "okta-scim-token");
  const error = scimError;

  it.each([
    ['shoeSize eq "9"', "invalidFilter"],
    ['userName eq "a" or', "invalidFilter"],
    ['userName xx "x"', "invalidFilter"],
    ['meta.created gt "not a date"', "invalidFilter"],
  ])("a filter of %s is a 400 %s", async (filter, scimType) => {
    const res = await okta().get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(res.body).toEqual(error(400, scimType));
  });

  it("bad PATCH operations are 400s that change nothing", async () => {
    const id = "942897397520280004"; // alice, provisioned by okta
    const before = (await okta().get(`/Users/${id}`)).body;
    expect((await okta().patch(`/Users/${id}`, [{ op: "frobnicate", path: "title", value: "x" }])).body).toEqual(error(400, "invalidValue"));
    expect((await okta().patch(`/Users/${id}`, [{ op: "replace", path: "__proto__", value: "9" }])).body).toEqual(error(400, "invalidPath"));
    expect((await okta().patch(`/Users/${id}`, [{ op: "remove" }])).body).toEqual(error(400, "noTarget"));
    expect((await okta().patch(`/Users/${id}`, [{ op: "replace", path: "active", value: "perhaps" }])).body).toEqual(error(400, "invalidValue"));
    expect((await okta().patch(`/Users/${id}`, [{ op: "replace", path: "title", value: "ok" }, { op: "frobnicate", path: "title", value: 1 }])).status).toBe(400);
    expect((await okta().get(`/Users/${id}`)).body).toEqual(before);
  });

  it("a duplicate userName is a 409 uniqueness, for a create and for a rename", async () => {
    const dup = await okta().post("/Users", { schemas: [CORE], userName: "Bob.Brown@example.com" });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual(error(409, "uniqueness"));
    const rename = await okta().patch("/Users/942897397520280004", [{ op: "replace", path: "userName", value: "bob.brown@example.com" }]);
    expect(rename.status).toBe(409);
  });

  it("an unknown user is 404; a missing userName 400", async () => {
    expect((await okta().get("/Users/123")).body).toEqual(error(404));
    expect((await okta().post("/Users", { schemas: [CORE], name: { givenName: "X" } })).status).toBe(400);
  });

  it("a wrong or missing token is 401; another provider's token does not open this one", async () => {
    expect((await scim("okta", "wrong-token").get("/Users")).status).toBe(401);
    expect((await emu.http.get("/scim/okta/v2/Users")).status).toBe(401);
    expect((await scim("okta", "entra-scim-token").get("/Users")).status).toBe(401);
    expect((await scim("nosuch", "okta-scim-token").get("/Users")).status).toBe(404);
    const basic = await emu.http.get("/scim/onelogin/v2/Users?count=1").auth("onelogin", "onelogin-scim-password");
    expect(basic.status).toBe(200);
    expect(basic.body).toMatchObject({ totalResults: 0, itemsPerPage: 0 });
  });

  it("discovery: ServiceProviderConfig, ResourceTypes, Schemas", async () => {
    expect((await okta().get("/ServiceProviderConfig")).body).toMatchObject({ patch: { supported: true }, filter: { supported: true } });
    expect((await okta().get("/ResourceTypes")).body.Resources.map((r: { id: string }) => r.id)).toEqual(["User", "Group"]);
    expect((await okta().get("/Schemas")).body.Resources.map((r: { id: string }) => r.id)).toEqual([CORE, ENTERPRISE, "urn:ietf:params:scim:schemas:core:2.0:Group"]);
  });

  it("paging with startIndex and count", async () => {
    for (const n of [1, 2, 3, 4]) await okta().post("/Users", { schemas: [CORE], userName: `page.${n}@example.com` });
    const page = await okta().get("/Users?startIndex=3&count=2");
    expect(page.body).toMatchObject({ totalResults: 5, startIndex: 3, itemsPerPage: 2 });
    expect(page.body.Resources.map((r: { userName: string }) => r.userName)).toEqual(["page.2@example.com", "page.3@example.com"]);
  });
});

describe("providers", () => {
  it("the control plane adds a provider with its own base URL; a second with the same id is a 409", async () => {
    const res = await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers`).send({ providerId: "ping", name: "PingFederate", authType: "bearer", token: "ping-scim-token", org: "Engineering" });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ providerId: "ping", tenantUid: DEFAULT_TENANT_UID, baseUrl: expect.stringMatching(/\/scim\/ping\/v2$/) });
    const created = await scim("ping", "ping-scim-token").post("/Users", { schemas: [CORE], userName: "ping.user@example.com" });
    expect(created.status).toBe(201);
    expect((await code42User("ping.user@example.com")).orgName).toBe("Engineering");
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers`).send({ providerId: "ping", authType: "bearer", token: "another-token", org: "Engineering" })).status).toBe(409);
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers`).send({ providerId: "x", authType: "basic", org: "Engineering" })).status).toBe(400);
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers`).send({ providerId: "y", authType: "bearer", token: "tokentoken", org: "Nowhere" })).status).toBe(404);
  });
});
