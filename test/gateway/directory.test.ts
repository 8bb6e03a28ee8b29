// The gateway's departments and directory groups: what identity providers have provisioned (users' departments, pushed
// groups), from fixtures and from SCIM, paged and filtered as the incydr SDK asks.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { CORE, ENTERPRISE, GROUP, scimClient } from "../helpers/scim.js";

const emu = emulatorPerFile();

const ALICE = { id: 4205, username: "alice.adams@example.com", password: "password" }; // Desktop User, department Engineering
const okta = () => scimClient(emu, "okta", "okta-scim-token");
const entra = () => scimClient(emu, "entra", "entra-scim-token");

const get = async (path: string, token?: string) => emu.http.get(path).set("Authorization", `Bearer ${token ?? (await emu.gatewayToken())}`);

// A tenant of its own, so the lists hold exactly what it loads: its own API client reads them.
const DIRECTORY_TENANT = {
  tenants: [
    {
      tenantUid: "d1d1d1d1-0000-4000-8000-000000000001",
      name: "Directory Tenant",
      registrationKey: "DIRE-CTRY-0000-0001",
      orgs: [{ orgName: "Directory Root" }],
      users: [
        { username: "sam@example.com", org: "Directory Root", scim: { department: "Sales" }, provisionedBy: { provider: "idp" } },
        { username: "rae@example.com", org: "Directory Root", scim: { department: "Research and Development" }, provisionedBy: { provider: "idp" } },
        { username: "eve@example.com", org: "Directory Root", scim: { department: "engineering" } },
        { username: "ed@example.com", org: "Directory Root", scim: { department: "Engineering" } },
        { username: "em@example.com", org: "Directory Root", scim: { department: "Engineering" } },
        { username: "blank@example.com", org: "Directory Root", scim: { department: "  " } },
        { username: "none@example.com", org: "Directory Root" },
      ],
      scimProviders: [{ providerId: "idp", authType: "bearer", token: "idp-token", org: "Directory Root" }],
      scimGroups: [
        { provider: "idp", groupId: "group-43", displayName: "Research and Development", members: ["rae@example.com"] },
        { provider: "idp", groupId: "group-42", displayName: "Sales", members: ["sam@example.com"] },
        { provider: "idp", groupId: "group-44", displayName: "engineering" },
      ],
      apiClients: [{ clientId: "directory_client", secret: "directory_secret", roles: ["Customer Cloud Admin"] }],
    },
  ],
};

async function directoryTenantToken(): Promise<string> {
  const loaded = await emu.http.post("/_emulator/fixtures").send(DIRECTORY_TENANT);
  expect(loaded.status).toBe(201);
  return emu.gatewayToken("directory_client", "directory_secret");
}

describe("GET /v1/departments", () => {
  it("answers the default tenant's one department (a fixture user's scim.department)", async () => {
    const res = await get("/v1/departments");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ departments: ["Engineering"], totalCount: 1 });
  });

  it("lists each department once, in name order, leaving out users without one", async () => {
    const token = await directoryTenantToken();
    const res = await get("/v1/departments?page=1&page_size=100", token);
    expect(res.body).toEqual({ departments: ["Engineering", "engineering", "Research and Development", "Sales"], totalCount: 4 });
  });

  it("pages from 1 as the SDK's iter_all walks them, totalCount the whole count on every page", async () => {
    const token = await directoryTenantToken();
    expect((await get("/v1/departments?page=1&page_size=3", token)).body).toEqual({ departments: ["Engineering", "engineering", "Research and Development"], totalCount: 4 });
    expect((await get("/v1/departments?page=2&page_size=3", token)).body).toEqual({ departments: ["Sales"], totalCount: 4 });
    expect((await get("/v1/departments?page=3&page_size=3", token)).body).toEqual({ departments: [], totalCount: 4 });
  });

  it("filters by a part of the name, case aside", async () => {
    const token = await directoryTenantToken();
    expect((await get("/v1/departments?page=1&page_size=100&name=ENGIN", token)).body).toEqual({ departments: ["Engineering", "engineering"], totalCount: 2 });
    expect((await get(`/v1/departments?name=${encodeURIComponent("and D")}`, token)).body).toEqual({ departments: ["Research and Development"], totalCount: 1 });
    expect((await get("/v1/departments?name=%25", token)).body).toEqual({ departments: [], totalCount: 0 });
  });

  it("refuses a caller without the Customer Cloud Admin role with 403", async () => {
    const res = await get("/v1/departments", await emu.tokenFor(ALICE.username, ALICE.password));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for the directory" });
  });

  it("refuses a page below 1 or a page_size that is not a number with 400, and no token with 401", async () => {
    const zero = await get("/v1/departments?page=0");
    expect(zero.status).toBe(400);
    expect(zero.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page") });
    const size = await get("/v1/departments?page_size=many");
    expect(size.status).toBe(400);
    expect(size.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page_size") });
    const none = await emu.http.get("/v1/departments");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: "UNAUTHORIZED", message: expect.any(String) });
  });

  it("shows no other tenant's departments", async () => {
    await directoryTenantToken();
    expect((await get("/v1/departments")).body).toEqual({ departments: ["Engineering"], totalCount: 1 });
  });
});

