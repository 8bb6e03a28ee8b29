// The gateway's organizations, as the incydr SDK (orgs.v1) calls them, over the same orgs as the legacy wire.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const { get, post, put } = callsAs(emu, () => gateway);

const ROOT_GUID = "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c";
const ENG_GUID = "a9578c3d-736b-4d96-80e5-71edd8a11ea3";
const NOW = "2030-01-01T00:00:00.000Z";
const REGISTRATION_KEY = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let gateway: string;
let legacy: string;
beforeEach(async () => {
  // A frozen clock makes the dates of what the tests create and change exact.
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const userToken = (username: string) => userBearer(emu, username);


/** The org as the legacy wire answers it (v3), for the values the fixture leaves to the emulator (keys, dates). */
const legacyOrg = async (guid: string) => (await get(`/api/v3/orgs/${guid}`, legacy)).body.data;

/** The fixture's two orgs in the gateway's shape: the root holds 5 users and 1 active device, Engineering 4 and 2. */
async function fixtureOrgs() {
  const [root, eng] = [await legacyOrg(ROOT_GUID), await legacyOrg(ENG_GUID)];
  const shape = (o: typeof root) => ({
    orgGuid: o.orgGuid,
    orgName: o.orgName,
    orgExtRef: null,
    notes: null,
    parentOrgGuid: o.parentOrgGuid,
    active: true,
    creationDate: o.creationDate,
    modificationDate: o.modificationDate,
    deactivationDate: null,
    registrationKey: o.registrationKey,
  });
  return {
    root: { ...shape(root), parentOrgGuid: null, userCount: 5, computerCount: 1, orgCount: 1 },
    eng: { ...shape(eng), parentOrgGuid: ROOT_GUID, userCount: 4, computerCount: 2, orgCount: 0 },
  };
}

/** A new org's body, as the gateway answers it when made at NOW. */
const newOrg = (fields: { orgName: string; parentOrgGuid: string; orgExtRef?: string; notes?: string; orgGuid?: string; registrationKey?: string }) => ({
  orgGuid: expect.stringMatching(UUID),
  orgExtRef: null,
  notes: null,
  active: true,
  creationDate: NOW,
  modificationDate: NOW,
  deactivationDate: null,
  registrationKey: expect.stringMatching(REGISTRATION_KEY),
  userCount: 0,
  computerCount: 0,
  orgCount: 0,
  ...fields,
});

describe("GET /v1/orgs (listGatewayOrgs)", () => {
  it("lists every org in reach, root first, with the counts of what each holds", async () => {
    const { root, eng } = await fixtureOrgs();
    const res = await get("/v1/orgs");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ orgs: [root, eng], totalCount: 2 });
  });

  it("filters by active=True/False as the SDK sends them, and sees a deactivation made on the legacy wire", async () => {
    const { root } = await fixtureOrgs();
    expect((await post(`/api/v3/orgs/${ENG_GUID}/deactivate`, undefined, legacy)).status).toBe(204);
    const inactive = await get("/v1/orgs?active=False");
    expect(inactive.status).toBe(200);
    expect(inactive.body).toEqual({
      orgs: [expect.objectContaining({ orgGuid: ENG_GUID, active: false, deactivationDate: NOW, modificationDate: NOW })],
      totalCount: 1,
    });
    expect((await get("/v1/orgs?active=true")).body).toEqual({ orgs: [root], totalCount: 1 });
  });

  it("shows an org admin their own subtree only", async () => {
    const { eng } = await fixtureOrgs();
    const res = await get("/v1/orgs", await userToken("org.admin@example.com"));
    expect(res.body).toEqual({ orgs: [eng], totalCount: 1 });
  });

  it("counts a new child org, a moved user and a deactivated device", async () => {
    await post("/v1/orgs", { orgName: "Platform", parentOrgGuid: ENG_GUID });
    await post("/api/v3/users/942897397520280006/move", { orgId: 1002 }, legacy); // carol: root -> Engineering
    await post("/api/v4/computer-deactivation/update", { id: 251001 }, legacy); // alice's laptop
    const [root, eng] = (await get("/v1/orgs")).body.orgs;
    expect([root.userCount, root.computerCount, root.orgCount]).toEqual([4, 1, 1]);
    expect([eng.userCount, eng.computerCount, eng.orgCount]).toEqual([5, 1, 1]);
  });

  it("refuses a flag that is not true or false (400) and a call without a token (401)", async () => {
    const bad = await get("/v1/orgs?active=maybe");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("active") });
    const none = await emu.http.get("/v1/orgs");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: "UNAUTHORIZED", message: "A Bearer or v3_user_token authorization header is required" });
  });
});

