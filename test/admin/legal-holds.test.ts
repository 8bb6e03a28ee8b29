// Legal holds: the user-token and API-client paths, the errors py42 maps, and the event log.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
let client: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  client = `Bearer ${(await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("client_id", "secret")).body.access_token}`;
});

const CAROL = "942897397520280006";
const as = (who: string) => ({
  get: (p: string) => emu.http.get(p).set("Authorization", who),
  post: (p: string, b: object) => emu.http.post(p).set("Authorization", who).send(b),
  put: (p: string) => emu.http.put(p).set("Authorization", who),
});

async function matterWithPolicy() {
  const u = as(auth);
  const policy = (await u.post("/api/v4/legal-hold-policy/create", { name: "Preserve", policy: null })).body;
  const matter = (await u.post("/api/v1/LegalHold", { name: "Case 42", holdPolicyUid: policy.legalHoldPolicyUid, description: null, notes: null, holdExtRef: null })).body.data;
  return { policy, matter };
}

describe("user-token legal holds", () => {
  it("policy create/view/list, matter create/view/list with the fields code42cli prints", async () => {
    const u = as(auth);
    const { policy, matter } = await matterWithPolicy();
    expect(policy).toMatchObject({ legalHoldPolicyUid: expect.stringMatching(/^\d+$/), name: "Preserve", creatorUser: { username: ADMIN.username }, policy: expect.objectContaining({ retentionPolicy: expect.any(Object) }) });
    expect((await u.get(`/api/v4/legal-hold-policy/view?legalHoldPolicyUid=${policy.legalHoldPolicyUid}`)).body).toEqual(policy);
    expect((await u.get("/api/v4/legal-hold-policy/list")).body).toContainEqual(policy);
    expect(matter).toEqual({
      legalHoldUid: expect.stringMatching(/^\d+$/),
      name: "Case 42",
      description: "",
      notes: null,
      holdExtRef: null,
      active: true,
      creationDate: expect.any(String),
      lastModified: expect.any(String),
      creator: { userUid: "942897397520289999", username: ADMIN.username, email: ADMIN.username, userExtRef: null },
      holdPolicyUid: policy.legalHoldPolicyUid,
    });
    expect((await u.get("/api/v1/LegalHold?activeState=ACTIVE&pgNum=1&pgSize=500")).body.data.legalHolds.map((m: { name: string }) => m.name)).toEqual(["Litigation 2026-001", "Case 42"]);
  });

  it("an unknown matter is 403, the status py42 maps to Py42LegalHoldNotFoundOrPermissionDeniedError", async () => {
    const res = await as(auth).get("/api/v1/LegalHold/123");
    expect(res.status).toBe(403);
    expect(res.body).toEqual([{ name: "FORBIDDEN", description: expect.any(String) }]);
  });

  it("custodians: add, re-add refused (USER_ALREADY_IN_HOLD), remove, re-add reactivates; listing needs a criterion", async () => {
    const u = as(auth);
    const { matter } = await matterWithPolicy();
    const added = await u.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL });
    expect(added.body.data).toEqual({
      legalHoldMembershipUid: expect.any(String),
      active: true,
      creationDate: expect.any(String),
      legalHold: { legalHoldUid: matter.legalHoldUid, name: "Case 42" },
      user: { userUid: CAROL, username: "carol.clark@example.com", email: "carol.clark@example.com", userExtRef: null },
    });
    const again = await u.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL });
    expect(again.status).toBe(400);
    expect(again.text).toContain("USER_ALREADY_IN_HOLD");
    const uid = added.body.data.legalHoldMembershipUid;
    expect((await u.post("/api/v1/LegalHoldMembershipDeactivation", { legalHoldMembershipUid: uid })).status).toBe(204);
    expect((await u.get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.legalHoldUid}&activeState=ACTIVE`)).body.data.legalHoldMemberships).toEqual([]);
    expect((await u.get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.legalHoldUid}&activeState=ALL`)).body.data.legalHoldMemberships).toHaveLength(1);
    const back = await u.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL });
    expect(back.body.data).toMatchObject({ legalHoldMembershipUid: uid, active: true });
    expect((await u.get("/api/v1/LegalHoldMembership?user=carol")).body.data.legalHoldMemberships).toHaveLength(1);
    const none = await u.get("/api/v1/LegalHoldMembership?activeState=ALL");
    expect(none.status).toBe(400);
    expect(none.text).toContain("At least one criteria must be specified");
    // py42's integration suite passes a policy uid as the matter and a matter uid as the user: an empty page.
    expect((await u.get(`/api/v1/LegalHoldMembership?legalHoldUid=999&userUid=${matter.legalHoldUid}`)).body.data.legalHoldMemberships).toEqual([]);
  });

  it("deactivate and reactivate a matter (idempotent here); a deactivated matter stays readable", async () => {
    const u = as(auth);
    const { matter } = await matterWithPolicy();
    for (let i = 0; i < 2; i++) expect((await u.post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: matter.legalHoldUid })).status).toBe(204);
    expect((await u.get(`/api/v1/LegalHold/${matter.legalHoldUid}`)).body.data.active).toBe(false);
    expect((await u.get("/api/v1/LegalHold?activeState=INACTIVE")).body.data.legalHolds).toHaveLength(1);
    expect((await u.put(`/api/v1/LegalHoldReactivation/${matter.legalHoldUid}`)).status).toBe(204);
    expect((await u.get(`/api/v1/LegalHold/${matter.legalHoldUid}`)).body.data.active).toBe(true);
  });

  it("an active custodian's user cannot be deactivated (ACTIVE_LEGAL_HOLD), nor their devices; a deactivated hold frees them", async () => {
    const u = as(auth);
    const { matter } = await matterWithPolicy();
    await u.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: "942897397520280007" });
    const user = await u.post("/api/v3/users/942897397520280007/deactivate", { block: null });
    expect(user.status).toBe(400);
    expect(user.text).toContain("ACTIVE_LEGAL_HOLD");
    const device = await u.post("/api/v4/computer-deactivation/update", { id: 251691 });
    expect(device.status).toBe(400);
    expect(device.body).toEqual({ problem: "ACTIVE_LEGAL_HOLD", description: expect.any(String) });
    await u.post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: matter.legalHoldUid });
    expect((await u.post("/api/v3/users/942897397520280007/deactivate", { block: null })).status).toBe(204);
  });

  it("the event report lists what happened, with custodian and actor", async () => {
    const u = as(auth);
    const { matter } = await matterWithPolicy();
    const m = (await u.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL })).body.data;
    await u.post("/api/v1/LegalHoldMembershipDeactivation", { legalHoldMembershipUid: m.legalHoldMembershipUid });
    const events = (await u.get(`/api/v1/LegalHoldEventReport?legalHoldUid=${matter.legalHoldUid}&pgNum=1&pgSize=500`)).body.data.legalHoldEvents;
    expect(events.map((e: { eventType: string }) => e.eventType)).toEqual(["HoldCreated", "MembershipCreated", "MembershipDeactivated"]);
    expect(events[0]).not.toHaveProperty("custodianUserUid");
    expect(events[1]).toMatchObject({ custodianUserUid: CAROL, custodianUsername: "carol.clark@example.com", actorUsername: ADMIN.username, legalHoldMembershipUid: m.legalHoldMembershipUid });
  });

  it("the default tenant's matter, with its custodian (code42cli's `legal-hold show 984140047896012577`)", async () => {
    const u = as(auth);
    const matter = (await u.get("/api/v1/LegalHold/984140047896012577")).body.data;
    expect(matter).toMatchObject({ name: "Litigation 2026-001", holdExtRef: "LIT-2026-001", active: true, holdPolicyUid: "984140047896010001" });
    const custodians = (await u.get("/api/v1/LegalHoldMembership?legalHoldUid=984140047896012577&activeState=ACTIVE")).body.data.legalHoldMemberships;
    expect(custodians.map((m: { user: { username: string } }) => m.user.username)).toEqual(["test_username@example.com"]);
    expect((await u.post("/api/v3/users/942897397520280001/deactivate", { block: null })).text).toContain("ACTIVE_LEGAL_HOLD");
  });

  it("a Desktop User gets 403", async () => {
    const dave = `Bearer ${await emu.tokenFor("dave.davis@example.com", "password")}`;
    expect((await as(dave).get("/api/v1/LegalHold")).status).toBe(403);
  });
});

