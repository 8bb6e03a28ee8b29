// What the SCIM endpoint says about itself (RFC 7643 §5-7): resource types and schemas, listed and by id.
import { resourceTypeById, resourceTypes, schemaById, schemas, serviceProviderConfig } from "../../src/wire/scim/discovery.js";

const BASE = "https://emulator.example/scim/okta/v2";
const CORE_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const CORE_GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

interface Attribute {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: Attribute[];
}

const schema = (urn: string) => schemaById(BASE, urn) as unknown as { attributes: Attribute[] } & Record<string, unknown>;
const names = (attributes: Attribute[] | undefined) => (attributes ?? []).map((a) => a.name);
const find = (attributes: Attribute[] | undefined, name: string) => {
  const a = attributes?.find((x) => x.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a;
};

describe("schemas", () => {
  it("lists the core User schema, the enterprise extension and the core Group schema", () => {
    const list = schemas(BASE);
    expect(list).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 3, startIndex: 1, itemsPerPage: 3 });
    expect(list.Resources.map((s) => [s.id, s.name, s.description])).toEqual([
      [CORE_USER, "User", "User Account"],
      [ENTERPRISE_USER, "EnterpriseUser", "Enterprise User"],
      [CORE_GROUP, "Group", "Group"],
    ]);
    for (const s of list.Resources) {
      expect(s.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:Schema"]);
      expect(s.meta).toEqual({ resourceType: "Schema", location: `${BASE}/Schemas/${s.id}` });
    }
  });

  it("describes every attribute with its characteristics (RFC 7643 §7)", () => {
    const check = (a: Attribute, where: string) => {
      expect({ where, description: typeof a.description === "string" && a.description.length > 0 }).toEqual({ where, description: true });
      expect(["string", "boolean", "dateTime", "reference", "complex"]).toContain(a.type);
      expect(typeof a.multiValued).toBe("boolean");
      expect(typeof a.required).toBe("boolean");
      expect(typeof a.caseExact).toBe("boolean");
      expect(["readOnly", "readWrite", "immutable", "writeOnly"]).toContain(a.mutability);
      expect(["always", "never", "default", "request"]).toContain(a.returned);
      expect(["none", "server", "global"]).toContain(a.uniqueness);
      expect(a.type === "complex").toBe(a.subAttributes !== undefined);
      for (const sub of a.subAttributes ?? []) {
        expect(sub.type).not.toBe("complex");
        check(sub, `${where}.${sub.name}`);
      }
    };
    let count = 0;
    for (const s of schemas(BASE).Resources as unknown as { id: string; attributes: Attribute[] }[]) {
      for (const a of s.attributes) {
        check(a, `${s.id}:${a.name}`);
        count += 1 + (a.subAttributes?.length ?? 0);
      }
    }
    expect(count).toBe(36);
  });

  it("has the User attributes the emulator stores", () => {
    const user = schema(CORE_USER).attributes;
    expect(names(user)).toEqual(["userName", "externalId", "name", "displayName", "title", "active", "emails", "addresses"]);
    expect(names(find(user, "name").subAttributes)).toEqual(["givenName", "familyName", "formatted"]);
    expect(names(find(user, "emails").subAttributes)).toEqual(["value", "type", "primary"]);
    expect(names(find(user, "addresses").subAttributes)).toEqual(["type", "streetAddress", "locality", "region", "postalCode", "country", "primary"]);
    expect(find(user, "userName")).toMatchObject({ type: "string", required: true, caseExact: false, uniqueness: "server", mutability: "readWrite", returned: "default" });
    expect(find(user, "externalId")).toMatchObject({ caseExact: true, uniqueness: "none" });
    expect(find(user, "displayName").mutability).toBe("readOnly");
    expect(find(find(user, "name").subAttributes, "formatted").mutability).toBe("readOnly");
    expect(find(user, "active").type).toBe("boolean");
    expect(find(user, "emails")).toMatchObject({ type: "complex", multiValued: true });
    expect(find(user, "addresses")).toMatchObject({ type: "complex", multiValued: true });
    expect(find(find(user, "emails").subAttributes, "type").canonicalValues).toEqual(["work"]);
    expect(find(find(user, "emails").subAttributes, "primary").type).toBe("boolean");
  });

  it("has the enterprise attributes the emulator stores, employeeNumber not among them", () => {
    const enterprise = schema(ENTERPRISE_USER).attributes;
    expect(names(enterprise)).toEqual(["employeeType", "costCenter", "organization", "division", "department", "manager"]);
    expect(names(find(enterprise, "manager").subAttributes)).toEqual(["value", "displayName"]);
    expect(find(find(enterprise, "manager").subAttributes, "displayName").mutability).toBe("readOnly");
  });

  it("has the Group attributes", () => {
    const group = schema(CORE_GROUP).attributes;
    expect(names(group)).toEqual(["displayName", "externalId", "members"]);
    expect(find(group, "displayName")).toMatchObject({ required: true, uniqueness: "server" });
    expect(find(group, "members")).toMatchObject({ type: "complex", multiValued: true });
    const members = find(group, "members").subAttributes;
    expect(names(members)).toEqual(["value", "display", "$ref", "type"]);
    expect(find(members, "$ref")).toMatchObject({ type: "reference", referenceTypes: ["User"] });
    expect(find(members, "value").mutability).toBe("immutable");
    expect(find(members, "type").canonicalValues).toEqual(["User"]);
  });

  it("finds one schema by its URN, whatever its case, and no other", () => {
    for (const s of schemas(BASE).Resources) expect(schemaById(BASE, s.id)).toEqual(s);
    expect(schemaById(BASE, CORE_GROUP.toUpperCase())?.id).toBe(CORE_GROUP);
    for (const other of ["", "User", "Group", `${CORE_USER}:`, CORE_USER.slice(0, -1), "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig", "urn:ietf:params:scim:api:messages:2.0:ListResponse"]) {
      expect(schemaById(BASE, other)).toBeUndefined();
    }
  });

  it("answers afresh: a caller changing one answer changes no other", () => {
    const first = schema(CORE_USER);
    first.attributes[0]!.name = "changed";
    first.attributes.pop();
    expect(names(schema(CORE_USER).attributes)[0]).toBe("userName");
    expect(schema(CORE_USER).attributes).toHaveLength(8);
  });

  it("places every location under the base it is given", () => {
    expect(schemaById("http://127.0.0.1:4000/scim/entra/v2", CORE_USER)?.meta.location).toBe(`http://127.0.0.1:4000/scim/entra/v2/Schemas/${CORE_USER}`);
  });
});