describe("POST /v1/orgs (createGatewayOrg)", () => {
  it("creates an org from the SDK's payload (nulls for what it was not given), which the legacy wire then reads", async () => {
    const res = await post("/v1/orgs", { orgName: "Platform", orgExtRef: null, notes: null, parentOrgGuid: ENG_GUID });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(newOrg({ orgName: "Platform", parentOrgGuid: ENG_GUID }));
    const read = await get(`/api/v3/orgs/${res.body.orgGuid}`, legacy);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ orgName: "Platform", parentOrgId: 1002, parentOrgGuid: ENG_GUID, registrationKey: res.body.registrationKey, creationDate: NOW });
  });

  it("keeps the external reference and notes it is given", async () => {
    const res = await post("/v1/orgs", { orgName: "Sales", orgExtRef: "S-1", notes: "quota carriers", parentOrgGuid: ROOT_GUID });
    expect(res.body).toEqual(newOrg({ orgName: "Sales", parentOrgGuid: ROOT_GUID, orgExtRef: "S-1", notes: "quota carriers" }));
  });

  it("puts an org with no parent named at the top of the caller's reach: the root, or an org admin's own org", async () => {
    expect((await post("/v1/orgs", { orgName: "Top" })).body).toEqual(newOrg({ orgName: "Top", parentOrgGuid: ROOT_GUID }));
    const admin = await post("/v1/orgs", { orgName: "Mine", parentOrgGuid: null }, await userToken("org.admin@example.com"));
    expect(admin.body).toEqual(newOrg({ orgName: "Mine", parentOrgGuid: ENG_GUID }));
  });

  it("an org made on the legacy wire is in the gateway's list", async () => {
    const made = (await post("/api/v3/orgs", { orgName: "Legacy", parentOrgGuid: ENG_GUID }, legacy)).body.data;
    const list = (await get("/v1/orgs")).body;
    expect(list.totalCount).toBe(3);
    expect(list.orgs[2]).toEqual(newOrg({ orgName: "Legacy", parentOrgGuid: ENG_GUID, orgGuid: made.orgGuid, registrationKey: made.registrationKey }));
    expect(list.orgs[1].orgCount).toBe(1);
  });

  it("refuses a missing or empty orgName (400), an unknown parent (404) and a caller who is no admin (403)", async () => {
    for (const body of [{ parentOrgGuid: ROOT_GUID }, { orgName: "", parentOrgGuid: ROOT_GUID }]) {
      const res = await post("/v1/orgs", body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("orgName") });
    }
    const unknown = await post("/v1/orgs", { orgName: "X", parentOrgGuid: "nope" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
    const outOfReach = await post("/v1/orgs", { orgName: "X", parentOrgGuid: ROOT_GUID }, await userToken("org.admin@example.com"));
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
    const desktop = await post("/v1/orgs", { orgName: "X", parentOrgGuid: ENG_GUID }, await userToken("alice.adams@example.com"));
    expect(desktop.status).toBe(403);
    expect(desktop.body).toEqual({ code: "FORBIDDEN", message: "An administrator role is required" });
  });
});

