// SCIM PATCH (RFC 7644 §3.5.2), applied by scim-patch to the resource as the emulator presents it: the result is
// then read back like a PUT body, so a PATCH can change exactly what a PUT can, and what Code42 does not store is
// ignored the same way. Okta's path-less form, Entra's per-path form and value-path filters all go through it.
import { scimPatch, type ScimPatchOperation, type ScimResource } from "scim-patch";
import { scimError, invalidValue, type ScimType } from "./errors.js";
import { canonicalKeys, canonicalPath } from "./names.js";
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER } from "./presenters.js";

const SCHEMAS = [CORE_USER, ENTERPRISE_USER, CORE_GROUP];

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

type Json = Record<string, unknown>;

/** Names a path may not hold: scim-patch would walk into the object's prototype. */
const FORBIDDEN = /(^|[.:[\]\s])(__proto__|constructor|prototype)($|[.:[\]\s])/;

/** The operations with their op in lower case and their names canonical (names.ts). */
function normalized(operations: PatchOperation[]): ScimPatchOperation[] {
  return operations.map((o) => {
    const op = String(o.op ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") throw invalidValue(`Unknown op: ${String(o.op)}`);
    if (o.path !== undefined && typeof o.path !== "string") throw scimError(400, "path must be a string", "invalidPath");
    if (o.path !== undefined && FORBIDDEN.test(o.path)) throw scimError(400, `Unsupported path: ${o.path}`, "invalidPath");
    const path = o.path === undefined || o.path.trim() === "" ? undefined : canonicalPath(o.path);
    if (op === "remove") {
      if (!path) throw scimError(400, "remove needs a path", "noTarget");
      return { op, path } as ScimPatchOperation;
    }
    // Path-less values may be objects keyed by paths ({"name.givenName": …}, {"urn:…:User:department": …}).
    const value = path ? canonicalKeys(o.value) : pathKeys(o.value);
    return (path ? { op, path, value } : { op, value }) as ScimPatchOperation;
  });
}

/**
 * A path-less value keyed by paths. A single-valued complex attribute in it ({"name": {"familyName": …}}, the
 * enterprise extension's object) names the sub-attributes it sets: RFC 7644 §3.5.2.3 leaves the others unchanged,
 * where scim-patch would replace the whole attribute. Okta sends exactly this.
 */
function pathKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw invalidValue("Without a path, the value must be an object of attributes");
  const out: Record<string, unknown> = {};
  const named = (key: string) => {
    if (FORBIDDEN.test(key)) throw scimError(400, `Unsupported attribute: ${key}`, "invalidPath");
    return canonicalPath(key);
  };
  for (const [key, v] of Object.entries(value)) {
    const path = named(key);
    if (v === null || typeof v !== "object" || Array.isArray(v)) out[path] = canonicalKeys(v);
    else for (const [sub, inner] of Object.entries(v)) out[`${path}${SCHEMAS.includes(path) ? ":" : "."}${named(sub)}`] = canonicalKeys(inner);
  }
  return out;
}

/** The resource after the operations (a copy); scim-patch's refusals become SCIM errors with their scimType. */
export function patched<T extends Json>(resource: T, operations: PatchOperation[]): T {
  const ops = normalized(operations);
  try {
    return scimPatch(resource as unknown as ScimResource, ops, { mutateDocument: false, treatMissingAsAdd: true }) as unknown as T;
  } catch (e) {
    const scimCode = (e as { scimCode?: string }).scimCode;
    if (scimCode !== undefined) throw scimError(400, (e as Error).message, scimCode as ScimType);
    throw e;
  }
}
