// The v1 user list over a generated tenant: every page walk sees each user in reach once, in userId order, with the
// count a hand count of the fixture gives; pages asked out of order, and asked again after a write, are what the
// data says at that moment (pages start from remembered users and counts are kept until a write).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const TENANT = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
// Prime, so that 5000 + (i * 37) % N shuffles the ids against the fixture's order.
const N = 83;
const ORGS = ["Root", "Sales", "Sales EU", "Support"] as const;

interface Expected {
  userId: number;
  userUid: string;
  org: (typeof ORGS)[number];
  active: boolean;
  blocked: boolean;
}
const expected: Expected[] = [];

let emu: TestEmulator;
let dir: string;
let cca: string;
let salesAdmin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "c42userlist-"));
  const users: object[] = [];
  for (let i = 0; i < N; i++) {
    const e: Expected = { userId: 5000 + ((i * 37) % N), userUid: `6000000000000${String(i).padStart(5, "0")}`, org: ORGS[i % 4]!, active: i % 5 !== 0, blocked: i % 7 === 0 };
    expected.push(e);
    users.push({ username: `user${i}@list.example`, userId: e.userId, userUid: e.userUid, org: e.org, active: e.active, blocked: e.blocked, firstName: `First${i}`, lastName: i % 2 ? "Odd" : "Even" });
  }
  users.push({ username: "cca@list.example", userId: 9001, password: "password", org: "Root", roles: ["Customer Cloud Admin"] });
  users.push({ username: "sales.admin@list.example", userId: 9002, password: "password", org: "Sales", roles: ["Org Admin"] });
  const file = join(dir, "generated.json");
  const orgs = [{ orgName: "Root", children: [{ orgName: "Sales", children: [{ orgName: "Sales EU" }] }, { orgName: "Support" }] }];
  writeFileSync(file, JSON.stringify({ tenants: [{ tenantUid: TENANT, name: "Listed", orgs, users }] }));
  emu = await startTestEmulator({ fixtures: [file] });
  cca = `Bearer ${await emu.tokenFor("cca@list.example", "password")}`;
  salesAdmin = `Bearer ${await emu.tokenFor("sales.admin@list.example", "password")}`;
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const ADMINS = [9001, 9002];
const byId = (a: { userId: number }, b: { userId: number }) => a.userId - b.userId;
const ids = (want: Expected[], extra: number[] = []) => [...want.map((e) => e.userId), ...extra].sort((a, b) => a - b);

async function page(auth: string, query: string, pgNum: number, pgSize: number) {
  const res = await emu.http.get(`/api/v1/User?${query}&pgNum=${pgNum}&pgSize=${pgSize}`).set("Authorization", auth);
  expect(res.status).toBe(200);
  return res.body.data as { totalCount: number; users: { userId: number; orgUid: string }[] };
}

async function walk(auth: string, query: string, pgSize: number) {
  const seen: number[] = [];
  for (let pgNum = 1; ; pgNum++) {
    const { totalCount, users } = await page(auth, query, pgNum, pgSize);
    seen.push(...users.map((u) => u.userId));
    if (users.length < pgSize) return { seen, totalCount };
  }
}

describe("GET /api/v1/User over a generated tenant", () => {
  it.each([1, 7, 10, 83, 100])("pages of %i hold every user once, in userId order", async (pgSize) => {
    const { seen, totalCount } = await walk(cca, "incRoles=False", pgSize);
    expect(totalCount).toBe(N + ADMINS.length);
    expect(seen).toEqual(ids(expected, ADMINS));
  });

  it.each([
    ["active=True", (e: Expected) => e.active, ADMINS],
    ["active=False", (e: Expected) => !e.active, []],
    ["blocked=True", (e: Expected) => e.blocked, []],
    ["active=True&blocked=False", (e: Expected) => e.active && !e.blocked, ADMINS],
    ["q=odd", (e: Expected) => expected.indexOf(e) % 2 === 1, []],
  ] as const)("%s: the walk and the count agree with a hand count", async (query, keep, admins) => {
    const want = ids(expected.filter(keep), [...admins]);
    for (const pgSize of [4, 9]) {
      const { seen, totalCount } = await walk(cca, query, pgSize);
      expect(totalCount).toBe(want.length);
      expect(seen).toEqual(want);
    }
  });

  it("an orgUid filter takes the org's children; an org admin sees their subtree only, filters within it", async () => {
    const salesUid = (await page(cca, "username=sales.admin%40list.example", 1, 1)).users[0]!.orgUid;
    const sales = ids(expected.filter((e) => e.org === "Sales" || e.org === "Sales EU"), [9002]);
    expect((await walk(cca, `orgUid=${salesUid}`, 5)).seen).toEqual(sales);
    const own = await walk(salesAdmin, "incRoles=False", 6);
    expect(own).toEqual({ seen: sales, totalCount: sales.length });
    const activeOwn = ids(expected.filter((e) => (e.org === "Sales" || e.org === "Sales EU") && e.active), [9002]);
    expect(await walk(salesAdmin, "active=True", 3)).toEqual({ seen: activeOwn, totalCount: activeOwn.length });
  });

  it("pages asked out of order, and again, are the same slices of the order", async () => {
    const order = ids(expected, ADMINS);
    for (const pgNum of [6, 2, 6, 9, 1, 17, 8]) expect((await page(cca, "incRoles=False", pgNum, 5)).users.map((u) => u.userId)).toEqual(order.slice((pgNum - 1) * 5, pgNum * 5));
  });

  it("a write shows at once: a deactivation moves later pages up, a new user is counted and listed", async () => {
    const active = () => [...expected].sort(byId).filter((e) => e.active);
    const slice = (list: number[], pgNum: number) => list.slice((pgNum - 1) * 6, pgNum * 6);
    const before = ids(active(), ADMINS);
    for (const pgNum of [1, 2, 3, 4]) expect((await page(cca, "active=True", pgNum, 6)).users.map((u) => u.userId)).toEqual(slice(before, pgNum));

    // The first active user leaves the active list: every page after theirs starts one user later.
    const gone = active()[0]!;
    expect((await emu.http.post(`/api/v3/users/${gone.userUid}/deactivate`).set("Authorization", cca).send({ block: null })).status).toBe(204);
    gone.active = false;
    const after = ids(active(), ADMINS);
    for (const pgNum of [3, 2, 4]) {
      const { totalCount, users } = await page(cca, "active=True", pgNum, 6);
      expect(totalCount).toBe(before.length - 1);
      expect(users.map((u) => u.userId)).toEqual(slice(after, pgNum));
    }

    const rootUid = (await page(cca, "username=cca%40list.example", 1, 1)).users[0]!.orgUid;
    const created = await emu.http.post("/api/v1/User").set("Authorization", cca).send({ orgUid: rootUid, username: "late.joiner@list.example" });
    expect(created.status).toBe(200);
    const { seen, totalCount } = await walk(cca, "active=True", 6);
    expect(totalCount).toBe(after.length + 1);
    expect(seen).toEqual([...after, created.body.data.userId]);
  });
});
