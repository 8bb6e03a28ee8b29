// A load of 20,000 events or more (a fixture's generateFileEvents, the generator's endpoint) builds the table's
// indexes after its rows and adds the exposures to the detection lists' totals in one statement at the end, instead
// of row by row: what the lists answer must be what the row-by-row path gives.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";
import { BOB, CAROL, detectionLists } from "../helpers/detectionlists.js";

const emu = emulatorPerFile();
const tenantId = DEFAULT_TENANT_UID;
const CAROL_EMAIL = "carol.clark@example.com";
let post: ReturnType<typeof detectionLists>;

beforeEach(async () => {
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});

const totals = async (userId: string) => {
  const res = await post("departingemployee/get", { tenantId, userId });
  expect(res.status).toBe(200);
  return { numEvents: res.body.numEvents, totalBytes: res.body.totalBytes };
};
/** Every list entry's totals of the user (the high-risk list keeps them too, for its order, but does not show them). */
const entries = (userUid: string) =>
  emu.database.db.selectFrom("watchlist_users").select(["num_events as numEvents", "total_bytes as totalBytes"]).where("user_uid", "=", userUid).orderBy("watchlist_id").execute();

// SQLite: on PostgreSQL a load keeps its indexes and trigger (bound by round trips, not upkeep), and 21,000 events
// take longer there than a test may.
(TEST_PG ? it.skip : it)("adds a bulk load's exposures to every list entry of their user, as each event one by one would (SQLite)", async () => {
  expect((await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2031-01-01" })).status).toBe(200);
  expect((await post("highriskemployee/add", { tenantId, userId: CAROL })).status).toBe(200);
  const bobBefore = await totals(BOB);

  // 15,000 copies to removable media (exposures) and 6,000 reads (not exposures): one load past the bulk threshold.
  const load = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: tenantId,
        generateFileEvents: [
          { user: CAROL_EMAIL, kind: "removable-media", count: 15_000, within: "30d", seed: 7 },
          { user: CAROL_EMAIL, kind: "file-modified", count: 6_000, within: "30d", seed: 8 },
        ],
      },
    ],
  });
  expect(load.status).toBe(201);
  const departing = await totals(CAROL);
  expect(departing.numEvents).toBe(15_000);
  expect(departing.totalBytes).toBeGreaterThan(15_000);
  expect(await entries(CAROL)).toEqual([departing, departing]);
  // Another user's entry is left as it was.
  expect(await totals(BOB)).toEqual(bobBefore);

  // An entry made again starts from the events held then, a sum computed apart from the load's: the same figures.
  expect((await post("departingemployee/remove", { tenantId, userId: CAROL })).status).toBe(204);
  expect((await post("departingemployee/add", { tenantId, userId: CAROL, departureDate: "2031-01-01" })).status).toBe(200);
  expect(await totals(CAROL)).toEqual(departing);

  // And the row-by-row path is back after the load: one more exposure moves both entries by it.
  const one = await emu.http.post(`/_emulator/tenants/${tenantId}/file-events/generate`).send({ user: CAROL_EMAIL, kind: "removable-media", count: 1, seed: 9 });
  expect(one.status).toBe(201);
  const after = await totals(CAROL);
  expect(after.numEvents).toBe(15_001);
  expect(after.totalBytes).toBeGreaterThan(departing.totalBytes);
  expect(await entries(CAROL)).toEqual([after, after]);
});

