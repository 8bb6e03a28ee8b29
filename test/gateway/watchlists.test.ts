// The gateway's watchlists, v1 (users) and v2 (actors), called as the incydr SDK calls them: one model behind both
// versions and the detection lists, whose departing and high-risk lists are the included users of the
// DEPARTING_EMPLOYEE and HIGH_RISK_EMPLOYEE watchlists.
import { builtInWatchlistId } from "../../src/domains/watchlists/store.js";
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL, detectionLists } from "../helpers/detectionlists.js";
import { callsAs, userBearer } from "../helpers/gateway.js";
import { CORE, ENTERPRISE, GROUP, scimClient } from "../helpers/scim.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: ReturnType<typeof detectionLists>;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});
const { get, post } = callsAs(emu, () => gateway);
const patch = (path: string, body: object) => emu.http.patch(path).set("Authorization", gateway).send(body);
const del = (path: string) => emu.http.delete(path).set("Authorization", gateway);
const okta = () => scimClient(emu, "okta", "okta-scim-token");

const tenantId = DEFAULT_TENANT_UID;
const DEPARTING = builtInWatchlistId(tenantId, "DEPARTING_EMPLOYEE");
const HIGH_RISK = builtInWatchlistId(tenantId, "HIGH_RISK_EMPLOYEE");
const NOWHERE = "00000000-0000-4000-8000-000000000000";
const ALICE_NAME = "alice.adams@example.com";
const BOB_NAME = "bob.brown@example.com";
const CAROL_NAME = "carol.clark@example.com";

/** UTC to the microsecond, as the SDK's examples write addedTime. */
const ADDED = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
const UUID = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const refusal = (code: string, message: string) => ({ code, message });
const invalid = (about: string) => ({ code: "INVALID_REQUEST", message: expect.stringContaining(about) });
const noWatchlist = (id: string) => refusal("WATCHLIST_NOT_FOUND", `No watchlist with the id ${id}`);
const notOn = (what: string, id: string) => refusal("WATCHLIST_ENTRY_NOT_FOUND", `${what} is not on watchlist ${id}`);

const stats = (included = 0, excluded = 0, departments = 0, groups = 0) => ({
  excludedUsersCount: excluded,
  includedDepartmentsCount: departments,
  includedDirectoryGroupsCount: groups,
  includedUsersCount: included,
});
const statsV2 = (included = 0, excluded = 0, departments = 0, groups = 0) => ({
  includedDepartmentsCount: departments,
  includedDirectoryGroupsCount: groups,
  includedActorsCount: included,
  excludedActorsCount: excluded,
  excludedDepartmentsCount: 0,
  excludedDirectoryGroupsCount: 0,
});
const builtIn = (watchlistId: string, listType: string) => ({ description: null, listType, tenantId, title: null, watchlistId });
const HIGH_RISK_V1 = { ...builtIn(HIGH_RISK, "HIGH_RISK_EMPLOYEE"), stats: stats(1) };
const DEPARTING_V1 = { ...builtIn(DEPARTING, "DEPARTING_EMPLOYEE"), stats: stats(1) };
const HIGH_RISK_V2 = { ...builtIn(HIGH_RISK, "HIGH_RISK_EMPLOYEE"), stats: statsV2(1) };
const DEPARTING_V2 = { ...builtIn(DEPARTING, "DEPARTING_EMPLOYEE"), stats: statsV2(1) };
// Alice's risk factors in the default fixture: the watchlists of their names, each including her.
const RISK_FACTORS = ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"];
const RISK_FACTORS_V1 = RISK_FACTORS.map((type) => ({ ...builtIn(builtInWatchlistId(tenantId, type), type), stats: stats(1) }));
const RISK_FACTORS_V2 = RISK_FACTORS.map((type) => ({ ...builtIn(builtInWatchlistId(tenantId, type), type), stats: statsV2(1) }));

const user = (userId: string, username: string) => ({ addedTime: ADDED, userId, username });
const actor = (actorId: string, actorname: string) => ({ actorId, actorname, addedTime: ADDED });
const ids = (people: { userId?: string; actorId?: string }[]) => people.map((p) => p.userId ?? p.actorId);

