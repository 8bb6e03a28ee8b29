// Generated from fixtures/fixture.schema.json by scripts/gen-fixture-types.mjs (npm run gen:types): do not edit.
export type FixtureDigits = string;
/**
 * before the load time: 30s, 31m, 2h, 7d
 */
export type FixtureDuration = string;
/**
 * an ISO-8601 UTC instant
 */
export type FixtureInstant = string;
/**
 * before the load time: 30s, 31m, 2h, 7d
 */
export type FixtureDuration1 = string;
/**
 * an ISO-8601 UTC instant
 */
export type FixtureInstant1 = string;

/**
 * Tenants with their organizations (a tree), users, roles and API clients. Ids left out are generated.
 */
export interface FixtureDocument {
  /**
   * where this schema is, for editors; ignored when the fixture loads
   */
  $schema?: string;
  tenants?: FixtureTenant[];
}
/**
 * a tenant; when its tenantUid exists already, the document adds to it: new orgs, new users, and for users that exist (matched by username) their devices, list entries, exposure events and legal holds
 */
export interface FixtureTenant {
  tenantUid?: string;
  /**
   * required for a new tenant; an existing one keeps its name
   */
  name?: string;
  registrationKey?: string;
  /**
   * required for a new tenant; for one that exists (POST /_emulator/fixtures), orgs to add
   */
  orgs?: FixtureOrg[];
  users?: FixtureUser[];
  apiClients?: FixtureApiClient[];
  legalHolds?: FixtureLegalHold[];
  scimProviders?: FixtureScimProvider[];
  scimGroups?: FixtureScimGroup[];
  /**
   * watchlists and their rules; applied after users and SCIM groups
   */
  watchlists?: FixtureWatchlist[];
  /**
   * file events, searched by /v1 and /v2 file-events
   *
   * Items: a file event in the v2 shape of developer.code42.com (`@timestamp`, `event`, `user`, `file`, `destination`, `risk`, …); keys left out are null or empty, a missing event.id and timestamps are made (the clock's now), as POST /_emulator/tenants/{uid}/file-events does; `content: {text}` or `{base64}` beside the v2 keys gives the file's bytes, served by /v1/files
   */
  fileEvents?: {}[];
  /**
   * file events made from a seed, as POST /_emulator/tenants/{uid}/file-events/generate makes them; applied after users, devices and fileEvents
   */
  generateFileEvents?: FixtureGeneratedFileEvents[];
  /**
   * trusted domains, Slack workspaces, URL paths, account names and git repositories; applied before file events, which they mark trusted
   */
  trustedActivities?: FixtureTrustedActivity[];
  /**
   * cases (/v1/cases, /api/v1/case), after file events, whose ids they name
   */
  cases?: FixtureCase[];
  /**
   * the number the tenant's next case gets, when it is beyond its highest case (a case deleted last is not numbered again); the state export writes it
   */
  nextCaseNumber?: number;
  /**
   * alert rules (/v2 and /v1 alert-rules, py42's FedObserver and rule metadata); applied after users and watchlists and before file events, which they raise alerts on
   */
  alertRules?: FixtureAlertRule[];
  /**
   * saved file-event searches, read by /v1 and /v2 file-events/saved-searches and the legacy query service; applied after users
   */
  savedSearches?: FixtureSavedSearch[];
  /**
   * alerts as the alert engine raised them (a state export writes them); when given, the tenant's file events raise none as they load: these are its alerts
   */
  alerts?: FixtureAlert[];
  /**
   * sessions (/v1/sessions) with their alerted events, states and notes; loaded with alerts
   */
  sessions?: FixtureSession[];
  /**
   * events of rules with volume thresholds that have not yet added up to an alert (a state export writes them)
   */
  alertCandidates?: FixtureAlertCandidate[];
}
export interface FixtureOrg {
  orgName: string;
  orgId?: number;
  orgUid?: FixtureDigits;
  orgGuid?: string;
  orgExtRef?: string;
  notes?: string;
  registrationKey?: string;
  active?: boolean;
  blocked?: boolean;
  children?: FixtureOrg[];
  /**
   * most active devices one user may have (seed 003: 4); -1: no limit, whatever the parent org's
   */
  deviceLimitPerUser?: number;
  settings?: FixtureOrgSettings;
  /**
   * HIDDEN: users get no password-reset email
   */
  clientVisibility?: "VISIBLE" | "HIDDEN";
  /**
   * top-level orgs only: an existing org (name or uid) to create this one under
   */
  parent?: string;
}
/**
 * what the org sets itself (GET /api/v3/orgs/{guid}?incSettings=true); the rest it inherits from its parent org, and root orgs from the tenant's defaults. The settings of a group (quota: maxSeats, maxBytes, defaultUserMaxBytes, archiveHoldDays; reporting: warnInDays, alertInDays, recipients; destinations: destinations, autoStartDestinations) are set together: those a group leaves out keep the inherited values
 */
