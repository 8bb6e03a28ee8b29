// The gateway's trusted activities: /v2 as the incydr SDK sends and parses them, /v1 of the 2022 document, one store
// per tenant behind both (and behind the legacy /api/v1/trusted-activities).
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
const NOW = "2024-06-01T12:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { get, post, put } = callsAs(emu, () => gateway);
const patch = (path: string, body: object) => emu.http.patch(path).set("Authorization", gateway).send(body);
const del = (path: string, as = gateway) => emu.http.delete(path).set("Authorization", as);

const STAMP = { principalType: "API_KEY", updateTime: NOW, updatedByPrincipalId: "client_id", updatedByPrincipalName: "client_id" };
const DOMAIN_GROUPS = [
  {
    name: "DEFAULT",
    activityActions: [
      { type: "FILE_UPLOAD", providers: null },
      { type: "GIT_PUSH", providers: null },
      { type: "CLOUD_SYNC", providers: [{ name: "BOX" }, { name: "ICLOUD" }, { name: "GOOGLE_DRIVE" }, { name: "ONE_DRIVE" }] },
      { type: "CLOUD_SHARE", providers: [{ name: "BOX" }, { name: "GOOGLE_DRIVE" }, { name: "ONE_DRIVE" }] },
      { type: "EMAIL", providers: [{ name: "GMAIL" }, { name: "OFFICE_365" }] },
    ],
  },
];
/** The body the SDK's add_domain sends with every option (tests/test_trusted_activities.py). */
const SDK_DOMAIN = { type: "DOMAIN", value: "testDomain.com", isHighValueSource: null, description: "Description", activityActionGroups: DOMAIN_GROUPS };

describe("POST /v2/trusted-activities", () => {
  it("creates what the SDK's add_domain sends and answers its TrustedActivity", async () => {
    const res = await post("/v2/trusted-activities", SDK_DOMAIN);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...STAMP, activityId: "1", type: "DOMAIN", value: "testDomain.com", description: "Description", isHighValueSource: false, activityActionGroups: DOMAIN_GROUPS });
  });

  it("creates a Slack workspace, a URL path, an account name and a git repository as the SDK sends them", async () => {
    const slack = await post("/v2/trusted-activities", { type: "SLACK", value: "Example Workspace", isHighValueSource: true, description: null, activityActionGroups: [] });
    expect(slack.body).toEqual({ ...STAMP, activityId: "1", type: "SLACK", value: "Example Workspace", description: null, isHighValueSource: true, activityActionGroups: [] });
    const url = await post("/v2/trusted-activities", { type: "URL_PATH", value: "github.com/company", activityActionGroups: [] });
    expect(url.status).toBe(200);
    const account = await post("/v2/trusted-activities", {
      type: "ACCOUNT_NAME",
      value: "corp@example.com",
      activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "CLOUD_SYNC", providers: [{ name: "DROPBOX" }, { name: "ONE_DRIVE" }] }] }],
    });
    expect(account.status).toBe(200);
    const git = await post("/v2/trusted-activities", { type: "GIT_REPOSITORY_URI", value: "bitbucket.org:exampleent/myrepo", activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "GIT_PUSH", providers: [] }] }] });
    expect(git.body.activityActionGroups).toEqual([{ name: "DEFAULT", activityActions: [{ type: "GIT_PUSH", providers: [] }] }]);
  });

  it("gives a DOMAIN sent without action groups the default group", async () => {
    const res = await post("/v2/trusted-activities", { type: "DOMAIN", value: "example.com", activityActionGroups: [] });
    expect(res.body.activityActionGroups).toEqual(DOMAIN_GROUPS);
  });

  it.each([
    ["a domain that is not one", { type: "DOMAIN", value: "not a domain", activityActionGroups: [] }, "TRUSTED_VALUE_INVALID"],
    ["a domain with a scheme", { type: "DOMAIN", value: "https://example.com", activityActionGroups: [] }, "TRUSTED_VALUE_INVALID"],
    ["a Slack name with markup", { type: "SLACK", value: "<b>ws</b>", activityActionGroups: [] }, "TRUSTED_VALUE_INVALID"],
    ["a git URI without a repository", { type: "GIT_REPOSITORY_URI", value: "github.com", activityActionGroups: [{ activityActions: [{ type: "GIT_PUSH" }] }] }, "TRUSTED_VALUE_INVALID"],
    ["actions on a Slack workspace", { type: "SLACK", value: "ws", activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "EMAIL" }] }] }, "TRUSTED_ACTIVITY_INVALID"],
    ["an account name without groups", { type: "ACCOUNT_NAME", value: "corp", activityActionGroups: [] }, "TRUSTED_ACTIVITY_INVALID"],
    ["a provider the action does not have", { type: "ACCOUNT_NAME", value: "corp", activityActionGroups: [{ name: "DEFAULT", activityActions: [{ type: "CLOUD_SYNC", providers: [{ name: "GMAIL" }] }] }] }, "TRUSTED_ACTIVITY_INVALID"],
    ["a description over 250 characters", { type: "SLACK", value: "ws", description: "x".repeat(251), activityActionGroups: [] }, "DESCRIPTION_TOO_LONG"],
  ])("refuses %s", async (_what, body, code) => {
    const res = await post("/v2/trusted-activities", body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code, message: expect.any(String) });
  });

  it("refuses a value its type already trusts, in any case, with 409", async () => {
    await post("/v2/trusted-activities", SDK_DOMAIN);
    const res = await post("/v2/trusted-activities", { ...SDK_DOMAIN, value: "TESTDOMAIN.COM" });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ code: "TRUSTED_ACTIVITY_EXISTS", message: "Duplicate URL or workspace name, 'TESTDOMAIN.COM' already exists on your trusted list" });
  });

  it("is a Customer Cloud Admin's: anyone else is refused with 403", async () => {
    const res = await post("/v2/trusted-activities", SDK_DOMAIN, await userBearer(emu, "alice.adams@example.com"));
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ code: "FORBIDDEN", message: "The Customer Cloud Admin role is required for trusted activities" });
  });
});

