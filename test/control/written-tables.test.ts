// A reset puts back only the rows written since the baseline; a snapshot restore likewise from its own image.
// Whatever was written, and whatever the schema's triggers wrote from it, the state after is the image's, row for row.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { userBearer } from "../helpers/gateway.js";
import { TEST_PG } from "../helpers/postgres.js";

const emu = emulatorPerFile();
const bearer = async () => `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
const dump = async () => JSON.stringify(await emu.control.state.dump());

/** Writes that reach many tables, the derived ones and those the triggers write among them. */
async function writeEverywhere(auth: string, tag: string, [one, two] = ["942897397520280006", "942897397520280007"]) {
  const ok = <R extends { status: number; text: string }>(res: R) => {
    if (res.status >= 300) throw new Error(`${res.status} ${res.text}`);
    return res;
  };
  ok(await emu.http.post(`/api/v3/users/${one}/block`).set("Authorization", auth));
  ok(await emu.http.post("/api/v1/User").set("Authorization", auth).send({ orgUid: "890854247383106706", username: `${tag}@example.com`, firstName: "New" }));
  ok(await emu.http.post("/svc/api/v2/departingemployee/add").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: two }));
  ok(await emu.http.post("/svc/api/v2/highriskemployee/add").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: one }));
  ok(await emu.http.post("/svc/api/v2/user/addriskfactors").set("Authorization", auth).send({ tenantId: DEFAULT_TENANT_UID, userId: one, riskFactors: ["FLIGHT_RISK", "CONTRACT_EMPLOYEE"] }));
  // A risk-factor watchlist deleted: the schema's trigger takes its factor off every profile.
  const gateway = await userBearer(emu, ADMIN.username, ADMIN.password);
  const lists = ok(await emu.http.get("/v1/watchlists?page=1&pageSize=100").set("Authorization", gateway)).body.watchlists as { listType: string; watchlistId: string }[];
  ok(await emu.http.delete(`/v1/watchlists/${lists.find((w) => w.listType === "FLIGHT_RISK")!.watchlistId}`).set("Authorization", gateway));
  ok(
    await emu.http.post("/_emulator/fixtures").send({
      tenants: [{ tenantUid: DEFAULT_TENANT_UID, users: [{ username: "carol.clark@example.com", org: "ignored", fileExposureEvents: [{ ago: "1h", bytes: 42 }], devices: [{ name: `${tag} tablet` }] }] }],
    }),
  );
  ok(await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: tag }));
}

it("a reset after writes to many tables, again and again, is the baseline row for row", async () => {
  const baseline = await dump();
  for (const tag of ["r1", "r2", "r3"]) {
    await writeEverywhere(await bearer(), tag);
    expect(await dump()).not.toBe(baseline);
    await emu.reset();
    expect(await dump()).toBe(baseline);
  }
});

it("a reset after only a few tables were written leaves the others as they are, and is the baseline", async () => {
  const baseline = await dump();
  const auth = await bearer();
  expect((await emu.http.post("/api/v3/users/942897397520280006/block").set("Authorization", auth)).status).toBeLessThan(300);
  await emu.reset();
  expect(await dump()).toBe(baseline);
  // Nothing written: the reset rewrites nothing and changes nothing.
  await emu.reset();
  expect(await dump()).toBe(baseline);
});

it("a reset after a load of thousands of rows (tables emptied and filled again), and after a few writes next, is the baseline", async () => {
  const baseline = await dump();
  const load = await emu.http.post("/_emulator/fixtures").send({
    tenants: [{ tenantUid: DEFAULT_TENANT_UID, generateFileEvents: [{ user: ADMIN.username, kind: "cloud-upload", count: 3000, within: "30d", seed: 7 }] }],
  });
  expect(load.status).toBe(201);
  await writeEverywhere(await bearer(), "load");
  await emu.reset();
  expect(await dump()).toBe(baseline);
  await writeEverywhere(await bearer(), "after");
  await emu.reset();
  expect(await dump()).toBe(baseline);
});

it("a reset after a rename, whose trigger writes a watchlist's entries, is the baseline: the entries' own triggers reach the counts and the profiles' risk factors", async () => {
  const baseline = await dump();
  const auth = await bearer();
  // Alice is on the high-risk list with two risk factors.
  expect((await emu.http.put("/api/v1/User/942897397520280004?idType=uid").set("Authorization", auth).send({ firstName: "Alicia" })).status).toBe(200);
  await emu.reset();
  expect(await dump()).toBe(baseline);
});

it("snapshots and resets in turn: each restore is its image, row for row", async () => {
  const baseline = await dump();
  await writeEverywhere(await bearer(), "s1");
  expect((await emu.http.post("/_emulator/snapshots").send({ name: "mid" })).status).toBe(201);
  const mid = await dump();
  await writeEverywhere(await bearer(), "s2", ["942897397520280008", "942897397520280001"]);
  // Each image keeps its own mark in the notes: what was written since the snapshot is put back.
  expect((await emu.http.post("/_emulator/snapshots/mid/restore")).status).toBe(204);
  expect(await dump()).toBe(mid);
  // Now it is the snapshot plus the writes since: only those tables are rewritten.
  expect((await emu.http.post("/api/v3/users/942897397520280007/block").set("Authorization", await bearer())).status).toBeLessThan(300);
  expect((await emu.http.post("/_emulator/snapshots/mid/restore")).status).toBe(204);
  expect(await dump()).toBe(mid);
  await emu.reset();
  expect(await dump()).toBe(baseline);
  await emu.http.delete("/_emulator/snapshots/mid");
});

it("a reset after the tenant was deleted whole, its rows of the keyed tables among them, is the baseline", async () => {
  const baseline = await dump();
  await bearer();
  expect((await emu.http.delete(`/_emulator/tenants/${DEFAULT_TENANT_UID}`)).status).toBe(204);
  await emu.reset();
  expect(await dump()).toBe(baseline);
});

it("a restore puts a written row of a table without an integer key back in its place: found and written by its rowid", async () => {
  // A copy's rows come after the tenant's: a row put back at the end would be out of its order.
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "k1" })).status).toBe(201);
  expect((await emu.http.post("/_emulator/snapshots").send({ name: "copied" })).status).toBe(201);
  const image = await dump();
  const listed = await emu.http.get("/api/v1/LegalHoldMembership?legalHoldUid=984140047896012577&pgNum=1&pgSize=100").set("Authorization", await bearer());
  const [membership] = listed.body.data.legalHoldMemberships as { legalHoldMembershipUid: string }[];
  // Twice: the first restore wrote the row back with the image's rowid, where the second finds it.
  for (let i = 0; i < 2; i++) {
    const release = await emu.http.post("/api/v1/LegalHoldMembershipDeactivation").set("Authorization", await bearer()).send({ legalHoldMembershipUid: membership!.legalHoldMembershipUid });
    expect(release.status).toBe(204);
    expect((await emu.http.post("/_emulator/snapshots/copied/restore")).status).toBe(204);
    expect(await dump()).toBe(image);
  }
  await emu.http.delete("/_emulator/snapshots/copied");
});

// The written rows are put back one by one: a temporary trigger of the test's own counts the user rows a reset
// deletes (to put them back), which tells a reset that rewrote the users table from one that put back the user a
// sign-in stamped.
(TEST_PG ? it.skip : it)("a reset after a sign-in puts back the one user row written, not the users table (SQLite)", async () => {
  const sqlite = emu.database.sqlite!;
  sqlite.exec("create temp table users_put_back (user_id integer); create temp trigger count_users_put_back after delete on main.users begin insert into users_put_back values (old.user_id); end");
  try {
    const putBack = async (write: () => Promise<unknown>) => {
      await write();
      sqlite.exec("delete from users_put_back");
      await emu.reset();
      return sqlite.prepare("select count(*) from users_put_back").pluck().get() as number;
    };
    await emu.reset();
    const baseline = await dump();
    const users = sqlite.prepare("select count(*) from users").pluck().get() as number;
    expect(users).toBeGreaterThan(5);
    expect(await putBack(async () => {})).toBe(0);
    expect(await putBack(bearer)).toBe(1);
    expect(await dump()).toBe(baseline);
    // A snapshot saved since keeps the baseline's undo as it was, and has its own.
    expect((await emu.http.post("/_emulator/snapshots").send({ name: "signed-in" })).status).toBe(201);
    expect(await putBack(bearer)).toBe(1);
    expect(await dump()).toBe(baseline);
    await bearer();
    sqlite.exec("delete from users_put_back");
    expect((await emu.http.post("/_emulator/snapshots/signed-in/restore")).status).toBe(204);
    expect(sqlite.prepare("select count(*) from users_put_back").pluck().get()).toBe(1);
    expect(await putBack(async () => {})).toBe(1);
    expect(await dump()).toBe(baseline);
    await emu.http.delete("/_emulator/snapshots/signed-in");
    expect(await putBack(bearer)).toBe(1);
  } finally {
    sqlite.exec("drop trigger count_users_put_back; drop table users_put_back");
  }
});
