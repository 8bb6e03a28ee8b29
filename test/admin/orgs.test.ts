// Organization administration: create under a parent, read, rename, block and deactivate, on v3 and legacy paths.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ROOT_GUID = "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c";
const ENG_GUID = "a9578c3d-736b-4d96-80e5-71edd8a11ea3";
const get = (path: string) => emu.http.get(path).set("Authorization", auth);
const post = (path: string, body?: object) => (body ? emu.http.post(path).set("Authorization", auth).send(body) : emu.http.post(path).set("Authorization", auth));

describe("POST /api/v3/orgs and GET /api/v3/orgs/{guid}", () => {
  it("creates an org under a parent (200) with the ids py42 reads, at any depth", async () => {
    const res = await post("/api/v3/orgs", { orgName: "Platform", orgExtRef: null, notes: null, parentOrgGuid: ENG_GUID });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: expect.objectContaining({ orgId: expect.any(Number), orgUid: expect.stringMatching(/^\d+$/), orgGuid: expect.any(String), orgName: "Platform", parentOrgId: 1002, parentOrgGuid: ENG_GUID, status: "Active" }),
      error: null,
      warnings: null,
    });
    const child = await post("/api/v3/orgs", { orgName: "SRE", parentOrgGuid: res.body.data.orgGuid });
    expect(child.body.data.parentOrgId).toBe(res.body.data.orgId);
    const read = await get(`/api/v3/orgs/${child.body.data.orgGuid}`);
    expect(read.body.data).toEqual(child.body.data);
    // The v1 list shows the root first and every org once.
    const list = await get("/api/v1/Org?pgNum=1&pgSize=500");
    expect(list.body.data.orgs.map((o: { orgName: string }) => o.orgName)).toEqual(["Code42 Emulator", "Engineering", "Platform", "SRE"]);
  });

  it("an unknown parent or org guid is a 404 in the v3 envelope", async () => {
    expect((await post("/api/v3/orgs", { orgName: "X", parentOrgGuid: "nope" })).status).toBe(404);
    const res = await get("/api/v3/orgs/nope");
    expect(res.status).toBe(404);
    expect(res.body.error[0].primaryErrorKey).toBe("ORG_NOT_FOUND");
  });

  it("a missing orgName is a 400", async () => {
    expect((await post("/api/v3/orgs", { parentOrgGuid: ROOT_GUID })).status).toBe(400);
  });
});

describe("changing an org", () => {
  it("PUT renames, leaving null fields as they were", async () => {
    await emu.http.put(`/api/v3/orgs/${ENG_GUID}`).set("Authorization", auth).send({ orgName: null, orgExtRef: "ENG-1", notes: "builders" });
    const res = await emu.http.put(`/api/v3/orgs/${ENG_GUID}`).set("Authorization", auth).send({ orgName: "R&D", orgExtRef: null, notes: null });
    expect(res.body.data).toMatchObject({ orgName: "R&D", orgExtRef: "ENG-1", notes: "builders" });
  });

  it("block/unblock and deactivate/activate are idempotent and stop the org's users (children included)", async () => {
    const token = await emu.tokenFor("alice.adams@example.com", "password");
    for (const action of ["unblock", "block", "block"]) expect((await post(`/api/v3/orgs/${ENG_GUID}/${action}`)).status).toBe(204);
    expect((await get(`/api/v3/orgs/${ENG_GUID}`)).body.data).toMatchObject({ blocked: true, status: "Blocked" });
    expect((await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${token}`)).status).toBe(401);
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("alice.adams@example.com", "password")).status).toBe(401);
    await post(`/api/v3/orgs/${ENG_GUID}/unblock`);
    expect((await emu.http.get("/api/v1/User/my").set("Authorization", `Bearer ${token}`)).status).toBe(200);

    for (const action of ["deactivate", "deactivate"]) expect((await post(`/api/v3/orgs/${ENG_GUID}/${action}`)).status).toBe(204);
    expect((await get(`/api/v3/orgs/${ENG_GUID}`)).body.data).toMatchObject({ active: false, status: "Deactivated", deactivationDate: expect.any(String) });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("alice.adams@example.com", "password")).status).toBe(401);
    for (const action of ["activate", "activate"]) expect((await post(`/api/v3/orgs/${ENG_GUID}/${action}`)).status).toBe(204);
    expect((await get(`/api/v3/orgs/${ENG_GUID}`)).body.data).toMatchObject({ active: true, deactivationDate: null });
  });

  it("an org below a blocked org is closed too", async () => {
    const sub = (await post("/api/v3/orgs", { orgName: "Sub", parentOrgGuid: ENG_GUID })).body.data;
    await post("/api/v3/users/942897397520280006/move", { orgId: sub.orgId });
    await post(`/api/v3/orgs/${ENG_GUID}/block`);
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("carol.clark@example.com", "password")).status).toBe(401);
  });
});

describe("py42 1.23-1.25 paths", () => {
  it("GET /api/v1/Org/{orgId} and ?idType=orgUid", async () => {
    expect((await get("/api/v1/Org/1002")).body.data.orgGuid).toBe(ENG_GUID);
    expect((await get("/api/v1/Org/1007759454961904673?idType=orgUid")).body.data.orgId).toBe(1002);
    expect((await get("/api/v1/Org/1007759454961904673")).status).toBe(404);
  });

  it("POST /api/v1/Org/ creates under a parent uid", async () => {
    const res = await post("/api/v1/Org/", { orgName: "Legacy", orgExtRef: null, notes: null, parentOrgUid: "890854247383106706" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ orgName: "Legacy", parentOrgId: 1001 });
  });

  it("PUT/DELETE /api/v1/OrgBlock and /api/v1/OrgDeactivation", async () => {
    expect((await emu.http.put("/api/v1/OrgBlock/1002").set("Authorization", auth)).status).toBe(204);
    expect((await get("/api/v1/Org/1002")).body.data.blocked).toBe(true);
    await emu.http.delete("/api/v1/OrgBlock/1002").set("Authorization", auth);
    await emu.http.put("/api/v1/OrgDeactivation/1002").set("Authorization", auth);
    expect((await get("/api/v1/Org/1002")).body.data).toMatchObject({ blocked: false, active: false });
    await emu.http.delete("/api/v1/OrgDeactivation/1002").set("Authorization", auth);
    expect((await get("/api/v1/Org/1002")).body.data.active).toBe(true);
  });

  it("GET /api/v3/orgs (py42 1.26.0) lists in the v3 wrapper", async () => {
    const res = await get("/api/v3/orgs");
    expect(res.body.data.orgs.map((o: { orgId: number }) => o.orgId)).toEqual([1001, 1002]);
  });

  it("agent state by organization answers a list", async () => {
    const res = await get("/api/v14/agent-state/view-by-organization-id?orgId=1001&propertyName=fullDiskAccess");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: [] });
  });
});
