// How the legacy wire (/api/v1, /api/v3, /c42api/v3, /svc/api/v2) answers a domain refusal. Its services each had their
// own idiom, so every code is listed: the authority API reports the user rules as 500s whose body names the rule (py42
// maps USERNAME_NOT_AN_EMAIL, EMAIL_INVALID, NEW_PASSWORD_INVALID, INVALID_USERNAME and USER_DUPLICATE, and
// ACTIVE_LEGAL_HOLD to Py42ActiveLegalHoldError); the legal-hold service hides what the caller cannot see behind a 403;
// the detection-list service (the `ecm` family) answers bulletins with a `type$` and the subject of the refusal.
import type { DomainCode, DomainError } from "../../domains/errors.js";
import { ApiError } from "../../http/errors.js";
import type { ApiFamily } from "../../http/family.js";

interface Answer {
  status: number;
  code: string;
}

export const LEGACY_ERRORS: Record<DomainCode, Answer> = {
  USERNAME_INVALID: { status: 500, code: "INVALID_USERNAME" },
  EMAIL_INVALID: { status: 500, code: "EMAIL_INVALID" },
  USERNAME_TAKEN: { status: 500, code: "USER_DUPLICATE" },
  PASSWORD_INVALID: { status: 500, code: "NEW_PASSWORD_INVALID" },
  USER_NOT_FOUND: { status: 404, code: "SYSTEM" },
  ROLE_NOT_FOUND: { status: 404, code: "ROLE_NOT_FOUND" },
  ROLE_REFERENCE_INVALID: { status: 400, code: "ROLE_NOT_FOUND" },
  ROW_INVALID: { status: 400, code: "INVALID_ROW" },
  LINK_INVALID: { status: 400, code: "LINK_INVALID" },
  FORBIDDEN: { status: 403, code: "FORBIDDEN" },
  FORBIDDEN_ORG: { status: 403, code: "FORBIDDEN" },
  UNAUTHENTICATED: { status: 401, code: "UNAUTHORIZED" },
  ORG_NOT_FOUND: { status: 404, code: "ORG_NOT_FOUND" },
  ORG_REFERENCE_INVALID: { status: 400, code: "SYSTEM" },
  ORG_SETTING_INVALID: { status: 400, code: "INVALID_ORG_SETTING" },
  ORG_QUOTA_FIXED: { status: 403, code: "FORBIDDEN" },
  DEVICE_NOT_FOUND: { status: 404, code: "SYSTEM" },
  DEVICE_LIMIT_REACHED: { status: 400, code: "DEVICE_LIMIT_EXCEEDED" },
  DEVICE_OWNER_FIXED: { status: 400, code: "SYSTEM" },
  REGISTRATION_KEY_INVALID: { status: 400, code: "INVALID_REGISTRATION_KEY" },
  DEVICE_STATE_UNKNOWN: { status: 404, code: "NOT_FOUND" },
  ARCHIVE_NOT_FOUND: { status: 404, code: "SYSTEM" },
  ARCHIVE_NOT_COLD: { status: 400, code: "SYSTEM" },
  ARCHIVE_FILE_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  BACKUP_SET_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  RESTORE_SESSION_NOT_FOUND: { status: 404, code: "WEB_RESTORE_SESSION_NOT_FOUND" },
  RESTORE_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  RESTORE_NOT_READY: { status: 400, code: "RESTORE_NOT_READY" },
  RESTORE_TOO_LARGE: { status: 400, code: "WEB_RESTORE_LIMIT_EXCEEDED" },
  ACTIVE_LEGAL_HOLD: { status: 400, code: "ACTIVE_LEGAL_HOLD" },
  // py42: an unknown or inaccessible matter, policy, membership or custodian is a 403, never a 404.
  MATTER_NOT_FOUND: { status: 403, code: "FORBIDDEN" },
  POLICY_NOT_FOUND: { status: 403, code: "FORBIDDEN" },
  MEMBERSHIP_NOT_FOUND: { status: 403, code: "FORBIDDEN" },
  CUSTODIAN_NOT_FOUND: { status: 403, code: "FORBIDDEN" },
  POLICY_REFERENCE_INVALID: { status: 400, code: "SYSTEM" },
  MATTER_ALREADY_ACTIVE: { status: 400, code: "ALREADY_ACTIVE" },
  MATTER_ALREADY_INACTIVE: { status: 400, code: "ALREADY_DEACTIVATED" },
  ALREADY_CUSTODIAN: { status: 400, code: "USER_ALREADY_IN_HOLD" },
  CRITERIA_MISSING: { status: 400, code: "SYSTEM" },
  PROFILE_EXISTS: { status: 400, code: "USER_ALREADY_EXISTS" },
  ALREADY_ON_LIST: { status: 400, code: "USER_ALREADY_ON_LIST" },
  NOT_ON_LIST: { status: 404, code: "USER_NOT_ON_LIST" },
  LIST_VALUE_INVALID: { status: 400, code: "VALIDATION_ERROR" },
  // Watchlists and actors are gateway-only; listed so the table stays total.
  WATCHLIST_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  WATCHLIST_EXISTS: { status: 409, code: "CONFLICT" },
  WATCHLIST_INVALID: { status: 400, code: "VALIDATION_ERROR" },
  WATCHLIST_ENTRY_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  WATCHLIST_REFERENCE_INVALID: { status: 400, code: "VALIDATION_ERROR" },
  ACTOR_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  ADOPTION_INVALID: { status: 400, code: "VALIDATION_ERROR" },
  // SCIM's own refusals never reach the legacy wire; listed so the table stays total.
  PROVIDER_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  GROUP_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  GROUP_FIXED: { status: 400, code: "INVALID_REQUEST" },
  GROUP_NAME_INVALID: { status: 400, code: "INVALID_REQUEST" },
  GROUP_NAME_TAKEN: { status: 409, code: "CONFLICT" },
  MEMBER_INVALID: { status: 400, code: "INVALID_REQUEST" },
  FILTER_INVALID: { status: 400, code: "INVALID_REQUEST" },
  // The trusted-activities service answers problems py42 reads by name (DESCRIPTION_TOO_LONG, INVALID_CHARACTERS_IN_VALUE).
  TRUSTED_ACTIVITY_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  TRUSTED_ACTIVITY_EXISTS: { status: 409, code: "CONFLICT" },
  TRUSTED_ACTIVITY_INVALID: { status: 400, code: "INVALID_CHANGE" },
  TRUSTED_VALUE_INVALID: { status: 400, code: "INVALID_CHARACTERS_IN_VALUE" },
  DESCRIPTION_TOO_LONG: { status: 400, code: "DESCRIPTION_TOO_LONG" },
  AUDIT_QUERY_INVALID: { status: 400, code: "INVALID_REQUEST" },
  DOWNLOAD_TOKEN_INVALID: { status: 404, code: "NOT_FOUND" },
  SAVED_SEARCH_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  RISK_INDICATOR_CATEGORY_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  RISK_INDICATOR_SUBCATEGORY_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  FILE_NOT_FOUND: { status: 404, code: "NOT_FOUND" },
  // The cases service (both wires, the `problem` family): the problem names of Code42's document and of py42's tests
  // (NAME_EXISTS, INVALID_USER, NO_EDITS_ONCE_CLOSED, CASE_IS_CLOSED, CASE_ALREADY_HAS_EVENT), which py42 greps for.
  CASE_NOT_FOUND: { status: 404, code: "CASE_NOT_FOUND" },
  CASE_REFERENCE_INVALID: { status: 400, code: "CASE_NOT_FOUND" },
  CASE_NAME_EMPTY: { status: 400, code: "NAME_EMPTY" },
  CASE_NAME_TOO_LONG: { status: 400, code: "NAME_TOO_LONG" },
  CASE_NAME_EXISTS: { status: 400, code: "NAME_EXISTS" },
  FINDINGS_TOO_LONG: { status: 400, code: "FINDINGS_TOO_LONG" },
  CASE_TEXT_INVALID: { status: 400, code: "INVALID_CHAR_IN_REQUEST" },
  CASE_USER_INVALID: { status: 400, code: "INVALID_USER" },
  CASE_PAGE_NUMBER_INVALID: { status: 400, code: "INVALID_PAGE_NUMBER" },
  CASE_PAGE_SIZE_INVALID: { status: 400, code: "INVALID_PAGE_SIZE" },
  CASE_INTERVAL_INVALID: { status: 400, code: "INVALID_TIME_INTERVAL" },
  CASE_CLOSED: { status: 400, code: "NO_EDITS_ONCE_CLOSED" },
  CASE_ARCHIVED: { status: 400, code: "NO_EDITS_ONCE_ARCHIVED" },
  CASE_IS_CLOSED: { status: 400, code: "CASE_IS_CLOSED" },
  CASE_ALREADY_HAS_EVENT: { status: 400, code: "CASE_ALREADY_HAS_EVENT" },
  CASE_EVENT_NOT_FOUND: { status: 404, code: "EVENT_NOT_FOUND" },
  EVENT_REFERENCE_INVALID: { status: 400, code: "EVENT_NOT_FOUND" },
  CASE_TOO_MANY_EVENTS: { status: 400, code: "TOO_MANY_EVENTS" },
  CASE_EVENT_LIMIT_REACHED: { status: 400, code: "CASE_EVENT_LIMIT_REACHED" },
  // FedObserver (py42's alert rules): an unknown rule is a 404 (Py42InvalidRuleError); a user change on a lens's rule
  // a 500, after which py42 looks the rule up and names its source; removing a user the rule lacks a 400 (the CLI's
  // "not currently assigned" message).
  RULE_NOT_FOUND: { status: 404, code: "RULE_NOT_FOUND" },
  RULE_INVALID: { status: 400, code: "INVALID_RULE" },
  RULE_NAME_EXISTS: { status: 409, code: "RULE_NAME_EXISTS" },
  RULE_NO_USER_FILTER: { status: 400, code: "NO_USERNAME_FILTER" },
  RULE_IS_SYSTEM: { status: 500, code: "SYSTEM_RULE" },
  RULE_USER_NOT_ON_RULE: { status: 400, code: "USER_NOT_ON_RULE" },
  RULE_QUERY_INVALID: { status: 400, code: "INVALID_QUERY" },
  // The alert service (py42's alerts): an unknown alert a 404 (code42cli's "No alert found", and its retry of a batch
  // id by id); sessions have no legacy wire.
  ALERT_NOT_FOUND: { status: 404, code: "ALERT_NOT_FOUND" },
  ALERT_REQUEST_INVALID: { status: 400, code: "INVALID_REQUEST" },
  SESSION_NOT_FOUND: { status: 404, code: "SESSION_NOT_FOUND" },
  SESSION_REQUEST_INVALID: { status: 400, code: "INVALID_REQUEST" },
};

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";

