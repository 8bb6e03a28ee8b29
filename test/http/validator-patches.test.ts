// The validator is handed our spec already dereferenced: its reference resolution is skipped for a document without
// a $ref, and an operation's schemas are compiled without the whole spec beside them unless they refer into it.
// The server bundle also swaps lodash.clonedeep for structuredClone (scripts/clone-deep.cjs).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { jest } from "@jest/globals";
import framework from "express-openapi-validator/dist/framework/index.js";
import validatorUtil from "express-openapi-validator/dist/middlewares/util.js";
import { patchValidator } from "../../src/http/validator-patches.js";
import { packageRoot } from "../../src/paths.js";

type Loader = { loadSpec(spec: unknown): Promise<Record<string, unknown>> };
const loader = () => new (framework as unknown as { OpenAPIFramework: new (args: object) => Loader }).OpenAPIFramework({});

// The resolver as the validator requires it (the same CommonJS exports object).
const resolver = createRequire(createRequire(import.meta.url).resolve("express-openapi-validator/dist/framework/index.js"))("@apidevtools/json-schema-ref-parser") as { bundle: (...a: unknown[]) => unknown };
const bundle = jest.spyOn(resolver, "bundle");

beforeAll(() => patchValidator());
beforeEach(() => bundle.mockClear());

describe("the validator's spec loading", () => {
  it("takes a document without a $ref as it is", async () => {
    const doc = { openapi: "3.0.3", paths: { "/a": { get: { responses: { 200: { description: "ok" } } } } } };
    expect(await loader().loadSpec(doc)).toBe(doc);
    expect(bundle).not.toHaveBeenCalled();
  });

  it("still resolves a document with one: a $ref to nothing is refused", async () => {
    const ref = (to: string) => ({
      openapi: "3.0.3",
      paths: { "/a": { get: { responses: { 200: { description: "ok", content: { "application/json": { schema: { $ref: to } } } } } } } },
      components: { schemas: { A: { type: "string" } } },
    });
    await expect(loader().loadSpec(ref("#/components/schemas/A"))).resolves.toMatchObject({ components: { schemas: { A: { type: "string" } } } });
    await expect(loader().loadSpec(ref("#/components/schemas/Missing"))).rejects.toThrow(/Missing/);
    expect(bundle).toHaveBeenCalledTimes(2);
  });
});

describe("the validator's per-operation schemas", () => {
  /** What the patched useAjvCache hands Ajv to compile, through a stand-in Ajv that records it. */
  const compiled = (schema: Record<string, unknown>) => {
    let added: Record<string, unknown> | undefined;
    const ajv = { getSchema: () => (added ? () => true : undefined), addSchema: (s: Record<string, unknown>) => (added = s) };
    (validatorUtil as unknown as { useAjvCache: (a: unknown, s: unknown, k: string) => unknown }).useAjvCache(ajv, schema, "k");
    return added!;
  };
  const whole = { paths: { "/a": {} }, components: { schemas: { A: { type: "string" } } } };

  it("are compiled alone when they have no $ref", () => {
    const own = { required: ["query"], properties: { query: { type: "object", properties: { q: { type: "string" } } }, body: {} } };
    expect(compiled({ ...whole, ...own })).toEqual(own);
  });

  it("keep the spec beside them when they refer into it", () => {
    const schema = { ...whole, required: ["body"], properties: { body: { $ref: "#/components/schemas/A" } } };
    expect(compiled(schema)).toBe(schema);
  });
});

describe("the bundle's cloneDeep", () => {
  it("copies plain data deeply, shared objects staying shared", () => {
    const cloneDeep = createRequire(import.meta.url)("../../scripts/clone-deep.cjs") as <T>(v: T) => T;
    const shared = { type: "string", enum: ["a", "b"] };
    const doc = { a: shared, b: { c: shared, n: 1, none: null, list: [1, "x", { y: true }] } };
    const copy = cloneDeep(doc);
    expect(copy).toEqual(doc);
    expect(copy.a).not.toBe(shared);
    expect(copy.b.c).toBe(copy.a);
  });
});

// The patches replace what express-openapi-validator exports from its internal modules: a version that renamed or
// moved one would leave a patch replacing nothing (or failing at import). So the version is pinned, and checked here
// with where the validator finds what the patches replace.
describe("the validator's internals the patches replace", () => {
  const require = createRequire(import.meta.url);
  const fromValidator = createRequire(require.resolve("express-openapi-validator/dist/middlewares/util.js"));

  it("are those of the exact version package.json pins", () => {
    const pkg = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(pkg.devDependencies["express-openapi-validator"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect((require("express-openapi-validator/package.json") as { version: string }).version).toBe(pkg.devDependencies["express-openapi-validator"]);
  });

  it("are the modules the validator itself loads, each patched once", () => {
    const patched = (m: unknown) => (m as { __patched?: boolean }).__patched;
    const pathToRegexp = fromValidator("path-to-regexp") as { pathToRegexp: unknown };
    expect(pathToRegexp).toBe(require("path-to-regexp"));
    expect(patched(pathToRegexp)).toBe(true);
    expect(patched(fromValidator("../framework/openapi.schema.validator.js"))).toBe(true);
    expect(patched(fromValidator("./util.js"))).toBe(true);
    expect(patched((fromValidator("../framework/index.js") as { OpenAPIFramework: { prototype: object } }).OpenAPIFramework.prototype)).toBe(true);
  });
});