export interface FixtureOrgSettings {
  /**
   * users allowed a license (-1: unlimited)
   */
  maxSeats?: number;
  /**
   * the org's backup storage quota in bytes (-1: unlimited)
   */
  maxBytes?: number;
  /**
   * each user's backup storage quota in bytes (-1: unlimited)
   */
  defaultUserMaxBytes?: number;
  /**
   * days a deactivated device's archives stay in cold storage
   */
  archiveHoldDays?: number;
  /**
   * days without a backup before a warning alert
   */
  warnInDays?: number;
  /**
   * days without a backup before a critical alert
   */
  alertInDays?: number;
  /**
   * addresses backup alert emails go to besides the org's admins
   */
  recipients?: string[];
  /**
   * MB a user may restore on the web (-1: unlimited)
   */
  webRestoreUserLimitMb?: number;
  /**
   * MB an admin may restore on the web (-1: unlimited)
   */
  webRestoreAdminLimitMb?: number;
  /**
   * destinations offered to the org's devices, by guid or name
   */
  destinations?: string[];
  /**
   * offered destinations a new device starts backing up to by itself, by guid or name
   */
  autoStartDestinations?: string[];
  /**
   * key/value settings of the org's own (GET /api/v1/OrgSetting/{orgId}): a string, or {value, locked}
   */
  packets?: {
    [k: string]:
      | string
      | {
          value: unknown;
          locked?: boolean;
        }
      | undefined;
  };
}
export interface FixtureUser {
  username: string;
  /**
   * Stored hashed; leave out for a user who cannot sign in.
   */
  password?: string;
  /**
   * Base32 secret (16 bytes or more): the user signs in with two factors.
   */
  totpSecret?: string;
  /**
   * orgName (or orgUid) of an org of the same tenant
   */
  org: string;
  /**
   * role names or ids
   */
  roles?: string[];
  userId?: number;
  userUid?: FixtureDigits;
  /**
   * null: no e-mail (left out, a username that is an address is the e-mail too)
   */
  email?: string | null;
  firstName?: string;
  lastName?: string;
  notes?: string;
  userExtRef?: string;
  quotaInBytes?: number;
  active?: boolean;
  blocked?: boolean;
  invited?: boolean;
  scim?: FixtureScim;
  /**
   * The SCIM provider that provisioned the user: only it sees and changes them through SCIM
   */
  provisionedBy?: {
    /**
     * its providerId
     */
    provider: string;
    /**
     * when the provider deleted (deprovisioned) the user
     */
    deletedAt?: string;
    /**
     * when the deprovisioned, blocked user is deactivated
     */
    deprovisionAt?: string;
  };
  /**
   * false: the user has no detection-list profile yet (created by user/create or a list add)
   */
  detectionListProfile?: FixtureProfile | false;
  /**
   * shorthand (and the form of older files): the user is an included user of the DEPARTING_EMPLOYEE watchlist; departureDate is the risk profile's end date
   */
  departingEmployee?: {
    departureDate?: string | null;
    addedAgo?: FixtureDuration;
    addedAt?: FixtureInstant;
  };
  /**
   * shorthand (and the form of older files): the user is an included user of the HIGH_RISK_EMPLOYEE watchlist
   */
  highRiskEmployee?: {
    addedAgo?: FixtureDuration;
    addedAt?: FixtureInstant;
  };
  fileExposureEvents?: FixtureExposure[];
  devices?: FixtureDevice[];
  /**
   * names of the tenant's legal-hold matters this user is an active custodian of
   */
  legalHolds?: string[];
  /**
   * an already-hashed password (from a state export with credentials)
   */
  passwordHash?: string;
  /**
   * username of another user of the tenant that has adopted this one: this user is then an alternate identity (a child actor) of that person, whose actor family it joins. The parent is adopted by no one, and a user that others name as their actorParent names none itself
   */
  actorParent?: string;
}
/**
 * SCIM-provisioned attributes of the Code42 user
 */
