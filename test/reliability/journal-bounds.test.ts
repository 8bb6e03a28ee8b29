// The journal keeps every call, refused ones included, so what it keeps of a body is bounded: any body, however
// large or deep, leaves an entry that serialises and stays small; one sent without credentials is not even read.
import { createHash } from "node:crypto";
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let auth: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
afterAll(() => emu.close());
beforeEach(() => emu.control.journal.clear());

const journal = async () => {
  const res = await emu.http.get("/_emulator/journal");
  expect(res.status).toBe(200);
  return res.body as { path: string; body: unknown }[];
};

it("10,000 nested brackets: the journal still answers, with the nesting cut; without credentials nothing is kept", async () => {
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  for (const path of ["/api/v1/User", "/svc/api/v2/departingemployee/add"]) await emu.http.post(path).set("Authorization", auth).set("content-type", "application/json").send(deep);
  for (const path of ["/api/v1/User", "/no/such/path"]) await emu.http.post(path).set("content-type", "application/json").send(deep);
  const entries = await journal();
  expect(entries.map((e) => [e.path, e.body === null])).toEqual([
    ["/api/v1/User", false],
    ["/svc/api/v2/departingemployee/add", false],
    ["/api/v1/User", true],
    ["/no/such/path", true],
  ]);
  let level: unknown = entries[0]!.body;
  let depth = 0;
  while (Array.isArray(level)) [level, depth] = [level[0], depth + 1];
  expect([depth, level]).toEqual([16, "[nested too deep]"]);
});

it("a large body is kept as its size and hash, and credentials nested deep are still redacted", async () => {
  const big = JSON.stringify({ username: "x", notes: "n".repeat(100_000) });
  await emu.http.post("/api/v1/User").set("Authorization", auth).set("content-type", "application/json").send(big);
  const nested = { a: { b: { c: { d: { e: { f: { g: { h: { i: { password: "hunter2" } } } } } } } } } };
  await emu.http.post("/api/v1/User").set("Authorization", auth).set("content-type", "application/json").send(nested);
  const [large, deep] = await journal();
  expect(large!.body).toEqual({ truncated: true, bytes: Buffer.byteLength(big), sha256: createHash("sha256").update(big).digest("hex") });
  expect(JSON.stringify(deep!.body)).toContain('"password":"[redacted]"');
  expect(JSON.stringify(deep!.body)).not.toContain("hunter2");
});
