// How SCIM answers (RFC 7644 §3.12): a status and, where the RFC has one for the case, a scimType. A domain refusal
// answers by its kind unless SCIM has a more precise word for it.
import type { DomainCode, DomainError, DomainKind } from "../../domains/errors.js";
import { ApiError } from "../../http/errors.js";

export type ScimType = "invalidFilter" | "invalidValue" | "invalidPath" | "invalidSyntax" | "uniqueness" | "mutability" | "noTarget" | "tooMany";

export const scimError = (status: number, detail: string, scimType?: ScimType) => new ApiError(status, scimType ?? "scimError", detail, scimType ? { scimType } : {});
export const invalidValue = (detail: string) => scimError(400, detail, "invalidValue");
export const invalidPath = (detail: string) => scimError(400, detail, "invalidPath");
export const scimNotFound = (what: string) => scimError(404, `${what} not found`);

const BY_KIND: Record<DomainKind, { status: number; scimType?: ScimType }> = {
  invalid: { status: 400, scimType: "invalidValue" },
  unauthenticated: { status: 401 },
  forbidden: { status: 403 },
  notFound: { status: 404 },
  conflict: { status: 409, scimType: "uniqueness" },
};

const SCIM_ERRORS: Partial<Record<DomainCode, { status: number; scimType?: ScimType }>> = {
  // Deactivating a held user is refused as a change of an attribute that cannot change now.
  ACTIVE_LEGAL_HOLD: { status: 400, scimType: "mutability" },
  GROUP_FIXED: { status: 400, scimType: "mutability" },
  FILTER_INVALID: { status: 400, scimType: "invalidFilter" },
};

/** A domain refusal as SCIM words it. */
export function scimDomainError(e: DomainError): ApiError {
  const { status, scimType } = SCIM_ERRORS[e.code] ?? BY_KIND[e.kind];
  return scimError(status, e.message, scimType);
}
