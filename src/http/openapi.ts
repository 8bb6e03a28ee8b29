// The spec pipeline: bundle openapi/ into one document, and build the validator that enforces it.
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import * as OpenApiValidator from "express-openapi-validator";
import type { RequestHandler } from "express";
import { openapiRoot, packageRoot, packageVersion } from "../paths.js";
import { memoizeOperationMatch } from "./route-cache.js";
import { patchValidator } from "./validator-patches.js";
import { readText } from "../read-text.js";

/** Written by `npm run build`: resolving the YAML files costs a start-up ~150 ms, reading this JSON a few. */
export const prebuiltSpec = join(packageRoot, "dist", "openapi.json");

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, unknown>> };

let bundled: Promise<OpenApiDocument> | null = null;

/**
 * The spec as one document with every $ref resolved: the validator cannot follow the path-relative refs that
 * bundling leaves behind. Loaded once per process: it never changes.
 */
export function loadSpec(): Promise<OpenApiDocument> {
  bundled ??= prebuiltIsCurrent() ? Promise.resolve(JSON.parse(readText(prebuiltSpec)) as OpenApiDocument) : dereferenceSpec();
  return bundled;
}

/** Resolves openapi/*.yaml into one document: what `npm run build` writes to dist/openapi.json. */
export async function dereferenceSpec(): Promise<OpenApiDocument> {
  // Only when dist/openapi.json is missing or stale: start-up does not load the resolver otherwise.
  const { default: $RefParser } = await import("@apidevtools/json-schema-ref-parser");
  const spec = (await $RefParser.dereference(openapiRoot)) as unknown as OpenApiDocument;
  (spec.info as Record<string, unknown>).version = packageVersion;
  return spec;
}

/** The prebuilt document is used only when no spec file changed after it was written (in a subfolder too: gateway/). */
function prebuiltIsCurrent(): boolean {
  const built = statSync(prebuiltSpec, { throwIfNoEntry: false });
  if (!built) return false;
  const dir = dirname(openapiRoot);
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).every((f) => statSync(join(dir, f)).mtimeMs <= built.mtimeMs);
}

/**
 * The validator's handlers, with `beforeValidation` placed after it has matched the operation (so they can read
 * its `security`) and before it checks the request: authentication comes first, as on the real service, and an
 * unauthenticated caller learns nothing from validation errors.
 */
export function validator(spec: OpenApiDocument, validateResponses: boolean, beforeValidation: RequestHandler[] = []): RequestHandler[] {
  patchValidator();
  const handlers = OpenApiValidator.middleware({
    // The validator deep-clones the document before rewriting it: the served copy stays as it is.
    apiSpec: spec as never,
    validateRequests: { allowUnknownQueryParameters: true, coerceTypes: true },
    validateResponses: validateResponses ? { removeAdditional: false } : false,
    // Who may call what is decided by src/auth from each operation's `security`, not by the validator.
    validateSecurity: false,
    validateApiSpec: false,
    // Full format checks: dates against the calendar (2020-02-30 is refused), not just their shape.
    validateFormats: true,
    ajvFormats: { mode: "full" },
    ignoreUndocumented: false,
    // No operation takes multipart bodies (CSV comes as text/csv): without this the validator builds a second
    // request validator over the whole spec for its multipart step, on the first request.
    fileUploader: false,
  }) as RequestHandler[];
  const step = (name: string) => {
    const at = handlers.findIndex((h) => h.name === name);
    if (at < 0) throw new Error(`express-openapi-validator: no ${name} (its middleware names changed?)`);
    return at;
  };
  const matchAt = step("metadataMiddleware");
  handlers[matchAt] = memoizeOperationMatch(handlers[matchAt]!);
  const at = step("requestMiddleware");
  return [...handlers.slice(0, at), ...beforeValidation, ...handlers.slice(at)];
}
