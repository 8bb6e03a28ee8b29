// What the SCIM endpoint says about itself (RFC 7643 §5-7): features, resource types and schemas.
import { CORE_USER, ENTERPRISE_USER } from "./resource.js";

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

export function resourceTypes(base: string) {
  return {
    schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
    totalResults: 2,
    Resources: [
      {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        id: "User",
        name: "User",
        endpoint: "/Users",
        schema: CORE_USER,
        schemaExtensions: [{ schema: ENTERPRISE_USER, required: false }],
        meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/User` },
      },
      {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
        id: "Group",
        name: "Group",
        endpoint: "/Groups",
        description: "Code42 roles: a group's members are the users holding the role",
        schema: "urn:ietf:params:scim:schemas:core:2.0:Group",
        meta: { resourceType: "ResourceType", location: `${base}/ResourceTypes/Group` },
      },
    ],
  };
}

const attr = (name: string, type = "string", extra: Record<string, unknown> = {}) => ({ name, type, multiValued: false, required: false, mutability: "readWrite", returned: "default", ...extra });

export function schemas() {
  const list = [
    {
      id: CORE_USER,
      name: "User",
      attributes: [
        attr("userName", "string", { required: true, uniqueness: "server" }),
        attr("externalId"),
        { ...attr("name", "complex"), subAttributes: [attr("givenName"), attr("familyName"), attr("formatted", "string", { mutability: "readOnly" })] },
        attr("displayName", "string", { mutability: "readOnly" }),
        attr("title"),
        attr("active", "boolean"),
        { ...attr("emails", "complex", { multiValued: true }), subAttributes: [attr("value"), attr("type"), attr("primary", "boolean")] },
        { ...attr("addresses", "complex", { multiValued: true }), subAttributes: [attr("type"), attr("locality"), attr("region"), attr("country")] },
      ],
    },
    {
      id: ENTERPRISE_USER,
      name: "EnterpriseUser",
      attributes: [attr("employeeType"), attr("costCenter"), attr("organization"), attr("division"), attr("department"), { ...attr("manager", "complex"), subAttributes: [attr("value"), attr("displayName", "string", { mutability: "readOnly" })] }],
    },
  ];
  return { schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], totalResults: list.length, Resources: list.map((s) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"], ...s })) };
}