describe("API-client legal holds (/api/v27)", () => {
  it("create, view and list (bare arrays), strict activate/deactivate errors py42 maps", async () => {
    const c = as(client);
    const policy = (await c.post("/api/v27/legal-hold-policy/create", { name: "P" })).body;
    expect(policy.legalHoldPolicyUid).toMatch(/^\d+$/);
    const matter = (await c.post("/api/v27/legal-hold-matter/create", { policyId: policy.legalHoldPolicyUid, name: "M", description: null, notes: null, externalReference: "EXT-1" })).body;
    expect(matter).toMatchObject({ legalHoldUid: expect.any(String), holdExtRef: "EXT-1", creator: { userUid: "client_id", username: "client_id" } });
    expect((await c.get(`/api/v27/legal-hold-matter/view?legalHoldUid=${matter.legalHoldUid}`)).body).toEqual(matter);
    expect((await c.get("/api/v27/legal-hold-matter/list?active=true&page=1&pageSize=500")).body).toContainEqual(matter);
    expect((await c.get("/api/v27/legal-hold-matter/view?legalHoldUid=1")).status).toBe(403);

    const already = await c.post("/api/v27/legal-hold-matter/activate", { legalHoldUid: matter.legalHoldUid });
    expect(already.status).toBe(400);
    expect(already.text).toContain('"problem":"ALREADY_ACTIVE');
    expect((await c.post("/api/v27/legal-hold-matter/deactivate", { legalHoldUid: matter.legalHoldUid })).status).toBe(204);
    expect((await c.post("/api/v27/legal-hold-matter/deactivate", { legalHoldUid: matter.legalHoldUid })).text).toContain('"problem":"ALREADY_DEACTIVATED');
    expect((await c.get("/api/v27/legal-hold-matter/list?active=none")).body).toHaveLength(2);
    expect((await c.get("/api/v27/legal-hold-matter/list?active=false")).body.map((m: { name: string }) => m.name)).toEqual(["M"]);
  });

  it("custodians as bare arrays; a criterion is required", async () => {
    const c = as(client);
    const policy = (await c.post("/api/v27/legal-hold-policy/create", { name: "P" })).body;
    const matter = (await c.post("/api/v27/legal-hold-matter/create", { policyId: policy.legalHoldPolicyUid, name: "M" })).body;
    const m = (await c.post("/api/v27/legal-hold-membership/create", { legalHoldUid: matter.legalHoldUid, userUid: CAROL })).body;
    expect(m).toMatchObject({ legalHoldMembershipUid: expect.any(String), user: { userUid: CAROL } });
    expect((await c.post("/api/v27/legal-hold-membership/create", { legalHoldUid: matter.legalHoldUid, userUid: CAROL })).text).toContain("USER_ALREADY_IN_HOLD");
    expect((await c.get(`/api/v27/legal-hold-membership/list?legalHoldUid=${matter.legalHoldUid}&active=ACTIVE&page=1&pageSize=500`)).body).toEqual([m]);
    expect((await c.get("/api/v27/legal-hold-membership/list?active=ALL")).status).toBe(400);
    expect((await c.post("/api/v27/legal-hold-membership/deactivate", { legalHoldMembershipUid: m.legalHoldMembershipUid })).status).toBe(204);
    expect((await c.get(`/api/v27/legal-hold-membership/list?userUid=${CAROL}&active=INACTIVE`)).body).toHaveLength(1);
  });
});

