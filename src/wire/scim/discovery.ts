// What the SCIM endpoint says about itself (RFC 7643 §5-7): its features, its resource types, and the schemas of
// the attributes it keeps. `base` is the provider's base URL, `…/scim/{providerId}/v2`.
import { CORE_GROUP, CORE_USER, ENTERPRISE_USER, LIST_RESPONSE } from "./presenters.js";

const SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

export function serviceProviderConfig(base: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://github.com/code42-emulator#scim",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 1000 },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "OAuth Bearer Token", description: "The provider's bearer token", primary: true },
      { type: "httpbasic", name: "HTTP Basic", description: "The provider's username and password" },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${base}/ServiceProviderConfig` },
  };
}

const listOf = <T>(resources: T[]) => ({ schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });

// --- resource types (RFC 7643 §6) ---

const RESOURCE_TYPES = [
  { id: "User", name: "User", endpoint: "/Users", description: "User Account", schema: CORE_USER, schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }] },
  { id: "Group", name: "Group", endpoint: "/Groups", description: "Code42 roles, and the groups the provider pushed", schema: CORE_GROUP },
];

const presentResourceType = (base: string, t: (typeof RESOURCE_TYPES)[number]) => ({
  schemas: [RESOURCE_TYPE],
  ...t,
  meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/${t.id}` },
});

export function resourceTypes(base: string) {
  return listOf(RESOURCE_TYPES.map((t) => presentResourceType(base, t)));
}

/** One resource type by id ("User", "Group"; case does not matter), or undefined. */
export function resourceTypeById(base: string, id: string) {
  const t = RESOURCE_TYPES.find((r) => r.id.toLowerCase() === id.toLowerCase());
  return t && presentResourceType(base, t);
}

// --- schemas (RFC 7643 §7): what the emulator keeps of each resource ---

interface Attribute {
  name: string;
  type: "string" | "boolean" | "dateTime" | "reference" | "complex";
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned: "always" | "never" | "default" | "request";
  uniqueness: "none" | "server" | "global";
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: Attribute[];
}

/** A single-valued, optional, read-write string that is not caseExact, unless `more` says otherwise. */
const attr = (name: string, description: string, more: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...more,
});
const complex = (name: string, description: string, subAttributes: Attribute[], more: Partial<Attribute> = {}) => attr(name, description, { type: "complex", subAttributes, ...more });

const USER_ATTRIBUTES: Attribute[] = [
  attr("userName", "Unique identifier for the User, with which they sign in to Code42: unique across the tenant's users. REQUIRED.", { required: true, uniqueness: "server" }),
  attr("externalId", "The identity provider's identifier for the User (Code42's userExtRef).", { caseExact: true }),
  complex("name", "The components of the User's name.", [
    attr("givenName", "The given (first) name of the User."),
    attr("familyName", "The family (last) name of the User."),
    attr("formatted", "The full name, as Code42 shows it: the given and family names, else the userName.", { mutability: "readOnly" }),
  ]),
  attr("displayName", "The name of the User as Code42 shows it: the given and family names, else the userName.", { mutability: "readOnly" }),
  attr("title", "The User's title, such as \"Vice President\"."),
  attr("active", "Whether the User is active in Code42. false, or deleting the User, deprovisions them: Code42 keeps users and their archives.", { type: "boolean" }),
  complex(
    "emails",
    "The User's e-mail address. Code42 keeps one, the work one.",
    [
      attr("value", "The e-mail address."),
      attr("type", "The kind of address: work, the only one Code42 keeps.", { canonicalValues: ["work"] }),
      attr("primary", "Whether this is the User's primary address: Code42's one address always is.", { type: "boolean" }),
    ],
    { multiValued: true },
  ),
  complex(
    "addresses",
    "The User's physical mailing address. Code42 keeps one, the work one.",
    [
      attr("type", "The kind of address: work, the only one Code42 keeps.", { canonicalValues: ["work"] }),
      attr("streetAddress", "The street address, which may span lines."),
      attr("locality", "The city or locality."),
      attr("region", "The state or region."),
      attr("postalCode", "The zip code or postal code."),
      attr("country", "The country."),
      attr("primary", "Whether this is the User's primary address: Code42's one address always is.", { type: "boolean" }),
    ],
    { multiValued: true },
  ),
];

const ENTERPRISE_ATTRIBUTES: Attribute[] = [
  attr("employeeType", "The kind of employment, such as \"Contractor\" or \"Employee\" (Code42's employment type)."),
  attr("costCenter", "The name of a cost center."),
  attr("organization", "The name of an organization."),
  attr("division", "The name of a division."),
  attr("department", "The name of a department."),
  complex("manager", "The User's manager: another of the provider's users.", [
    attr("value", "The id of the manager's User resource.", { caseExact: true }),
    attr("displayName", "The manager's name as Code42 shows it.", { mutability: "readOnly" }),
  ]),
];

const GROUP_ATTRIBUTES: Attribute[] = [
  attr("displayName", "The name of the Group: a Code42 role's name, or the name the provider gave a group it pushed. REQUIRED.", { required: true, uniqueness: "server" }),
  attr("externalId", "The identity provider's identifier for a group it pushed.", { caseExact: true }),
  complex(
    "members",
    "The members of the Group: the users holding the role, or those the provider put in its group.",
    [
      attr("value", "The id of the member's User resource.", { mutability: "immutable" }),
      attr("display", "The member's userName.", { mutability: "readOnly" }),
      attr("$ref", "The URI of the member's User resource.", { type: "reference", referenceTypes: ["User"], mutability: "immutable" }),
      attr("type", "The kind of member: User, the only kind Code42 groups have.", { canonicalValues: ["User"], mutability: "immutable" }),
    ],
    { multiValued: true },
  ),
];

const SCHEMAS = [
  { id: CORE_USER, name: "User", description: "User Account", attributes: USER_ATTRIBUTES },
  { id: ENTERPRISE_USER, name: "EnterpriseUser", description: "Enterprise User", attributes: ENTERPRISE_ATTRIBUTES },
  { id: CORE_GROUP, name: "Group", description: "Group", attributes: GROUP_ATTRIBUTES },
];

const presentSchema = (base: string, s: (typeof SCHEMAS)[number]) => ({
  schemas: [SCHEMA],
  ...s,
  // A copy: what a caller does to the answer stays out of the next one.
  attributes: structuredClone(s.attributes),
  meta: { resourceType: "Schema", location: `${base}/Schemas/${s.id}` },
});

export function schemas(base: string) {
  return listOf(SCHEMAS.map((s) => presentSchema(base, s)));
}

/** One schema by its URN (case does not matter), or undefined. */
export function schemaById(base: string, urn: string) {
  const s = SCHEMAS.find((x) => x.id.toLowerCase() === urn.toLowerCase());
  return s && presentSchema(base, s);
}