/**
 * The detection-list service's bulletins (wire reference §7.3), where they differ from the table: the text py42 matches
 * and the bulletin's type$. "Could not find user" is a 400 there (py42's create_user turns it into
 * Py42UnableToCreateProfileError); a rule broken is a ValidationError carrying its reason.
 */
const ECM_ERRORS: Partial<Record<DomainCode, (e: DomainError) => ApiError>> = {
  USER_NOT_FOUND: (e) => new ApiError(400, "INVALID_USER", `Could not find user: ${e.data.user}`, { "type$": "com.code42.casemanagement.CaseMessages.InvalidUser", ...e.data }),
  PROFILE_EXISTS: (e) => new ApiError(400, "USER_ALREADY_EXISTS", `User already exists: ${e.data.user}`, { "type$": `${DLM}UserAlreadyExists`, ...e.data }),
  ALREADY_ON_LIST: (e) => new ApiError(400, "USER_ALREADY_ON_LIST", "User already on list", { "type$": `${DLM}UserAlreadyOnList`, ...e.data }),
  NOT_ON_LIST: (e) => new ApiError(404, "USER_NOT_ON_LIST", "User not on list", { "type$": `${DLM}UserNotOnList`, ...e.data }),
  LIST_VALUE_INVALID: (e) => new ApiError(400, "VALIDATION_ERROR", `Command or Query is invalid: ${e.message}`, { "type$": `${DLM}ValidationError`, reason: e.message }),
  FORBIDDEN: (e) => new ApiError(403, "FORBIDDEN", e.message, { "type$": `${DLM}Forbidden` }),
};

/** A domain refusal as the legacy family `family` words it. */
export function legacyError(family: ApiFamily, e: DomainError): ApiError {
  const ecm = family === "ecm" ? ECM_ERRORS[e.code] : undefined;
  if (ecm) return ecm(e);
  const { status, code } = LEGACY_ERRORS[e.code];
  return new ApiError(status, code, e.message);
}