describe("GET /v2/trusted-activities and /{activity_id}", () => {
  beforeEach(async () => {
    await post("/v2/trusted-activities", SDK_DOMAIN);
    await post("/v2/trusted-activities", { type: "SLACK", value: "alpha", activityActionGroups: [] });
    await post("/v2/trusted-activities", { type: "SLACK", value: "beta", activityActionGroups: [] });
  });

  it("reads one activity by id (the SDK's get_trusted_activity)", async () => {
    const res = await get("/v2/trusted-activities/2");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...STAMP, activityId: "2", type: "SLACK", value: "alpha", description: null, isHighValueSource: false, activityActionGroups: [] });
  });

  it("answers 404 for an id the tenant does not have", async () => {
    const res = await get("/v2/trusted-activities/99");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "TRUSTED_ACTIVITY_NOT_FOUND", message: "Resource ID '99' not found" });
  });

  it("pages with the SDK's page_num and filters by the SDK's activity_type", async () => {
    const res = await get("/v2/trusted-activities?page_num=2&page_size=1&activity_type=SLACK&sort_key=VALUE&sort_direction=DESC");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ totalCount: 2, trustedActivities: [{ ...STAMP, activityId: "2", type: "SLACK", value: "alpha", description: null, isHighValueSource: false, activityActionGroups: [] }] });
  });

  it("takes the document's page and repeated type, and sorts by a key", async () => {
    const res = await get("/v2/trusted-activities?page=1&type=DOMAIN&type=SLACK&sort_key=VALUE");
    expect(res.body.totalCount).toBe(3);
    expect(res.body.trustedActivities.map((a: { value: string }) => a.value)).toEqual(["alpha", "beta", "testDomain.com"]);
  });

  it("refuses an unknown sort key with 400", async () => {
    const res = await get("/v2/trusted-activities?sort_key=COLOR");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: expect.any(String), message: expect.stringContaining("sort_key") });
  });
});