describe("GET /v1/watchlists and /v2/watchlists", () => {
  it("lists the tenant's watchlists in the order they were made, as the SDK asks (page, pageSize)", async () => {
    const v1 = await get("/v1/watchlists?page=1&pageSize=100");
    expect([v1.status, v1.body]).toEqual([200, { totalCount: 4, watchlists: [HIGH_RISK_V1, DEPARTING_V1, ...RISK_FACTORS_V1] }]);
    const v2 = await get("/v2/watchlists?page=1&pageSize=100");
    expect([v2.status, v2.body]).toEqual([200, { totalCount: 4, watchlists: [HIGH_RISK_V2, DEPARTING_V2, ...RISK_FACTORS_V2] }]);
  });

  it("pages with the document's page_size too, and filters by membership (userId/user_id, actorId/actor_id)", async () => {
    expect((await get("/v1/watchlists?page=2&page_size=1")).body).toEqual({ totalCount: 4, watchlists: [DEPARTING_V1] });
    expect((await get(`/v1/watchlists?userId=${ALICE}`)).body).toEqual({ totalCount: 3, watchlists: [HIGH_RISK_V1, ...RISK_FACTORS_V1] });
    expect((await get(`/v1/watchlists?user_id=${BOB}`)).body).toEqual({ totalCount: 1, watchlists: [DEPARTING_V1] });
    expect((await get(`/v2/watchlists?actorId=${BOB}`)).body).toEqual({ totalCount: 1, watchlists: [DEPARTING_V2] });
    expect((await get(`/v2/watchlists?actor_id=${CAROL}`)).body).toEqual({ totalCount: 0, watchlists: [] });
  });

  it("refuses a page size of 0 or over 1,000 with 400 (never a short page, which ends the SDK's iteration)", async () => {
    for (const query of ["page_size=0", "pageSize=1001"]) {
      const res = await get(`/v2/watchlists?${query}`);
      expect([res.status, res.body]).toEqual([400, invalid(query.split("=")[0]!)]);
    }
  });
});

describe("POST /v1/watchlists and /v2/watchlists", () => {
  it("makes a CUSTOM watchlist with the SDK's body, answering each version's shape", async () => {
    const v1 = await post("/v1/watchlists", { description: "custom watchlist", title: "test", watchlistType: "CUSTOM" });
    expect([v1.status, v1.body]).toEqual([200, { description: "custom watchlist", listType: "CUSTOM", stats: stats(), tenantId, title: "test", watchlistId: UUID }]);
    const v2 = await post("/v2/watchlists", { description: null, title: "second", watchlistType: "CUSTOM" });
    expect([v2.status, v2.body]).toEqual([200, { description: null, listType: "CUSTOM", stats: statsV2(), tenantId, title: "second", watchlistId: UUID }]);
    expect((await get("/v2/watchlists")).body.totalCount).toBe(6);
  });

  it("makes a built-in type's watchlist once (with underscores, as the SDK writes the type)", async () => {
    const made = await post("/v2/watchlists", { description: null, title: null, watchlistType: "NEW_EMPLOYEE" });
    expect([made.status, made.body]).toEqual([200, { ...builtIn(builtInWatchlistId(tenantId, "NEW_EMPLOYEE"), "NEW_EMPLOYEE"), stats: statsV2() }]);
    const again = await post("/v1/watchlists", { description: null, title: null, watchlistType: "NEW_EMPLOYEE" });
    expect([again.status, again.body]).toEqual([409, refusal("WATCHLIST_EXISTS", `The tenant has a NEW_EMPLOYEE watchlist already: ${made.body.watchlistId}`)]);
  });

  it("refuses a CUSTOM watchlist without a title, an unspecified type (400 WATCHLIST_INVALID) and the document's spelling (400)", async () => {
    const untitled = await post("/v1/watchlists", { watchlistType: "CUSTOM" });
    expect([untitled.status, untitled.body]).toEqual([400, refusal("WATCHLIST_INVALID", "A CUSTOM watchlist needs a title")]);
    const unspecified = await post("/v2/watchlists", { watchlistType: "WATCHLIST_TYPE_UNSPECIFIED" });
    expect([unspecified.status, unspecified.body]).toEqual([400, refusal("WATCHLIST_INVALID", "Unknown watchlist type: WATCHLIST_TYPE_UNSPECIFIED")]);
    const spelling = await post("/v2/watchlists", { watchlistType: "DEPARTINGEMPLOYEE" });
    expect([spelling.status, spelling.body]).toEqual([400, invalid("watchlistType")]);
  });
});

