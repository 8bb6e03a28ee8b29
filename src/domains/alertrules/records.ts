// An alert rule as the domain knows it: one record that every wire presents (the gateway's v2 RuleDetails and v1
// per-type details, py42's FedObserver details and the alerts service's rule metadata) and the alert engine judges
// file events by. The criteria keep the v2 shape (vectors and filters), which is the richest; what only v1 can say
// (the time window, sync apps, Google's "public on the web") is kept beside it.

export const RULE_TYPES = ["FED_ENDPOINT_EXFILTRATION", "FED_CLOUD_SHARE_PERMISSIONS", "FED_FILE_TYPE_MISMATCH", "FED_FILE_NAME_MATCH", "FED_COMPOSITE"] as const;
export type RuleType = (typeof RULE_TYPES)[number];
export const RULE_SEVERITIES = ["LOW", "MEDIUM", "HIGH"] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
/** Alerting: made in the alerts console; the others are made by a lens (a "system" rule, whose users are its lens's). */
export const RULE_SOURCES = ["Alerting", "DepartingEmployee", "HighRiskEmployee"] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];
/** How the rule lists and v1 name a source (py42's constants: "Departing Employee"); Alerting as it is. */
export const SOURCE_NAMES: Record<RuleSource, string> = { Alerting: "Alerting", DepartingEmployee: "Departing Employee", HighRiskEmployee: "High Risk Employee" };
export type UserFilterMode = "INCLUDE" | "EXCLUDE";

export interface CloudSharingMechanisms { observeAll: boolean; publicLinkShare: boolean; directShare: boolean }
export interface FileUploadCategory { observeAll: boolean; destinations: string[] }
export const UPLOAD_CATEGORIES = ["cloudStorage", "email", "fileConversionTool", "messaging", "pdfManager", "productivityTool", "socialMedia", "sourceCodeRepository", "webHosting"] as const;
export type UploadCategory = (typeof UPLOAD_CATEGORIES)[number];

/** The v2 RuleVectors: an absent vector is not watched. */
export interface RuleVectors {
  cloudSharing?: { observeAll: boolean; box?: CloudSharingMechanisms; googleDrive?: CloudSharingMechanisms; oneDrive?: CloudSharingMechanisms; criteriaOrder: number };
  download?: { observeAll: boolean; salesforce: boolean; box: boolean; googleDrive: boolean; microsoftOneDrive: boolean; criteriaOrder: number };
  email?: { observeAll: boolean; gmail: boolean; microsoft365: boolean; criteriaOrder: number };
  fileUpload?: { [C in UploadCategory]?: FileUploadCategory } & { advancedSettings?: { observeUncategorized: boolean }; criteriaOrder: number };
  removableMedia?: { isEnabled: boolean; criteriaOrder: number };
}

export interface RiskIndicatorFilter { categories: string[]; indicators: string[]; criteriaOrder: number }
export interface FileVolumeFilter { countGreaterThan: number; operator: "AND" | "OR"; sizeGreaterThanInBytes: number; criteriaOrder: number }

/** The v2 RuleFilters but the scope (username, watchlist), which the record holds as `users` and `watchlists`. */
export interface RuleFilters {
  fileCategory?: { categories: string[]; criteriaOrder: number };
  fileName?: { patterns: string[]; criteriaOrder: number };
  fileTypeMismatch?: { isEnabled: boolean; criteriaOrder: number };
  fileVolume?: FileVolumeFilter;
  riskIndicator?: RiskIndicatorFilter;
  riskIndicatorExcludes?: RiskIndicatorFilter;
  riskSeverity?: { low: boolean; moderate: boolean; high: boolean; critical: boolean; criteriaOrder: number };
}

export interface RuleNotifications { isEnabled: boolean; contacts: { isEnabled: boolean; type: "EMAIL"; address: string }[] }
export interface RuleEducation { lessonId?: string; messagingMethod: string; isAutoDismissAlertEnabled: boolean }

/** What v1 says and v2 has no place for. */
export interface RuleV1Knobs {
  /** Minutes over which fileVolume's thresholds add up (v1 timeWindow). */
  timeWindow: number;
  syncedToCloudService: { watchBox: boolean; watchBoxDrive: boolean; watchDropBox: boolean; watchGoogleBackupAndSync: boolean; watchAppleIcLoud: boolean; watchMicrosoftOneDrive: boolean };
  googleDrivePublicOnTheWeb: boolean;
}

export interface RuleCriteria {
  vectors: RuleVectors;
  filters: RuleFilters;
  notifications: RuleNotifications | null;
  education: RuleEducation | null;
  alertOnBlockedBrowserActivity: boolean;
  v1: RuleV1Knobs;
  /** criteriaOrder of the username and watchlist filters, which live apart. */
  usersOrder: number;
  watchlistsOrder: number;
}

/** One alias of a username filter; `userUid` is the Code42 user it was added for (null: added "from the console"). */
export interface RuleUserEntry { alias: string; userUid: string | null }

export interface AlertRuleRecord {
  id: string;
  tenantUid: string;
  name: string;
  description: string;
  type: RuleType;
  severity: RuleSeverity;
  enabled: boolean;
  /** Made by a lens (source DepartingEmployee / HighRiskEmployee): its users cannot be changed through the rules API. */
  system: boolean;
  source: RuleSource;
  createdAt: string;
  createdBy: string;
  modifiedAt: string;
  modifiedBy: string;
  criteria: RuleCriteria;
  /** The thresholds an alert needs over `criteria.v1.timeWindow` minutes (the alert engine applies them); null: none. */
  fileVolume: FileVolumeFilter | null;
  /** The username filter; null: no such filter (everyone, or only the watchlists). */
  users: { mode: UserFilterMode; entries: RuleUserEntry[] } | null;
  /** The watchlists the rule is limited to (the actor must be a member of one); empty: no watchlist filter. */
  watchlistIds: string[];
}

export const DEFAULT_V1_KNOBS: RuleV1Knobs = {
  timeWindow: 15,
  syncedToCloudService: { watchBox: false, watchBoxDrive: false, watchDropBox: false, watchGoogleBackupAndSync: false, watchAppleIcLoud: false, watchMicrosoftOneDrive: false },
  googleDrivePublicOnTheWeb: false,
};