export interface FixtureScim {
  managerUid?: string;
  managerUsername?: string;
  managerDisplayName?: string;
  title?: string;
  division?: string;
  department?: string;
  employmentType?: string;
  city?: string;
  state?: string;
  country?: string;
  streetAddress?: string;
  postalCode?: string;
  costCenter?: string;
  organization?: string;
}
export interface FixtureProfile {
  notes?: string;
  riskFactors?: (
    | "FLIGHT_RISK"
    | "HIGH_IMPACT_EMPLOYEE"
    | "ELEVATED_ACCESS_PRIVILEGES"
    | "PERFORMANCE_CONCERNS"
    | "SUSPICIOUS_SYSTEM_ACTIVITY"
    | "POOR_SECURITY_PRACTICES"
    | "CONTRACT_EMPLOYEE"
  )[];
  /**
   * aliases; the username is added when missing (at most 2 in all)
   *
   * @maxItems 2
   */
  cloudUsernames?: [] | [string] | [string, string];
  /**
   * the risk profile's start date
   */
  startDate?: string;
  /**
   * the risk profile's end date: a departing employee's departure date, when departingEmployee gives none
   */
  endDate?: string;
}
/**
 * a file-exposure event, counted by the EXFILTRATION_* filters
 */
export interface FixtureExposure {
  ago?: FixtureDuration;
  at?: FixtureInstant;
  bytes: number;
}
export interface FixtureDevice {
  name: string;
  computerId?: number;
  guid?: FixtureDigits;
  osHostname?: string;
  osName?: "win" | "mac" | "linux";
  osVersion?: string;
  /**
   * agents older than 6.8.2 report hostname UNKNOWN
   */
  productVersion?: string;
  /**
   * CrashPlan (default; full backup settings) or e.g. Artemis (Incydr agent)
   */
  service?: string;
  active?: boolean;
  blocked?: boolean;
  /**
   * macOS only
   */
  fullDiskAccess?: boolean;
  lastConnectedAgo?: FixtureDuration;
  backups?: FixtureBackup[];
  lastConnectedAt?: FixtureInstant;
  deauthorized?: boolean;
}
export interface FixtureBackup {
  /**
   * destination name, e.g. Code42 Cloud USA West
   */
  destination: string;
  destinationGuid?: FixtureDigits;
  archiveGuid?: FixtureDigits;
  archiveFormat?: "ARCHIVE_V1" | "ARCHIVE_V2";
  selectedFiles?: number;
  selectedBytes?: number;
  todoFiles?: number;
  todoBytes?: number;
  archiveBytes?: number;
  billableBytes?: number;
  lastBackupAgo?: FixtureDuration;
  lastCompletedBackupAgo?: FixtureDuration;
  lastBackupAt?: FixtureInstant;
  lastCompletedBackupAt?: FixtureInstant;
  coldStorage?: boolean;
  archiveHoldExpireDate?: string;
  /**
   * the files the archive holds, which a web restore lists and restores; folders are implied by the paths
   */
  files?: FixtureArchiveFile[];
  /**
   * restores made of the archive (its restore history)
   */
  restores?: FixtureRestore[];
}
export interface FixtureArchiveFile {
  /**
   * absolute, from / or a drive (C:/Users/...); backslashes are read as slashes
   */
  path: string;
  /**
   * the file's text; without it the restore makes size bytes of its own
   */
  content?: string;
  /**
   * bytes; defaults to the content's length
   */
  size?: number;
  lastModifiedAt?: FixtureInstant;
  /**
   * deleted on the device, still in the archive
   */
  deleted?: boolean;
}
export interface FixtureRestore {
  restoreId?: FixtureDigits;
  /**
   * the username (or API client id) that restored
   */
  requestedBy: string;
  requesterUid?: FixtureDigits;
  startedAt: FixtureInstant;
  doneAt?: FixtureInstant;
  canceledAt?: FixtureInstant;
  backupSetId?: string;
  showDeleted?: boolean;
  /**
   * @minItems 1
   */
  files: [
    {
      path: string;
      fileType: "FILE" | "DIRECTORY";
    },
    ...{
      path: string;
      fileType: "FILE" | "DIRECTORY";
    }[]
  ];
  numFiles?: number;
  numDirs?: number;
  numBytes?: number;
}
export interface FixtureApiClient {
  clientId: string;
  secret?: string;
  name?: string;
  roles?: string[];
  secretHash?: string;
}
export interface FixtureLegalHold {
  name: string;
  legalHoldUid?: FixtureDigits;
  description?: string;
  notes?: string;
  holdExtRef?: string;
  active?: boolean;
  policyName?: string;
  policyUid?: FixtureDigits;
  createdAt?: FixtureInstant;
}
/**
 * an identity provider allowed to provision users at /scim/{providerId}/v2: bearer needs token (or secretHash), basic username and password (or secretHash)
 */
