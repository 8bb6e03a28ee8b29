// Search paging and sorting over a generated tenant: every page walk sees each entry once, in the right order,
// and the rollups count what a hand count of the fixture says.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { detectionLists } from "../helpers/detectionlists.js";

const TENANT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const N = 57;
let emu: TestEmulator;
let dir: string;
let post: ReturnType<typeof detectionLists>;

interface Expected {
  userId: string;
  displayName: string;
  departureDate: string | null;
  numEvents: number;
  totalBytes: number;
  recent: boolean; // an event within 24 h
  month: boolean; // an event within 30 days
}
const expected: Expected[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "c42paging-"));
  const now = Date.now();
  const today = new Date(now).toISOString().slice(0, 10);
  const users = [];
  for (let i = 0; i < N; i++) {
    const userUid = `5000000000000${String(i).padStart(5, "0")}`;
    // Names repeat (every 7th) so ties are broken by userId; some dates repeat, some are null.
    const first = ["Ann", "ben", "Cy", "dora", "Eve", "Finn", "Gus"][i % 7]!;
    const last = `Zed${String(i % 5)}`;
    const departureDate = i % 4 === 0 ? null : i % 9 === 0 ? today : `2030-0${1 + (i % 9)}-1${i % 10}`;
    const events = i % 3 === 0 ? [] : i % 3 === 1 ? [{ ago: "2h", bytes: 1000 * i }] : [{ ago: "10d", bytes: 7 }, { ago: "40d", bytes: i }];
    users.push({
      username: `user${i}@gen.example`,
      password: "password",
      userUid,
      firstName: first,
      lastName: last,
      org: "Root",
      departingEmployee: { departureDate, addedAgo: `${(i * 37) % 50}m` },
      fileExposureEvents: events,
    });
    expected.push({
      userId: userUid,
      displayName: `${first} ${last}`,
      departureDate,
      numEvents: events.length,
      totalBytes: events.reduce((a, e) => a + e.bytes, 0),
      recent: events.some((e) => e.ago === "2h"),
      month: events.some((e) => e.ago !== "40d"),
    });
  }
  users.push({ username: "admin@gen.example", password: "password", org: "Root", roles: ["Customer Cloud Admin"] });
  const file = join(dir, "generated.json");
  writeFileSync(file, JSON.stringify({ tenants: [{ tenantUid: TENANT, name: "Generated", orgs: [{ orgName: "Root" }], users }] }));
  emu = await startTestEmulator({ fixtures: [file] });
  post = detectionLists(emu, await emu.tokenFor("admin@gen.example", "password"));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function walk(body: Record<string, unknown>, pgSize: number) {
  const seen: Record<string, unknown>[] = [];
  for (let pgNum = 1; ; pgNum++) {
    const res = await post("departingemployee/search", { tenantId: TENANT, ...body, pgSize, pgNum });
    expect(res.status).toBe(200);
    seen.push(...res.body.items);
    if (res.body.items.length < pgSize) return { seen, totalCount: res.body.totalCount as number, rollups: res.body.rollups };
  }
}

const compareBy = (key: keyof Expected, dir: 1 | -1) => (a: Expected, b: Expected) => {
  const x = a[key];
  const y = b[key];
  const norm = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : v);
  // SQLite puts NULL first in ascending order.
  const c = x === y ? 0 : x === null ? -1 : y === null ? 1 : (norm(x) as string | number) < (norm(y) as string | number) ? -1 : norm(x) === norm(y) ? 0 : 1;
  return dir * (c !== 0 ? c : a.userId < b.userId ? -1 : 1);
};

