// Who may do what: a tenant admin everything, an org admin their org subtree only, everyone else themselves.
import { ADMIN, DEFAULT_FIXTURES, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
});
afterEach(() => emu.close());

const as = async (username: string, password = "password") => {
  const auth = `Bearer ${await emu.tokenFor(username, password)}`;
  return {
    get: (p: string) => emu.http.get(p).set("Authorization", auth),
    post: (p: string, b?: object) => (b ? emu.http.post(p).set("Authorization", auth).send(b) : emu.http.post(p).set("Authorization", auth)),
    put: (p: string, b: object) => emu.http.put(p).set("Authorization", auth).send(b),
  };
};

const ROOT_GUID = "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c";
const ENG_GUID = "a9578c3d-736b-4d96-80e5-71edd8a11ea3";
const ALICE = "942897397520280004"; // Engineering
const CAROL = "942897397520280006"; // root org
const names = (res: { body: { data: { users: { username: string }[] } } }) => res.body.data.users.map((u) => u.username).sort();

describe("an org admin (Engineering)", () => {
  it("lists only the users and orgs of their subtree", async () => {
    const o = await as("org.admin@example.com");
    expect(names(await o.get("/api/v1/User"))).toEqual(["alice.adams@example.com", "bob.brown@example.com", "new.hire@example.com", "org.admin@example.com"]);
    expect((await o.get("/api/v1/Org")).body.data.orgs.map((x: { orgName: string }) => x.orgName)).toEqual(["Engineering"]);
  });

  it("manages users inside the subtree", async () => {
    const o = await as("org.admin@example.com");
    expect((await o.post(`/api/v3/users/${ALICE}/block`)).status).toBe(204);
    expect((await o.put(`/api/v1/User/${ALICE}?idType=uid`, { notes: "seen" })).body.data.notes).toBe("seen");
    const created = await o.post("/api/v1/User", { orgUid: "1007759454961904673", username: "intern@example.com" });
    expect(created.status).toBe(200);
    const sub = await o.post("/api/v3/orgs", { orgName: "Interns", parentOrgGuid: ENG_GUID });
    expect(sub.status).toBe(200);
  });

  it("cannot see or touch users and orgs outside it (404, as if they did not exist)", async () => {
    const o = await as("org.admin@example.com");
    expect((await o.get(`/api/v1/User/${CAROL}?idType=uid`)).status).toBe(404);
    expect((await o.post(`/api/v3/users/${CAROL}/block`)).status).toBe(404);
    expect((await o.get(`/api/v3/orgs/${ROOT_GUID}`)).status).toBe(404);
    expect((await o.post(`/api/v3/orgs/${ROOT_GUID}/block`)).status).toBe(404);
    expect((await o.post("/api/v3/orgs", { orgName: "Sneaky", parentOrgGuid: ROOT_GUID })).status).toBe(404);
    expect((await o.post("/api/v1/User", { orgUid: "890854247383106706", username: "x@example.com" })).status).toBe(400);
    expect((await o.post(`/api/v3/users/${ALICE}/move`, { orgId: 1001 })).status).toBe(404);
    const carol = await (await as(ADMIN.username, ADMIN.password)).get(`/api/v1/User/${CAROL}?idType=uid`);
    expect(carol.body.data.blocked).toBe(false);
  });

  it("sees and manages only the devices of users in the subtree", async () => {
    const o = await as("org.admin@example.com");
    const devices = (await o.get("/api/v1/Computer")).body.data.computers.map((c: { computerId: number }) => c.computerId);
    expect(devices).toEqual([251001, 251002]);
    // The gateway's pages of the same scope: devices and agents (each prepared once per shape of their conditions).
    const gateway = (await o.get("/v1/devices")).body;
    expect({ totalCount: gateway.totalCount, ids: gateway.devices.map((d: { legacyDeviceId: string }) => Number(d.legacyDeviceId)).sort() }).toEqual({ totalCount: 2, ids: [251001, 251002] });
    const agents = (await o.get("/v1/agents?pageSize=1&page=2")).body;
    expect({ totalCount: agents.totalCount, listed: agents.agents.length }).toEqual({ totalCount: 2, listed: 1 });
    expect((await o.get("/api/v1/Computer/251691")).status).toBe(404);
    expect((await emu.http.put("/api/v1/ComputerBlock/251001").set("Authorization", `Bearer ${await emu.tokenFor("org.admin@example.com", "password")}`)).status).toBe(204);
    expect((await o.post("/api/v4/computer-deactivation/update", { id: 251691 })).status).toBe(404);
  });

  it("runs legal holds only for custodians in the subtree", async () => {
    const o = await as("org.admin@example.com");
    const policy = (await o.post("/api/v4/legal-hold-policy/create", { name: "P" })).body;
    const matter = (await o.post("/api/v1/LegalHold", { name: "Eng hold", holdPolicyUid: policy.legalHoldPolicyUid })).body.data;
    expect((await o.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: ALICE })).status).toBe(200);
    expect((await o.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL })).status).toBe(403);
  });

  it("grants only roles it holds (seed 'Users reference')", async () => {
    const o = await as("org.admin@example.com");
    expect((await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user", "org-admin"] })).status).toBe(204);
    const res = await o.put(`/api/v3/users/${ALICE}/roles`, { roleIds: ["desktop-user", "customer-cloud-admin"] });
    expect(res.status).toBe(403);
    expect(res.body.error[0].primaryErrorKey).toBe("FORBIDDEN");
  });
});