export interface FixtureScimProvider {
  providerId: string;
  name?: string;
  authType: "bearer" | "basic";
  /**
   * bearer: the token the provider sends
   */
  token?: string;
  /**
   * basic
   */
  username?: string;
  /**
   * basic
   */
  password?: string;
  /**
   * orgName or orgUid new users are provisioned into
   */
  org: string;
  /**
   * the token's or password's hash (a state export with credentials)
   */
  secretHash?: string;
}
/**
 * A group a SCIM provider pushed
 */
export interface FixtureScimGroup {
  /**
   * the providerId that pushed it
   */
  provider: string;
  groupId?: string;
  displayName: string;
  externalId?: string;
  /**
   * usernames of the provider's users
   */
  members?: string[];
}
/**
 * A watchlist and its rules. A tenant has one watchlist of each type except CUSTOM: naming a type the tenant has adds to that watchlist. The legacy departing and high-risk lists are the included users of the DEPARTING_EMPLOYEE and HIGH_RISK_EMPLOYEE watchlists.
 */
export interface FixtureWatchlist {
  listType:
    | "DEPARTING_EMPLOYEE"
    | "HIGH_RISK_EMPLOYEE"
    | "NEW_EMPLOYEE"
    | "FLIGHT_RISK"
    | "PERFORMANCE_CONCERNS"
    | "HIGH_IMPACT_EMPLOYEE"
    | "ELEVATED_ACCESS_PRIVILEGES"
    | "POOR_SECURITY_PRACTICES"
    | "CONTRACT_EMPLOYEE"
    | "SUSPICIOUS_SYSTEM_ACTIVITY"
    | "CUSTOM";
  /**
   * generated when left out
   */
  watchlistId?: string;
  /**
   * CUSTOM watchlists only, and required there
   */
  title?: string;
  description?: string;
  createdAt?: FixtureInstant;
  includedUsers?: FixtureWatchlistUser[];
  excludedUsers?: FixtureWatchlistUser[];
  /**
   * everyone whose (SCIM) department is one of these is a member
   */
  departments?: FixtureWatchlistDepartment[];
  /**
   * everyone in one of these pushed SCIM groups is a member
   */
  directoryGroups?: FixtureWatchlistGroup[];
}
export interface FixtureWatchlistUser {
  username: string;
  addedAt?: FixtureInstant;
  addedAgo?: FixtureDuration;
}
export interface FixtureWatchlistDepartment {
  name: string;
  addedAt?: FixtureInstant;
}
/**
 * a pushed SCIM group, by its id or by its displayName in this tenant
 */
export interface FixtureWatchlistGroup {
  groupId?: string;
  displayName?: string;
  addedAt?: FixtureInstant;
}
/**
 * e.g. {user: alice.adams@example.com, kind: cloud-upload, count: 50, within: 1d, seed: 1}
 */
export interface FixtureGeneratedFileEvents {
  /**
   * a user of the tenant by username, user uid or e-mail
   */
  user: string;
  kind:
    | "cloud-upload"
    | "cloud-sync"
    | "removable-media"
    | "email"
    | "messaging-upload"
    | "code-repository-upload"
    | "cloud-share"
    | "print"
    | "file-created"
    | "file-modified"
    | "file-deleted";
  count: number;
  within?: FixtureDuration1;
  /**
   * the same seed, user, kind, window, overrides and load time give the same events (default 0)
   */
  seed?: number | string;
  /**
   * a partial v2 event merged into each event
   */
  overrides?: {};
}
/**
 * A trusted activity, as /v2/trusted-activities makes one and checks it (value by type, at most 255 characters; description at most 250).
 */
export interface FixtureTrustedActivity {
  type: "ACCOUNT_NAME" | "DOMAIN" | "GIT_REPOSITORY_URI" | "SLACK" | "URL_PATH";
  value: string;
  description?: string | null;
  isHighValueSource?: boolean;
  /**
   * the activity action groups (the gateway's `activityActionGroups`); left out, the type's defaults
   */
  groups?: {
    name: string;
    activityActions: {
      type: string;
      providers?:
        | {
            name: string;
          }[]
        | null;
    }[];
  }[];
  /**
   * default: the clock's now
   */
  updatedAt?: string;
  /**
   * who changed it last (a user uid or an API client id); default: the tenant's first user
   */
  updatedById?: string;
  updatedByName?: string;
  principalType?: "USER" | "API_KEY";
}
/**
 * A case, checked as /v1/cases checks one (name unique in the tenant in any case, at most 50 characters; description 250; findings 30,000). Numbered as given, else next; later numbers follow the highest given.
 */
