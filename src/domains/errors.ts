// What a domain rule refuses, said once, in the domain's words: each wire decides how its clients hear it
// (src/wire/*/errors.ts), so a rule shared by several wires is written, and refused, in one place.
//
// Each code has a kind, the plain HTTP sense of the refusal. A wire that has no idiom of its own for a code answers by
// its kind; the legacy wire, whose services each had their own, lists every code.
export type DomainKind = "invalid" | "unauthenticated" | "forbidden" | "notFound" | "conflict";

export const DOMAIN_CODES = {
  // --- users ---
  /** Empty, with whitespace, or over 255 characters. */
  USERNAME_INVALID: "invalid",
  /** Not an address, or over 255 characters. */
  EMAIL_INVALID: "invalid",
  /** Another user of the tenant has the username. */
  USERNAME_TAKEN: "conflict",
  /** Shorter than the minimum. */
  PASSWORD_INVALID: "invalid",
  /** The user is not in the tenant, or not in the caller's view of it. */
  USER_NOT_FOUND: "notFound",
  /** The role asked for is not in the catalogue. */
  ROLE_NOT_FOUND: "notFound",
  /** A role id a request names (to grant) is not in the catalogue. */
  ROLE_REFERENCE_INVALID: "invalid",
  /** A line of a user import that does not make a user. */
  ROW_INVALID: "invalid",
  /** A password-reset or invitation link that is unknown, used or expired. */
  LINK_INVALID: "invalid",
  // --- access ---
  /** The caller lacks the role the operation needs. */
  FORBIDDEN: "forbidden",
  /** The operation reaches beyond the organizations the caller administers. */
  FORBIDDEN_ORG: "forbidden",
  /** The caller's credentials are missing or wrong. */
  UNAUTHENTICATED: "unauthenticated",
  // --- organizations ---
  /** The organization addressed is not in the tenant, or not in the caller's view. */
  ORG_NOT_FOUND: "notFound",
  /** An organization a request names (as the place for a user or device) does not exist for the caller. */
  ORG_REFERENCE_INVALID: "invalid",
  /** An org setting (or an org field a change sends) the organization cannot take. */
  ORG_SETTING_INVALID: "invalid",
  /** An Org Admin changing the license terms (quotas, device limit) of their own org (seed 003). */
  ORG_QUOTA_FIXED: "forbidden",
  // --- devices ---
  DEVICE_NOT_FOUND: "notFound",
  /** The owner's organization allows no more active devices per user. */
  DEVICE_LIMIT_REACHED: "invalid",
  /** A device belongs to the user it registered for. */
  DEVICE_OWNER_FIXED: "invalid",
  /** A deployment's registration key that is no active org's (nor a tenant's). */
  REGISTRATION_KEY_INVALID: "invalid",
  /** The device has not reported the state asked for. */
  DEVICE_STATE_UNKNOWN: "notFound",
  ARCHIVE_NOT_FOUND: "notFound",
  /** The archive is not in cold storage. */
  ARCHIVE_NOT_COLD: "invalid",
  /** No file or folder of the archive at the path or id asked for. */
  ARCHIVE_FILE_NOT_FOUND: "notFound",
  /** The archive has no backup set of the id a restore names. */
  BACKUP_SET_NOT_FOUND: "notFound",
  /** The web restore session is unknown, another caller's, or for another device. */
  RESTORE_SESSION_NOT_FOUND: "notFound",
  RESTORE_NOT_FOUND: "notFound",
  /** The restore's result is asked for before the job is done, or after it was canceled. */
  RESTORE_NOT_READY: "invalid",
  /** The selection is larger than the org's web restore limit. */
  RESTORE_TOO_LARGE: "invalid",
  // --- legal holds ---
  /** The user or device is in an active legal hold and cannot be deactivated. */
  ACTIVE_LEGAL_HOLD: "invalid",
  MATTER_NOT_FOUND: "notFound",
  POLICY_NOT_FOUND: "notFound",
  MEMBERSHIP_NOT_FOUND: "notFound",
  /** The user to hold is not in the tenant, or not in the caller's reach. */
  CUSTODIAN_NOT_FOUND: "notFound",
  /** The policy a new matter names does not exist. */
  POLICY_REFERENCE_INVALID: "invalid",
  MATTER_ALREADY_ACTIVE: "conflict",
  MATTER_ALREADY_INACTIVE: "conflict",
  /** The user is already an active custodian of the matter. */
  ALREADY_CUSTODIAN: "conflict",
  /** A custodian search needs at least one criterion. */
  CRITERIA_MISSING: "invalid",
  // --- detection lists ---
  /** The user already has a detection-list profile. */
  PROFILE_EXISTS: "conflict",
  ALREADY_ON_LIST: "conflict",
  NOT_ON_LIST: "notFound",
  /** A value breaks a detection-list rule (too many cloud aliases). */
  LIST_VALUE_INVALID: "invalid",
  // --- watchlists and actors ---
  WATCHLIST_NOT_FOUND: "notFound",
  /** The tenant already has the one watchlist of this type (only CUSTOM watchlists repeat). */
  WATCHLIST_EXISTS: "conflict",
  /** A CUSTOM watchlist needs a title; other types take none. */
  WATCHLIST_INVALID: "invalid",
  /** The user, department or directory group is not on the watchlist in the way asked about. */
  WATCHLIST_ENTRY_NOT_FOUND: "notFound",
  /** A user, department or directory group a request names does not exist in the tenant. */
  WATCHLIST_REFERENCE_INVALID: "invalid",
  ACTOR_NOT_FOUND: "notFound",
  /** An adoption that would make an actor its own ancestor, or adopt a parent. */
  ADOPTION_INVALID: "invalid",
  // --- SCIM provisioning ---
  PROVIDER_NOT_FOUND: "notFound",
  GROUP_NOT_FOUND: "notFound",
  /** A role's group cannot be renamed or deleted. */
  GROUP_FIXED: "invalid",
  GROUP_NAME_INVALID: "invalid",
  GROUP_NAME_TAKEN: "conflict",
  /** A group's members must be the provider's own users. */
  MEMBER_INVALID: "invalid",
  /** A filter that cannot be read or asks about what cannot be filtered. */
  FILTER_INVALID: "invalid",
  // --- trusted activities ---
  TRUSTED_ACTIVITY_NOT_FOUND: "notFound",
  /** The type already trusts the value (in any case). */
  TRUSTED_ACTIVITY_EXISTS: "conflict",
  /** An unknown type, or action groups the type does not take. */
  TRUSTED_ACTIVITY_INVALID: "invalid",
  /** A value not of its type's form (a domain that is not one, a workspace name with markup). */
  TRUSTED_VALUE_INVALID: "invalid",
  /** Over 250 characters. */
  DESCRIPTION_TOO_LONG: "invalid",
  // --- audit log ---
  /** A search the audit log cannot run (a date range backwards, an unknown event type's form). */
  AUDIT_QUERY_INVALID: "invalid",
  /** A download token that is unknown, used or expired. */
  DOWNLOAD_TOKEN_INVALID: "notFound",
  // --- file events ---
  SAVED_SEARCH_NOT_FOUND: "notFound",
  RISK_INDICATOR_CATEGORY_NOT_FOUND: "notFound",
  RISK_INDICATOR_SUBCATEGORY_NOT_FOUND: "notFound",
  /** No event of the tenant names the file (by hash or xfc content id). */
  FILE_NOT_FOUND: "notFound",
  // --- cases ---
  CASE_NOT_FOUND: "notFound",
  /** A case a request names (to add events to) does not exist. */
  CASE_REFERENCE_INVALID: "invalid",
  /** No name, or only blanks. */
  CASE_NAME_EMPTY: "invalid",
  /** Over 50 characters. */
  CASE_NAME_TOO_LONG: "invalid",
  /** Another case of the tenant has the name (in any case). */
  CASE_NAME_EXISTS: "conflict",
  /** Over 30,000 characters. */
  FINDINGS_TOO_LONG: "invalid",
  /** A control character in a text, or an unknown status. */
  CASE_TEXT_INVALID: "invalid",
  /** A subject or assignee who is not a user of the tenant. */
  CASE_USER_INVALID: "invalid",
  CASE_PAGE_NUMBER_INVALID: "invalid",
  CASE_PAGE_SIZE_INVALID: "invalid",
  /** Not an ISO interval start/end. */
  CASE_INTERVAL_INVALID: "invalid",
  /** A closed case may only be archived. */
  CASE_CLOSED: "invalid",
  /** An archived case does not change. */
  CASE_ARCHIVED: "invalid",
  /** File events are added to and removed from open cases only. */
  CASE_IS_CLOSED: "invalid",
  /** The event named alone is on the case already. */
  CASE_ALREADY_HAS_EVENT: "conflict",
  /** The case does not hold the event. */
  CASE_EVENT_NOT_FOUND: "notFound",
  /** An event a request names (to add to a case) is not one of the tenant's. */
  EVENT_REFERENCE_INVALID: "invalid",
  /** Over 10,000 events in one request. */
  CASE_TOO_MANY_EVENTS: "invalid",
  /** The case would hold over 10,000 events. */
  CASE_EVENT_LIMIT_REACHED: "invalid",
  // --- alert rules ---
  /** The tenant has no rule of the id. */
  RULE_NOT_FOUND: "notFound",
  /** A rule a fixture or the control plane gives that is not one (a bad type, an unknown user or watchlist, ...). */
  RULE_INVALID: "invalid",
  /** Another rule of the tenant has the name (in any case). */
  RULE_NAME_EXISTS: "conflict",
  /** The rule has no username filter (the gateway's GET .../users answers it as a bare 400, which the SDK expects). */
  RULE_NO_USER_FILTER: "invalid",
  /** A lens's rule (source other than Alerting): its users are the lens's, not the rules API's. */
  RULE_IS_SYSTEM: "invalid",
  /** remove-users names a user the rule does not hold. */
  RULE_USER_NOT_ON_RULE: "invalid",
  /** A rules page or query out of range. */
  RULE_QUERY_INVALID: "invalid",
  // --- alerts and sessions ---
  /** No alert of the id in the tenant (update-state: any of the ids, nothing changed). */
  ALERT_NOT_FOUND: "notFound",
  /** A state, note, id list or page the alert service does not take. */
  ALERT_REQUEST_INVALID: "invalid",
  /** No session of the id in the tenant. */
  SESSION_NOT_FOUND: "notFound",
  /** A session search, state, note or continuation token the sessions API does not take. */
  SESSION_REQUEST_INVALID: "invalid",
} as const satisfies Record<string, DomainKind>;

export type DomainCode = keyof typeof DOMAIN_CODES;

export class DomainError extends Error {
  /**
   * @param data what the refusal is about (a user id, a reason): a wire may name it in its body, as the detection-list
   *   service's bulletins do.
   */
  constructor(
    readonly code: DomainCode,
    message: string,
    readonly data: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }

  get kind(): DomainKind {
    return DOMAIN_CODES[this.code];
  }
}
