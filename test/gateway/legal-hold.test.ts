// The gateway's legal holds, as the incydr SDK (legal_hold.v1) calls them, over the same policies, matters and
// memberships as the legacy wire.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const { get, post, put } = callsAs(emu, () => gateway);

const NOW = "2030-01-01T00:00:00.000Z";
const FIXTURE_MATTER = "984140047896012577";
const FIXTURE_POLICY = "984140047896010001";
const ADMIN_UID = "942897397520289999";
const CLI_TESTER = "942897397520280001";
const CAROL = "942897397520280006";
const UID = expect.stringMatching(/^\d+$/);
/** What the default tenant's API client shows as, as creator of what it makes. */
const API_CLIENT_PRINCIPAL = { type: "API_KEY", principalId: "client_id", displayName: "Emulator API client" };

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


/** The fixture's matter as the legacy wire answers it, for the dates the fixture leaves to the emulator. */
const legacyMatter = async (uid: string) => (await get(`/api/v1/LegalHold/${uid}`, legacy)).body.data;

/** A policy and a matter under it, made on the gateway the way the SDK makes them. */
async function gatewayMatter(name = "Case 42") {
  const policy = (await post("/v1/legal-hold/policies", { name: "Preserve" })).body;
  const matter = (await post("/v1/legal-hold/matters", { policyId: policy.policyId, name, description: null, notes: null })).body;
  return { policy, matter };
}

