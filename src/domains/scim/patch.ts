// SCIM PATCH (RFC 7644 §3.5.2) as Okta and Entra send it: add/replace/remove, with and without a path.
import { invalidPath, invalidValue, scimError } from "./errors.js";
import { ENTERPRISE_USER, toBoolean, type ScimFields } from "./resource.js";

export interface PatchOperation {
  op: string;
  path?: string;
  value?: unknown;
}

type Json = Record<string, unknown>;
const text = (v: unknown): string | null => {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "object" && v !== null && "value" in v) return text((v as Json).value);
  if (Array.isArray(v)) return text(v[0]);
  return String(v);
};

/** A path (lower-cased, enterprise prefix dropped) -> the field it sets and how to read the value. */
const PATHS: Record<string, [keyof ScimFields, (v: unknown) => ScimFields[keyof ScimFields]]> = {
  active: ["active", (v) => toBoolean(v)],
  username: ["userName", (v) => text(v) ?? undefined],
  externalid: ["externalId", text],
  "name.givenname": ["givenName", text],
  "name.familyname": ["familyName", text],
  title: ["title", text],
  emails: ["email", (v) => text(Array.isArray(v) ? ((v as Json[]).find((e) => e.type === "work") ?? v[0]) : v)],
  'emails[type eq "work"].value': ["email", text],
  "emails.value": ["email", text],
  'addresses[type eq "work"].locality': ["city", text],
  'addresses[type eq "work"].region': ["state", text],
  'addresses[type eq "work"].country': ["country", text],
  department: ["department", text],
  division: ["division", text],
  costcenter: ["costCenter", text],
  organization: ["organization", text],
  employeetype: ["employeeType", text],
  usertype: ["employeeType", text],
  manager: ["manager", text],
  "manager.value": ["manager", text],
};

function normalize(path: string): string {
  const p = path.trim().replace(/\s+/g, " ");
  const lower = p.toLowerCase();
  const prefix = `${ENTERPRISE_USER.toLowerCase()}:`;
  return lower.startsWith(prefix) ? lower.slice(prefix.length) : lower;
}

function setPath(patch: ScimFields, path: string, value: unknown, remove: boolean): void {
  const key = normalize(path);
  // Own entries only: a client's path of "__proto__" or "constructor" names no attribute.
  const entry = Object.hasOwn(PATHS, key) ? PATHS[key] : undefined;
  if (!entry) throw invalidPath(`Unsupported path: ${path}`);
  const [field, read] = entry;
  if (remove && (field === "userName" || field === "active")) throw scimError(400, `${path} cannot be removed`, "mutability");
  (patch as Record<string, unknown>)[field] = remove ? null : read(value);
}

/** No path: the value is an object of attributes (Okta's {"active": false}, or a partial resource). */
function setObject(patch: ScimFields, value: unknown): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalidValue("Without a path, the value must be an object of attributes");
  for (const [key, v] of Object.entries(value as Json)) {
    if (key === ENTERPRISE_USER && typeof v === "object" && v !== null) {
      for (const [k, inner] of Object.entries(v as Json)) setPath(patch, k, inner, false);
    } else if (key === "name" && typeof v === "object" && v !== null) {
      for (const [k, inner] of Object.entries(v as Json)) setPath(patch, `name.${k}`, inner, false);
    } else setPath(patch, key, v, false);
  }
}

export function applyPatch(operations: PatchOperation[]): ScimFields {
  const patch: ScimFields = {};
  for (const o of operations) {
    const op = String(o.op ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") throw invalidValue(`Unknown op: ${o.op}`);
    if (op === "remove") {
      if (!o.path) throw scimError(400, "remove needs a path", "noTarget");
      setPath(patch, o.path, undefined, true);
    } else if (o.path) setPath(patch, o.path, o.value, false);
    else setObject(patch, o.value);
  }
  return patch;
}
