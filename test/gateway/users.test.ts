// The gateway's users and roles (GET /v1/users…), over the same users as the legacy wire: shapes as the incydr SDK's
// users models read them, errors in the gateway's {code, message} body.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const { get, post, put } = callsAs(emu, () => auth);
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.gatewayToken()}`;
});


const ALICE_UID = "942897397520280004";
const ROOT_GUID = "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c";
const ENG_GUID = "a9578c3d-736b-4d96-80e5-71edd8a11ea3";
const notFound = (code: string) => ({ code, message: expect.any(String) });

describe("GET /v1/users and GET /v1/users/{userId}", () => {
  it("reads a user as the SDK's User model does: userUid as userId, the legacy ids as text", async () => {
    const res = await get(`/v1/users/${ALICE_UID}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      legacyUserId: "4205",
      userId: ALICE_UID,
      username: "alice.adams@example.com",
      firstName: "Alice",
      lastName: "Adams",
      legacyOrgId: "1002",
      orgId: "1007759454961904673",
      orgGuid: ENG_GUID,
      orgName: "Engineering",
      notes: null,
      active: true,
      blocked: false,
      creationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      modificationDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("pages with page and pageSize, filters by username, active and blocked", async () => {
    const all = await get("/v1/users");
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(all.body.users.length);
    const page = await get("/v1/users?page=2&pageSize=3");
    expect(page.body.totalCount).toBe(all.body.totalCount);
    expect(page.body.users.map((u: { userId: string }) => u.userId)).toEqual(all.body.users.slice(3, 6).map((u: { userId: string }) => u.userId));
    const byName = await get("/v1/users?username=alice.adams@example.com");
    expect(byName.body).toEqual({ totalCount: 1, users: [expect.objectContaining({ userId: ALICE_UID })] });
    await emu.http.post(`/api/v3/users/${ALICE_UID}/block`).set("Authorization", `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`);
    // The SDK sends Python booleans: True and False.
    const blocked = await get("/v1/users?blocked=True");
    expect(blocked.body.users.map((u: { userId: string }) => u.userId)).toEqual([ALICE_UID]);
    const unblocked = await get("/v1/users?blocked=false&active=true");
    expect(unblocked.body.totalCount).toBe(all.body.totalCount - 1);
  });

  it("answers 404 for an unknown userId, 400 for a bad page size", async () => {
    const res = await get("/v1/users/123");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
    const bad = await get("/v1/users?pageSize=0");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("pageSize") });
  });

  it("sees a user created on the legacy wire at once", async () => {
    const legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const made = await emu.http.post("/api/v1/User").set("Authorization", legacy).send({ orgUid: "890854247383106706", username: "cross.wire@example.com", email: "cross.wire@example.com" });
    expect(made.status).toBe(200);
    const res = await get(`/v1/users/${made.body.data.userUid}`);
    expect(res.body).toMatchObject({ userId: made.body.data.userUid, legacyUserId: String(made.body.data.userId), username: "cross.wire@example.com", orgGuid: ROOT_GUID });
  });
});

describe("GET /v1/users/{userId}/devices", () => {
  it("pages one user's devices in the gateway's device shape; an unknown user is 404", async () => {
    const res = await get(`/v1/users/${ALICE_UID}/devices`);
    expect(res.status).toBe(200);
    expect(res.body.totalCount).toBe(res.body.devices.length);
    expect(res.body.devices.length).toBeGreaterThan(0);
    for (const d of res.body.devices) expect(d).toMatchObject({ userId: ALICE_UID, legacyUserId: "4205", deviceId: expect.any(String) });
    const all = await get("/v1/devices?pageSize=100");
    expect(all.body.devices.filter((d: { userId: string }) => d.userId === ALICE_UID)).toEqual(res.body.devices);
    const unknown = await get("/v1/users/123/devices");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
  });
});

