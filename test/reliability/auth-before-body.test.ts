// Generated from the spec: every operation that needs credentials and takes a body answers a caller without them
// 401, whatever the body: malformed JSON, JSON of the wrong shape, or a body over the size limit. Authentication
// comes before the body is judged, so an unauthenticated caller learns nothing from how it would be refused.
import { loadSpec } from "../../src/http/openapi.js";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

const METHODS = ["post", "put", "patch"] as const;
const CREDENTIALED = new Set(["bearer", "v3UserToken", "scimBearer", "scimBasic"]);

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

it("no credentials and a bad body: 401 on every operation that needs credentials", async () => {
  const spec = await loadSpec();
  const operations: { method: (typeof METHODS)[number]; path: string }[] = [];
  for (const [template, item] of Object.entries(spec.paths))
    for (const method of METHODS) {
      const op = item[method] as { security?: Record<string, unknown>[]; requestBody?: unknown } | undefined;
      if (op?.requestBody && op.security?.some((s) => Object.keys(s).some((k) => CREDENTIALED.has(k))))
        operations.push({ method, path: template.replace("{providerId}", "okta").replace(/\{[^}]+\}/g, "1") });
    }
  expect(operations.length).toBeGreaterThan(40);
  const bodies = ["{not json", JSON.stringify({ unexpected: [1, 2, 3] }), JSON.stringify({ big: "x".repeat(2 * 1024 * 1024) })];
  let cases = 0;
  for (const { method, path } of operations)
    for (const body of bodies) {
      const res = await emu.http[method](path).set("content-type", "application/json").send(body);
      expect({ call: `${method.toUpperCase()} ${path}`, status: res.status }).toEqual({ call: `${method.toUpperCase()} ${path}`, status: 401 });
      cases++;
    }
  expect(cases).toBe(operations.length * bodies.length);
});
