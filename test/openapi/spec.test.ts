// The spec is the contract: it is served, every operation in it is routed, and the generated types match it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { parse } from "yaml";
import { API_FAMILIES } from "../../src/http/family.js";
import { dereferenceSpec, loadSpec } from "../../src/http/openapi.js";
import { openapiRoot, packageRoot } from "../../src/paths.js";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

describe("the validator", () => {
  it("is patched in the modules it loads itself (route regexps memoized, meta-schema compiled only on use)", () => {
    // The emulator started above has built the validator, which applies the patches.
    const requireAsValidator = createRequire(createRequire(import.meta.url).resolve("express-openapi-validator"));
    expect(requireAsValidator("path-to-regexp").__patched).toBe(true);
    expect(requireAsValidator("./framework/openapi.schema.validator.js").__patched).toBe(true);
  });
});

describe("the served spec", () => {
  it("GET /openapi.json is the spec as openapi/ says, untouched by the validator, with every operation named", async () => {
    const res = await emu.http.get("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await dereferenceSpec())));
    expect(res.body).toEqual(JSON.parse(JSON.stringify(await loadSpec())));
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, { operationId?: string }>>))
      for (const m of METHODS) if (item[m]) expect({ path, m, operationId: item[m]!.operationId }).toEqual({ path, m, operationId: expect.any(String) });
  });

  it("every operation declares its API family (x-code42-family): the envelope its errors answer in", async () => {
    const spec = (await emu.http.get("/openapi.json")).body as { paths: Record<string, Record<string, { operationId?: string; "x-code42-family"?: string }>> };
    for (const [path, item] of Object.entries(spec.paths))
      for (const m of METHODS) if (item[m]) expect({ path, m, family: item[m]!["x-code42-family"] }).toEqual({ path, m, family: expect.stringMatching(new RegExp(`^(${API_FAMILIES.join("|")})$`)) });
  });

  it("GET /openapi.yaml is the same document as YAML", async () => {
    const res = await emu.http.get("/openapi.yaml");
    expect(res.headers["content-type"]).toMatch(/^application\/yaml/);
    expect(parse(res.text)).toEqual((await emu.http.get("/openapi.json")).body);
  });

  it("operationIds are unique", async () => {
    const spec = await loadSpec();
    const ids = Object.values(spec.paths).flatMap((item) => METHODS.map((m) => (item[m] as { operationId?: string } | undefined)?.operationId).filter(Boolean));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every operation is routed: none answers 501 or a bare 404", async () => {
    const spec = await loadSpec();
    for (const [template, item] of Object.entries(spec.paths)) {
      const path = template.replace(/\{[^}]+\}/g, "employeecasemanagementV2-API_URL");
      for (const m of METHODS) {
        if (!item[m]) continue;
        const res = await emu.http[m](path);
        expect({ op: `${m} ${template}`, status: res.status }).toEqual({ op: `${m} ${template}`, status: expect.any(Number) });
        expect({ op: `${m} ${template}`, notImplemented: res.status === 501, unrouted: res.status === 404 && res.body?.error?.code === "NOT_FOUND" }).toEqual({
          op: `${m} ${template}`,
          notImplemented: false,
          unrouted: false,
        });
      }
    }
  });
});

describe("generated types", () => {
  it("src/generated/openapi.ts is what `npm run gen:types` makes from openapi/ now", async () => {
    const ast = await openapiTS(new URL(`file://${openapiRoot}`));
    const committed = readFileSync(join(packageRoot, "src", "generated", "openapi.ts"), "utf8");
    const strip = (s: string) => s.replace(/^\/\*\*[\s\S]*?\*\/\s*/, "").trim();
    expect(strip(committed)).toBe(strip(astToString(ast)));
  });
});
