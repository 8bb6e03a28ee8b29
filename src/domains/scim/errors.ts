// SCIM error responses (RFC 7644 §3.12): urn:ietf:params:scim:api:messages:2.0:Error with a scimType.
import { ApiError } from "../../http/errors.js";

export type ScimType = "invalidFilter" | "invalidValue" | "invalidPath" | "invalidSyntax" | "uniqueness" | "mutability" | "noTarget" | "tooMany";

export const scimError = (status: number, detail: string, scimType?: ScimType) => new ApiError(status, scimType ?? "scimError", detail, scimType ? { scimType } : {});
export const invalidFilter = (detail: string) => scimError(400, detail, "invalidFilter");
export const invalidValue = (detail: string) => scimError(400, detail, "invalidValue");
export const invalidPath = (detail: string) => scimError(400, detail, "invalidPath");
export const uniqueness = (detail: string) => scimError(409, detail, "uniqueness");
export const scimNotFound = (what: string) => scimError(404, `${what} not found`);
