// The validator is handed our spec already dereferenced; its reference resolution is skipped for a document without
// a $ref, and still done for one with.
import { createRequire } from "node:module";
import { jest } from "@jest/globals";
import framework from "express-openapi-validator/dist/framework/index.js";
import { patchValidator } from "../../src/http/validator-patches.js";

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
