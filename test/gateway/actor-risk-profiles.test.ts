// The gateway's v2 actor risk profiles: the v1 user risk profiles (and the detection lists' profile behind them) by
// actor id, in the shape of Code42's document of 2024-09-13 (ActorRiskProfile).
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { get } = callsAs(emu, () => gateway);
const patch = (path: string, body: object) => emu.http.patch(path).set("Authorization", gateway).send(body);

const ALICE = "942897397520280004";
const BOB = "942897397520280005";

const ALICE_PROFILE = {
  active: true,
  actorId: ALICE,
  actorname: "alice.adams@example.com",
  country: "US",
  department: "Engineering",
  displayName: "Alice Adams",
  division: "Product",
  employmentType: "Full Time",
  endDate: null,
  locality: "Minneapolis",
  managerActorname: "test.user@example.com",
  managerDisplayName: "Test User",
  managerId: "942897397520289999",
  notes: "Downloads spiked last quarter.",
  region: "MN",
  startDate: null,
  tenantId: DEFAULT_TENANT_UID,
  title: "Software Engineer",
};

const idsOf = (res: { body: { actorRiskProfiles: { actorId: string }[] } }) => res.body.actorRiskProfiles.map((p) => p.actorId);

describe("GET /v2/actor-risk-profiles/{actor_id}", () => {
  it("reads the user's risk profile by actor id", async () => {
    const res = await get(`/v2/actor-risk-profiles/${ALICE}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(ALICE_PROFILE);
    expect((await get(`/v2/actor-risk-profiles/${BOB}`)).body).toMatchObject({ endDate: { year: 2026, month: 12, day: 31 }, notes: "Leaving for competitor" });
  });

  it("answers 404 ACTOR_NOT_FOUND for an id that is no user's", async () => {
    const res = await get("/v2/actor-risk-profiles/123");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
  });
});

describe("GET /v2/actor-risk-profiles", () => {
  it("lists the v1 profiles' actors with page and page_size, filtered by SCIM attributes", async () => {
    const all = await get("/v2/actor-risk-profiles");
    expect(all.status).toBe(200);
    const v1 = await get("/v1/user-risk-profiles");
    expect(idsOf(all)).toEqual(v1.body.userRiskProfiles.map((p: { userId: string }) => p.userId));
    expect(all.body.totalCount).toBe(v1.body.totalCount);
    const page = await get("/v2/actor-risk-profiles?page=2&page_size=2");
    expect(page.body).toEqual({ actorRiskProfiles: all.body.actorRiskProfiles.slice(2, 4), totalCount: all.body.totalCount });
    const filtered = await get("/v2/actor-risk-profiles?department=Engineering&region=MN&locality=Minneapolis&manager_id=942897397520289999&active=true");
    expect(filtered.body).toEqual({ actorRiskProfiles: [ALICE_PROFILE], totalCount: 1 });
  });

  it("refuses a bad page size with 400", async () => {
    const size = await get("/v2/actor-risk-profiles?page_size=0");
    expect(size.status).toBe(400);
    expect(size.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page_size") });
  });
});

describe("PATCH /v2/actor-risk-profiles/{actor_id}", () => {
  it("sets the fields the mask names, which the v1 profile and the actor then show", async () => {
    const res = await patch(`/v2/actor-risk-profiles/${BOB}?paths=notes&paths=startDate`, { notes: "New notes", startDate: { year: 2020, month: 2, day: 29 }, endDate: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ actorId: BOB, notes: "New notes", startDate: { year: 2020, month: 2, day: 29 }, endDate: { year: 2026, month: 12, day: 31 } });
    expect((await get(`/v1/user-risk-profiles/${BOB}`)).body).toMatchObject({ notes: "New notes", startDate: { year: 2020, month: 2, day: 29 } });
    expect((await get(`/v1/actors/actor/id/${BOB}`)).body).toMatchObject({ notes: "New notes", startDate: "2020-02-29", endDate: "2026-12-31" });
  });

  it("refuses a day the calendar does not have (400) and an unknown actor (404)", async () => {
    const bad = await patch(`/v2/actor-risk-profiles/${BOB}?paths=endDate`, { endDate: { year: 2027, month: 2, day: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("endDate") });
    const unknown = await patch("/v2/actor-risk-profiles/123?paths=notes", { notes: "x" });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "ACTOR_NOT_FOUND", message: "No actor with the id 123" });
  });
});

describe("who may", () => {
  it("needs the Customer Cloud Admin role (403 for a desktop user)", async () => {
    const res = await get("/v2/actor-risk-profiles", await userBearer(emu, "alice.adams@example.com"));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for actors" });
  });
});