describe("an ordinary user", () => {
  it("sees only themselves and their own org", async () => {
    const u = await as("carol.clark@example.com");
    expect(names(await u.get("/api/v1/User"))).toEqual(["carol.clark@example.com"]);
    expect((await u.get(`/api/v1/User/${ALICE}?idType=uid`)).status).toBe(404);
    expect((await u.get("/api/v1/Org")).body.data.orgs.map((x: { orgId: number }) => x.orgId)).toEqual([1001]);
  });

  it("may change their own name and password, not their quota", async () => {
    const u = await as("carol.clark@example.com");
    expect((await u.put(`/api/v1/User/${CAROL}?idType=uid`, { firstName: "Caz" })).status).toBe(200);
    expect((await u.put(`/api/v1/User/${CAROL}?idType=uid`, { quotaInBytes: 1 })).status).toBe(403);
  });

  it("gets 403 for every administrative action", async () => {
    const u = await as("carol.clark@example.com");
    expect((await u.post(`/api/v3/users/${CAROL}/block`)).status).toBe(403);
    expect((await u.put(`/api/v3/users/${CAROL}/roles`, { roleIds: ["customer-cloud-admin"] })).status).toBe(403);
    expect((await u.post("/api/v1/User", { orgUid: "890854247383106706", username: "x@example.com" })).status).toBe(403);
    expect((await u.post("/api/v3/orgs", { orgName: "X", parentOrgGuid: ROOT_GUID })).status).toBe(403);
  });
});

describe("tenant isolation", () => {
  it("tenant B's admin lists only tenant B, and tenant A's ids are unknown to it", async () => {
    const b = await as(ADMIN.username, "other-password");
    expect(names(await b.get("/api/v1/User"))).toEqual(["blocked.user@example.com", "gone.user@example.com", "test.user@example.com"]);
    expect((await b.get("/api/v1/User/4206")).status).toBe(404);
    expect((await b.get(`/api/v1/User/${ALICE}?idType=uid`)).status).toBe(404);
    expect((await b.get(`/api/v3/orgs/${ENG_GUID}`)).status).toBe(404);
    expect((await b.get("/api/v1/User?username=bob.brown%40example.com")).body.data.users).toEqual([]);
    expect((await b.post(`/api/v3/users/${ALICE}/block`)).status).toBe(404);
  });
});
