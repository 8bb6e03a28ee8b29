// Trusted activities on the legacy wire, as py42 1.29 calls them (/api/v1/trusted-activities on the host the
// key-value store names for TRUSTED-DOMAINS_API-URL): its shapes, paging and the problems it reads by name.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
const NOW = "2024-06-01T12:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  auth = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const call = (method: "get" | "post" | "put" | "delete", path: string, body?: object) => {
  const req = emu.http[method](`/api/v1/trusted-activities${path}`).set("Authorization", auth);
  return body ? req.send(body) : req;
};
const STAMP = { updatedAt: NOW, updatedByUserUid: "942897397520289999", updatedByUsername: ADMIN.username, principalType: "USER" };

it("is the host the key-value store names for py42's trusted activities", async () => {
  const res = await emu.http.get("/v1/TRUSTED-DOMAINS_API-URL");
  expect(res.status).toBe(200);
  expect(res.text).toMatch(/^http:\/\//);
});

describe("create, get, update (py42 sends type, value and description), delete", () => {
  it("answers TrustedResourceResponse", async () => {
    const created = await call("post", "", { type: "DOMAIN", value: "example.com", description: null });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ ...STAMP, resourceId: "1", type: "DOMAIN", value: "example.com", description: null });
    expect((await call("get", "/1")).body).toEqual(created.body);
    const updated = await call("put", "/1", { type: "DOMAIN", value: "example.org", description: "ours" });
    expect(updated.body).toEqual({ ...STAMP, resourceId: "1", type: "DOMAIN", value: "example.org", description: "ours" });
    expect((await call("delete", "/1")).status).toBe(204);
    expect((await call("get", "/1")).status).toBe(404);
  });

  it.each([
    ["DESCRIPTION_TOO_LONG", { type: "SLACK", value: "ws", description: "x".repeat(251) }],
    ["INVALID_CHARACTERS_IN_VALUE", { type: "DOMAIN", value: "exa mple.com" }],
  ])("refuses with the problem py42 reads: %s", async (problem, body) => {
    const res = await call("post", "", body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ problem, description: expect.any(String) });
  });

  it("refuses a duplicate with 409 CONFLICT, and an unknown id with 404", async () => {
    await call("post", "", { type: "SLACK", value: "ws" });
    const dup = await call("post", "", { type: "SLACK", value: "WS" });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual({ problem: "CONFLICT", description: "Duplicate URL or workspace name, 'WS' already exists on your trusted list" });
    const missing = await call("put", "/9", { type: "SLACK", value: "x" });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ problem: "NOT_FOUND", description: "Resource ID '9' not found" });
  });
});

describe("GET (py42's get_all: type, pgNum, pgSize)", () => {
  it("pages under trustResources until a page is short", async () => {
    for (const value of ["a", "b", "c"]) await call("post", "", { type: "SLACK", value });
    await call("post", "", { type: "DOMAIN", value: "example.com" });
    const first = await call("get", "?type=SLACK&pgNum=1&pgSize=2&srtKey=VALUE&srtDirection=DESC");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      totalCount: 3,
      trustResources: [
        { ...STAMP, resourceId: "3", type: "SLACK", value: "c", description: null },
        { ...STAMP, resourceId: "2", type: "SLACK", value: "b", description: null },
      ],
    });
    const second = await call("get", "?type=SLACK&pgNum=2&pgSize=2&srtKey=VALUE&srtDirection=DESC");
    expect(second.body.trustResources.map((r: { value: string }) => r.value)).toEqual(["a"]);
    expect((await call("get", "")).body.totalCount).toBe(4);
  });

  it("is a Customer Cloud Admin's", async () => {
    const desktop = await emu.tokenFor("alice.adams@example.com", "password");
    const res = await emu.http.get("/api/v1/trusted-activities").set("Authorization", `v3_user_token ${desktop}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ problem: "FORBIDDEN", description: "The Customer Cloud Admin role is required for trusted activities" });
  });
});
