// How the legacy wire (/api/v1, /api/v3, /c42api/v3, /svc/api/v2) answers a domain refusal. The authority API reports
// the user rules as 500s whose body names the rule: py42 maps USERNAME_NOT_AN_EMAIL, EMAIL_INVALID,
// NEW_PASSWORD_INVALID, INVALID_USERNAME and USER_DUPLICATE, and ACTIVE_LEGAL_HOLD to Py42ActiveLegalHoldError.
import type { DomainCode } from "../../domains/errors.js";

export const LEGACY_ERRORS: Record<DomainCode, { status: number; code: string }> = {
  USERNAME_INVALID: { status: 500, code: "INVALID_USERNAME" },
  EMAIL_INVALID: { status: 500, code: "EMAIL_INVALID" },
  USERNAME_TAKEN: { status: 500, code: "USER_DUPLICATE" },
  PASSWORD_INVALID: { status: 500, code: "NEW_PASSWORD_INVALID" },
  ACTIVE_LEGAL_HOLD: { status: 400, code: "ACTIVE_LEGAL_HOLD" },
};
