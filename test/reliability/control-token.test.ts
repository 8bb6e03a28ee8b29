// Generated from the spec: with --control-token, every control operation in every casing of its path refuses a
// call without the token (health and the keys excepted) and takes one with it. Express routes paths without regard
// to case, so a guard that read the path another way would let `/_EMULATOR/state` through.
import { loadSpec } from "../../src/http/openapi.js";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const TOKEN = "s3cret-token";
const OPEN = new Set(["/_emulator/health", "/_emulator/jwks.json"]);

const casings = (path: string) => [path, path.toUpperCase(), path.replace(/_emulator/, "_Emulator"), path.replace(/[a-z]/g, (c, i) => (i % 2 ? c.toUpperCase() : c))];

let emu: TestEmulator;
let operations: { method: (typeof METHODS)[number]; path: string }[];
beforeAll(async () => {
  emu = await startTestEmulator({ controlToken: TOKEN });
  const spec = await loadSpec();
  operations = Object.entries(spec.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => item[m] && template.startsWith("/_emulator/")).map((method) => ({ method, path: template.replace(/\{[^}]+\}/g, "x") })),
  );
});
afterAll(() => emu.close());

it("refuses every guarded control operation without the token, in every casing, and changes nothing", async () => {
  expect(operations.length).toBeGreaterThan(20);
  const before = (await emu.http.get("/_emulator/state").set("X-Emulator-Token", TOKEN)).body;
  let cases = 0;
  for (const { method, path } of operations.filter((o) => !OPEN.has(o.path)))
    for (const variant of casings(path)) {
      const res = await emu.http[method](variant).set("content-type", "application/json").send(method === "get" || method === "delete" ? undefined : "{}");
      expect({ call: `${method.toUpperCase()} ${variant}`, status: res.status, body: res.body }).toEqual({
        call: `${method.toUpperCase()} ${variant}`,
        status: 401,
        body: { error: { code: "UNAUTHORIZED", message: "The X-Emulator-Token header is missing or wrong" } },
      });
      cases++;
    }
  expect(cases).toBeGreaterThan(80);
  expect((await emu.http.get("/_emulator/state").set("X-Emulator-Token", TOKEN)).body).toEqual(before);
});

it("takes the same calls with the token, and leaves health and the keys open", async () => {
  for (const variant of casings("/_emulator/state")) expect((await emu.http.get(variant).set("X-Emulator-Token", TOKEN)).status).toBe(200);
  for (const path of OPEN) expect((await emu.http.get(path)).status).toBe(200);
});
