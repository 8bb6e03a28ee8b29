// SCIM resources (RFC 7643: User with the enterprise extension, Group) <-> the domain's users, fields and groups.
import type { ScimUser } from "../../domains/scim/store.js";
import { SCIM_ACTIVE } from "../../domains/scim/deprovisioning.js";
import { fieldsOf as projectionOf, projector, type Projection } from "../../projection.js";
import { invalidValue } from "./errors.js";
import { JsonTexts } from "../../http/json-text.js";
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

const { value, ifFilled, constant, computed, object, array, joined } = projectionOf<ScimUser>();
const ADDRESS_FIELDS = ["street_address", "city", "state", "postal_code", "country"] as const;
const ENTERPRISE_FIELDS = ["department", "division", "cost_center", "organization", "employment_type", "manager_uid"] as const;

/**
 * A User resource: one declaration for a single user and for a page SQLite writes (projection.ts). An attribute
 * that is null or empty text is unassigned (RFC 7643 §2.5) and left out, as are the objects and lists it would fill.
 */
export const SCIM_USER: Projection<ScimUser> = {
  schemas: constant([CORE_USER, ENTERPRISE_USER]),
  id: value("user_uid"),
  externalId: ifFilled("user_ext_ref"),
  userName: value("username"),
  name: object({ givenName: ifFilled("first_name"), familyName: ifFilled("last_name"), formatted: value("display_name") }),
  displayName: value("display_name"),
  emails: array({ value: value("email"), type: constant("work"), primary: constant(true) }, "email"),
  active: computed(SCIM_ACTIVE, "active", "blocked"),
  title: ifFilled("title"),
  addresses: array(
    { type: constant("work"), streetAddress: ifFilled("street_address"), locality: ifFilled("city"), region: ifFilled("state"), postalCode: ifFilled("postal_code"), country: ifFilled("country"), primary: constant(true) },
    ...ADDRESS_FIELDS,
  ),
  [ENTERPRISE_USER]: object(
    {
      department: ifFilled("department"),
      division: ifFilled("division"),
      costCenter: ifFilled("cost_center"),
      organization: ifFilled("organization"),
      employeeType: ifFilled("employment_type"),
      manager: object({ value: value("manager_uid"), displayName: ifFilled("manager_display_name") }, "manager_uid"),
    },
    ...ENTERPRISE_FIELDS,
  ),
  meta: object({ resourceType: constant("User"), created: value("creation_date"), lastModified: value("modification_date"), location: joined("users_url", "user_uid") }),
};

export const presentUser = projector(SCIM_USER);

/** A ListResponse (RFC 7644 §3.4.2): its resources as objects, or as the JSON texts of a page SQLite wrote. */
export function listResponse(totalResults: number, startIndex: number, resources: readonly unknown[] | JsonTexts) {
  const itemsPerPage = resources instanceof JsonTexts ? resources.texts.length : resources.length;
  return { schemas: [LIST_RESPONSE], totalResults, startIndex, itemsPerPage, Resources: resources };
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
