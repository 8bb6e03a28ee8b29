// SCIM resources (RFC 7643: User with the enterprise extension, Group) <-> the domain's users, fields and groups.
import type { ScimUserRow } from "../../domains/scim/store.js";
import { scimActive } from "../../domains/scim/deprovisioning.js";
import { invalidValue } from "./errors.js";
import type { ScimFields } from "../../domains/scim/service.js";
import type { Group, GroupFields } from "../../domains/scim/groups.js";

export const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";


type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (v === undefined || v === null || v === "" ? null : String(v));

/** Entra sends booleans as "True"/"False" strings. */
export function toBoolean(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  throw invalidValue(`Expected a boolean, got ${JSON.stringify(v)}`);
}

function workOf(list: unknown): Json | undefined {
  if (!Array.isArray(list)) return undefined;
  const items = list.filter((x): x is Json => typeof x === "object" && x !== null);
  return items.find((x) => x.type === "work") ?? items.find((x) => x.primary === true) ?? items[0];
}

/**
 * A full resource (POST, PUT, and a PATCHed user): every field it can carry, absent ones cleared (PUT replaces the
 * whole user). Its keys are canonical (names.ts). What Code42 does not store (displayName, name.formatted, phone
 * numbers, nickName, preferredLanguage, employeeNumber…) is ignored, as Entra's default mappings expect.
 */
export function fieldsOf(resource: Json): ScimFields {
  if (typeof resource.userName !== "string" || resource.userName.trim() === "") throw invalidValue("userName is required");
  const name = (resource.name ?? {}) as Json;
  const address = workOf(resource.addresses) ?? {};
  const ext = (resource[ENTERPRISE_USER] ?? {}) as Json;
  const manager = ext.manager;
  return {
    userName: resource.userName,
    externalId: str(resource.externalId),
    givenName: str(name.givenName),
    familyName: str(name.familyName),
    email: str(workOf(resource.emails)?.value),
    active: resource.active === undefined || resource.active === null ? true : toBoolean(resource.active),
    title: str(resource.title),
    streetAddress: str(address.streetAddress),
    city: str(address.locality),
    postalCode: str(address.postalCode),
    state: str(address.region),
    country: str(address.country),
    department: str(ext.department),
    division: str(ext.division),
    costCenter: str(ext.costCenter),
    organization: str(ext.organization),
    employeeType: str(ext.employeeType ?? resource.userType),
    manager: typeof manager === "object" && manager !== null ? str((manager as Json).value) : str(manager),
  };
}

export function presentUser(u: ScimUserRow, location: string) {
  // Built field by field: the page of 100 users a list answers spent more in Object.entries than in SQLite.
  const ext: Record<string, unknown> = {};
  if (u.department !== null) ext.department = u.department;
  if (u.division !== null) ext.division = u.division;
  if (u.cost_center !== null) ext.costCenter = u.cost_center;
  if (u.organization !== null) ext.organization = u.organization;
  if (u.employment_type !== null) ext.employeeType = u.employment_type;
  if (u.manager_uid) ext.manager = u.manager_display_name ? { value: u.manager_uid, displayName: u.manager_display_name } : { value: u.manager_uid };
  const address: Record<string, unknown> = { type: "work" };
  let addressed = false;
  for (const [key, value] of [["streetAddress", u.street_address], ["locality", u.city], ["region", u.state], ["postalCode", u.postal_code], ["country", u.country]] as const) {
    if (value === null) continue;
    address[key] = value;
    addressed = true;
  }
  if (addressed) address.primary = true;
  const name: Record<string, unknown> = {};
  if (u.first_name) name.givenName = u.first_name;
  if (u.last_name) name.familyName = u.last_name;
  name.formatted = u.display_name;
  const resource: Record<string, unknown> = { schemas: [CORE_USER, ENTERPRISE_USER], id: u.user_uid };
  if (u.user_ext_ref) resource.externalId = u.user_ext_ref;
  resource.userName = u.username;
  resource.name = name;
  resource.displayName = u.display_name;
  if (u.email) resource.emails = [{ value: u.email, type: "work", primary: true }];
  resource.active = scimActive(u);
  if (u.title) resource.title = u.title;
  if (addressed) resource.addresses = [address];
  if (Object.keys(ext).length) resource[ENTERPRISE_USER] = ext;
  resource.meta = { resourceType: "User", created: u.creation_date, lastModified: u.modification_date, location };
  return resource;
}

/** A Group resource (RFC 7643 §4.2): a role or a pushed group, its members as the provider's users. */
export function presentGroup(g: Group, base: string) {
  return {
    schemas: [CORE_GROUP],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    members: g.members.map((m) => ({ value: m.userUid, display: m.username, type: "User", $ref: `${base}/Users/${m.userUid}` })),
    meta: { resourceType: "Group", ...(g.created ? { created: g.created, lastModified: g.lastModified } : {}), location: `${base}/Groups/${g.id}` },
  };
}

/** A full Group resource (POST, PUT, a PATCHed group), its keys canonical: the name, external id and member ids. */
export function groupFieldsOf(resource: Json): GroupFields {
  if (typeof resource.displayName !== "string" || resource.displayName.trim() === "") throw invalidValue("displayName is required");
  const members = resource.members ?? [];
  if (!Array.isArray(members)) throw invalidValue("members is a list of {value: <user id>}");
  return {
    displayName: resource.displayName.trim(),
    externalId: str(resource.externalId),
    members: members.map((m: unknown) => {
      const value = typeof m === "object" && m !== null ? (m as Json).value : undefined;
      if (typeof value !== "string" || value === "") throw invalidValue(`A member is {"value": "<user id>"}, not ${JSON.stringify(m)}`);
      return value;
    }),
  };
}
