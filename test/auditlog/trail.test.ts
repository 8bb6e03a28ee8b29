// Every administrative write leaves its audit event: each change made through a wire (the gateway with its API
// client, the legacy wire with a user's token, a SCIM provider) is then found by POST /v1/audit/search-audit-log with
// its type, actor and resource.
import { builtInWatchlistId } from "../../src/domains/watchlists/store.js";
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL } from "../helpers/detectionlists.js";
import { callsAs } from "../helpers/gateway.js";
import { CORE, GROUP, scimClient } from "../helpers/scim.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const { post, put } = callsAs(emu, () => gateway);
const okta = () => scimClient(emu, "okta", "okta-scim-token");

const CLIENT = { actorId: "client_id", actorName: "client_id", actorType: "API_CLIENT" };
const ADMIN_USER = { actorId: "942897397520289999", actorName: ADMIN.username, actorType: "USER" };
const SYSTEM = { actorId: "SYSTEM", actorName: "SYSTEM", actorType: "SYSTEM" };
const DEPARTING = builtInWatchlistId(DEFAULT_TENANT_UID, "DEPARTING_EMPLOYEE");
const FIXTURE_MATTER = "984140047896012577";
const CLI_TESTER = "942897397520280001";
const ROOT_GUID = "8c97a4e1-2b6d-4f3a-9c5e-7d1b0a2f3e4c";

/** The events of one type, newest first, as the incydr SDK searches them. */
async function trail(type: string) {
  const res = await post("/v1/audit/search-audit-log", { eventTypes: [type], page: 0, pageSize: 100 });
  expect(res.status).toBe(200);
  return res.body.events as Record<string, unknown>[];
}

/** The one event of `type`, with its actor and resource. */
async function expectEvent(type: string, actor: object, resourceId: string, details: object = {}) {
  expect(await trail(type)).toEqual([expect.objectContaining({ "type$": type, ...actor, resourceId, ...details })]);
}

describe("users", () => {
  it("an update, block and unblock, deactivation and reactivation, move and roles change", async () => {
    expect((await emu.http.put(`/api/v1/User/${ALICE}?idType=uid`).set("Authorization", legacy).send({ notes: "seen" })).status).toBe(200);
    await expectEvent("audit_log::user_updated/1", ADMIN_USER, ALICE, { changed: ["notes"] });
    expect((await emu.http.put("/api/v1/UserBlock/4205").set("Authorization", legacy)).status).toBe(204);
    await expectEvent("audit_log::user_blocked/1", ADMIN_USER, ALICE);
    expect((await emu.http.delete("/api/v1/UserBlock/4205").set("Authorization", legacy)).status).toBe(204);
    await expectEvent("audit_log::user_unblocked/1", ADMIN_USER, ALICE);
    expect((await post(`/v1/users/${ALICE}/deactivate`)).status).toBe(200);
    await expectEvent("audit_log::user_deactivated/1", CLIENT, ALICE);
    expect((await post(`/v1/users/${ALICE}/activate`)).status).toBe(200);
    await expectEvent("audit_log::user_reactivated/1", CLIENT, ALICE);
    expect((await post(`/v1/users/${ALICE}/move`, { orgGuid: ROOT_GUID })).status).toBe(200);
    await expectEvent("audit_log::user_moved/1", CLIENT, ALICE);
    expect((await put(`/v1/users/${ALICE}/roles`, { roleIds: ["desktop-user", "alert-emails"] })).status).toBe(200);
    await expectEvent("audit_log::user_roles_changed/1", CLIENT, ALICE, { granted: ["alert-emails"], removed: [] });
  });

  it("a refused change leaves no event", async () => {
    expect((await put(`/v1/users/${ALICE}/roles`, { roleIds: ["nope"] })).status).toBe(400);
    expect((await post(`/v1/users/${ALICE}/move`, { orgGuid: "no-such-org" })).status).toBe(404);
    expect(await trail("audit_log::user_roles_changed/1")).toEqual([]);
    expect(await trail("audit_log::user_moved/1")).toEqual([]);
  });
});

describe("legal holds", () => {
  it("a matter created, deactivated and reactivated; a custodian added and removed", async () => {
    const policy = (await post("/v1/legal-hold/policies", { name: "Preserve" })).body;
    const matter = (await post("/v1/legal-hold/matters", { policyId: policy.policyId, name: "Case 42", description: null, notes: null })).body;
    await expectEvent("audit_log::legal_hold_created/1", CLIENT, matter.matterId);
    await post(`/v1/legal-hold/matters/${matter.matterId}/deactivate`);
    await expectEvent("audit_log::legal_hold_deactivated/1", CLIENT, matter.matterId);
    await post(`/v1/legal-hold/matters/${matter.matterId}/reactivate`);
    await expectEvent("audit_log::legal_hold_reactivated/1", CLIENT, matter.matterId);
    expect((await post(`/v1/legal-hold/matters/${matter.matterId}/custodians`, { userId: CAROL })).status).toBe(200);
    await expectEvent("audit_log::legal_hold_custodian_added/1", CLIENT, matter.matterId, { custodianUserUid: CAROL });
    expect((await post(`/v1/legal-hold/matters/${FIXTURE_MATTER}/custodians/remove`, { userId: CLI_TESTER })).status).toBe(200);
    await expectEvent("audit_log::legal_hold_custodian_removed/1", CLIENT, FIXTURE_MATTER, { custodianUserUid: CLI_TESTER });
  });
});