export interface FixtureCase {
  number?: number;
  name: string;
  /**
   * OPEN unless given; an ARCHIVED case holds no file events
   */
  status?: "OPEN" | "CLOSED" | "ARCHIVED";
  description?: string | null;
  findings?: string | null;
  /**
   * username of a user of the tenant
   */
  subject?: string | null;
  /**
   * username of a user of the tenant
   */
  assignee?: string | null;
  /**
   * ISO 8601; the clock's now unless given
   */
  createdAt?: string;
  /**
   * ISO 8601; createdAt unless given
   */
  updatedAt?: string;
  archivalTime?: string | null;
  createdByUserUid?: string | null;
  createdByUsername?: string | null;
  lastModifiedByUserUid?: string | null;
  lastModifiedByUsername?: string | null;
  /**
   * ids of the tenant's file events
   */
  fileEvents?: string[];
}
/**
 * An alert rule. Its criteria are the v2 RuleDetails' vectors and filters (developer.code42.com), each completed (a key left out is false, 0 or empty); its scope is users (a username filter) and/or watchlists (the actor a member of one). A source other than Alerting makes a lens's (system) rule, whose users the rules APIs do not change.
 */
export interface FixtureAlertRule {
  /**
   * a uuid is made when left out
   */
  id?: string;
  /**
   * unique in the tenant in any case
   */
  name: string;
  description?: string | null;
  /**
   * default FED_COMPOSITE; the four others are what v1's per-type queries answer
   */
  type?:
    | "FED_ENDPOINT_EXFILTRATION"
    | "FED_CLOUD_SHARE_PERMISSIONS"
    | "FED_FILE_TYPE_MISMATCH"
    | "FED_FILE_NAME_MATCH"
    | "FED_COMPOSITE";
  /**
   * the static severity of its alerts; default HIGH
   */
  severity?: "LOW" | "MEDIUM" | "HIGH";
  /**
   * default true
   */
  enabled?: boolean;
  /**
   * default Alerting; the two others make a system rule
   */
  source?: "Alerting" | "DepartingEmployee" | "HighRiskEmployee";
  /**
   * the username filter: INCLUDE alerts only on these users, EXCLUDE on everyone else
   */
  users?: {
    mode: "INCLUDE" | "EXCLUDE";
    criteriaOrder?: number;
    usernames?: (
      | string
      | {
          alias: string;
          user?: string | null;
          userUid?: string;
        }
    )[];
  } | null;
  /**
   * the watchlists the rule is limited to: each a built-in type (DEPARTING_EMPLOYEE …, made if the tenant has none), a CUSTOM watchlist's title, or a watchlist id
   */
  watchlists?: string[];
  /**
   * the watchlist filter's criteriaOrder
   */
  watchlistsOrder?: number;
  /**
   * v2 RuleVectors: cloudSharing, download, email, fileUpload, removableMedia; none: any event
   */
  vectors?: {} | null;
  /**
   * v2 RuleFilters: fileCategory, fileName, fileTypeMismatch, fileVolume, riskIndicator, riskIndicatorExcludes, riskSeverity (and username / watchlist, instead of users / watchlists)
   */
  filters?: {} | null;
  /**
   * v2 NotificationSettings {isEnabled, contacts: [{isEnabled, type: EMAIL, address}]}
   */
  notifications?: {} | null;
  /**
   * v2 EducateUsersSettings {lessonId, messagingMethod, isAutoDismissAlertEnabled}
   */
  education?: {} | null;
  alertOnBlockedBrowserActivity?: boolean;
  /**
   * minutes over which filters.fileVolume's thresholds add up (v1's timeWindow); default 15
   */
  timeWindow?: number;
  /**
   * v1's endpoint-exfiltration sync apps (no v2 counterpart)
   */
  syncedToCloudService?: {
    watchBox?: boolean;
    watchBoxDrive?: boolean;
    watchDropBox?: boolean;
    watchGoogleBackupAndSync?: boolean;
    watchAppleIcLoud?: boolean;
    watchMicrosoftOneDrive?: boolean;
  };
  /**
   * v1's cloud-share watchGoogleDrive.publicOnTheWeb (no v2 counterpart)
   */
  googleDrivePublicOnTheWeb?: boolean;
  /**
   * an instant in UTC; default the clock's now
   */
  createdAt?: string;
  createdBy?: string;
  modifiedAt?: string;
  modifiedBy?: string;
}
/**
 * a saved file-event search, its query checked in the terms of its apiVersion as a search would run it (POST /_emulator/tenants/{uid}/saved-searches takes the same)
 */
