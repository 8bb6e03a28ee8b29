// An Org Admin of one customer org against another's things (an MSP's two customers): devices, archives, users,
// detection lists and legal holds of the sibling org are out of reach, by read and by write, and stay as they were.
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const ALICE = "942897397520280004"; // Engineering
const ALICE_LAPTOP = 251001;
const ALICE_LAPTOP_GUID = "935873453596900001";
const ALICE_ARCHIVE = "912100293346980001";

let emu: TestEmulator;
let sales: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  await emu.control.load({
    tenants: [
      {
        tenantUid: DEFAULT_TENANT_UID,
        orgs: [{ orgName: "Sales", parent: "Code42 Emulator" }],
        users: [{ username: "sales.admin@example.com", password: "password", org: "Sales", roles: ["Org Admin", "Desktop User"] }],
      },
    ],
  });
  sales = `Bearer ${await emu.tokenFor("sales.admin@example.com", "password")}`;
});
afterAll(() => emu.close());

it("reads nothing of a sibling org and changes nothing of it", async () => {
  const admin = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  const state = async () => (await emu.http.get("/_emulator/state")).body;
  const before = await state();
  const as = (method: "get" | "post" | "put", path: string, body?: object) => emu.http[method](path).set("Authorization", sales).send(body);
  const calls: [string, () => ReturnType<typeof as>, number[]][] = [
    ["device by id", () => as("get", `/api/v1/Computer/${ALICE_LAPTOP}`), [403, 404]],
    ["device by guid", () => as("get", `/api/v1/Computer/${ALICE_LAPTOP_GUID}?idType=guid`), [403, 404]],
    ["device block", () => as("put", `/api/v1/ComputerBlock/${ALICE_LAPTOP}`), [403, 404]],
    ["device deactivation", () => as("post", "/api/v4/computer-deactivation/update", { id: ALICE_LAPTOP }), [403, 404]],
    ["archive hold", () => as("put", `/api/v1/coldStorage/${ALICE_ARCHIVE}?idType=guid`, { archiveHoldExpireDate: "2031-01-31" }), [400, 403, 404]],
    ["user", () => as("get", `/api/v1/User/${ALICE}?idType=uid`), [403, 404]],
    ["user block", () => as("post", `/api/v3/users/${ALICE}/block`), [403, 404]],
    ["high-risk entry", () => as("post", "/svc/api/v2/highriskemployee/get", { tenantId: DEFAULT_TENANT_UID, userId: ALICE }), [403, 404]],
    ["detection-list notes", () => as("post", "/svc/api/v2/user/updatenotes", { tenantId: DEFAULT_TENANT_UID, userId: ALICE, notes: "x" }), [403, 404]],
    ["legal-hold custodian", () => as("post", "/api/v1/LegalHoldMembership", { legalHoldUid: "984140047896012577", userUid: ALICE }), [403]],
  ];
  const outcomes = [];
  for (const [what, call, refused] of calls) {
    const res = await call();
    outcomes.push({ what, refused: refused.includes(res.status) ? "refused" : `answered ${res.status}` });
  }
  expect(outcomes).toEqual(calls.map(([what]) => ({ what, refused: "refused" })));
  // Lists show none of it.
  expect((await as("get", "/api/v1/Computer")).body.data.computers.map((c: { computerId: number }) => c.computerId)).toEqual([]);
  expect((await as("get", "/api/v1/User")).body.data.users.map((u: { username: string }) => u.username)).toEqual(["sales.admin@example.com"]);
  expect(await state()).toEqual(before);
  expect((await emu.http.get(`/api/v1/Computer/${ALICE_LAPTOP}`).set("Authorization", admin)).body.data.blocked).toBe(false);
});