describe("an Org Admin's legal holds: their org subtree's custodians, and the matters they are in", () => {
  const ALICE = "942897397520280004"; // Engineering, the org admin's org
  const LITIGATION = "984140047896012577"; // holds test_username@example.com, of the root org
  let org: ReturnType<typeof as>;
  beforeEach(async () => {
    org = as(`Bearer ${await emu.tokenFor("org.admin@example.com", "password")}`);
  });

  it("does not see, read, release or switch off a matter whose custodians are all outside their org", async () => {
    const membership = (await as(auth).get(`/api/v1/LegalHoldMembership?legalHoldUid=${LITIGATION}`)).body.data.legalHoldMemberships[0].legalHoldMembershipUid;
    expect((await org.get("/api/v1/LegalHold")).body.data.legalHolds).toEqual([]);
    expect((await org.get(`/api/v1/LegalHold/${LITIGATION}`)).status).toBe(403);
    expect((await org.get(`/api/v1/LegalHoldMembership?legalHoldUid=${LITIGATION}`)).body.data.legalHoldMemberships).toEqual([]);
    expect((await org.get("/api/v1/LegalHoldMembership?user=test_username")).body.data.legalHoldMemberships).toEqual([]);
    expect((await org.get(`/api/v1/LegalHoldEventReport?legalHoldUid=${LITIGATION}`)).body.data.legalHoldEvents).toEqual([]);
    expect((await org.post("/api/v1/LegalHoldMembershipDeactivation", { legalHoldMembershipUid: membership })).status).toBe(403);
    expect((await org.post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: LITIGATION })).status).toBe(403);
    expect((await org.put(`/api/v1/LegalHoldReactivation/${LITIGATION}`)).status).toBe(403);
    // Nothing changed: the custodian is still held, so still cannot be deactivated.
    expect((await as(auth).get(`/api/v1/LegalHold/${LITIGATION}`)).body.data.active).toBe(true);
    expect((await as(auth).get(`/api/v1/LegalHoldMembership?legalHoldUid=${LITIGATION}&activeState=ACTIVE`)).body.data.legalHoldMemberships).toHaveLength(1);
    expect((await as(auth).post("/api/v3/users/942897397520280001/deactivate", { block: null })).text).toContain("ACTIVE_LEGAL_HOLD");
  });

  it("runs a matter of their own for custodians in their org", async () => {
    const policy = (await org.post("/api/v4/legal-hold-policy/create", { name: "Engineering", policy: null })).body;
    const matter = (await org.post("/api/v1/LegalHold", { name: "Engineering case", holdPolicyUid: policy.legalHoldPolicyUid, description: null, notes: null, holdExtRef: null })).body.data;
    expect((await org.get("/api/v1/LegalHold")).body.data.legalHolds.map((m: { name: string }) => m.name)).toEqual(["Engineering case"]);
    expect((await org.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: ALICE })).status).toBe(200);
    expect((await org.post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid: CAROL })).status).toBe(403);
    expect((await org.post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: matter.legalHoldUid })).status).toBe(204);
  });

  it("in a matter shared with other orgs: sees and releases only their own custodians, and cannot switch it off", async () => {
    const { matter } = await matterWithPolicy();
    for (const userUid of [ALICE, CAROL]) await as(auth).post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.legalHoldUid, userUid });
    expect((await org.get(`/api/v1/LegalHold/${matter.legalHoldUid}`)).status).toBe(200);
    const mine = (await org.get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.legalHoldUid}`)).body.data.legalHoldMemberships;
    expect(mine.map((m: { user: { userUid: string } }) => m.user.userUid)).toEqual([ALICE]);
    const events = (await org.get(`/api/v1/LegalHoldEventReport?legalHoldUid=${matter.legalHoldUid}`)).body.data.legalHoldEvents;
    expect(events.map((e: { custodianUserUid?: string }) => e.custodianUserUid ?? null)).toEqual([null, ALICE]);
    const off = await org.post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: matter.legalHoldUid });
    expect(off.status).toBe(403);
    expect((await as(auth).get(`/api/v1/LegalHold/${matter.legalHoldUid}`)).body.data.active).toBe(true);
    expect((await org.post("/api/v1/LegalHoldMembershipDeactivation", { legalHoldMembershipUid: mine[0].legalHoldMembershipUid })).status).toBe(204);
  });
});