describe("detection lists", () => {
  it("a user added to and removed from a list", async () => {
    const list = (path: string, body: object) => emu.http.post(`/v1/detection-lists/${path}`).set("Authorization", gateway).send(body);
    expect((await list("departingemployee/add", { tenantId: DEFAULT_TENANT_UID, userId: CAROL })).status).toBe(200);
    await expectEvent("audit_log::detection_list_user_added/1", CLIENT, CAROL, { detectionList: "DEPARTING_EMPLOYEE" });
    expect((await list("departingemployee/remove", { tenantId: DEFAULT_TENANT_UID, userId: BOB })).status).toBe(204);
    await expectEvent("audit_log::detection_list_user_removed/1", CLIENT, BOB, { detectionList: "DEPARTING_EMPLOYEE" });
    expect((await list("departingemployee/remove", { tenantId: DEFAULT_TENANT_UID, userId: BOB })).status).toBe(404);
    expect(await trail("audit_log::detection_list_user_removed/1")).toHaveLength(1);
  });
});

describe("watchlists", () => {
  it("created, updated, deleted", async () => {
    const id = (await post("/v1/watchlists", { description: "custom watchlist", title: "test", watchlistType: "CUSTOM" })).body.watchlistId as string;
    await expectEvent("audit_log::watchlist_created/1", CLIENT, id, { listType: "CUSTOM" });
    expect((await emu.http.patch(`/v1/watchlists/${id}?paths=title`).set("Authorization", gateway).send({ title: "v1 title" })).status).toBe(200);
    await expectEvent("audit_log::watchlist_updated/1", CLIENT, id, { changed: ["title"] });
    expect((await emu.http.delete(`/v1/watchlists/${id}`).set("Authorization", gateway)).status).toBe(200);
    await expectEvent("audit_log::watchlist_deleted/1", CLIENT, id);
  });

  it("included and excluded users, departments and directory groups, added and removed", async () => {
    const changes: [string, string, object, object][] = [
      ["included-users/add", "included_users_added", { userIds: [CAROL] }, { userUids: [CAROL] }],
      ["included-users/delete", "included_users_removed", { userIds: [CAROL] }, { userUids: [CAROL] }],
      ["excluded-users/add", "excluded_users_added", { userIds: [ALICE] }, { userUids: [ALICE] }],
      ["excluded-users/delete", "excluded_users_removed", { userIds: [ALICE] }, { userUids: [ALICE] }],
      ["included-departments/add", "departments_added", { departments: ["Engineering"] }, { departments: ["Engineering"] }],
      ["included-departments/delete", "departments_removed", { departments: ["Engineering"] }, { departments: ["Engineering"] }],
    ];
    for (const [path, what, body, details] of changes) {
      expect((await post(`/v1/watchlists/${DEPARTING}/${path}`, body)).status).toBe(200);
      await expectEvent(`audit_log::watchlist_${what}/1`, CLIENT, DEPARTING, details);
    }
    const group = (await okta().post("/Groups", { schemas: [GROUP], displayName: "Leads", members: [] })).body.id as string;
    expect((await post(`/v1/watchlists/${DEPARTING}/included-directory-groups/add`, { groupIds: [group] })).status).toBe(200);
    await expectEvent("audit_log::watchlist_groups_added/1", CLIENT, DEPARTING, { groupIds: [group] });
    expect((await post(`/v1/watchlists/${DEPARTING}/included-directory-groups/delete`, { groupIds: [group] })).status).toBe(200);
    await expectEvent("audit_log::watchlist_groups_removed/1", CLIENT, DEPARTING, { groupIds: [group] });
  });

  it("a refused change leaves no event", async () => {
    expect((await post(`/v1/watchlists/${DEPARTING}/included-departments/add`, { departments: [" "] })).status).toBe(400);
    expect(await trail("audit_log::watchlist_departments_added/1")).toEqual([]);
  });
});

describe("trusted activities", () => {
  it("created, updated and deleted, on either wire", async () => {
    const made = await post("/v2/trusted-activities", { type: "DOMAIN", value: "example.com", description: null, activityActionGroups: [] });
    const id = made.body.activityId as string;
    const activity = { activityId: id, activityType: "DOMAIN", value: "example.com" };
    await expectEvent("audit_log::trusted_activity_created/1", CLIENT, id, activity);
    expect((await emu.http.patch(`/v2/trusted-activities/${id}`).set("Authorization", gateway).send({ value: "example.org" })).status).toBe(200);
    await expectEvent("audit_log::trusted_activity_updated/1", CLIENT, id, { ...activity, value: "example.org" });
    expect((await emu.http.delete(`/api/v1/trusted-activities/${id}`).set("Authorization", legacy)).status).toBe(204);
    await expectEvent("audit_log::trusted_activity_deleted/1", ADMIN_USER, id, { ...activity, value: "example.org" });
  });

  it("a refused change leaves no event", async () => {
    expect((await post("/v2/trusted-activities", { type: "DOMAIN", value: "not a domain", activityActionGroups: [] })).status).toBe(400);
    expect(await trail("audit_log::trusted_activity_created/1")).toEqual([]);
  });
});

describe("SCIM", () => {
  it("a user provisioned, updated and deprovisioned, by the system", async () => {
    const made = await okta().post("/Users", { schemas: [CORE], userName: "ivy.okta@example.com", active: true });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    await expectEvent("audit_log::scim_user_provisioned/1", SYSTEM, id, { scimProviderId: "okta" });
    expect((await okta().put(`/Users/${id}`, { schemas: [CORE], userName: "ivy.okta@example.com", title: "Lead", active: true })).status).toBe(200);
    await expectEvent("audit_log::scim_user_updated/1", SYSTEM, id);
    expect((await okta().del(`/Users/${id}`)).status).toBe(204);
    await expectEvent("audit_log::scim_user_deprovisioned/1", SYSTEM, id);
  });
});