describe("GET, PATCH and DELETE /v{1,2}/watchlists/{watchlist_id}", () => {
  it("gets one watchlist in each version's shape; an unknown id is 404", async () => {
    expect((await get(`/v1/watchlists/${DEPARTING}`)).body).toEqual(DEPARTING_V1);
    expect((await get(`/v2/watchlists/${HIGH_RISK}`)).body).toEqual(HIGH_RISK_V2);
    const unknown = await get(`/v2/watchlists/${NOWHERE}`);
    expect([unknown.status, unknown.body]).toEqual([404, noWatchlist(NOWHERE)]);
  });

  it("updates the fields the mask names, as the SDK sends it (null for what it was not given)", async () => {
    const id = (await post("/v2/watchlists", { description: "custom watchlist", title: "test", watchlistType: "CUSTOM" })).body.watchlistId;
    const both = await patch(`/v2/watchlists/${id}?paths=title&paths=description`, { description: "updated description", title: "updated title" });
    expect([both.status, both.body]).toEqual([200, { description: "updated description", listType: "CUSTOM", stats: statsV2(), tenantId, title: "updated title", watchlistId: id }]);
    const title = await patch(`/v1/watchlists/${id}?paths=title`, { title: "v1 title", description: null });
    expect([title.status, title.body]).toEqual([200, { description: "updated description", listType: "CUSTOM", stats: stats(), tenantId, title: "v1 title", watchlistId: id }]);
  });

  it("without a mask takes what the body gives a value: an empty description clears it, as the SDK documents", async () => {
    const id = (await post("/v1/watchlists", { description: "custom watchlist", title: "test", watchlistType: "CUSTOM" })).body.watchlistId;
    const cleared = await patch(`/v1/watchlists/${id}`, { description: "", title: null });
    expect([cleared.status, cleared.body]).toMatchObject([200, { description: null, title: "test" }]);
    const described = await patch(`/v2/watchlists/${DEPARTING}`, { description: "Leavers", title: null });
    expect(described.body).toEqual({ ...DEPARTING_V2, description: "Leavers" });
  });

  it("refuses a title on a built-in type and clearing a CUSTOM one's (400), an unknown field (400) or watchlist (404)", async () => {
    const builtInTitle = await patch(`/v2/watchlists/${DEPARTING}?paths=title`, { title: "Leavers" });
    expect([builtInTitle.status, builtInTitle.body]).toEqual([400, refusal("WATCHLIST_INVALID", "Only a CUSTOM watchlist has a title, not a DEPARTING_EMPLOYEE one")]);
    const id = (await post("/v2/watchlists", { title: "test", watchlistType: "CUSTOM" })).body.watchlistId;
    const untitled = await patch(`/v1/watchlists/${id}?paths=title`, { title: null });
    expect([untitled.status, untitled.body]).toEqual([400, refusal("WATCHLIST_INVALID", "A CUSTOM watchlist needs a title")]);
    const field = await patch(`/v1/watchlists/${id}?paths=listType`, {});
    expect([field.status, field.body]).toEqual([400, invalid("paths")]);
    const unknown = await patch(`/v1/watchlists/${NOWHERE}?paths=description`, { description: "x" });
    expect([unknown.status, unknown.body]).toEqual([404, noWatchlist(NOWHERE)]);
  });

  it("deletes a watchlist with 200 and no body; again is 404", async () => {
    const id = (await post("/v2/watchlists", { title: "test", watchlistType: "CUSTOM" })).body.watchlistId;
    const gone = await del(`/v2/watchlists/${id}`);
    expect([gone.status, gone.text]).toEqual([200, ""]);
    expect((await get(`/v1/watchlists/${id}`)).status).toBe(404);
    const again = await del(`/v1/watchlists/${id}`);
    expect([again.status, again.body]).toEqual([404, noWatchlist(id)]);
  });
});

