// The gateway's actors: the tenant's users seen as the incydr SDK's actors (actorId is the userUid, the name the
// username, the alternate names the risk profile's other cloud aliases), grouped in families by adoption, which a
// fixture can declare too (a user's actorParent).
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { get, post } = callsAs(emu, () => gateway);
const patch = (path: string, body: object) => emu.http.patch(path).set("Authorization", gateway).send(body);

const ADMIN = "942897397520289999";
const ALICE = "942897397520280004";
const BOB = "942897397520280005";
const CAROL = "942897397520280006";
const DAVE = "942897397520280007";

const ALICE_ACTOR = {
  active: true,
  actorId: ALICE,
  alternateNames: ["alice.adams@personal.example"],
  country: "US",
  department: "Engineering",
  division: "Product",
  employeeType: "Full Time",
  endDate: null,
  firstName: "Alice",
  inScope: true,
  lastName: "Adams",
  locality: "Minneapolis",
  managerActorId: ADMIN,
  name: "alice.adams@example.com",
  notes: "Downloads spiked last quarter.",
  parentActorId: null,
  region: "MN",
  startDate: null,
  title: "Software Engineer",
};

/** Carol as an actor: no SCIM attributes and no stored profile. */
const carolActor = (parentActorId: string | null = null) => ({
  active: true,
  actorId: CAROL,
  alternateNames: [],
  country: null,
  department: null,
  division: null,
  employeeType: null,
  endDate: null,
  firstName: "Carol",
  inScope: true,
  lastName: "Clark",
  locality: null,
  managerActorId: null,
  name: "carol.clark@example.com",
  notes: null,
  parentActorId,
  region: null,
  startDate: null,
  title: null,
});

const adopt = (childActorId: string, parentActorId: string) => post("/v1/actors/adoption", { childActorId, parentActorId });
const namesOf = (res: { body: { actors: { name: string }[] } }) => res.body.actors.map((a) => a.name);

