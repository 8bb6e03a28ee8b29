// The High Risk Employees list (/svc/api/v2/highriskemployee/*).
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL, CREATED_AT, bulletin, detectionLists } from "../helpers/detectionlists.js";

const emu = emulatorPerFile();
let post: ReturnType<typeof detectionLists>;
const tenantId = DEFAULT_TENANT_UID;
beforeEach(async () => {
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";

describe("highriskemployee/*", () => {
  it("add (help-center example) answers HIGH_RISK_EMPLOYEE_V2 with the profile's risk factors", async () => {
    await post("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"] });
    const res = await post("highriskemployee/add", { tenantId, userId: CAROL });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "HIGH_RISK_EMPLOYEE_V2",
      tenantId,
      userId: CAROL,
      userName: "carol.clark@example.com",
      displayName: "Carol Clark",
      createdAt: CREATED_AT,
      status: "OPEN",
      cloudUsernames: ["carol.clark@example.com"],
      riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
    });
  });

  it("get (help-center example) shows the SCIM attributes between the aliases and the risk factors", async () => {
    const res = await post("highriskemployee/get", { tenantId, userId: ALICE });
    expect(res.body).toEqual({
      "type$": "HIGH_RISK_EMPLOYEE_V2",
      tenantId,
      userId: ALICE,
      userName: "alice.adams@example.com",
      displayName: "Alice Adams",
      notes: "Downloads spiked last quarter.",
      createdAt: CREATED_AT,
      status: "OPEN",
      cloudUsernames: ["alice.adams@personal.example", "alice.adams@example.com"],
      managerUid: "942897397520289999",
      managerUsername: "test.user@example.com",
      managerDisplayName: "Test User",
      title: "Software Engineer",
      division: "Product",
      department: "Engineering",
      employmentType: "Full Time",
      city: "Minneapolis",
      state: "MN",
      country: "US",
      riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
    });
  });

  it("the lists are separate: a departing employee is not on the high-risk list", async () => {
    expect((await post("highriskemployee/get", { tenantId, userId: BOB })).status).toBe(404);
    expect((await post("highriskemployee/add", { tenantId, userId: BOB })).status).toBe(200);
    expect((await post("departingemployee/get", { tenantId, userId: BOB })).status).toBe(200);
  });

  it("adding twice is a 400 'User already on list'; removing twice a 404", async () => {
    const dup = await post("highriskemployee/add", { tenantId, userId: ALICE });
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual(bulletin(`${DLM}UserAlreadyOnList`, "User already on list", { userId: ALICE }));
    expect((await post("highriskemployee/remove", { tenantId, userId: ALICE })).status).toBe(204);
    const again = await post("highriskemployee/remove", { tenantId, userId: ALICE });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(bulletin(`${DLM}UserNotOnList`, "User not on list", { userId: ALICE }));
  });

  it("search (help-center example) has no LEAVING_TODAY rollup and the HIGH_RISK_SEARCH_RESPONSE_V2 marker", async () => {
    await post("highriskemployee/add", { tenantId, userId: CAROL });
    const res = await post("highriskemployee/search", { tenantId, filterType: "OPEN", pgSize: "20", pgNum: "1", srtKey: "DISPLAY_NAME", srtDirection: "ASC" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "HIGH_RISK_SEARCH_RESPONSE_V2",
      items: [(await post("highriskemployee/get", { tenantId, userId: ALICE })).body, (await post("highriskemployee/get", { tenantId, userId: CAROL })).body],
      totalCount: 2,
      rollups: [
        { "type$": "HIGH_RISK_FILTER_ROLLUP_V2", filterType: "OPEN", totalCount: 2 },
        { "type$": "HIGH_RISK_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_24_HOURS", totalCount: 0 },
        { "type$": "HIGH_RISK_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_30_DAYS", totalCount: 0 },
      ],
      filterType: "OPEN",
      pgSize: 20,
      pgNum: 1,
      srtKey: "DISPLAY_NAME",
      srtDirection: "ASC",
    });
  });

  it("py42's default search (srtKey and srtDirection null) lists newest first and answers the sort it applied", async () => {
    await post("highriskemployee/add", { tenantId, userId: CAROL });
    const res = await post("highriskemployee/search", { tenantId, filterType: "OPEN", pgNum: 1, pgSize: 100, srtKey: null, srtDirection: null });
    expect(res.body).toMatchObject({ srtKey: "CREATED_AT", srtDirection: "DESC", totalCount: 2 });
    expect(res.body.items.map((i: { userId: string }) => i.userId)).toEqual([CAROL, ALICE]);
  });

  it("LEAVING_TODAY is not a high-risk filter", async () => {
    const res = await post("highriskemployee/search", { tenantId, filterType: "LEAVING_TODAY" });
    expect(res.status).toBe(400);
  });

  it("setalertstate is per list", async () => {
    await post("highriskemployee/setalertstate", { tenantId, alertsEnabled: false });
    await post("departingemployee/setalertstate", { tenantId, alertsEnabled: true });
    const rows = await emu.database.db.selectFrom("detection_list_settings").select(["list", "alerts_enabled"]).orderBy("list").execute();
    expect(rows).toEqual([
      { list: "DEPARTING_EMPLOYEE", alerts_enabled: 1 },
      { list: "HIGH_RISK_EMPLOYEE", alerts_enabled: 0 },
    ]);
  });
});