describe("included users (v1) and included actors (v2)", () => {
  it("lists, gets, adds and removes with the SDK's bodies", async () => {
    expect((await get(`/v1/watchlists/${DEPARTING}/included-users`)).body).toEqual({ totalCount: 1, includedUsers: [user(BOB, BOB_NAME)] });
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors?page=1&page_size=100`)).body).toEqual({ totalCount: 1, includedActors: [actor(BOB, BOB_NAME)] });
    expect((await get(`/v1/watchlists/${DEPARTING}/included-users/${BOB}`)).body).toEqual(user(BOB, BOB_NAME));
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors/${BOB}`)).body).toEqual(actor(BOB, BOB_NAME));

    const added = await post(`/v2/watchlists/${DEPARTING}/included-actors/add`, { actorIds: [CAROL], watchlistId: DEPARTING });
    expect([added.status, added.text]).toEqual([200, ""]);
    const addedV1 = await post(`/v1/watchlists/${HIGH_RISK}/included-users/add`, { userIds: [CAROL], watchlistId: HIGH_RISK });
    expect([addedV1.status, addedV1.text]).toEqual([200, ""]);
    const page = await get(`/v1/watchlists/${DEPARTING}/included-users`);
    expect(page.body).toEqual({ totalCount: 2, includedUsers: [user(BOB, BOB_NAME), user(CAROL, CAROL_NAME)] });
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors?page=2&page_size=1`)).body).toEqual({ totalCount: 2, includedActors: [actor(CAROL, CAROL_NAME)] });
    expect((await get(`/v2/watchlists/${DEPARTING}`)).body.stats).toEqual(statsV2(2));

    const removed = await post(`/v1/watchlists/${DEPARTING}/included-users/delete`, { userIds: [BOB, CAROL], watchlistId: DEPARTING });
    expect([removed.status, removed.text]).toEqual([200, ""]);
    const removedV2 = await post(`/v2/watchlists/${HIGH_RISK}/included-actors/delete`, { actorIds: [CAROL], watchlistId: HIGH_RISK });
    expect([removedV2.status, removedV2.text]).toEqual([200, ""]);
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors`)).body).toEqual({ totalCount: 0, includedActors: [] });
    expect((await get(`/v1/watchlists/${HIGH_RISK}/included-users`)).body).toEqual({ totalCount: 1, includedUsers: [user(ALICE, ALICE_NAME)] });
  });

  it("refuses an unknown user (400, adding none), one not included (404), an unknown watchlist (404), over 100 ids (400)", async () => {
    const unknown = await post(`/v2/watchlists/${DEPARTING}/included-actors/add`, { actorIds: [CAROL, "123"] });
    expect([unknown.status, unknown.body]).toEqual([400, refusal("WATCHLIST_REFERENCE_INVALID", "No user with the id 123")]);
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors`)).body.totalCount).toBe(1);
    const absent = await get(`/v1/watchlists/${DEPARTING}/included-users/${CAROL}`);
    expect([absent.status, absent.body]).toEqual([404, notOn(`User ${CAROL}`, DEPARTING)]);
    const absentV2 = await get(`/v2/watchlists/${DEPARTING}/included-actors/${ALICE}`);
    expect([absentV2.status, absentV2.body]).toEqual([404, notOn(`User ${ALICE}`, DEPARTING)]);
    const nowhere = await get(`/v1/watchlists/${NOWHERE}/included-users`);
    expect([nowhere.status, nowhere.body]).toEqual([404, noWatchlist(NOWHERE)]);
    const removeNowhere = await post(`/v1/watchlists/${NOWHERE}/included-users/delete`, { userIds: [BOB] });
    expect([removeNowhere.status, removeNowhere.body]).toEqual([404, noWatchlist(NOWHERE)]);
    const many = await post(`/v1/watchlists/${DEPARTING}/included-users/add`, { userIds: Array.from({ length: 101 }, (_, i) => `user-${i}`) });
    expect([many.status, many.body]).toEqual([400, invalid("userIds")]);
    const none = await post(`/v2/watchlists/${DEPARTING}/included-actors/delete`, { watchlistId: DEPARTING });
    expect([none.status, none.body]).toEqual([400, invalid("actorIds")]);
  });
});

describe("excluded users (v1) and excluded actors (v2)", () => {
  it("excludes a user from the members, whatever brought them in; lists, gets and removes", async () => {
    const added = await post(`/v1/watchlists/${HIGH_RISK}/excluded-users/add`, { userIds: [ALICE] });
    expect([added.status, added.text]).toEqual([200, ""]);
    expect((await get(`/v1/watchlists/${HIGH_RISK}/excluded-users`)).body).toEqual({ totalCount: 1, excludedUsers: [user(ALICE, ALICE_NAME)] });
    expect((await get(`/v2/watchlists/${HIGH_RISK}/excluded-actors`)).body).toEqual({ totalCount: 1, excludedActors: [actor(ALICE, ALICE_NAME)] });
    expect((await get(`/v1/watchlists/${HIGH_RISK}/excluded-users/${ALICE}`)).body).toEqual(user(ALICE, ALICE_NAME));
    expect((await get(`/v2/watchlists/${HIGH_RISK}/excluded-actors/${ALICE}`)).body).toEqual(actor(ALICE, ALICE_NAME));
    expect((await get(`/v1/watchlists/${HIGH_RISK}`)).body.stats).toEqual(stats(1, 1));
    expect((await get(`/v2/watchlists/${HIGH_RISK}`)).body.stats).toEqual(statsV2(1, 1));
    expect((await get(`/v2/watchlists/${HIGH_RISK}/members`)).body).toEqual({ totalCount: 0, watchlistMembers: [] });

    const addedV2 = await post(`/v2/watchlists/${HIGH_RISK}/excluded-actors/add`, { actorIds: [BOB] });
    expect([addedV2.status, addedV2.text]).toEqual([200, ""]);
    const removed = await post(`/v2/watchlists/${HIGH_RISK}/excluded-actors/delete`, { actorIds: [ALICE, BOB] });
    expect([removed.status, removed.text]).toEqual([200, ""]);
    const removedV1 = await post(`/v1/watchlists/${HIGH_RISK}/excluded-users/delete`, { userIds: [BOB] });
    expect([removedV1.status, removedV1.text]).toEqual([200, ""]);
    expect((await get(`/v1/watchlists/${HIGH_RISK}/members`)).body).toEqual({ totalCount: 1, watchlistMembers: [user(ALICE, ALICE_NAME)] });
  });

  it("refuses an unknown user (400), one not excluded (404), an unknown watchlist (404)", async () => {
    const unknown = await post(`/v1/watchlists/${HIGH_RISK}/excluded-users/add`, { userIds: ["123"] });
    expect([unknown.status, unknown.body]).toEqual([400, refusal("WATCHLIST_REFERENCE_INVALID", "No user with the id 123")]);
    const absent = await get(`/v2/watchlists/${HIGH_RISK}/excluded-actors/${ALICE}`);
    expect([absent.status, absent.body]).toEqual([404, notOn(`User ${ALICE}`, HIGH_RISK)]);
    const absentV1 = await get(`/v1/watchlists/${HIGH_RISK}/excluded-users/${ALICE}`);
    expect([absentV1.status, absentV1.body]).toEqual([404, notOn(`User ${ALICE}`, HIGH_RISK)]);
    for (const path of ["/v1/watchlists/$/excluded-users", "/v2/watchlists/$/excluded-actors"]) {
      const res = await get(path.replace("$", NOWHERE));
      expect([res.status, res.body]).toEqual([404, noWatchlist(NOWHERE)]);
    }
    const removeNowhere = await post(`/v2/watchlists/${NOWHERE}/excluded-actors/delete`, { actorIds: [BOB] });
    expect([removeNowhere.status, removeNowhere.body]).toEqual([404, noWatchlist(NOWHERE)]);
    const addNowhere = await post(`/v2/watchlists/${NOWHERE}/excluded-actors/add`, { actorIds: [BOB] });
    expect([addNowhere.status, addNowhere.body]).toEqual([404, noWatchlist(NOWHERE)]);
  });
});

describe("included departments", () => {
  it("includes departments by name, whose users are then members; lists, gets (the name in the path) and removes", async () => {
    for (const v of ["v1", "v2"]) {
      const added = await post(`/${v}/watchlists/${DEPARTING}/included-departments/add`, { departments: ["Engineering", "Platform Security"] });
      expect([added.status, added.text]).toEqual([200, ""]);
      const page = await get(`/${v}/watchlists/${DEPARTING}/included-departments`);
      expect(page.body).toEqual({ totalCount: 2, includedDepartments: [{ addedTime: ADDED, name: "Engineering" }, { addedTime: ADDED, name: "Platform Security" }] });
      const one = await get(`/${v}/watchlists/${DEPARTING}/included-departments/${encodeURIComponent("Platform Security")}`);
      expect([one.status, one.body]).toEqual([200, { addedTime: ADDED, name: "Platform Security" }]);
      expect((await get(`/${v}/watchlists/${DEPARTING}/members/${ALICE}`)).status).toBe(200);
      const removed = await post(`/${v}/watchlists/${DEPARTING}/included-departments/delete`, { departments: ["Engineering", "Platform Security"] });
      expect([removed.status, removed.text]).toEqual([200, ""]);
      expect((await get(`/${v}/watchlists/${DEPARTING}/included-departments`)).body).toEqual({ totalCount: 0, includedDepartments: [] });
    }
  });

  it("refuses a department not included (404), a blank name (400), an unknown watchlist (404)", async () => {
    for (const v of ["v1", "v2"]) {
      const absent = await get(`/${v}/watchlists/${DEPARTING}/included-departments/Engineering`);
      expect([absent.status, absent.body]).toEqual([404, notOn("Department Engineering", DEPARTING)]);
      const blank = await post(`/${v}/watchlists/${DEPARTING}/included-departments/add`, { departments: [" "] });
      expect([blank.status, blank.body]).toEqual([400, refusal("WATCHLIST_REFERENCE_INVALID", "A department name may not be empty")]);
      const empty = await post(`/${v}/watchlists/${DEPARTING}/included-departments/add`, { departments: [""] });
      expect([empty.status, empty.body]).toEqual([400, invalid("departments")]);
      for (const res of [
        await get(`/${v}/watchlists/${NOWHERE}/included-departments`),
        await post(`/${v}/watchlists/${NOWHERE}/included-departments/delete`, { departments: ["Engineering"] }),
      ])
        expect([res.status, res.body]).toEqual([404, noWatchlist(NOWHERE)]);
    }
  });
});

describe("included directory groups", () => {
  const pushGroup = async (displayName: string, members: string[]) =>
    (await okta().post("/Groups", { schemas: [GROUP], displayName, members: members.map((value) => ({ value })) })).body.id as string;

  it("includes groups providers pushed, whose members are then members; a group its provider deleted shows isDeleted", async () => {
    const bea = (await okta().post("/Users", { schemas: [CORE], userName: "bea.push@example.com" })).body.id as string;
    const leads = await pushGroup("Engineering Leads", [ALICE, bea]);
    for (const v of ["v1", "v2"]) {
      const added = await post(`/${v}/watchlists/${DEPARTING}/included-directory-groups/add`, { groupIds: [leads] });
      expect([added.status, added.text]).toEqual([200, ""]);
      const group = { addedTime: ADDED, groupId: leads, isDeleted: false, name: "Engineering Leads" };
      expect((await get(`/${v}/watchlists/${DEPARTING}/included-directory-groups`)).body).toEqual({ totalCount: 1, includedDirectoryGroups: [group] });
      expect((await get(`/${v}/watchlists/${DEPARTING}/included-directory-groups/${leads}`)).body).toEqual(group);
      expect((await get(`/${v}/watchlists/${DEPARTING}`)).body.stats).toMatchObject({ includedDirectoryGroupsCount: 1 });
      const removed = await post(`/${v}/watchlists/${DEPARTING}/included-directory-groups/delete`, { groupIds: [leads] });
      expect([removed.status, removed.text]).toEqual([200, ""]);
      expect((await get(`/${v}/watchlists/${DEPARTING}/included-directory-groups`)).body).toEqual({ totalCount: 0, includedDirectoryGroups: [] });
    }
    await post(`/v2/watchlists/${DEPARTING}/included-directory-groups/add`, { groupIds: [leads] });
    expect(ids((await get(`/v1/watchlists/${DEPARTING}/members`)).body.watchlistMembers).sort()).toEqual([ALICE, BOB, bea].sort());
    expect((await okta().del(`/Groups/${leads}`)).status).toBe(204);
    expect((await get(`/v2/watchlists/${DEPARTING}/included-directory-groups/${leads}`)).body).toEqual({ addedTime: ADDED, groupId: leads, isDeleted: true, name: null });
    expect(ids((await get(`/v2/watchlists/${DEPARTING}/members`)).body.watchlistMembers)).toEqual([BOB]);
  });

  it("refuses a group no provider pushed (400), one not included (404), an unknown watchlist (404)", async () => {
    for (const v of ["v1", "v2"]) {
      const unknown = await post(`/${v}/watchlists/${DEPARTING}/included-directory-groups/add`, { groupIds: ["no-such-group"] });
      expect([unknown.status, unknown.body]).toEqual([400, refusal("WATCHLIST_REFERENCE_INVALID", "No directory group with the id no-such-group")]);
      const absent = await get(`/${v}/watchlists/${DEPARTING}/included-directory-groups/no-such-group`);
      expect([absent.status, absent.body]).toEqual([404, notOn("Directory group no-such-group", DEPARTING)]);
      for (const res of [
        await get(`/${v}/watchlists/${NOWHERE}/included-directory-groups`),
        await post(`/${v}/watchlists/${NOWHERE}/included-directory-groups/delete`, { groupIds: ["x"] }),
      ])
        expect([res.status, res.body]).toEqual([404, noWatchlist(NOWHERE)]);
    }
  });
});

describe("members", () => {
  it("lists and gets who is on a watchlist (v1 users, v2 actors); one not on it is 404", async () => {
    expect((await get(`/v1/watchlists/${DEPARTING}/members`)).body).toEqual({ totalCount: 1, watchlistMembers: [user(BOB, BOB_NAME)] });
    expect((await get(`/v2/watchlists/${DEPARTING}/members?page=1&page_size=10`)).body).toEqual({ totalCount: 1, watchlistMembers: [actor(BOB, BOB_NAME)] });
    expect((await get(`/v1/watchlists/${DEPARTING}/members/${BOB}`)).body).toEqual(user(BOB, BOB_NAME));
    expect((await get(`/v2/watchlists/${HIGH_RISK}/members/${ALICE}`)).body).toEqual(actor(ALICE, ALICE_NAME));
    for (const v of ["v1", "v2"]) {
      const absent = await get(`/${v}/watchlists/${DEPARTING}/members/${ALICE}`);
      expect([absent.status, absent.body]).toEqual([404, notOn(`User ${ALICE}`, DEPARTING)]);
      const nowhere = await get(`/${v}/watchlists/${NOWHERE}/members`);
      expect([nowhere.status, nowhere.body]).toEqual([404, noWatchlist(NOWHERE)]);
    }
  });

  it("a department's member follows the user's department as the identity provider changes it", async () => {
    await post(`/v2/watchlists/${DEPARTING}/included-departments/add`, { departments: ["Finance"] });
    expect((await get(`/v2/watchlists/${DEPARTING}/members/${ALICE}`)).status).toBe(404);
    const moved = await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: `${ENTERPRISE}:department`, value: "Finance" }]);
    expect(moved.status).toBe(200);
    expect((await get(`/v2/watchlists/${DEPARTING}/members/${ALICE}`)).body).toEqual(actor(ALICE, ALICE_NAME));
    expect((await get(`/v1/watchlists/${DEPARTING}/members`)).body.totalCount).toBe(2);
    expect((await get(`/v2/watchlists?actorId=${ALICE}`)).body.watchlists.map((w: { listType: string }) => w.listType)).toEqual(["HIGH_RISK_EMPLOYEE", "DEPARTING_EMPLOYEE", ...RISK_FACTORS]);
    // A member, not an included user: the legacy departing list shows only the included.
    expect((await get(`/v1/watchlists/${DEPARTING}/included-users/${ALICE}`)).status).toBe(404);
    expect((await legacy("departingemployee/get", { tenantId, userId: ALICE })).status).toBe(404);

    await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: `${ENTERPRISE}:department`, value: "Engineering" }]);
    expect((await get(`/v1/watchlists/${DEPARTING}/members/${ALICE}`)).status).toBe(404);
    const newcomer = (await okta().post("/Users", { schemas: [CORE], userName: "fin.newcomer@example.com", [ENTERPRISE]: { department: "Finance" } })).body.id as string;
    expect((await get(`/v1/watchlists/${DEPARTING}/members/${newcomer}`)).body).toEqual(user(newcomer, "fin.newcomer@example.com"));
  });
  it("of a watchlist that only includes users: those it does not exclude too, a page read from any depth", async () => {
    const made: string[] = [];
    for (const name of ["inc.one", "inc.two", "inc.three", "inc.four", "inc.five"]) made.push((await okta().post("/Users", { schemas: [CORE], userName: `${name}@example.com` })).body.id);
    expect((await post(`/v2/watchlists/${DEPARTING}/included-actors/add`, { actorIds: made, watchlistId: DEPARTING })).status).toBe(200);
    // An included user excluded too leaves the members; an excluded user never included changes nothing.
    expect((await post(`/v2/watchlists/${DEPARTING}/excluded-actors/add`, { actorIds: [made[2], ALICE] })).status).toBe(200);
    const included = (await get(`/v2/watchlists/${DEPARTING}/included-actors?page=1&page_size=100`)).body;
    expect(included.totalCount).toBe(6);
    const expected = included.includedActors.filter((a: { actorId: string }) => a.actorId !== made[2]);
    expect(expected).toHaveLength(5);
    const all = (await get(`/v2/watchlists/${DEPARTING}/members?page=1&page_size=100`)).body;
    expect(all).toEqual({ totalCount: 5, watchlistMembers: expected });
    // The last page first (from the start of the list), then the first two (the second from where the first ended).
    const pages: Record<number, unknown> = {};
    for (const page of [3, 1, 2]) pages[page] = (await get(`/v1/watchlists/${DEPARTING}/members?page=${page}&page_size=2`)).body;
    const asUsers = (a: { actorId: string; actorname: string; addedTime: string }) => ({ addedTime: a.addedTime, userId: a.actorId, username: a.actorname });
    expect([1, 2, 3].map((p) => pages[p])).toEqual([0, 2, 4].map((at) => ({ totalCount: 5, watchlistMembers: expected.slice(at, at + 2).map(asUsers) })));
    expect((await get(`/v2/watchlists/${DEPARTING}/members?page=4&page_size=2`)).body).toEqual({ totalCount: 5, watchlistMembers: [] });
    expect((await get(`/v2/watchlists/${DEPARTING}/members/${made[2]}`)).status).toBe(404);

    // Renamed by the identity provider: renamed on every page of the list's entries.
    expect((await okta().patch(`/Users/${made[0]}`, [{ op: "replace", path: "userName", value: "inc.renamed@example.com" }])).status).toBe(200);
    const renamed = actor(made[0]!, "inc.renamed@example.com");
    expect((await get(`/v2/watchlists/${DEPARTING}/members?page=1&page_size=100`)).body.watchlistMembers).toContainEqual(renamed);
    expect((await get(`/v2/watchlists/${DEPARTING}/included-actors?page=1&page_size=100`)).body.includedActors).toContainEqual(renamed);
    const search = await legacy("departingemployee/search", { tenantId, pgSize: 100, pgNum: 1 });
    expect(search.body.items).toContainEqual(expect.objectContaining({ userId: made[0], userName: "inc.renamed@example.com", displayName: "inc.renamed@example.com" }));
  });

  it("pages are slices of one order (when a rule brought them in, then user id); a write shows on the next page", async () => {
    await post(`/v2/watchlists/${DEPARTING}/included-departments/add`, { departments: ["Finance"] });
    const made: string[] = [];
    for (const name of ["fin.one", "fin.two", "fin.three"]) made.push((await okta().post("/Users", { schemas: [CORE], userName: `${name}@example.com`, [ENTERPRISE]: { department: "Finance" } })).body.id);
    const all = (await get(`/v2/watchlists/${DEPARTING}/members?page=1&page_size=100`)).body;
    expect(all.totalCount).toBe(4);
    expect(ids(all.watchlistMembers).sort()).toEqual([BOB, ...made].sort());
    const order = (a: { addedTime: string; actorId: string }, b: { addedTime: string; actorId: string }) => a.addedTime.localeCompare(b.addedTime) || a.actorId.localeCompare(b.actorId);
    expect([...all.watchlistMembers].sort(order)).toEqual(all.watchlistMembers);
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push((await get(`/v2/watchlists/${DEPARTING}/members?page=${page}&page_size=2`)).body);
    expect(pages.map((p) => p.totalCount)).toEqual([4, 4, 4]);
    expect(pages.flatMap((p) => p.watchlistMembers)).toEqual(all.watchlistMembers);

    // Between one page and the next: a member renamed by the identity provider, another excluded.
    const [renamed, excluded] = [made[0]!, made[1]!];
    expect((await okta().patch(`/Users/${renamed}`, [{ op: "replace", path: "userName", value: "fin.renamed@example.com" }])).status).toBe(200);
    expect((await post(`/v2/watchlists/${DEPARTING}/excluded-actors/add`, { actorIds: [excluded] })).status).toBe(200);
    const after = (await get(`/v2/watchlists/${DEPARTING}/members?page=1&page_size=100`)).body;
    expect(after.totalCount).toBe(3);
    expect(after.watchlistMembers).toEqual(all.watchlistMembers.filter((m: { actorId: string }) => m.actorId !== excluded).map((m: { actorId: string }) => (m.actorId === renamed ? { ...m, actorname: "fin.renamed@example.com" } : m)));
  });
});

describe("one model: the watchlists and the detection lists", () => {
  it("a user included on the gateway is on the legacy departing list and the gateway's detection list", async () => {
    await post(`/v2/watchlists/${DEPARTING}/included-actors/add`, { actorIds: [CAROL], watchlistId: DEPARTING });
    const entry = await legacy("departingemployee/get", { tenantId, userId: CAROL });
    expect([entry.status, entry.body]).toMatchObject([200, { "type$": "DEPARTING_EMPLOYEE_V2", userId: CAROL, userName: CAROL_NAME }]);
    const viaGateway = await emu.http.post("/v1/detection-lists/departingemployee/get").set("Authorization", gateway).send({ tenantId, userId: CAROL });
    expect([viaGateway.status, viaGateway.body]).toMatchObject([200, { userId: CAROL }]);
    const search = await legacy("departingemployee/search", { tenantId, filterType: "OPEN", pgSize: 20, pgNum: 1 });
    expect(search.body.items.map((i: { userId: string }) => i.userId).sort()).toEqual([BOB, CAROL].sort());

    await post(`/v1/watchlists/${DEPARTING}/included-users/delete`, { userIds: [BOB] });
    expect((await legacy("departingemployee/get", { tenantId, userId: BOB })).status).toBe(404);
    expect((await emu.http.post("/v1/detection-lists/departingemployee/get").set("Authorization", gateway).send({ tenantId, userId: BOB })).status).toBe(404);
  });

  it("a user added or removed on the legacy lists is included or not on the watchlists", async () => {
    expect((await legacy("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2030-04-07" })).status).toBe(200);
    expect((await get(`/v1/watchlists/${DEPARTING}/included-users/${CAROL}`)).body).toEqual(user(CAROL, CAROL_NAME));
    expect((await get(`/v2/watchlists?actorId=${CAROL}`)).body).toEqual({ totalCount: 1, watchlists: [{ ...DEPARTING_V2, stats: statsV2(2) }] });
    const viaGateway = await emu.http.post("/v1/detection-lists/highriskemployee/add").set("Authorization", gateway).send({ tenantId, userId: CAROL });
    expect(viaGateway.status).toBe(200);
    expect(ids((await get(`/v2/watchlists/${HIGH_RISK}/included-actors`)).body.includedActors)).toEqual([ALICE, CAROL]);

    expect((await legacy("highriskemployee/remove", { tenantId, userId: ALICE })).status).toBe(204);
    expect((await get(`/v2/watchlists/${HIGH_RISK}/included-actors/${ALICE}`)).status).toBe(404);
    expect((await get(`/v1/watchlists/${HIGH_RISK}`)).body.stats).toEqual(stats(1));
  });
});

describe("who may", () => {
  it("needs the Customer Cloud Admin role (403 for a desktop user) and a token (401)", async () => {
    const desktop = await userBearer(emu, ALICE_NAME);
    for (const path of ["/v1/watchlists", `/v2/watchlists/${DEPARTING}/members`]) {
      const res = await get(path, desktop);
      expect([res.status, res.body]).toEqual([403, refusal("FORBIDDEN", "The Customer Cloud Admin role is required for watchlists")]);
    }
    const anonymous = await emu.http.get("/v2/watchlists");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });
});
