// How SCIM answers a domain refusal (RFC 7644 §3.12): a status and a scimType.
import type { DomainCode } from "../../domains/errors.js";
import type { ScimType } from "../../domains/scim/errors.js";

export const SCIM_ERRORS: Record<DomainCode, { status: number; scimType: ScimType }> = {
  USERNAME_INVALID: { status: 400, scimType: "invalidValue" },
  EMAIL_INVALID: { status: 400, scimType: "invalidValue" },
  USERNAME_TAKEN: { status: 409, scimType: "uniqueness" },
  PASSWORD_INVALID: { status: 400, scimType: "invalidValue" },
  ACTIVE_LEGAL_HOLD: { status: 400, scimType: "mutability" },
};