describe("GET /v1/directory-groups", () => {
  it("answers nothing where no provider has pushed a group (the roles SCIM shows as groups are not directory groups)", async () => {
    const res = await get("/v1/directory-groups");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ directoryGroups: [], totalCount: 0 });
  });

  it("lists a fixture's pushed groups by SCIM id and displayName, in name order", async () => {
    const token = await directoryTenantToken();
    const res = await get("/v1/directory-groups?page=1&page_size=100", token);
    expect(res.body).toEqual({
      directoryGroups: [
        { groupId: "group-44", name: "engineering" },
        { groupId: "group-43", name: "Research and Development" },
        { groupId: "group-42", name: "Sales" },
      ],
      totalCount: 3,
    });
  });

  it("pages and filters as the departments do", async () => {
    const token = await directoryTenantToken();
    expect((await get("/v1/directory-groups?page=2&page_size=2", token)).body).toEqual({ directoryGroups: [{ groupId: "group-42", name: "Sales" }], totalCount: 3 });
    expect((await get("/v1/directory-groups?page=1&page_size=2&name=sales", token)).body).toEqual({ directoryGroups: [{ groupId: "group-42", name: "Sales" }], totalCount: 1 });
  });

  it("refuses a caller without the Customer Cloud Admin role with 403, and a page_size over 10000 with 400", async () => {
    const forbidden = await get("/v1/directory-groups", await emu.tokenFor(ALICE.username, ALICE.password));
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for the directory" });
    const large = await get("/v1/directory-groups?page_size=10001");
    expect(large.status).toBe(400);
    expect(large.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page_size") });
  });
});

describe("across the wires", () => {
  it("a user SCIM provisions with an enterprise department adds it to /v1/departments; changing it there moves it", async () => {
    const created = await okta().post("/Users", { schemas: [CORE, ENTERPRISE], userName: "lena.legal@example.com", [ENTERPRISE]: { department: "Legal" } });
    expect(created.status).toBe(201);
    expect((await get("/v1/departments")).body).toEqual({ departments: ["Engineering", "Legal"], totalCount: 2 });

    await okta().patch(`/Users/${created.body.id}`, [{ op: "replace", value: { [`${ENTERPRISE}:department`]: "Compliance" } }]);
    expect((await get("/v1/departments")).body).toEqual({ departments: ["Compliance", "Engineering"], totalCount: 2 });
  });

  it("a department stays while a user deactivated on the legacy wire carries it (Code42 keeps the user)", async () => {
    const created = await okta().post("/Users", { schemas: [CORE, ENTERPRISE], userName: "finn@example.com", [ENTERPRISE]: { department: "Finance" } });
    const admin = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const user = await emu.http.get(`/api/v1/User/${created.body.id}?idType=uid`).set("Authorization", admin);
    expect((await emu.http.put(`/api/v1/UserDeactivation/${user.body.data.userId}`).set("Authorization", admin).send({})).status).toBe(204);
    expect((await get("/v1/departments")).body).toEqual({ departments: ["Engineering", "Finance"], totalCount: 2 });
  });

  it("a group SCIM pushes appears in /v1/directory-groups, renamed and deleted with it; the roles do not", async () => {
    const pushed = await okta().post("/Groups", { schemas: [GROUP], displayName: "Engineering Leads", externalId: "00g1" });
    expect(pushed.status).toBe(201);
    const id = pushed.body.id as string;
    const other = (await entra().post("/Groups", { schemas: [GROUP], displayName: "Engineering Leads" })).body.id as string;
    expect((await get("/v1/directory-groups")).body).toEqual({
      directoryGroups: [
        { groupId: [id, other].sort()[0], name: "Engineering Leads" },
        { groupId: [id, other].sort()[1], name: "Engineering Leads" },
      ],
      totalCount: 2,
    });

    await okta().patch(`/Groups/${id}`, [{ op: "replace", path: "displayName", value: "Leads" }]);
    expect((await get("/v1/directory-groups?name=leads")).body).toEqual({ directoryGroups: [{ groupId: other, name: "Engineering Leads" }, { groupId: id, name: "Leads" }], totalCount: 2 });
    await okta().del(`/Groups/${id}`);
    expect((await get("/v1/directory-groups")).body).toEqual({ directoryGroups: [{ groupId: other, name: "Engineering Leads" }], totalCount: 1 });
  });

  it("a user granted Customer Cloud Admin on the legacy wire reads the directory on the gateway with the same token", async () => {
    const token = await emu.tokenFor(ALICE.username, ALICE.password);
    expect((await get("/v1/departments", token)).status).toBe(403);
    const admin = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await emu.http.post("/api/v1/UserRole").set("Authorization", admin).send({ userId: ALICE.id, roleName: "Customer Cloud Admin" })).status).toBe(204);
    expect((await get("/v1/departments", token)).body).toEqual({ departments: ["Engineering"], totalCount: 1 });
  });
});
