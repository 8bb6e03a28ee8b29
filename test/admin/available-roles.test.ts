// The console's Available Roles (GET /api/v1/role): the roles the signed-in admin may grant, by the same rule the
// role writes apply (seed "Users reference": "Admins can only grant roles to users if the admin user account is
// assigned the role").
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

const as = async (username: string, password = "password") => {
  const auth = `Bearer ${await emu.tokenFor(username, password)}`;
  return {
    get: (p: string) => emu.http.get(p).set("Authorization", auth),
    post: (p: string, b: object) => emu.http.post(p).set("Authorization", auth).send(b),
    put: (p: string, b: object) => emu.http.put(p).set("Authorization", auth).send(b),
  };
};

const ALICE = "942897397520280004"; // Engineering, Desktop User
const ALICE_ID = 4205;
const DATES = { creationDate: "2019-01-10T20:29:51.343Z", modificationDate: "2022-01-14T17:30:29.227Z" };
const ORG_ADMIN = { roleId: "org-admin", roleName: "Org Admin", numberOfUsers: 1, ...DATES, permissions: [{ permission: "admin.org.all", description: "Administer the user's organization and its children" }] };
const DESKTOP_USER = { roleId: "desktop-user", roleName: "Desktop User", numberOfUsers: 9, ...DATES, permissions: [{ permission: "desktop.login", description: "Sign in to the Code42 app" }] };
const roleIds = (res: { body: { data: { roleId: string }[] } }) => res.body.data.map((r) => r.roleId);

describe("GET /api/v1/role (Available Roles)", () => {
  it("an Org Admin is offered only the roles they hold, not Customer Cloud Admin or the others above them", async () => {
    const o = await as("org.admin@example.com");
    const res = await o.get("/api/v1/role");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ metadata: { timestamp: expect.any(String), params: {} }, data: [ORG_ADMIN, DESKTOP_USER] });
  });

  it("every role an Org Admin is offered, the role writes accept; every other role they refuse", async () => {
    const o = await as("org.admin@example.com");
    const offered = roleIds(await o.get("/api/v1/role"));
    const catalogue: { roleId: string; roleName: string }[] = (await (await as(ADMIN.username, ADMIN.password)).get("/api/v1/role")).body.data;
    const aliceRoles = async () => roleIds(await o.get(`/api/v3/users/${ALICE}/roles`));
    for (const { roleId, roleName } of catalogue.filter((r) => r.roleId !== "desktop-user")) {
      const v3 = await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user", roleId] });
      expect(v3.status).toBe(offered.includes(roleId) ? 204 : 403);
      await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user"] });
      const v1 = await o.post("/api/v1/UserRole", { userId: ALICE_ID, roleName });
      expect(v1.status).toBe(offered.includes(roleId) ? 204 : 403);
      expect(await aliceRoles()).toEqual(offered.includes(roleId) ? [roleId, "desktop-user"].sort() : ["desktop-user"]);
      await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user"] });
    }
    const refused = await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user", "customer-cloud-admin"] });
    expect(refused.body).toEqual({ data: null, error: [{ primaryErrorKey: "FORBIDDEN", otherErrors: null, description: "An administrator can only grant roles it holds: customer-cloud-admin" }], warnings: null });
  });

  it("a Customer Cloud Admin is offered the whole catalogue", async () => {
    const res = await (await as(ADMIN.username, ADMIN.password)).get("/api/v1/role");
    expect(roleIds(res)).toEqual(["customer-cloud-admin", "org-admin", "desktop-user", "proe-user", "alert-emails", "security-center-user", "legal-hold-administrator"]);
  });

  it("counts each role's holders anew after a grant or a revocation (the counts are kept only until a write)", async () => {
    const admin = await as(ADMIN.username, ADMIN.password);
    const holders = async () => Object.fromEntries((await admin.get("/api/v1/role")).body.data.map((r: { roleId: string; numberOfUsers: number }) => [r.roleId, r.numberOfUsers]));
    const before = await holders();
    expect(await holders()).toEqual(before);
    expect((await admin.post("/api/v1/UserRole", { userId: ALICE_ID, roleName: "Alert Emails" })).status).toBe(204);
    expect(await holders()).toEqual({ ...before, "alert-emails": before["alert-emails"] + 1 });
    expect((await admin.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user"] })).status).toBe(204);
    expect(await holders()).toEqual(before);
  });

  it("someone who administers no one is offered no role", async () => {
    const res = await (await as("carol.clark@example.com")).get("/api/v1/role");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ metadata: { timestamp: expect.any(String), params: {} }, data: [] });
  });
});
