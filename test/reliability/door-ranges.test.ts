// Values no field can hold are refused at the door with a 4xx in the family's envelope, and leave nothing broken
// behind: page numbers and sizes past 32 bits on every paged operation of the spec, a clock moved past the dates it
// can write, a fault rule with a megabyte path, a tenant copy's suffix used twice, a fixture nested 10,000 deep.
import { loadSpec } from "../../src/http/openapi.js";
import { ADMIN, DEFAULT_TENANT_UID, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const PAGING = new Set(["pgNum", "pgSize", "page", "pageSize", "startIndex", "count"]);
const TOO_BIG = "9223372036854775808"; // 2^63

let emu: TestEmulator;
const headers: Record<string, string> = {};
beforeAll(async () => {
  emu = await startTestEmulator();
  headers.user = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
  headers.client = `Bearer ${(await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("client_id", "secret")).body.access_token}`;
  headers.scim = "Bearer okta-scim-token";
});
afterAll(() => emu.close());

const authFor = (path: string) => (path.startsWith("/scim/") ? headers.scim! : path.startsWith("/api/v27/") ? headers.client! : headers.user!);
const health = async () => (await emu.http.get("/api/v1/User/my").set("Authorization", headers.user!)).status;

it("page numbers and sizes past 32 bits are a 400 on every paged operation, and the largest 32-bit ones no 5xx", async () => {
  const spec = await loadSpec();
  const paged: { method: (typeof METHODS)[number]; path: string; params: string[] }[] = [];
  for (const [template, item] of Object.entries(spec.paths))
    for (const method of METHODS) {
      const op = item[method] as { parameters?: { name: string; in: string }[] } | undefined;
      const params = (op?.parameters ?? []).filter((p) => p.in === "query" && PAGING.has(p.name)).map((p) => p.name);
      if (params.length) paged.push({ method, path: template.replace("{providerId}", "okta").replace(/\{[^}]+\}/g, "1"), params });
    }
  expect(paged.length).toBeGreaterThanOrEqual(7);
  for (const { method, path, params } of paged) {
    const criterion = path.includes("LegalHoldMembership") ? "&legalHoldUid=1" : "";
    for (const param of params) {
      const res = await emu.http[method](`${path}?${param}=${TOO_BIG}${criterion}`).set("Authorization", authFor(path));
      expect({ call: `${path}?${param}`, status: res.status }).toEqual({ call: `${path}?${param}`, status: 400 });
    }
    const largest = params.map((p) => `${p}=2147483647`).join("&");
    const res = await emu.http[method](`${path}?${largest}${criterion}`).set("Authorization", authFor(path));
    expect({ call: `${path}?${largest}`, served: res.status < 500 }).toEqual({ call: `${path}?${largest}`, served: true });
  }
  for (const list of ["departingemployee", "highriskemployee"]) {
    const search = (pgNum: unknown) => emu.http.post(`/svc/api/v2/${list}/search`).set("Authorization", headers.user!).send({ tenantId: DEFAULT_TENANT_UID, pgSize: 10, pgNum });
    expect((await search(Number(TOO_BIG))).status).toBe(400);
    expect((await search(2147483647)).status).toBe(200);
  }
});

it("a clock moved past what a date can hold is a 400, and the clock and every later call are as before", async () => {
  const before = (await emu.http.get("/_emulator/clock")).body;
  const far = await emu.http.post("/_emulator/clock/advance").send({ by: "100000000d" });
  expect([far.status, far.body.error.code]).toEqual([400, "CLOCK_OUT_OF_RANGE"]);
  expect(Math.abs(Date.parse((await emu.http.get("/_emulator/clock")).body.now) - Date.parse(before.now))).toBeLessThan(5_000);
  expect(await health()).toBe(200);
  expect((await emu.http.post("/_emulator/clock/set").send({ at: "9999-12-31T23:59:59Z" })).status).toBe(200);
  expect((await emu.http.post("/_emulator/clock/advance").send({ by: "1d" })).status).toBe(400);
  await emu.http.post("/_emulator/reset");
});

it("a fault rule with a megabyte path is a 400, and calls go on", async () => {
  const res = await emu.http.post("/_emulator/faults").send({ path: "/x".repeat(500_000), action: { type: "drop" } });
  expect(res.status).toBe(400);
  expect((await emu.http.get("/_emulator/faults")).body).toEqual([]);
  expect(await health()).toBe(200);
});

it("a tenant copy's suffix used twice is a 409 that copies nothing", async () => {
  const copy = (suffix: string) => emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix });
  expect((await copy("twice")).status).toBe(201);
  const tenants = (await emu.http.get("/_emulator/health")).body.counts.tenants;
  const again = await copy("twice");
  expect([again.status, again.body.error.code]).toEqual([409, "SUFFIX_TAKEN"]);
  expect((await emu.http.get("/_emulator/health")).body.counts.tenants).toBe(tenants);
  await emu.http.post("/_emulator/reset");
});

it("a fixture nested 10,000 deep is a 400 at the door (no JSON body may nest deeper than 64)", async () => {
  const deep = `{"tenants": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
  const res = await emu.http.post("/_emulator/fixtures").set("content-type", "application/json").send(deep);
  expect([res.status, res.body.error]).toEqual([400, { code: "INVALID_REQUEST", message: "The request body nests deeper than 64 levels" }]);
  expect(await health()).toBe(200);
});

it("a page of a billion answers at most 1,000 items, with the whole count", async () => {
  const users = Array.from({ length: 1_100 }, (_, i) => ({ username: `bulk${i}@example.com`, org: "Code42 Emulator" }));
  await emu.control.load({ tenants: [{ tenantUid: DEFAULT_TENANT_UID, users }] });
  const res = await emu.http.get("/api/v1/User?pgNum=1&pgSize=1000000000").set("Authorization", headers.user!);
  expect([res.status, res.body.data.users.length, res.body.data.totalCount]).toEqual([200, 1_000, 1_109]);
  const second = await emu.http.get("/api/v1/User?pgNum=2&pgSize=1000000000").set("Authorization", headers.user!);
  expect(second.body.data.users.length).toBe(109);
  await emu.http.post("/_emulator/reset");
});

it("SCIM: a value nested 10,000 deep, and a PATCH of __proto__ (by path or in a value), are 400s, not 500s", async () => {
  const scim = (method: "post" | "patch", path: string, body: string) =>
    emu.http[method](`/scim/okta/v2${path}`).set("Authorization", headers.scim!).set("content-type", "application/scim+json").send(body);
  const deep = `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"deep@example.com","name":{"givenName":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`;
  expect((await scim("post", "/Users", deep)).status).toBe(400);
  const patch = (operation: object) => JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [operation] });
  const byPath = await scim("patch", "/Users/942897397520280004", patch({ op: "replace", path: "__proto__", value: { x: 1 } }));
  expect([byPath.status, byPath.body.scimType]).toEqual([400, "invalidPath"]);
  const inValue = await scim("patch", "/Users/942897397520280004", '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"__proto__":{"x":1}}}]}');
  expect(inValue.status).toBe(400);
  expect(await health()).toBe(200);
});