describe("user actions: deactivate, activate, move", () => {
  it("deactivates and reactivates (200, no body), as the legacy wire then shows", async () => {
    const off = await post(`/v1/users/${ALICE_UID}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.text).toBe("");
    const legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await emu.http.get("/api/v1/User/4205").set("Authorization", legacy)).body.data.status).toBe("Deactivated");
    expect((await post(`/v1/users/${ALICE_UID}/activate`)).status).toBe(200);
    expect((await get(`/v1/users/${ALICE_UID}`)).body.active).toBe(true);
  });

  it("answers 404 when activating or deactivating an unknown user", async () => {
    for (const action of ["activate", "deactivate"]) {
      const res = await post(`/v1/users/123/${action}`);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
    }
  });

  it("refuses to deactivate an active legal-hold custodian (400 ACTIVE_LEGAL_HOLD)", async () => {
    const legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const policy = await emu.http.post("/api/v4/legal-hold-policy/create").set("Authorization", legacy).send({ name: "p" });
    const matter = await emu.http.post("/api/v1/LegalHold").set("Authorization", legacy).send({ name: "m", holdPolicyUid: policy.body.legalHoldPolicyUid });
    await emu.http.post("/api/v1/LegalHoldMembership").set("Authorization", legacy).send({ legalHoldUid: matter.body.data.legalHoldUid, userUid: ALICE_UID });
    const res = await post(`/v1/users/${ALICE_UID}/deactivate`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "ACTIVE_LEGAL_HOLD", message: expect.stringContaining("legal hold") });
  });

  it("moves a user to an org by its guid; an unknown org is 404", async () => {
    expect((await post(`/v1/users/${ALICE_UID}/move`, { orgGuid: ROOT_GUID })).status).toBe(200);
    expect((await get(`/v1/users/${ALICE_UID}`)).body).toMatchObject({ orgGuid: ROOT_GUID, orgName: "Code42 Emulator", legacyOrgId: "1001" });
    const res = await post(`/v1/users/${ALICE_UID}/move`, { orgGuid: "no-such-org" });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(notFound("ORG_NOT_FOUND"));
    const missing = await post(`/v1/users/${ALICE_UID}/move`, {});
    expect(missing.status).toBe(400);
  });
});

describe("roles", () => {
  it("lists the roles the caller may grant as a bare array, and reads one by id", async () => {
    const res = await get("/v1/users/roles");
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({
      roleId: "desktop-user",
      roleName: "Desktop User",
      creationDate: expect.any(String),
      modificationDate: expect.any(String),
      permissions: [{ permission: "desktop.login", description: "Sign in to the Code42 app" }],
    });
    const one = await get("/v1/users/roles/desktop-user");
    expect(one.body).toEqual(res.body.find((r: { roleId: string }) => r.roleId === "desktop-user"));
    const unknown = await get("/v1/users/roles/no-such-role");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(notFound("ROLE_NOT_FOUND"));
  });

  it("lists a user's roles under `roles` and replaces them, answering what changed", async () => {
    const before = await get(`/v1/users/${ALICE_UID}/roles`);
    expect(before.body).toEqual({ roles: [{ roleId: "desktop-user", roleName: "Desktop User", creationDate: expect.any(String), modificationDate: expect.any(String), permissionIds: ["desktop.login"] }] });
    const res = await put(`/v1/users/${ALICE_UID}/roles`, { roleIds: ["desktop-user", "alert-emails"] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ processedReplacementRoleIds: ["desktop-user", "alert-emails"], newlyAssignedRolesIds: ["alert-emails"], unassignedRolesIds: [], ignoredRolesIds: [] });
    // The legacy wire sees the same roles.
    const legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    expect((await emu.http.get(`/api/v3/users/${ALICE_UID}/roles`).set("Authorization", legacy)).body.data.map((r: { roleId: string }) => r.roleId).sort()).toEqual(["alert-emails", "desktop-user"]);
    const removed = await put(`/v1/users/${ALICE_UID}/roles`, { roleIds: ["alert-emails"] });
    expect(removed.body).toMatchObject({ newlyAssignedRolesIds: [], unassignedRolesIds: ["desktop-user"] });
  });

  it("answers 404 for the roles of an unknown user", async () => {
    const res = await get("/v1/users/123/roles");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "USER_NOT_FOUND", message: "User not found" });
  });

  it("refuses an unknown role id with 400", async () => {
    const res = await put(`/v1/users/${ALICE_UID}/roles`, { roleIds: ["nope"] });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "ROLE_REFERENCE_INVALID", message: "Unknown role ids: nope" });
  });
});
