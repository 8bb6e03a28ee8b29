// A page of SCIM users is written by SQLite from the same declaration (SCIM_USER) that writes a single user in
// JavaScript. Without response validation (not --strict) the page goes out as SQLite wrote it, so its bytes are
// compared here with the single users, joined: names that need escaping, the objects and lists left out when nothing
// fills them, empty text read as unassigned, deprovisioned users, and the request's own host in meta.location.
import { DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { CORE, ENTERPRISE, LIST, SCIM_MEDIA_TYPE, scimClient } from "../helpers/scim.js";

let emu: TestEmulator;
const okta = () => scimClient(emu, "okta", "okta-scim-token");

const HARD = ['Quote "marks" and \\ back', "Tab\tline\nbreak\r\u0001\u001f\u007f", "Ünïcödé 中文 😀 \u2028\u2029", "</script>&<'>"];

beforeAll(async () => {
  emu = await startTestEmulator({ strict: false });
  const made = [
    // Everything a user can carry, in values that need escaping.
    {
      userName: "full@example.com",
      externalId: HARD[0],
      name: { givenName: HARD[1], familyName: HARD[2] },
      emails: [{ value: "full@example.com", type: "work", primary: true }],
      title: HARD[3],
      addresses: [{ type: "work", streetAddress: HARD[0], locality: HARD[1], region: "R", postalCode: "1", country: "NO" }],
      [ENTERPRISE]: { department: HARD[2], division: "D", costCenter: "C", organization: "O", employeeType: "E", manager: { value: "942897397520289999" } },
    },
    // Only a locality and a manager who is no user, so has no display name: the rest of the address, the name and
    // the email left out.
    { userName: "sparse@example.com", addresses: [{ type: "work", locality: "Oslo" }], [ENTERPRISE]: { manager: { value: "m-1" } } },
    // Nothing but the name it is known by.
    { userName: "bare@example.com" },
  ];
  for (const user of made) expect((await okta().post("/Users", { schemas: [CORE, ENTERPRISE], ...user })).status).toBe(201);
  // Deprovisioned: blocked, so not active.
  const bare = (await okta().get("/Users?filter=userName eq \"bare@example.com\"")).body.Resources[0].id as string;
  expect((await okta().patch(`/Users/${bare}`, [{ op: "replace", value: { active: false } }])).status).toBe(200);
  // Attributes set to empty text, which no provider sends (a fixture's): unassigned, as null is.
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [{ tenantUid: DEFAULT_TENANT_UID, users: [{ username: "empty@example.com", org: "Engineering", firstName: "", email: "", provisionedBy: { provider: "okta" }, scim: { title: "", department: "", city: "", managerUid: "", managerDisplayName: "Nobody" } }] }],
  });
  expect(loaded.status).toBe(201);
});
afterAll(() => emu.close());

/** The page at `path`, byte for byte the single users it lists, joined, in the list's envelope. */
async function expectPageIsSingles(path: string, host?: string) {
  const get = (p: string) => {
    const req = okta().get(p);
    return host ? req.set("Host", host) : req;
  };
  const page = await get(path);
  expect(page.status).toBe(200);
  expect(page.headers["content-type"]).toMatch(/^application\/scim\+json/);
  const { totalResults, startIndex, Resources } = JSON.parse(page.text) as { totalResults: number; startIndex: number; Resources: { id: string }[] };
  expect(Resources.length).toBeGreaterThan(0);
  const singles = await Promise.all(Resources.map(async (r) => JSON.parse((await get(`/Users/${r.id}`)).text)));
  expect(page.text).toBe(JSON.stringify({ schemas: [LIST], totalResults, startIndex, itemsPerPage: Resources.length, Resources: singles }));
  return singles as Record<string, unknown>[];
}

it("a page of users is the single users' JSON, joined, whatever they hold", async () => {
  const all = await expectPageIsSingles("/Users?startIndex=1&count=100");
  await expectPageIsSingles("/Users?startIndex=2&count=2");
  await expectPageIsSingles('/Users?filter=userName sw "s"');

  const by = (name: string) => all.find((u) => u.userName === name)!;
  expect(by("full@example.com")).toMatchObject({ externalId: HARD[0], name: { givenName: HARD[1], familyName: HARD[2] }, title: HARD[3], active: true });
  expect(by("full@example.com")[ENTERPRISE]).toEqual({ department: HARD[2], division: "D", costCenter: "C", organization: "O", employeeType: "E", manager: { value: "942897397520289999", displayName: "Test User" } });
  const sparse = by("sparse@example.com");
  expect(Object.keys(sparse)).toEqual(["schemas", "id", "userName", "name", "displayName", "active", "addresses", ENTERPRISE, "meta"]);
  expect(sparse.addresses).toEqual([{ type: "work", locality: "Oslo", primary: true }]);
  expect(sparse[ENTERPRISE]).toEqual({ manager: { value: "m-1" } });
  const bare = by("bare@example.com");
  expect(Object.keys(bare)).toEqual(["schemas", "id", "userName", "name", "displayName", "active", "meta"]);
  expect(bare.active).toBe(false);
  const empty = by("empty@example.com");
  expect(Object.keys(empty)).toEqual(["schemas", "id", "userName", "name", "displayName", "active", "meta"]);
  expect(empty.name).toEqual({ formatted: empty.displayName });
});

it("each user's location is under the host the request named", async () => {
  const users = await expectPageIsSingles("/Users?count=3", "scim.example.test:8443");
  for (const u of users) expect((u.meta as { location: string }).location).toBe(`http://scim.example.test:8443/scim/okta/v2/Users/${u.id as string}`);
});

it("attributes and excludedAttributes still choose what each user shows", async () => {
  const res = await okta().get("/Users?attributes=userName&count=2");
  expect(res.status).toBe(200);
  expect(Object.keys(res.body.Resources[0])).toEqual(["schemas", "id", "meta", "userName"]);
  const excluded = await okta().get("/Users?excludedAttributes=name,title&count=2");
  expect(excluded.body.Resources.every((u: Record<string, unknown>) => !("name" in u) && !("title" in u) && "userName" in u)).toBe(true);
  expect(excluded.headers["content-type"]).toMatch(new RegExp(`^${SCIM_MEDIA_TYPE.replace("+", "\\+")}`));
});
