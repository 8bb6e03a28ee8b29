// The gateway's user risk profiles: one profile behind the detection lists and the gateway. Its notes and cloud
// aliases are the detection-list profile's, its end date the departing list's departure date.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const { get, post } = callsAs(emu, () => gateway);
const patch = (path: string, body: object) => emu.http.patch(path).set("Authorization", gateway).send(body);
const ecm = (path: string, body: object) => emu.http.post(`/svc/api/v2/${path}`).set("Authorization", legacy).send({ tenantId: DEFAULT_TENANT_UID, ...body });

const ALICE = "942897397520280004";
const BOB = "942897397520280005";
const CAROL = "942897397520280006";

describe("GET /v1/user-risk-profiles/{user_id}", () => {
  it("reads a profile as the SDK's RiskProfile model does, SCIM attributes included", async () => {
    const res = await get(`/v1/user-risk-profiles/${ALICE}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      active: true,
      cloudAliases: ["alice.adams@personal.example", "alice.adams@example.com"],
      country: "US",
      deleted: false,
      department: "Engineering",
      displayName: "Alice Adams",
      division: "Product",
      employmentType: "Full Time",
      endDate: null,
      locality: "Minneapolis",
      managerDisplayName: "Test User",
      managerId: "942897397520289999",
      managerUsername: "test.user@example.com",
      notes: "Downloads spiked last quarter.",
      region: "MN",
      startDate: null,
      supportUser: false,
      tenantId: DEFAULT_TENANT_UID,
      title: "Software Engineer",
      userId: ALICE,
      username: "alice.adams@example.com",
    });
  });

  it("shows the departing list's departure date as the end date", async () => {
    const res = await get(`/v1/user-risk-profiles/${BOB}`);
    expect(res.body).toMatchObject({ endDate: { year: 2026, month: 12, day: 31 }, notes: "Leaving for competitor" });
  });

  it("reads a user who has no stored profile yet as an empty one; an unknown user is 404", async () => {
    const res = await get(`/v1/user-risk-profiles/${CAROL}`);
    expect(res.body).toMatchObject({ cloudAliases: ["carol.clark@example.com"], notes: null, startDate: null, endDate: null });
    const unknown = await get("/v1/user-risk-profiles/123");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: "USER_NOT_FOUND", message: "No user with the id 123" });
  });
});

describe("GET /v1/user-risk-profiles", () => {
  it("lists every user's profile with page and page_size, filtered by SCIM attributes", async () => {
    const all = await get("/v1/user-risk-profiles");
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(all.body.userRiskProfiles.length);
    expect(all.body.totalCount).toBeGreaterThan(5);
    const page = await get("/v1/user-risk-profiles?page=2&page_size=2");
    expect(page.body.userRiskProfiles.map((p: { userId: string }) => p.userId)).toEqual(all.body.userRiskProfiles.slice(2, 4).map((p: { userId: string }) => p.userId));
    const engineering = await get("/v1/user-risk-profiles?department=Engineering&country=US&active=True");
    expect(engineering.body.userRiskProfiles.map((p: { userId: string }) => p.userId)).toContain(ALICE);
    expect(engineering.body.userRiskProfiles.every((p: { department: string }) => p.department === "Engineering")).toBe(true);
    expect((await get("/v1/user-risk-profiles?support_user=True")).body).toEqual({ totalCount: 0, userRiskProfiles: [] });
  });

  it("refuses a bad page size with 400", async () => {
    const res = await get("/v1/user-risk-profiles?page_size=0");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("page_size") });
  });
});

describe("PATCH /v1/user-risk-profiles/{user_id}", () => {
  it("sets the fields the mask names, as the SDK sends them, and the legacy lists show the same profile", async () => {
    const res = await patch(`/v1/user-risk-profiles/${BOB}?paths=notes&paths=endDate`, { notes: "New notes", endDate: { year: 2027, month: 1, day: 15 }, startDate: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ notes: "New notes", endDate: { year: 2027, month: 1, day: 15 }, startDate: null });
    const entry = await ecm("departingemployee/get", { userId: BOB });
    expect(entry.body).toMatchObject({ departureDate: "2027-01-15", notes: "New notes" });
  });

  it("sees a departure date changed on the legacy list, and clears the end date with null", async () => {
    await ecm("departingemployee/update", { userId: BOB, departureDate: "2027-02-01" });
    expect((await get(`/v1/user-risk-profiles/${BOB}`)).body.endDate).toEqual({ year: 2027, month: 2, day: 1 });
    const cleared = await patch(`/v1/user-risk-profiles/${BOB}?paths=endDate`, { endDate: null });
    expect(cleared.body.endDate).toBeNull();
    expect((await ecm("departingemployee/get", { userId: BOB })).body.departureDate).toBeUndefined();
  });

  it("stores a profile for a user who had none, which the legacy profile then shows", async () => {
    const res = await patch(`/v1/user-risk-profiles/${CAROL}?paths=startDate`, { startDate: { year: 2020, month: 2, day: 29 } });
    expect(res.body).toMatchObject({ startDate: { year: 2020, month: 2, day: 29 }, cloudAliases: ["carol.clark@example.com"] });
    expect((await ecm("user/getbyid", { userId: CAROL })).status).toBe(200);
  });

  it("refuses a day the calendar does not have (400) and an unknown user (404), changing nothing", async () => {
    const bad = await patch(`/v1/user-risk-profiles/${BOB}?paths=endDate`, { endDate: { year: 2027, month: 2, day: 30 } });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ code: "INVALID_REQUEST", message: expect.stringContaining("endDate") });
    expect((await get(`/v1/user-risk-profiles/${BOB}`)).body.endDate).toEqual({ year: 2026, month: 12, day: 31 });
    const unknown = await patch("/v1/user-risk-profiles/123?paths=notes", { notes: "x" });
    expect(unknown.status).toBe(404);
  });
});

describe("cloud aliases", () => {
  it("adds and deletes aliases (at most two), shared with the detection-list profile", async () => {
    const added = await post(`/v1/user-risk-profiles/${BOB}/add-cloud-aliases`, { userId: BOB, cloudAliases: ["bob@cloud.example.com"] });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({});
    expect((await ecm("user/getbyid", { userId: BOB })).body.cloudUsernames).toEqual(expect.arrayContaining(["bob@cloud.example.com"]));
    const tooMany = await post(`/v1/user-risk-profiles/${BOB}/add-cloud-aliases`, { userId: BOB, cloudAliases: ["third@cloud.example.com"] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({ code: "LIST_VALUE_INVALID", message: "Cloud usernames must be less than or equal to 2" });
    const deleted = await post(`/v1/user-risk-profiles/${BOB}/delete-cloud-aliases`, { userId: BOB, cloudAliases: ["bob@cloud.example.com"] });
    expect(deleted.status).toBe(200);
    expect((await get(`/v1/user-risk-profiles/${BOB}`)).body.cloudAliases).not.toContain("bob@cloud.example.com");
  });

  it("refuses an empty list of aliases with 400 and an unknown user with 404", async () => {
    expect((await post(`/v1/user-risk-profiles/${BOB}/add-cloud-aliases`, { cloudAliases: [] })).status).toBe(400);
    const unknown = await post("/v1/user-risk-profiles/123/delete-cloud-aliases", { cloudAliases: ["x"] });
    expect(unknown.status).toBe(404);
  });
});

describe("who may", () => {
  it("needs the Customer Cloud Admin role (403 for a desktop user)", async () => {
    const res = await get(`/v1/user-risk-profiles/${ALICE}`, await userBearer(emu, "alice.adams@example.com"));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for risk profiles" });
  });
});