export interface FixtureSavedSearch {
  /**
   * generated (a uuid) when left out
   */
  id?: string;
  name: string;
  notes?: string | null;
  /**
   * the version of the terms it speaks (1: v1 flat terms such as deviceUserName, 2: v2 nested terms such as user.email); default 2
   */
  apiVersion?: 1 | 2;
  /**
   * the console's columns, terms of its version
   */
  columns?: string[] | null;
  /**
   * default AND
   */
  groupClause?: "AND" | "OR";
  /**
   * filter groups ({filterClause, filters: [{term, operator, value}]}) and subgroup blocks ({subgroupClause, subgroups}), as a search takes them
   */
  groups: {}[];
  srtKey?: string | null;
  /**
   * default desc
   */
  srtDir?: "asc" | "desc";
  /**
   * a username of the tenant (default: its first user); with createdByUid, both are taken as given
   */
  createdBy?: string;
  createdByUid?: string;
  createdAt?: FixtureInstant;
  /**
   * default the creator
   */
  modifiedBy?: string;
  modifiedByUid?: string;
  modifiedAt?: FixtureInstant1;
}
/**
 * An alert of a rule on an actor's file events. Rule fields are as the rule was when the alert was raised.
 */
export interface FixtureAlert {
  id?: string;
  ruleId: string;
  ruleName: string;
  ruleDescription?: string;
  /**
   * FED_COMPOSITE unless given
   */
  ruleType?:
    | "FED_ENDPOINT_EXFILTRATION"
    | "FED_CLOUD_SHARE_PERMISSIONS"
    | "FED_FILE_TYPE_MISMATCH"
    | "FED_FILE_NAME_MATCH"
    | "FED_COMPOSITE";
  /**
   * HIGH unless given
   */
  ruleSeverity?: "LOW" | "MEDIUM" | "HIGH";
  /**
   * Alerting unless given
   */
  ruleSource?: string;
  /**
   * username of a user of the tenant, or an alias no user has
   */
  actor: string;
  /**
   * the highest of its events' unless given
   */
  riskSeverity?: "NO_RISK_INDICATED" | "LOW" | "MODERATE" | "HIGH" | "CRITICAL";
  state?: "OPEN" | "RESOLVED" | "IN_PROGRESS" | "PENDING" | "RESOLVED_TP" | "RESOLVED_FP";
  stateLastModifiedAt?: string;
  stateLastModifiedBy?: string;
  /**
   * ISO 8601; the clock's now unless given
   */
  createdAt?: string;
  watchlists?: {
    id: string;
    name: string;
    type: string;
    isSignificant: boolean;
  }[];
  /**
   * id of a session of the fixture
   */
  sessionId?: string;
  /**
   * ids of the tenant's file events it observed
   *
   * @minItems 1
   */
  fileEvents: [string, ...string[]];
  notes?: {
    id?: string;
    message: string;
    /**
     * ISO 8601
     */
    at: string;
    /**
     * username or API client id
     */
    by: string;
  }[];
}
/**
 * A session: an actor's alerted events; times epoch ms, from its events unless given
 */
export interface FixtureSession {
  id: string;
  /**
   * username of a user of the tenant, or an alias no user has
   */
  actor: string;
  beginTime?: number;
  endTime?: number;
  firstObserved?: number;
  lastUpdated?: number;
  fileEvents: string[];
  /**
   * the history, oldest first (OPEN at firstObserved unless given)
   */
  states?: {
    state: "OPEN" | "IN_PROGRESS" | "CLOSED" | "CLOSED_TP" | "CLOSED_TP_BENIGN" | "CLOSED_FP" | "OPEN_NEW_DATA";
    at: number;
    userId?: string | null;
  }[];
  notes?: {
    id?: string;
    content: string;
    at: number;
    userId?: string | null;
  }[];
}
export interface FixtureAlertCandidate {
  ruleId: string;
  actor: string;
  eventId: string;
  /**
   * the event's time, epoch ms
   */
  at: number;
  size?: number;
}
