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

it("every operation's spec lists the refusals it can answer: 400, and 415 where it takes a body", async () => {
  const spec = await loadSpec();
  const missing: string[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      const op = item[method] as { responses?: Record<string, unknown>; requestBody?: unknown } | undefined;
      const statuses = Object.keys(op?.responses ?? {});
      if (!op || !statuses.some((s) => s.startsWith("4"))) continue;
      for (const status of ["400", ...(op.requestBody ? ["415"] : [])]) if (!statuses.includes(status)) missing.push(`${method.toUpperCase()} ${path} ${status}`);
    }
  expect(missing).toEqual([]);
  // And the emulator answers them as listed (responses are validated against the spec in this suite).
  const token = await emu.tokenFor("test.user@example.com", "password");
  const res = await emu.http.post("/api/v1/User").set("Authorization", `Bearer ${token}`).set("content-type", "text/plain").send("username=x");
  expect(res.status).toBe(415);
  expect(res.body).toEqual([{ name: expect.any(String), description: expect.any(String) }]);
});
