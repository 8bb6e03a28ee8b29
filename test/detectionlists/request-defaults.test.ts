// What the detection-list service does with what a request leaves out: setalertstate without a tenantId acts on the
// caller's tenant (Code42's published document makes it optional), and a search answers the sort it applied.
import { ADMIN, DEFAULT_FIXTURES, DEFAULT_TENANT_UID, SECOND_TENANT_UID, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL, bulletin, detectionLists } from "../helpers/detectionlists.js";

let emu: TestEmulator;
let post: ReturnType<typeof detectionLists>;
const tenantId = DEFAULT_TENANT_UID;
beforeEach(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});
afterEach(() => emu.close());

// The stored setting by its columns: on PostgreSQL every table also has a rowid column.
const settings = () => emu.database.db.selectFrom("detection_list_settings").select(["tenant_uid", "list", "alerts_enabled"]).orderBy("tenant_uid").orderBy("list").execute();

describe("setalertstate without a tenantId", () => {
  it("acts on the caller's tenant, for either list", async () => {
    const departing = await post("departingemployee/setalertstate", { alertsEnabled: false });
    expect(departing.status).toBe(204);
    expect(departing.text).toBe("");
    expect((await post("highriskemployee/setalertstate", { alertsEnabled: true })).status).toBe(204);
    const other = detectionLists(emu, await emu.tokenFor(ADMIN.username, "other-password"));
    expect((await other("highriskemployee/setalertstate", { alertsEnabled: false })).status).toBe(204);
    expect(await settings()).toEqual([
      { tenant_uid: DEFAULT_TENANT_UID, list: "DEPARTING_EMPLOYEE", alerts_enabled: 0 },
      { tenant_uid: DEFAULT_TENANT_UID, list: "HIGH_RISK_EMPLOYEE", alerts_enabled: 1 },
      { tenant_uid: SECOND_TENANT_UID, list: "HIGH_RISK_EMPLOYEE", alerts_enabled: 0 },
    ]);
  });

  it("another tenant's id is still refused, and alertsEnabled is still required", async () => {
    const foreign = await post("departingemployee/setalertstate", { tenantId: SECOND_TENANT_UID, alertsEnabled: false });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual(bulletin("com.code42.detectionlistmanagement.DetectionListMessages.Forbidden", `Not authorized for tenant ${SECOND_TENANT_UID}`));
    const bare = await post("highriskemployee/setalertstate", {});
    expect(bare.status).toBe(400);
    expect(bare.body["pop-bulletin"]["type$"]).toBe("com.code42.detectionlistmanagement.DetectionListMessages.ValidationError");
    expect(await settings()).toEqual([]);
  });
});

describe("search answers the sort it applied", () => {
  const echo = (res: { body: Record<string, unknown> }) => ({ srtKey: res.body.srtKey, srtDirection: res.body.srtDirection });
  const userIds = (res: { body: { items: { userId: string }[] } }) => res.body.items.map((i) => i.userId);

  it("departing: no sort sent is CREATED_AT DESC, newest first, in the whole answer", async () => {
    await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: null });
    const res = await post("departingemployee/search", { tenantId });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "DEPARTING_EMPLOYEE_SEARCH_RESPONSE_V2",
      items: [(await post("departingemployee/get", { tenantId, userId: CAROL })).body, (await post("departingemployee/get", { tenantId, userId: BOB })).body],
      totalCount: 2,
      rollups: [
        { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "OPEN", totalCount: 2 },
        { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "LEAVING_TODAY", totalCount: 0 },
        { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_24_HOURS", totalCount: 1 },
        { "type$": "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2", filterType: "EXFILTRATION_30_DAYS", totalCount: 1 },
      ],
      filterType: "OPEN",
      pgSize: 100,
      pgNum: 1,
      srtKey: "CREATED_AT",
      srtDirection: "DESC",
    });
  });

  it("high risk: py42's nulls are CREATED_AT DESC; a key alone ascends; a direction alone sorts by CREATED_AT", async () => {
    await post("highriskemployee/add", { tenantId, userId: CAROL });
    const nulls = await post("highriskemployee/search", { tenantId, filterType: "OPEN", pgNum: 1, pgSize: 100, srtKey: null, srtDirection: null });
    expect(echo(nulls)).toEqual({ srtKey: "CREATED_AT", srtDirection: "DESC" });
    expect(userIds(nulls)).toEqual([CAROL, ALICE]);
    const keyOnly = await post("highriskemployee/search", { tenantId, srtKey: "DISPLAY_NAME" });
    expect(echo(keyOnly)).toEqual({ srtKey: "DISPLAY_NAME", srtDirection: "ASC" });
    expect(userIds(keyOnly)).toEqual([ALICE, CAROL]);
    const directionOnly = await post("highriskemployee/search", { tenantId, srtDirection: "ASC" });
    expect(echo(directionOnly)).toEqual({ srtKey: "CREATED_AT", srtDirection: "ASC" });
    expect(userIds(directionOnly)).toEqual([ALICE, CAROL]);
  });
});
