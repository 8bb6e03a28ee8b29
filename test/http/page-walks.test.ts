// Deep pages start where the page before them ended (src/db/page-boundaries.ts): for every list that remembers its
// page starts, a walk page by page reads each row once, in the order one large page gives; a jump back or ahead
// reads the same rows; and a write between two pages shows on the next one (any write forgets the starts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";
import { scimClient } from "../helpers/scim.js";

const TENANT = "7a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const MATTER = "900000000000000007";
const N = 23;
const SIZE = 4;
const uidOf = (i: number) => `6100000000000${String(i).padStart(5, "0")}`;

let emu: TestEmulator;
let dir: string;
let gw: ReturnType<typeof callsAs>;
let admin: string;
let scim: ReturnType<typeof scimClient>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "c42walks-"));
  const users: object[] = [{ username: "admin@walk.example", password: "password", org: "Root", roles: ["Customer Cloud Admin", "Legal Hold Administrator"] }];
  for (let i = 0; i < N; i++)
    users.push({
      username: `user${i}@walk.example`,
      userUid: uidOf(i),
      org: "Root",
      // Names repeat, so pages in name order break ties by computer id.
      devices: [{ name: `laptop-${i % 5}` }],
      // Not user 1: a custodian in an active hold cannot be deprovisioned, and a test below deletes it.
      legalHolds: i % 4 === 1 ? [] : ["Matter"],
      provisionedBy: { provider: "okta" },
      departingEmployee: { departureDate: "2031-01-01" },
    });
  const file = join(dir, "walks.json");
  writeFileSync(
    file,
    JSON.stringify({
      tenants: [
        {
          tenantUid: TENANT,
          name: "Walks",
          orgs: [{ orgName: "Root" }],
          legalHolds: [{ name: "Matter", legalHoldUid: MATTER }],
          scimProviders: [{ providerId: "okta", authType: "bearer", token: "okta-token", org: "Root" }],
          users,
        },
      ],
    }),
  );
  emu = await startTestEmulator({ fixtures: [file] });
  admin = await userBearer(emu, "admin@walk.example");
  gw = callsAs(emu, () => admin);
  scim = scimClient(emu, "okta", "okta-token");
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

interface List {
  name: string;
  /** The ids of one page (1-based page number, `size` rows a page). */
  page(page: number, size: number): Promise<string[]>;
}

const gatewayList = (name: string, path: (page: number, size: number) => string, rows: string, id: string): List => ({
  name,
  async page(page, size) {
    const res = await gw.get(path(page, size));
    expect(res.status).toBe(200);
    return (res.body[rows] as Record<string, string>[]).map((r) => r[id]!);
  },
});

const v1List = (name: string, path: (page: number, size: number) => string, rows: string, id: string): List => ({
  name,
  async page(page, size) {
    const res = await emu.http.get(path(page, size)).set("Authorization", admin);
    expect(res.status).toBe(200);
    return (res.body.data[rows] as Record<string, string>[]).map((r) => String(r[id]));
  },
});

const departing = async () => ((await gw.get("/v2/watchlists?page=1&pageSize=100")).body.watchlists as { listType: string; watchlistId: string }[]).find((w) => w.listType === "DEPARTING_EMPLOYEE")!.watchlistId;