describe("departingemployee/search over 57 entries", () => {
  it.each([
    ["DISPLAY_NAME", "displayName"],
    ["DEPARTURE_DATE", "departureDate"],
    ["NUM_EVENTS", "numEvents"],
    ["TOTAL_BYTES", "totalBytes"],
  ] as const)("sorted by %s both ways, pages of 10 hold every entry once, in order", async (srtKey, field) => {
    for (const [srtDirection, dir] of [["ASC", 1], ["DESC", -1]] as const) {
      const { seen, totalCount } = await walk({ filterType: "OPEN", srtKey, srtDirection }, 10);
      expect(totalCount).toBe(N);
      expect(seen.map((i) => i.userId)).toEqual([...expected].sort(compareBy(field, dir)).map((e) => e.userId));
    }
  });

  it("sorted by CREATED_AT, each page follows the last (no entry twice, none missing)", async () => {
    const { seen } = await walk({ filterType: "OPEN", srtKey: "CREATED_AT", srtDirection: "ASC" }, 8);
    expect(new Set(seen.map((i) => i.userId)).size).toBe(N);
    const stamps = seen.map((i) => i.createdAt as string);
    expect(stamps).toEqual([...stamps].sort());
  });

  it("items carry each user's exposure totals", async () => {
    const { seen } = await walk({ filterType: "OPEN" }, 100);
    for (const e of expected) expect(seen.find((i) => i.userId === e.userId)).toMatchObject({ numEvents: e.numEvents, totalBytes: e.totalBytes });
  });

  it("the rollups match a hand count of the fixture, and each filter lists exactly its users", async () => {
    const today = new Date(emu.clock.now()).toISOString().slice(0, 10);
    const want: Record<string, string[]> = {
      OPEN: expected.map((e) => e.userId),
      LEAVING_TODAY: expected.filter((e) => e.departureDate === today).map((e) => e.userId),
      EXFILTRATION_24_HOURS: expected.filter((e) => e.recent).map((e) => e.userId),
      EXFILTRATION_30_DAYS: expected.filter((e) => e.month).map((e) => e.userId),
    };
    const { rollups } = await walk({ filterType: "OPEN" }, 100);
    expect(rollups.map((r: { filterType: string; totalCount: number }) => [r.filterType, r.totalCount])).toEqual(Object.entries(want).map(([f, ids]) => [f, ids.length]));
    for (const [filterType, ids] of Object.entries(want)) {
      const { seen, totalCount } = await walk({ filterType, srtKey: "DISPLAY_NAME", srtDirection: "ASC" }, 7);
      expect(totalCount).toBe(ids.length);
      expect(seen.map((i) => i.userId).sort()).toEqual([...ids].sort());
    }
    expect(want.LEAVING_TODAY!.length).toBeGreaterThan(0);
    expect(want.EXFILTRATION_24_HOURS!.length).toBeLessThan(want.EXFILTRATION_30_DAYS!.length);
  });

  it("pages asked out of order, asked again, and asked after a change are what the order says", async () => {
    const body = { tenantId: TENANT, filterType: "OPEN", srtKey: "DISPLAY_NAME", srtDirection: "DESC", pgSize: 6 };
    const page = async (pgNum: number) => (await post("departingemployee/search", { ...body, pgNum })).body.items.map((i: { userId: string }) => i.userId);
    const order = (without?: string) => [...expected].sort(compareBy("displayName", -1)).map((e) => e.userId).filter((id) => id !== without);
    const slice = (ids: string[], pgNum: number) => ids.slice((pgNum - 1) * 6, pgNum * 6);
    for (const pgNum of [5, 3, 5, 10, 4, 9]) expect(await page(pgNum)).toEqual(slice(order(), pgNum));

    // An entry before page 5 leaves the list: every later page moves up by one.
    const leaving = order()[2]!;
    expect((await post("departingemployee/remove", { tenantId: TENANT, userId: leaving })).status).toBe(204);
    for (const pgNum of [5, 4, 10]) expect(await page(pgNum)).toEqual(slice(order(leaving), pgNum));
    expect((await post("departingemployee/add", { tenantId: TENANT, userId: leaving, departureDate: expected.find((e) => e.userId === leaving)!.departureDate })).status).toBe(200);
    for (const pgNum of [5, 4]) expect(await page(pgNum)).toEqual(slice(order(), pgNum));
  });
});