describe("GET /v1/actors/actor/id/{actorId}", () => {
  it("reads a user as the SDK's Actor, with the profile's notes and its other cloud aliases", async () => {
    const res = await get(`/v1/actors/actor/id/${ALICE}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ALICE_ACTOR);
    expect((await get(`/v1/actors/actor/id/${CAROL}`)).body).toEqual(carolActor());
  });

  it("answers 404 ACTOR_NOT_FOUND for an id that is no user's", async () => {
    const res = await get("/v1/actors/actor/id/123");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
  });
});

describe("PATCH /v1/actors/actor/id/{actorId}", () => {
  it("sets what the SDK's update_actor sends, on the risk profile the v1 profiles show", async () => {
    const res = await patch(`/v1/actors/actor/id/${BOB}`, { notes: "example note", startDate: "2020-09-24", endDate: "2027-01-15" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ actorId: BOB, notes: "example note", startDate: "2020-09-24", endDate: "2027-01-15" });
    expect((await get(`/v1/user-risk-profiles/${BOB}`)).body).toMatchObject({ notes: "example note", startDate: { year: 2020, month: 9, day: 24 }, endDate: { year: 2027, month: 1, day: 15 } });
  });

  it("leaves out what the body leaves out, and clears with null", async () => {
    const res = await patch(`/v1/actors/actor/id/${BOB}`, { notes: null, startDate: null });
    expect(res.body).toMatchObject({ notes: null, startDate: null, endDate: "2026-12-31" });
  });

  it("refuses a day the calendar does not have (400) and an unknown actor (404)", async () => {
    const bad = await patch(`/v1/actors/actor/id/${BOB}`, { endDate: "2027-02-30" });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("endDate") });
    const unknown = await patch("/v1/actors/actor/id/123", { notes: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
  });
});

describe("POST /v1/actors/adoption", () => {
  it("makes the child an alternate identity of the parent, and answers the parent's family", async () => {
    const res = await adopt(CAROL, ALICE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ parentActorId: ALICE, childActorIds: [CAROL] });
    expect((await adopt(BOB, ALICE)).body).toEqual({ parentActorId: ALICE, childActorIds: [BOB, CAROL] });
    expect((await get(`/v1/actors/actor/id/${CAROL}`)).body.parentActorId).toBe(ALICE);
  });

  it("moves a child adopted again to its new parent", async () => {
    await adopt(CAROL, ALICE);
    expect((await adopt(CAROL, DAVE)).body).toEqual({ parentActorId: DAVE, childActorIds: [CAROL] });
    expect((await get(`/v1/actors/actor/id/${ALICE}/family`)).body.children).toEqual([]);
  });

  it("keeps families one level deep: no self-adoption, an adopted actor adopts no one, a parent is adopted by no one (400)", async () => {
    const self = await adopt(ALICE, ALICE);
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ code: "ADOPTION_INVALID", message: `Actor ${ALICE} cannot adopt itself` });
    await adopt(CAROL, ALICE);
    const grandchild = await adopt(DAVE, CAROL);
    expect(grandchild.status).toBe(400);
    expect(grandchild.body).toEqual({ code: "ADOPTION_INVALID", message: `Actor ${CAROL} was adopted by ${ALICE}, so it cannot adopt` });
    const parent = await adopt(ALICE, DAVE);
    expect(parent.status).toBe(400);
    expect(parent.body).toEqual({ code: "ADOPTION_INVALID", message: `Actor ${ALICE} has adopted actors of its own, so it cannot be adopted` });
  });

  it("answers 404 for an unknown actor and 400 for a body without both ids", async () => {
    const unknown = await adopt(CAROL, "123");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
    const missing = await post("/v1/actors/adoption", { childActorId: CAROL });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("parentActorId") });
  });
});

describe("families and parents", () => {
  it("reads a family from any member, by id or by name", async () => {
    await adopt(CAROL, ALICE);
    const family = { parent: ALICE_ACTOR, children: [carolActor(ALICE)] };
    for (const path of [`id/${CAROL}`, `id/${ALICE}`, "name/carol.clark@example.com", "name/alice.adams@example.com"]) {
      const res = await get(`/v1/actors/actor/${path}/family`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(family);
    }
  });

  it("answers an actor nobody adopted as a family of one, and as its own parent", async () => {
    expect((await get(`/v1/actors/actor/id/${CAROL}/family`)).body).toEqual({ parent: carolActor(), children: [] });
    expect((await get(`/v1/actors/actor/id/${CAROL}/parent`)).body).toEqual(carolActor());
  });

  it("prefers the parent, by id or by name", async () => {
    await adopt(CAROL, ALICE);
    const byId = await get(`/v1/actors/actor/id/${CAROL}/parent`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(ALICE_ACTOR);
    const byName = await get("/v1/actors/actor/name/carol.clark@example.com/parent");
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual(ALICE_ACTOR);
  });

  it("answers 404 ACTOR_NOT_FOUND for a name or id that is no user's", async () => {
    const family = await get("/v1/actors/actor/name/nobody@example.com/family");
    expect(family.status).toBe(404);
    expect(family.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor named nobody@example.com" });
    const parent = await get("/v1/actors/actor/name/nobody@example.com/parent");
    expect(parent.status).toBe(404);
    expect(parent.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor named nobody@example.com" });
    const byId = await get("/v1/actors/actor/id/123/family");
    expect(byId.status).toBe(404);
    expect((await get("/v1/actors/actor/id/123/parent")).body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
  });
});

describe("GET /v1/actors/actor/search", () => {
  it("pages the tenant's actors by name, as the SDK's get_page asks", async () => {
    const all = await get("/v1/actors/actor/search?pageSize=500&page=1");
    expect(all.status).toBe(200);
    expect(namesOf(all)).toEqual([
      "alice.adams@example.com",
      "bob.brown@example.com",
      "carol.clark@example.com",
      "dave.davis@example.com",
      "new.hire@example.com",
      "org.admin@example.com",
      "test.user@example.com",
      "test_username@example.com",
      "two.factor@example.com",
    ]);
    expect(all.body.actors[0]).toEqual(ALICE_ACTOR);
    expect(namesOf(await get("/v1/actors/actor/search?pageSize=2&page=2"))).toEqual(["carol.clark@example.com", "dave.davis@example.com"]);
    expect((await get("/v1/actors/actor/search?pageSize=2&page=9")).body).toEqual({ actors: [] });
  });

  it("matches the start and end of the name ignoring case, literally, and the active state", async () => {
    expect(namesOf(await get("/v1/actors/actor/search?nameStartsWith=ALICE&nameEndsWith=Example.com&active=True"))).toEqual(["alice.adams@example.com"]);
    expect(namesOf(await get("/v1/actors/actor/search?nameStartsWith=test_"))).toEqual(["test_username@example.com"]);
    expect(namesOf(await get("/v1/actors/actor/search?nameStartsWith=%25"))).toEqual([]);
    expect(namesOf(await get("/v1/actors/actor/search?active=False"))).toEqual([]);
    expect((await post(`/v1/users/${CAROL}/deactivate`)).status).toBe(200);
    const inactive = await get("/v1/actors/actor/search?active=False");
    expect(inactive.body).toEqual({ actors: [{ ...carolActor(), active: false, inScope: false }] });
  });

  it("refuses a page size out of 1..500 and a page below 1 with the document's problem words", async () => {
    const large = await get("/v1/actors/actor/search?pageSize=501");
    expect(large.status).toBe(400);
    expect(large.body).toEqual({ code: "PAGE_SIZE_TOO_LARGE", message: "pageSize must be at most 500, not 501" });
    expect((await get("/v1/actors/actor/search?pageSize=0")).body).toEqual({ code: "PAGE_SIZE_TOO_SMALL", message: "pageSize must be at least 1, not 0" });
    expect((await get("/v1/actors/actor/search?page=0")).body).toEqual({ code: "PAGE_TOO_SMALL", message: "page must be at least 1, not 0" });
  });
});

describe("GET /v1/actors/actor/search/parent", () => {
  it("answers each match's parent in its place, once", async () => {
    await adopt(CAROL, ALICE);
    await adopt(BOB, ALICE);
    const res = await get("/v1/actors/actor/search/parent?nameEndsWith=@example.com&pageSize=3");
    expect(res.status).toBe(200);
    expect(res.body.actors[0]).toEqual(ALICE_ACTOR);
    expect(namesOf(res)).toEqual(["alice.adams@example.com", "dave.davis@example.com", "new.hire@example.com"]);
    expect(namesOf(await get("/v1/actors/actor/search/parent?nameStartsWith=carol"))).toEqual(["alice.adams@example.com"]);
  });

  it("refuses a page size over 500", async () => {
    const res = await get("/v1/actors/actor/search/parent?pageSize=1000");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "PAGE_SIZE_TOO_LARGE", message: "pageSize must be at most 500, not 1000" });
  });
});

describe("a fixture's actorParent", () => {
  const load = (users: object[]) => emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: DEFAULT_TENANT_UID, users }] });

  it("adopts a user under the one it names, in either order, as the family and the state export show", async () => {
    const res = await load([
      { username: "alice.cloud@gmail.example", userUid: "942897397520287001", org: "Engineering", actorParent: "alice.adams@example.com" },
      { username: "carol.clark@example.com", org: "Engineering", actorParent: "alice.adams@example.com" },
    ]);
    expect(res.status).toBe(201);
    const family = await get("/v1/actors/actor/name/alice.cloud@gmail.example/family");
    expect(family.status).toBe(200);
    expect(family.body.parent).toEqual(ALICE_ACTOR);
    expect(family.body.children.map((c: { actorId: string; parentActorId: string }) => [c.actorId, c.parentActorId])).toEqual([
      ["942897397520287001", ALICE],
      [CAROL, ALICE],
    ]);
    const state = await emu.http.get("/_emulator/state");
    const users = state.body.tenants.find((t: { tenantUid: string }) => t.tenantUid === DEFAULT_TENANT_UID).users as { username: string; actorParent?: string }[];
    expect(users.filter((u) => u.actorParent).map((u) => [u.username, u.actorParent])).toEqual([
      ["carol.clark@example.com", "alice.adams@example.com"],
      ["alice.cloud@gmail.example", "alice.adams@example.com"],
    ]);
  });

  it("refuses a parent that is no user of the tenant, or an adoption the rules refuse, naming the user", async () => {
    const unknown = await load([{ username: "x@example.com", org: "Engineering", actorParent: "nobody@example.com" }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({ code: "INVALID_FIXTURE", message: expect.stringContaining('user x@example.com: no user "nobody@example.com" (its actorParent)') });
    const self = await load([{ username: "carol.clark@example.com", org: "Engineering", actorParent: "carol.clark@example.com" }]);
    expect(self.status).toBe(400);
    expect(self.body.error.message).toContain(`user carol.clark@example.com (actorParent carol.clark@example.com): Actor ${CAROL} cannot adopt itself`);
  });
});

describe("who may", () => {
  it("needs the Customer Cloud Admin role (403 for a desktop user)", async () => {
    const alice = await userBearer(emu, "alice.adams@example.com");
    for (const res of [await get(`/v1/actors/actor/id/${ALICE}`, alice), await post("/v1/actors/adoption", { childActorId: CAROL, parentActorId: ALICE }, alice)]) {
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for actors" });
    }
  });
});