describe("legal-hold policies", () => {
  it("creates a policy from a name, made by the API client (createGatewayLegalHoldPolicy)", async () => {
    const res = await post("/v1/legal-hold/policies", { name: "Preserve" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ policyId: UID, name: "Preserve", creationDate: NOW, modificationDate: NOW, creatorUser: null, creatorPrincipal: API_CLIENT_PRINCIPAL });
    expect((await get(`/v1/legal-hold/policies/${res.body.policyId}`)).body).toEqual(res.body);
  });

  it("refuses a policy without a name with 400, and a body that is not JSON with 415", async () => {
    const res = await post("/v1/legal-hold/policies", {});
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("name") });
    const form = await emu.http.post("/v1/legal-hold/policies").set("Authorization", gateway).type("form").send({ name: "Preserve" });
    expect(form.status).toBe(415);
    expect(form.body).toEqual({ code: "UNSUPPORTED_MEDIA_TYPE", message: expect.any(String) });
  });

  it("answers the fixture's policy, made by no one (getGatewayLegalHoldPolicy)", async () => {
    const { creationDate } = await legacyMatter(FIXTURE_MATTER);
    const res = await get(`/v1/legal-hold/policies/${FIXTURE_POLICY}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ policyId: FIXTURE_POLICY, name: "Default legal hold policy", creationDate, modificationDate: creationDate, creatorUser: null, creatorPrincipal: null });
  });

  it("answers an unknown policy with 404", async () => {
    const res = await get("/v1/legal-hold/policies/123");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "POLICY_NOT_FOUND", message: "Policy with UID '123' can not be found, or you do not have permission to view it" });
  });

  it("pages the policies by page and pageSize; one made on the legacy wire by a user names them (listGatewayLegalHoldPolicies)", async () => {
    const made = (await post("/api/v4/legal-hold-policy/create", { name: "Legacy policy", policy: null }, legacy)).body;
    const first = await get("/v1/legal-hold/policies?page=1&pageSize=1");
    expect(first.status).toBe(200);
    expect(first.body.policies.map((p: { policyId: string }) => p.policyId)).toEqual([FIXTURE_POLICY]);
    const second = await get("/v1/legal-hold/policies?page=2&pageSize=1");
    expect(second.body).toEqual({
      policies: [
        {
          policyId: made.legalHoldPolicyUid,
          name: "Legacy policy",
          creationDate: NOW,
          modificationDate: NOW,
          creatorUser: { userId: ADMIN_UID, username: ADMIN.username },
          creatorPrincipal: { type: "USER", principalId: ADMIN_UID, displayName: "Test User" },
        },
      ],
    });
    expect((await get("/v1/legal-hold/policies")).body.policies).toHaveLength(2);
  });

  it("refuses a page size of 0 with 400, and a caller without a legal-hold role with 403", async () => {
    const zero = await get("/v1/legal-hold/policies?pageSize=0");
    expect(zero.status).toBe(400);
    expect(zero.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("pageSize") });
    const desktopUser = await get("/v1/legal-hold/policies", await userToken("carol.clark@example.com"));
    expect(desktopUser.status).toBe(403);
    expect(desktopUser.body).toEqual({ code: "FORBIDDEN", message: "A legal-hold role is required" });
  });
});

describe("legal-hold matters", () => {
  it("creates a matter with the body the SDK sends (nulls for what it was not given) (createGatewayLegalHoldMatter)", async () => {
    const policy = (await post("/v1/legal-hold/policies", { name: "Preserve" })).body;
    const res = await post("/v1/legal-hold/matters", { policyId: policy.policyId, name: "Case 42", description: null, notes: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      matterId: UID,
      name: "Case 42",
      description: "",
      notes: null,
      active: true,
      creationDate: NOW,
      policyId: policy.policyId,
      creator: null,
      creatorPrincipal: API_CLIENT_PRINCIPAL,
    });
  });

  it("names the user who made a matter with a user's token", async () => {
    const auth = await userToken(ADMIN.username);
    const res = await post("/v1/legal-hold/matters", { policyId: FIXTURE_POLICY, name: "Case 43", description: "About", notes: "Notes" }, auth);
    expect(res.body).toMatchObject({
      description: "About",
      notes: "Notes",
      creator: { userId: ADMIN_UID, username: ADMIN.username },
      creatorPrincipal: { type: "USER", principalId: ADMIN_UID, displayName: "Test User" },
    });
  });

  it("refuses a matter under an unknown policy with 400", async () => {
    const res = await post("/v1/legal-hold/matters", { policyId: "999", name: "Case 42" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "POLICY_REFERENCE_INVALID", message: "Legal hold policy 999 was not found" });
  });

  it("answers the fixture's matter (getGatewayLegalHoldMatter)", async () => {
    const { creationDate } = await legacyMatter(FIXTURE_MATTER);
    const res = await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      matterId: FIXTURE_MATTER,
      name: "Litigation 2026-001",
      description: "Preserve everything the product team wrote about Project Atlas.",
      notes: null,
      active: true,
      creationDate,
      policyId: FIXTURE_POLICY,
      creator: null,
      creatorPrincipal: null,
    });
  });

  it("answers an unknown matter, or one out of an org admin's reach, with 404 (the legacy wire says 403)", async () => {
    const unknown = await get("/v1/legal-hold/matters/123");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "MATTER_NOT_FOUND", message: "Matter with UID '123' can not be found, or you do not have permission to view it" });
    const orgAdmin = await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}`, await userToken("org.admin@example.com"));
    expect(orgAdmin.status).toBe(404);
    expect(orgAdmin.body.code).toBe("MATTER_NOT_FOUND");
  });

  it("lists every matter unless active says which, filters by name and creator, and pages (listGatewayLegalHoldMatters)", async () => {
    const { matter } = await gatewayMatter("Case 42");
    await post(`/v1/legal-hold/matters/${matter.matterId}/deactivate`);
    const fixture = (await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}`)).body;
    const inactive = { ...matter, active: false };
    const all = await get("/v1/legal-hold/matters");
    expect(all.status).toBe(200);
    expect(all.body).toEqual({ matters: [fixture, inactive] });
    // The SDK sends Python's booleans.
    expect((await get("/v1/legal-hold/matters?active=True")).body).toEqual({ matters: [fixture] });
    expect((await get("/v1/legal-hold/matters?active=False")).body).toEqual({ matters: [inactive] });
    expect((await get("/v1/legal-hold/matters?active=true&name=Litigation")).body).toEqual({ matters: [fixture] });
    expect((await get("/v1/legal-hold/matters?name=Case")).body).toEqual({ matters: [inactive] });
    expect((await get("/v1/legal-hold/matters?page=2&pageSize=1")).body).toEqual({ matters: [inactive] });
    expect((await get("/v1/legal-hold/matters?page=3&pageSize=1")).body).toEqual({ matters: [] });
    expect((await get(`/v1/legal-hold/matters?creatorUserId=${ADMIN_UID}`)).body).toEqual({ matters: [] });
  });

  it("lists a matter made on the legacy wire, with its creator", async () => {
    const made = (await post("/api/v1/LegalHold", { name: "Legacy case", holdPolicyUid: FIXTURE_POLICY, description: null, notes: null, holdExtRef: null }, legacy)).body.data;
    const res = await get(`/v1/legal-hold/matters?creatorUserId=${ADMIN_UID}`);
    expect(res.body).toEqual({
      matters: [
        {
          matterId: made.legalHoldUid,
          name: "Legacy case",
          description: "",
          notes: null,
          active: true,
          creationDate: NOW,
          policyId: FIXTURE_POLICY,
          creator: { userId: ADMIN_UID, username: ADMIN.username },
          creatorPrincipal: { type: "USER", principalId: ADMIN_UID, displayName: "Test User" },
        },
      ],
    });
  });

  it("refuses an active flag that is no boolean with 400, and no token with 401", async () => {
    const bad = await get("/v1/legal-hold/matters?active=maybe");
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("active") });
    const none = await emu.http.get("/v1/legal-hold/matters");
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ code: "UNAUTHORIZED", message: "A Bearer or v3_user_token authorization header is required" });
  });

  it("deactivates a matter, which the legacy wire then shows inactive, and refuses to twice (deactivateGatewayLegalHoldMatter)", async () => {
    const { matter } = await gatewayMatter();
    const res = await post(`/v1/legal-hold/matters/${matter.matterId}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect((await legacyMatter(matter.matterId)).active).toBe(false);
    const again = await post(`/v1/legal-hold/matters/${matter.matterId}/deactivate`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ code: "MATTER_ALREADY_INACTIVE", message: `Legal hold matter ${matter.matterId} is already deactivated` });
    const unknown = await post("/v1/legal-hold/matters/123/deactivate");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("MATTER_NOT_FOUND");
  });

  it("reactivates a matter deactivated on the legacy wire, and refuses to twice (reactivateGatewayLegalHoldMatter)", async () => {
    const { matter } = await gatewayMatter();
    expect((await post("/api/v4/legal-hold-deactivation/update", { legalHoldUid: matter.matterId }, legacy)).status).toBe(204);
    const res = await post(`/v1/legal-hold/matters/${matter.matterId}/reactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ membershipsChanged: false });
    expect((await get(`/v1/legal-hold/matters/${matter.matterId}`)).body.active).toBe(true);
    const again = await post(`/v1/legal-hold/matters/${matter.matterId}/reactivate`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ code: "MATTER_ALREADY_ACTIVE", message: `Legal hold matter ${matter.matterId} is already active` });
  });
});

describe("legal-hold custodians", () => {
  it("adds a user to a matter, which the legacy wire lists (addGatewayLegalHoldCustodian)", async () => {
    const { matter } = await gatewayMatter();
    const res = await post(`/v1/legal-hold/matters/${matter.matterId}/custodians`, { userId: CAROL });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      membershipActive: true,
      membershipCreationDate: NOW,
      matter: { matterId: matter.matterId, name: "Case 42" },
      custodian: { userId: CAROL, username: "carol.clark@example.com", email: "carol.clark@example.com" },
    });
    const listed = (await get(`/api/v1/LegalHoldMembership?legalHoldUid=${matter.matterId}`, legacy)).body.data.legalHoldMemberships;
    expect(listed).toEqual([expect.objectContaining({ active: true, legalHold: { legalHoldUid: matter.matterId, name: "Case 42" }, user: expect.objectContaining({ userUid: CAROL }) })]);
  });

  it("refuses an active custodian again (409), an unknown user (404) and a body without userId (400)", async () => {
    const again = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`, { userId: CLI_TESTER });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ code: "ALREADY_CUSTODIAN", message: `User ${CLI_TESTER} is already an active custodian of matter ${FIXTURE_MATTER}` });
    const unknown = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`, { userId: "123" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "CUSTODIAN_NOT_FOUND", message: "User with UID '123' can not be found, or you do not have permission to view it" });
    const empty = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`, {});
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("userId") });
  });

  it("lists a matter's custodians, with the name the SDK reads (listGatewayLegalHoldCustodians)", async () => {
    const [membership] = (await get(`/api/v1/LegalHoldMembership?legalHoldUid=${FIXTURE_MATTER}`, legacy)).body.data.legalHoldMemberships;
    const res = await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      custodians: [
        { userId: CLI_TESTER, username: "test_username@example.com", name: "CLI Tester", email: "test_username@example.com", membershipActive: true, membershipCreationDate: membership.creationDate },
      ],
    });
    await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`, { userId: CAROL });
    expect((await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians?page=2&pageSize=1`)).body.custodians.map((c: { userId: string }) => c.userId)).toEqual([CAROL]);
  });

  it("answers the custodians of an unknown matter with 404", async () => {
    const res = await get("/v1/legal-hold/matters/123/custodians");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "MATTER_NOT_FOUND", message: "Matter with UID '123' can not be found, or you do not have permission to view it" });
  });

  it("removes a user from a matter: still listed, inactive; gone from the legacy wire's active list; re-adding reactivates (removeGatewayLegalHoldCustodian)", async () => {
    const res = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians/remove`, { userId: CLI_TESTER });
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect((await get(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`)).body.custodians).toEqual([expect.objectContaining({ userId: CLI_TESTER, membershipActive: false })]);
    expect((await get(`/api/v1/LegalHoldMembership?legalHoldUid=${FIXTURE_MATTER}&activeState=ACTIVE`, legacy)).body.data.legalHoldMemberships).toEqual([]);
    // Removing again changes nothing.
    expect((await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians/remove`, { userId: CLI_TESTER })).status).toBe(200);
    const back = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians`, { userId: CLI_TESTER });
    expect(back.body.membershipActive).toBe(true);
  });

  it("refuses to remove a user who is no custodian of the matter with 404", async () => {
    const res = await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians/remove`, { userId: CAROL });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "MEMBERSHIP_NOT_FOUND", message: `User with UID '${CAROL}' is not a custodian of matter '${FIXTURE_MATTER}', or you do not have permission to view it` });
    const unknownMatter = await post("/v1/legal-hold/matters/123/custodians/remove", { userId: CAROL });
    expect(unknownMatter.status).toBe(404);
    expect(unknownMatter.body.code).toBe("MATTER_NOT_FOUND");
  });

  it("lists the matters a user is in, including one the legacy wire added them to (listGatewayLegalHoldUserMatters)", async () => {
    const [membership] = (await get(`/api/v1/LegalHoldMembership?legalHoldUid=${FIXTURE_MATTER}`, legacy)).body.data.legalHoldMemberships;
    const { matter } = await gatewayMatter();
    await post("/api/v1/LegalHoldMembership", { legalHoldUid: matter.matterId, userUid: CLI_TESTER }, legacy);
    const res = await get(`/v1/legal-hold/custodians/${CLI_TESTER}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      matters: [
        { matterId: FIXTURE_MATTER, name: "Litigation 2026-001", membershipActive: true, membershipCreationDate: membership.creationDate },
        { matterId: matter.matterId, name: "Case 42", membershipActive: true, membershipCreationDate: NOW },
      ],
    });
    expect((await get(`/v1/legal-hold/custodians/${CLI_TESTER}?page=2&pageSize=1`)).body.matters.map((m: { matterId: string }) => m.matterId)).toEqual([matter.matterId]);
    expect((await get(`/v1/legal-hold/custodians/${CAROL}`)).body).toEqual({ matters: [] });
  });

  it("refuses a page that is no number with 400", async () => {
    const res = await get(`/v1/legal-hold/custodians/${CLI_TESTER}?page=first`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page") });
  });
});