const held = async () => Number((await emu.database.db.selectFrom("file_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

// A bulk load's rows are not noted one by one for the undo: the restores after it must rewrite the table whole, and
// the rows written after it must be noted again.
(TEST_PG ? it.skip : it)("a snapshot's restore and a reset put back the events of a bulk load, and the rows after it (SQLite)", async () => {
  const before = await held();
  const generate = (count: number, seed: number) => emu.http.post(`/_emulator/tenants/${tenantId}/file-events/generate`).send({ user: CAROL_EMAIL, kind: "cloud-upload", count, seed });
  expect((await emu.http.post("/_emulator/snapshots").send({ name: "before-load" })).status).toBe(201);
  expect((await generate(20_000, 1)).status).toBe(201);
  expect(await held()).toBe(before + 20_000);
  expect((await emu.http.post("/_emulator/snapshots/before-load/restore")).status).toBe(204);
  expect(await held()).toBe(before);

  expect((await generate(20_000, 2)).status).toBe(201);
  expect((await emu.http.post("/_emulator/snapshots").send({ name: "after-load" })).status).toBe(201);
  expect((await generate(5, 3)).status).toBe(201);
  expect(await held()).toBe(before + 20_005);
  expect((await emu.http.post("/_emulator/snapshots/after-load/restore")).status).toBe(204);
  expect(await held()).toBe(before + 20_000);
  await emu.reset();
  expect(await held()).toBe(before);
});

// The totals are moved by one UPDATE of the entries rather than by the trigger: a reset must put them back as well.
(TEST_PG ? it.skip : it)("a reset after a bulk load puts an entry's totals back (SQLite)", async () => {
  const before = await totals(BOB);
  const load = await emu.http.post(`/_emulator/tenants/${tenantId}/file-events/generate`).send({ user: "bob.brown@example.com", kind: "removable-media", count: 20_000, within: "30d", seed: 3 });
  expect(load.status).toBe(201);
  expect((await totals(BOB)).numEvents).toBe(before.numEvents + 20_000);
  await emu.reset();
  expect(await totals(BOB)).toEqual(before);
});

// The key of tenant and event id is built after a bulk load's rows too: an id held already, or made twice by the
// load, refuses the load then, with the answer the row-by-row path gives, and stores none of it.
describe("ids a bulk load repeats (SQLite)", () => {
  const generate = (body: object) => emu.http.post(`/_emulator/tenants/${tenantId}/file-events/generate`).send(body);
  const body = { user: CAROL_EMAIL, kind: "removable-media", within: "30d", seed: "again" };
  // A run's events are those of its seed at the clock's now.
  beforeEach(async () => expect((await emu.http.post("/_emulator/clock/freeze")).status).toBe(200));

  (TEST_PG ? it.skip : it)("refuses a load whose first events the tenant holds, naming the first of them", async () => {
    const first = await generate({ ...body, count: 3 });
    expect(first.status).toBe(201);
    const before = await held();
    // The same seed makes the same events first: 20,000 is a bulk load, which finds the three held at its end.
    const again = await generate({ ...body, count: 20_000 });
    expect([again.status, again.body]).toEqual([409, { error: { code: "EVENT_EXISTS", message: `The tenant holds event ${first.body.eventIds[0]} already` } }]);
    expect(await held()).toBe(before);
    // The key is back: a row-by-row request is refused at the same event.
    const small = await generate({ ...body, count: 5 });
    expect([small.status, small.body]).toEqual([409, again.body]);
  });

  (TEST_PG ? it.skip : it)("refuses a fixture whose requests make the same events, storing none of them", async () => {
    const before = await held();
    const load = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: tenantId, generateFileEvents: [{ ...body, count: 10_000 }, { ...body, count: 10_000 }] }] });
    expect(load.status).toBe(400);
    expect(load.body).toEqual({ error: { code: "INVALID_FIXTURE", message: expect.stringMatching(/generateFileEvents: Event \S+ is given twice$/) } });
    expect(await held()).toBe(before);
    // The same request alone loads, and its first event is the one named.
    const alone = await generate({ ...body, count: 1 });
    expect(alone.status).toBe(201);
    expect(load.body.error.message).toContain(`Event ${alone.body.eventIds[0]} is given twice`);
  });

  // Alert rules judge each event as it is stored, and raising an alert joins its events by the key: a load they judge
  // keeps the key row by row (built after the rows, each join read the whole table: 20k uploads took minutes).
  (TEST_PG ? it.skip : it)("keeps the key row by row while alert rules judge the load: a repeat is refused at its place", async () => {
    const rule = { name: "Uploads", vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } } };
    expect((await emu.http.post(`/_emulator/tenants/${tenantId}/alert-rules`).send(rule)).status).toBe(201);
    const before = await held();
    const uploads = { ...body, kind: "cloud-upload", count: 10_000 };
    const load = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: tenantId, generateFileEvents: [uploads, uploads] }] });
    expect(load.status).toBe(400);
    // The row-by-row answer, with the request's place: the second request meets the first's events as it stores them.
    expect(load.body).toEqual({ error: { code: "INVALID_FIXTURE", message: expect.stringMatching(/^generateFileEvents\[1\]: The tenant holds event \S+ already$/) } });
    expect(await held()).toBe(before);
    // A load the rule judges stores its events and raises alerts.
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: tenantId, generateFileEvents: [uploads, { ...uploads, seed: "other" }] }] })).status).toBe(201);
    expect(await held()).toBe(before + 20_000);
    const alerts = await emu.database.db.selectFrom("alerts").select((eb) => eb.fn.countAll<number>().as("n")).where("tenant_uid", "=", tenantId).executeTakeFirstOrThrow();
    expect(Number(alerts.n)).toBeGreaterThan(0);
  });
});
