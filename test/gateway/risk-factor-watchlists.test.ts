// A legacy risk factor is the user's inclusion in the watchlist of its name (Code42 turned the factors into
// watchlists): one state, read and changed through the detection-list profile and through the watchlists alike.
import { builtInWatchlistId } from "../../src/domains/watchlists/store.js";
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, CAROL, detectionLists } from "../helpers/detectionlists.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: ReturnType<typeof detectionLists>;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});
const { get, post } = callsAs(emu, () => gateway);
const tenantId = DEFAULT_TENANT_UID;
const watchlistOf = (type: string) => builtInWatchlistId(tenantId, type);
const riskFactorsOf = async (userId: string) => (await legacy("user/getbyid", { tenantId, userId })).body.riskFactors;

it("the default fixture's risk factors are the watchlists of their names", async () => {
  expect(await riskFactorsOf(ALICE)).toEqual(["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"]);
  const flight = await get(`/v1/watchlists/${watchlistOf("FLIGHT_RISK")}/included-users`);
  expect(flight.body.includedUsers.map((u: { userId: string }) => u.userId)).toEqual([ALICE]);
  // The high-risk list's item shows them too.
  expect((await legacy("highriskemployee/get", { tenantId, userId: ALICE })).body.riskFactors).toEqual(["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"]);
});

it("a factor added on the legacy wire includes the user in its watchlist (made on first use); removed, it is gone from both", async () => {
  const added = await legacy("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["CONTRACT_EMPLOYEE", "FLIGHT_RISK"] });
  expect(added.body.riskFactors).toEqual(["CONTRACT_EMPLOYEE", "FLIGHT_RISK"]);
  const contract = await get(`/v2/watchlists/${watchlistOf("CONTRACT_EMPLOYEE")}`);
  expect(contract.status).toBe(200);
  expect(contract.body).toMatchObject({ listType: "CONTRACT_EMPLOYEE", stats: { includedActorsCount: 1 } });
  expect((await get(`/v1/watchlists/${watchlistOf("FLIGHT_RISK")}/included-users/${CAROL}`)).status).toBe(200);

  await legacy("user/removeriskfactors", { tenantId, userId: CAROL, riskFactors: ["FLIGHT_RISK"] });
  expect((await get(`/v1/watchlists/${watchlistOf("FLIGHT_RISK")}/included-users/${CAROL}`)).status).toBe(404);
  expect(await riskFactorsOf(CAROL)).toEqual(["CONTRACT_EMPLOYEE"]);
});

it("a user included in a risk-factor watchlist on the gateway has the factor on the legacy profile, until removed there", async () => {
  const perf = await post("/v1/watchlists", { watchlistType: "PERFORMANCE_CONCERNS" });
  expect(perf.status).toBe(200);
  expect((await post(`/v1/watchlists/${perf.body.watchlistId}/included-users/add`, { userIds: [CAROL] })).status).toBe(200);
  expect(await riskFactorsOf(CAROL)).toEqual(["PERFORMANCE_CONCERNS"]);
  expect((await post(`/v1/watchlists/${perf.body.watchlistId}/included-users/delete`, { userIds: [CAROL] })).status).toBe(200);
  expect(await riskFactorsOf(CAROL)).toEqual([]);
  // A member through a department is no risk factor: the profile shows what was said of the user.
  expect((await post(`/v1/watchlists/${perf.body.watchlistId}/included-departments/add`, { departments: ["Engineering"] })).status).toBe(200);
  expect(await riskFactorsOf(ALICE)).toEqual(["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"]);
});

it("deleting a risk-factor watchlist takes the factor off every profile", async () => {
  const del = await emu.http.delete(`/v1/watchlists/${watchlistOf("FLIGHT_RISK")}`).set("Authorization", gateway);
  expect(del.status).toBe(200);
  expect(await riskFactorsOf(ALICE)).toEqual(["HIGH_IMPACT_EMPLOYEE"]);
  // Used again, the factor makes its watchlist anew.
  await legacy("user/addriskfactors", { tenantId, userId: ALICE, riskFactors: ["FLIGHT_RISK"] });
  expect(await riskFactorsOf(ALICE)).toEqual(["HIGH_IMPACT_EMPLOYEE", "FLIGHT_RISK"]);
});