describe("GET /v1/orgs/{orgGuid} (getGatewayOrg)", () => {
  it("answers one org with its counts", async () => {
    const { eng } = await fixtureOrgs();
    const res = await get(`/v1/orgs/${ENG_GUID}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(eng);
  });

  it("answers 404 for an unknown org, and for one outside an org admin's reach", async () => {
    const unknown = await get("/v1/orgs/nope");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
    const outOfReach = await get(`/v1/orgs/${ROOT_GUID}`, await userToken("org.admin@example.com"));
    expect(outOfReach.status).toBe(404);
    expect(outOfReach.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
  });
});

describe("PUT /v1/orgs/{orgGuid} (updateGatewayOrg)", () => {
  it("renames and sets the reference and notes, which the legacy wire then reads", async () => {
    const { eng } = await fixtureOrgs();
    const res = await put(`/v1/orgs/${ENG_GUID}`, { orgName: "R&D", orgExtRef: "ENG-1", notes: "builders" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...eng, orgName: "R&D", orgExtRef: "ENG-1", notes: "builders", modificationDate: NOW });
    expect(await legacyOrg(ENG_GUID)).toMatchObject({ orgName: "R&D", orgExtRef: "ENG-1", notes: "builders", modificationDate: NOW });
  });

  it("leaves the fields the SDK sends as null (a change made on the legacy wire stays)", async () => {
    await put(`/api/v3/orgs/${ENG_GUID}`, { orgExtRef: "ENG-1", notes: "builders" }, legacy);
    const res = await put(`/v1/orgs/${ENG_GUID}`, { orgName: "Engineering 2", orgExtRef: null, notes: null });
    expect(res.body).toMatchObject({ orgName: "Engineering 2", orgExtRef: "ENG-1", notes: "builders" });
  });

  it("refuses a missing orgName (400), an unknown org (404) and a caller who is no admin (403)", async () => {
    const bad = await put(`/v1/orgs/${ENG_GUID}`, { notes: "x" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("orgName") });
    const unknown = await put("/v1/orgs/nope", { orgName: "X" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
    const desktop = await put(`/v1/orgs/${ENG_GUID}`, { orgName: "X" }, await userToken("alice.adams@example.com"));
    expect(desktop.status).toBe(403);
    expect(desktop.body).toEqual({ code: "FORBIDDEN", message: "An administrator role is required" });
  });
});

describe("POST /v1/orgs/{orgGuid}/deactivate and /activate", () => {
  it("answer 200 with no body, are idempotent, and the legacy wire sees the state", async () => {
    for (let i = 0; i < 2; i++) {
      const res = await post(`/v1/orgs/${ENG_GUID}/deactivate`);
      expect(res.status).toBe(200);
      expect(res.text).toBe("");
    }
    expect(await legacyOrg(ENG_GUID)).toMatchObject({ active: false, status: "Deactivated", deactivationDate: NOW });
    // Its users cannot sign in while it is deactivated.
    expect((await emu.http.get("/v1/auth").auth("alice.adams@example.com", "password")).status).toBe(401);
    for (let i = 0; i < 2; i++) {
      const res = await post(`/v1/orgs/${ENG_GUID}/activate`);
      expect(res.status).toBe(200);
      expect(res.text).toBe("");
    }
    expect(await legacyOrg(ENG_GUID)).toMatchObject({ active: true, status: "Active", deactivationDate: null });
    expect((await emu.http.get("/v1/auth").auth("alice.adams@example.com", "password")).status).toBe(200);
  });

  it("refuse an unknown org (404) and a caller who is no admin (403)", async () => {
    for (const action of ["activate", "deactivate"]) {
      const unknown = await post(`/v1/orgs/nope/${action}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body).toEqual({ code: "ORG_NOT_FOUND", message: "Organization not found" });
      const desktop = await post(`/v1/orgs/${ENG_GUID}/${action}`, undefined, await userToken("alice.adams@example.com"));
      expect(desktop.status).toBe(403);
      expect(desktop.body).toEqual({ code: "FORBIDDEN", message: "An administrator role is required" });
    }
  });
});