describe("PATCH and DELETE /v2/trusted-activities/{activity_id}", () => {
  beforeEach(async () => {
    await post("/v2/trusted-activities", SDK_DOMAIN);
    await post("/v2/trusted-activities", { type: "SLACK", value: "alpha", activityActionGroups: [] });
  });

  it("updates with the whole object the SDK's update sends", async () => {
    await emu.http.post("/_emulator/clock/advance").send({ by: "1m" });
    const res = await patch("/v2/trusted-activities/1", { activityActionGroups: [], description: "my new trusted activity.", isHighValueSource: true, type: "DOMAIN", value: "MyMail.com" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...STAMP, updateTime: "2024-06-01T12:01:00.000Z", activityId: "1", type: "DOMAIN", value: "MyMail.com", description: "my new trusted activity.", isHighValueSource: true, activityActionGroups: DOMAIN_GROUPS });
  });

  it("keeps isHighValueSource when the body leaves it null", async () => {
    await patch("/v2/trusted-activities/2", { isHighValueSource: true });
    const res = await patch("/v2/trusted-activities/2", { isHighValueSource: null, description: "d" });
    expect(res.body).toMatchObject({ isHighValueSource: true, description: "d", value: "alpha" });
  });

  it("refuses a value another activity of the type trusts (409), and an unknown id (404)", async () => {
    await post("/v2/trusted-activities", { type: "SLACK", value: "beta", activityActionGroups: [] });
    const clash = await patch("/v2/trusted-activities/3", { value: "ALPHA" });
    expect(clash.status).toBe(409);
    expect(clash.body).toEqual({ code: "TRUSTED_ACTIVITY_EXISTS", message: "Duplicate URL or workspace name, 'ALPHA' already exists on your trusted list" });
    const missing = await patch("/v2/trusted-activities/42", { value: "x" });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: "TRUSTED_ACTIVITY_NOT_FOUND", message: "Resource ID '42' not found" });
  });

  it("deletes (200, the activity deleted), then the id is gone", async () => {
    const res = await del("/v2/trusted-activities/2");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...STAMP, activityId: "2", type: "SLACK", value: "alpha", description: null, isHighValueSource: false, activityActionGroups: [] });
    const again = await del("/v2/trusted-activities/2");
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ code: "TRUSTED_ACTIVITY_NOT_FOUND", message: "Resource ID '2' not found" });
  });
});

describe("/v1/trusted-activities (2022 document)", () => {
  const V1 = { updatedAt: NOW, updatedByUserUid: "client_id", updatedByUsername: "client_id", principalType: "APIKEY" };

  it("creates, reads, lists, updates and deletes the same records /v2 shows", async () => {
    const created = await post("/v1/trusted-activities", { type: "DOMAIN", value: "example.com", description: "ours" });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ ...V1, resourceId: "1", type: "DOMAIN", value: "example.com", description: "ours" });
    expect((await get("/v2/trusted-activities/1")).body.activityActionGroups).toEqual(DOMAIN_GROUPS);
    expect((await get("/v1/trusted-activities/1")).body).toEqual(created.body);
    expect((await get("/v1/trusted-activities?type=DOMAIN&pgNum=1&pgSize=10")).body).toEqual({ trustResources: [created.body], totalCount: 1 });
    const updated = await put("/v1/trusted-activities/1", { type: "DOMAIN", value: "example.org", description: null });
    expect(updated.body).toEqual({ ...V1, resourceId: "1", type: "DOMAIN", value: "example.org", description: null });
    const gone = await del("/v1/trusted-activities/1");
    expect(gone.status).toBe(204);
  });

  it("answers an unknown id with 404", async () => {
    const res = await get("/v1/trusted-activities/7");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: "TRUSTED_ACTIVITY_NOT_FOUND", message: "Resource ID '7' not found" });
  });
});

describe("a user's token", () => {
  it("stamps the user as the one who changed the activity", async () => {
    const admin = await userBearer(emu, ADMIN.username, ADMIN.password);
    const res = await post("/v2/trusted-activities", { type: "SLACK", value: "ws", activityActionGroups: [] }, admin);
    expect(res.body).toMatchObject({ principalType: "USER", updatedByPrincipalId: "942897397520289999", updatedByPrincipalName: ADMIN.username });
  });
});