describe("resource types", () => {
  const USER = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "User Account",
    schema: CORE_USER,
    schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
    meta: { resourceType: "ResourceType", location: `${BASE}/ResourceTypes/User` },
  };
  const GROUP = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "Code42 roles, and the groups the provider pushed",
    schema: CORE_GROUP,
    meta: { resourceType: "ResourceType", location: `${BASE}/ResourceTypes/Group` },
  };

  it("lists User and Group", () => {
    expect(resourceTypes(BASE)).toEqual({ schemas: [LIST_RESPONSE], totalResults: 2, startIndex: 1, itemsPerPage: 2, Resources: [USER, GROUP] });
  });

  it("finds one by id, whatever its case, and no other", () => {
    expect(resourceTypeById(BASE, "User")).toEqual(USER);
    expect(resourceTypeById(BASE, "Group")).toEqual(GROUP);
    expect(resourceTypeById(BASE, "group")).toEqual(GROUP);
    for (const other of ["", "Users", "Groups", "Schema", "ResourceType", CORE_USER, "EnterpriseUser"]) expect(resourceTypeById(BASE, other)).toBeUndefined();
  });

  it("names schemas that the Schemas endpoint has", () => {
    for (const t of resourceTypes(BASE).Resources) {
      expect(schemaById(BASE, t.schema)).toBeDefined();
      for (const e of t.schemaExtensions ?? []) expect(schemaById(BASE, e.schema)).toBeDefined();
    }
  });
});

describe("service provider configuration", () => {
  it("says what the endpoint supports, located under the base", () => {
    expect(serviceProviderConfig(BASE)).toMatchObject({
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 1000 },
      sort: { supported: false },
      etag: { supported: false },
      meta: { resourceType: "ServiceProviderConfig", location: `${BASE}/ServiceProviderConfig` },
    });
  });
});
