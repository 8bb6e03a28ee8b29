// SCIM groups (the Code42 roles, and the groups a provider pushes), discovery, and the protocol's finer points.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { CORE, ENTERPRISE, GROUP, LIST, scimClient, scimError } from "../helpers/scim.js";

const emu = emulatorPerFile();
let admin: string;
beforeEach(async () => {
  admin = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ALICE = "942897397520280004"; // provisioned by okta in the default fixtures

const okta = () => scimClient(emu, "okta", "okta-scim-token");
const error = scimError;
const newUser = async (userName: string) => (await okta().post("/Users", { schemas: [CORE], userName })).body.id as string;

describe("pushed groups", () => {
  it("create, rename, fill, empty and delete, as Okta's Push Groups does", async () => {
    const bea = await newUser("bea.push@example.com");
    const created = await okta().post("/Groups", { schemas: [GROUP], displayName: "Engineering Leads", externalId: "00g1", members: [{ value: ALICE }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.location).toMatch(new RegExp(`/scim/okta/v2/Groups/${id}$`));
    expect(created.body).toEqual({
      schemas: [GROUP],
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      externalId: "00g1",
      displayName: "Engineering Leads",
      members: [{ value: ALICE, display: "alice.adams@example.com", type: "User", $ref: expect.stringContaining(`/scim/okta/v2/Users/${ALICE}`) }],
      meta: { resourceType: "Group", created: expect.any(String), lastModified: expect.any(String), location: expect.stringContaining(`/Groups/${id}`) },
    });
    expect((await okta().post("/Groups", { schemas: [GROUP], displayName: "engineering leads" })).body).toEqual(error(409, "uniqueness"));

    expect((await okta().patch(`/Groups/${id}`, [{ op: "replace", value: { id, displayName: "Eng Leads" } }])).body.displayName).toBe("Eng Leads");
    expect((await okta().patch(`/Groups/${id}`, [{ op: "add", path: "members", value: [{ value: bea }] }])).body.members.map((m: { value: string }) => m.value)).toEqual([ALICE, bea]);
    expect((await okta().patch(`/Groups/${id}`, [{ op: "remove", path: `members[value eq "${ALICE}"]` }])).body.members.map((m: { value: string }) => m.value)).toEqual([bea]);
    const put = await okta().put(`/Groups/${id}`, { schemas: [GROUP], displayName: "Leads", members: [{ value: ALICE }, { value: bea }] });
    expect(put.body).toMatchObject({ displayName: "Leads", members: [{ value: ALICE }, { value: bea }] });
    expect((await okta().patch(`/Groups/${id}`, [{ op: "remove", path: "members" }])).body.members).toEqual([]);

    expect((await okta().del(`/Groups/${id}`)).status).toBe(204);
    expect((await okta().get(`/Groups/${id}`)).body).toEqual(error(404));
    // The users stay.
    expect((await okta().get(`/Users/${bea}`)).status).toBe(200);
  });

  it("members are the provider's users; another provider sees neither the group nor can change it", async () => {
    const id = (await okta().post("/Groups", { schemas: [GROUP], displayName: "Mine" })).body.id;
    expect((await okta().patch(`/Groups/${id}`, [{ op: "add", path: "members", value: [{ value: "942897397520289999" }] }])).body).toEqual(error(400, "invalidValue"));
    expect((await okta().patch(`/Groups/${id}`, [{ op: "add", path: "members", value: "string id 1" }])).status).toBe(400);
    const entra = (p: string) => emu.http.get(`/scim/entra/v2${p}`).set("Authorization", "Bearer entra-scim-token");
    expect((await entra(`/Groups/${id}`)).status).toBe(404);
    expect((await entra("/Groups")).body.Resources.map((g: { displayName: string }) => g.displayName)).not.toContain("Mine");
  });

  it("the roles are groups too: fixed names, not deletable, members grant the role", async () => {
    const list = await okta().get("/Groups?excludedAttributes=members");
    expect(list.body.Resources[0]).toEqual({ schemas: [GROUP], id: "customer-cloud-admin", displayName: "Customer Cloud Admin", meta: expect.objectContaining({ resourceType: "Group" }) });
    expect((await okta().get("/Groups/desktop-user")).body.members).toEqual([expect.objectContaining({ value: ALICE })]);
    expect((await okta().patch("/Groups/alert-emails", [{ op: "add", path: "members", value: [{ value: ALICE }] }])).body.members).toEqual([expect.objectContaining({ value: ALICE })]);
    const roles = await emu.http.get(`/api/v3/users/${ALICE}/roles`).set("Authorization", admin);
    expect(roles.body.data.map((r: { roleId: string }) => r.roleId)).toContain("alert-emails");
    expect((await okta().patch("/Groups/alert-emails", [{ op: "replace", path: "displayName", value: "Alerts" }])).body).toEqual(error(400, "mutability"));
    expect((await okta().del("/Groups/alert-emails")).body).toEqual(error(400, "mutability"));
  });

  it("pages, filters and leaves out members when asked", async () => {
    for (const name of ["G1", "G2", "G3"]) await okta().post("/Groups", { schemas: [GROUP], displayName: name });
    const all = (await okta().get("/Groups")).body;
    const page = await okta().get("/Groups?startIndex=2&count=2&excludedAttributes=members");
    expect(page.body).toMatchObject({ schemas: [LIST], totalResults: all.totalResults, startIndex: 2, itemsPerPage: 2 });
    expect(page.body.Resources.map((g: { id: string }) => g.id)).toEqual(all.Resources.slice(1, 3).map((g: { id: string }) => g.id));
    expect(page.body.Resources.every((g: object) => !("members" in g))).toBe(true);
    const found = await okta().get(`/Groups?filter=${encodeURIComponent('displayName eq "G2"')}`);
    expect(found.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(["G2"]);
    const sw = await okta().get(`/Groups?filter=${encodeURIComponent('displayName sw "G" and not (displayName eq "G1")')}`);
    expect(sw.body.Resources.map((g: { displayName: string }) => g.displayName)).toEqual(["G2", "G3"]);
  });
});

describe("discovery", () => {
  it("resource types and schemas one by one; the list's locations lead to them", async () => {
    expect((await okta().get("/ResourceTypes/User")).body).toMatchObject({ id: "User", endpoint: "/Users", schema: CORE, schemaExtensions: [{ schema: ENTERPRISE, required: false }] });
    expect((await okta().get("/ResourceTypes/Group")).body).toMatchObject({ id: "Group", endpoint: "/Groups", schema: GROUP });
    expect((await okta().get("/ResourceTypes/Device")).body).toEqual(error(404));
    const schemas = (await okta().get("/Schemas")).body;
    expect(schemas.Resources.map((s: { id: string }) => s.id)).toEqual([CORE, ENTERPRISE, GROUP]);
    for (const s of schemas.Resources) {
      expect(s.description).toEqual(expect.any(String));
      expect(s.attributes.every((a: { description?: string }) => typeof a.description === "string")).toBe(true);
      const path = new URL(s.meta.location).pathname.replace("/scim/okta/v2", "");
      expect((await okta().get(path)).body).toEqual(s);
    }
    expect(schemas.Resources[0].description).toBe("User Account");
    expect((await okta().get("/Schemas/urn:nothing")).body).toEqual(error(404));
  });
});

describe("protocol", () => {
  it("attributes and excludedAttributes choose what is returned; id, schemas and meta always are", async () => {
    const only = await okta().get("/Users?attributes=userName,name.familyName");
    expect(only.body.Resources[0]).toEqual({ schemas: [CORE, ENTERPRISE], id: ALICE, userName: "alice.adams@example.com", name: { familyName: "Adams" }, meta: expect.any(Object) });
    const one = await okta().get(`/Users/${ALICE}?excludedAttributes=emails,${ENTERPRISE}:department,name`);
    expect(one.body).not.toHaveProperty("emails");
    expect(one.body).not.toHaveProperty("name");
    expect(one.body[ENTERPRISE]).not.toHaveProperty("department");
    expect(one.body[ENTERPRISE]).toHaveProperty("division", "Product");
    // The extension named by its URN alone (which holds a dot, "2.0") is left out whole, or kept whole.
    const noExtension = await okta().get(`/Users/${ALICE}?excludedAttributes=${ENTERPRISE}`);
    expect(noExtension.body).not.toHaveProperty([ENTERPRISE]);
    expect(noExtension.body).toHaveProperty("userName");
    const onlyExtension = await okta().get(`/Users/${ALICE}?attributes=${ENTERPRISE}`);
    expect(Object.keys(onlyExtension.body)).toEqual(["schemas", "id", "meta", ENTERPRISE]);
    expect(onlyExtension.body[ENTERPRISE]).toHaveProperty("division", "Product");
  });

  it("a startIndex below 1 is 1 and a negative count is 0", async () => {
    expect((await okta().get("/Users?startIndex=0&count=5")).body).toMatchObject({ startIndex: 1, itemsPerPage: 1, totalResults: 1 });
    expect((await okta().get("/Users?startIndex=-3&count=-1")).body).toEqual({ schemas: [LIST], totalResults: 1, startIndex: 1, itemsPerPage: 0, Resources: [] });
  });

  it("the user rules are the ones every other way of making a user obeys, said in SCIM's words", async () => {
    const long = `${"a".repeat(250)}@example.com`;
    expect((await okta().post("/Users", { schemas: [CORE], userName: long })).body).toEqual(error(400, "invalidValue"));
    expect((await okta().post("/Users", { schemas: [CORE], userName: "ok@example.com", emails: [{ type: "work", value: "not-an-address" }] })).body).toEqual(error(400, "invalidValue"));
    expect((await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: "userName", value: long }])).body).toEqual(error(400, "invalidValue"));
    // The same username through the legacy API: its own words for the same rule.
    const legacy = await emu.http.post("/api/v1/User").set("Authorization", admin).send({ orgUid: "1007759454961904673", username: long });
    expect(legacy.status).toBe(500);
    expect(JSON.stringify(legacy.body)).toContain("INVALID_USERNAME");
  });

  it("malformed JSON is invalidSyntax, a missing userName invalidValue", async () => {
    expect((await okta().post("/Users", '{"userName": "x", ')).body).toEqual(error(400, "invalidSyntax"));
    expect((await okta().post("/Users", { schemas: [CORE], name: { givenName: "X" } })).body).toEqual(error(400, "invalidValue"));
  });

  it.each([
    ['userName eq "alice.adams@example.com" or userName eq "nobody@example.com"', 1],
    ['userName co "adams"', 1],
    ['userName sw "ALICE"', 1],
    ['userName ew "@example.org"', 0],
    ["title pr", 1],
    ['not (userName eq "alice.adams@example.com")', 0],
    ['name.familyName eq "Adams" and (emails.value co "example.com" or emails.value co "example.org")', 1],
    ['emails[type eq "work" and value co "alice"]', 1],
    ['meta.created gt "2000-01-01T00:00:00Z"', 1],
    [`${ENTERPRISE}:department eq "Engineering"`, 1],
  ])("filter %s finds %i", async (filter, n) => {
    const res = await okta().get(`/Users?filter=${encodeURIComponent(filter)}`);
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(n);
  });

  it.each(['shoeSize eq "9"', 'userName eq "a" and', "userName xx 1"])("filter %s is invalidFilter", async (filter) => {
    expect((await okta().get(`/Users?filter=${encodeURIComponent(filter)}`)).body).toEqual(error(400, "invalidFilter"));
  });
});