const LISTS: List[] = [
  gatewayList("user risk profiles", (p, s) => `/v1/user-risk-profiles?page=${p}&page_size=${s}`, "userRiskProfiles", "userId"),
  gatewayList("actor risk profiles", (p, s) => `/v2/actor-risk-profiles?page=${p}&page_size=${s}`, "actorRiskProfiles", "actorId"),
  v1List("v1 computers", (p, s) => `/api/v1/Computer?pgNum=${p}&pgSize=${s}`, "computers", "computerId"),
  gatewayList("gateway devices by name", (p, s) => `/v1/devices?page=${p}&pageSize=${s}&sortKey=name&sortDirection=asc`, "devices", "deviceId"),
  gatewayList("gateway devices by name, descending", (p, s) => `/v1/devices?page=${p}&pageSize=${s}&sortKey=name&sortDirection=desc`, "devices", "deviceId"),
  gatewayList("agents by name", (p, s) => `/v1/agents?page=${p}&pageSize=${s}&srtKey=NAME&srtDir=ASC`, "agents", "agentId"),
  gatewayList("agents by user", (p, s) => `/v1/agents?page=${p}&pageSize=${s}&srtKey=USER_ID&srtDir=ASC`, "agents", "agentId"),
  v1List("v1 custodians", (p, s) => `/api/v1/LegalHoldMembership?legalHoldUid=${MATTER}&pgNum=${p}&pgSize=${s}`, "legalHoldMemberships", "legalHoldMembershipUid"),
  gatewayList("gateway custodians", (p, s) => `/v1/legal-hold/matters/${MATTER}/custodians?page=${p}&pageSize=${s}`, "custodians", "userId"),
  {
    name: "SCIM users",
    async page(page, size) {
      const res = await scim.get(`/Users?startIndex=${(page - 1) * size + 1}&count=${size}`);
      expect(res.status).toBe(200);
      return (res.body.Resources as { id: string }[]).map((u) => u.id);
    },
  },
  {
    name: "watchlist included users",
    async page(page, size) {
      const res = await gw.get(`/v1/watchlists/${await departing()}/included-users?page=${page}&page_size=${size}`);
      expect(res.status).toBe(200);
      return (res.body.includedUsers as { userId: string }[]).map((u) => u.userId);
    },
  },
];

async function walk(list: List): Promise<string[]> {
  const seen: string[] = [];
  for (let page = 1; ; page++) {
    const ids = await list.page(page, SIZE);
    seen.push(...ids);
    if (ids.length < SIZE) return seen;
  }
}

describe.each(LISTS.map((l) => [l.name, l] as const))("%s", (_name, list) => {
  beforeAll(() => emu.reset());

  test("a walk page by page reads each row once, in the list's order; jumps back and ahead read the same rows", async () => {
    const all = await list.page(1, 100);
    expect(all.length).toBeGreaterThan(3 * SIZE);
    expect(new Set(all).size).toBe(all.length);
    expect(await walk(list)).toEqual(all);
    // Every page start is known now: pages read from them, in any order, and from a start between them.
    for (const page of [5, 2, 6, 3]) expect(await list.page(page, SIZE)).toEqual(all.slice((page - 1) * SIZE, page * SIZE));
    expect(await list.page(3, 5)).toEqual(all.slice(10, 15));
  });
});

test("a write between two pages shows on the next: a SCIM user deleted early in the order", async () => {
  await emu.reset();
  const scimList = LISTS.find((l) => l.name === "SCIM users")!;
  const before = await walk(scimList);
  expect(before).toHaveLength(N);
  expect((await scim.del(`/Users/${before[1]}`)).status).toBe(204);
  expect(await scimList.page(3, SIZE)).toEqual(before.slice(2 * SIZE + 1, 3 * SIZE + 1));
});

test("a write between two pages shows on the next: an included user removed early in the order", async () => {
  await emu.reset();
  const included = LISTS.find((l) => l.name === "watchlist included users")!;
  const before = await walk(included);
  const watchlistId = await departing();
  expect((await gw.post(`/v1/watchlists/${watchlistId}/included-users/delete`, { userIds: [before[0]], watchlistId })).status).toBe(200);
  expect(await included.page(2, SIZE)).toEqual(before.slice(SIZE + 1, 2 * SIZE + 1));
});

test("a write between two pages shows on the next: a device renamed to the front of the name order", async () => {
  await emu.reset();
  const byName = LISTS.find((l) => l.name === "gateway devices by name")!;
  const before = await walk(byName);
  const last = before[before.length - 1]!;
  const computer = (await emu.http.get(`/api/v1/Computer/${last}?idType=guid`).set("Authorization", admin)).body.data;
  expect((await emu.http.put(`/api/v1/Computer/${computer.computerId}`).set("Authorization", admin).send({ name: "aaa-first" })).status).toBe(200);
  expect(await byName.page(2, SIZE)).toEqual(before.slice(SIZE - 1, 2 * SIZE - 1));
});
