// Alert rules as the gateway shows them: v2 RuleDetails (the criteria whole, each part present with every key or not
// at all: the incydr SDK refuses a null where it expects a value) and the username filter of GET .../users.
import { SOURCE_NAMES, type AlertRuleRecord } from "../../../domains/alertrules/records.js";

/** v2's spelling of the static severity (deprecated there). */
const V2_SEVERITY = { LOW: "Low", MEDIUM: "Medium", HIGH: "High" } as const;

/** The v2 RuleFilters: the stored criteria with the rule's scope and volume put back in their places. */
export function ruleFilters(rule: AlertRuleRecord) {
  return {
    ...rule.criteria.filters,
    ...(rule.fileVolume ? { fileVolume: rule.fileVolume } : {}),
    ...(rule.users ? { username: { mode: rule.users.mode, usernames: rule.users.entries.map((e) => e.alias), criteriaOrder: rule.criteria.usersOrder } } : {}),
    ...(rule.watchlistIds.length ? { watchlist: { watchlists: rule.watchlistIds.map((id) => ({ id })), criteriaOrder: rule.criteria.watchlistsOrder } } : {}),
  };
}

export function presentRuleDetails(rule: AlertRuleRecord) {
  return {
    name: rule.name,
    description: rule.description,
    severity: V2_SEVERITY[rule.severity],
    isEnabled: rule.enabled,
    source: SOURCE_NAMES[rule.source],
    notifications: rule.criteria.notifications ?? { isEnabled: false, contacts: [] },
    education: rule.criteria.education,
    vectors: rule.criteria.vectors,
    filters: ruleFilters(rule),
    alertOnBlockedBrowserActivity: rule.criteria.alertOnBlockedBrowserActivity,
    id: rule.id,
    createdAt: rule.createdAt,
    createdBy: rule.createdBy,
    modifiedAt: rule.modifiedAt,
    modifiedBy: rule.modifiedBy,
    isSystemRule: rule.system,
    systemRemovedRiskIndicators: [],
  };
}

/** What the placeholder says for aliases added without a Code42 user (v1's words, two spaces included). */
export const NULL_AUTHORITY_ID = "Null UserIdFromAuthority.  These usernames must be edited in the web app.";

/** The filter's aliases grouped by the authority user they were added for, in the order first added. */
export function usersByAuthority(rule: AlertRuleRecord): { userIdFromAuthority: string; aliases: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const e of rule.users?.entries ?? []) {
    const id = e.userUid ?? NULL_AUTHORITY_ID;
    const list = groups.get(id);
    if (list) list.push(e.alias);
    else groups.set(id, [e.alias]);
  }
  return [...groups].map(([userIdFromAuthority, aliases]) => ({ userIdFromAuthority, aliases }));
}

export function presentRuleUsers(rule: AlertRuleRecord & { users: NonNullable<AlertRuleRecord["users"]> }) {
  return { id: rule.id, users: usersByAuthority(rule), mode: rule.users.mode };
}

// --- v1 (deprecated gateway /v1/alert-rules and py42's FedObserver: one service, one shape) -------------------------

/** What each v1 per-type query answers: its rules' type, and the `type$` names of the answer and its items. */
export const V1_QUERIES = {
  endpointExfiltration: { type: "FED_ENDPOINT_EXFILTRATION", marker: "ENDPOINT_EXFILTRATION" },
  cloudSharePermissions: { type: "FED_CLOUD_SHARE_PERMISSIONS", marker: "CLOUD_SHARE_PERMISSIONS" },
  fileTypeMismatch: { type: "FED_FILE_TYPE_MISMATCH", marker: "FILE_TYPE_MISMATCH" },
  fileName: { type: "FED_FILE_NAME_MATCH", marker: "FILE_NAME" },
} as const;
export type V1Query = keyof typeof V1_QUERIES;

/** ALL_USERS without a username filter; SPECIFIED_USERS for INCLUDE, ALL_USERS_NOT_SPECIFIED for EXCLUDE. */
const usersToAlertOn = (rule: AlertRuleRecord) => (!rule.users ? "ALL_USERS" : rule.users.mode === "INCLUDE" ? "SPECIFIED_USERS" : "ALL_USERS_NOT_SPECIFIED");

/** v2's file category names ("SourceCode") in v1's enum spelling ("SOURCE_CODE"). */
const v1Category = (c: string) => c.replace(/([a-z])([A-Z])/g, "$1_$2").replace(/\s+/g, "_").toUpperCase();

function v1Common(rule: AlertRuleRecord, marker: string) {
  const notifications = rule.criteria.notifications;
  const categories = rule.criteria.filters.fileCategory?.categories ?? [];
  const aliases = (rule.users?.entries ?? []).map((e) => e.alias);
  return {
    "type$": `${marker}_RULE_DETAILS`,
    tenantId: rule.tenantUid,
    name: rule.name,
    description: rule.description,
    severity: rule.severity,
    isEnabled: rule.enabled,
    fileBelongsTo: { "type$": "FILE_BELONGS_TO", usersToAlertOn: usersToAlertOn(rule), ...(aliases.length ? { userList: aliases } : {}) },
    notificationConfig: {
      "type$": "NOTIFICATION_CONFIG",
      enabled: notifications?.isEnabled ?? false,
      ...(notifications?.contacts.length ? { notificationInfo: notifications.contacts.map((c) => ({ notificationType: c.type, notificationAddress: c.address })) } : {}),
    },
    fileCategoryWatch: { "type$": "FILE_CATEGORY_WATCH", watchAllFiles: categories.length === 0, ...(categories.length ? { fileCategoryList: categories.map(v1Category) } : {}) },
    ruleSource: SOURCE_NAMES[rule.source],
  };
}

function v1Audit(rule: AlertRuleRecord) {
  return { id: rule.id, createdAt: rule.createdAt, createdBy: rule.createdBy, modifiedAt: rule.modifiedAt, modifiedBy: rule.modifiedBy, isSystem: rule.system };
}

/** A rule in the v1 shape of its type. */
export function presentV1RuleDetails(rule: AlertRuleRecord, query: V1Query) {
  const { marker } = V1_QUERIES[query];
  const common = v1Common(rule, marker);
  const { vectors } = rule.criteria;
  const v1 = rule.criteria.v1;
  switch (query) {
    case "endpointExfiltration": {
      const volume = rule.fileVolume;
      const upload = vectors.fileUpload;
      return {
        ...common,
        fileSizeAndCount: { "type$": "FILE_SIZE_AND_COUNT", fileCountGreaterThan: volume?.countGreaterThan ?? 0, totalSizeGreaterThanInBytes: volume?.sizeGreaterThanInBytes ?? 0, operator: volume?.operator ?? "AND" },
        fileActivityIs: {
          "type$": "FILE_ACTIVITY",
          syncedToCloudService: { "type$": "SYNCED_TO_CLOUD_SERVICE", ...v1.syncedToCloudService },
          uploadedOnRemovableMedia: vectors.removableMedia?.isEnabled ?? false,
          readByBrowserOrOther: upload !== undefined && Object.values(upload).some((c) => typeof c === "object" && c !== null && "observeAll" in c && c.observeAll),
        },
        timeWindow: v1.timeWindow,
        ...v1Audit(rule),
      };
    }
    case "cloudSharePermissions": {
      const cs = vectors.cloudSharing;
      const watch = (m: { observeAll: boolean; publicLinkShare: boolean; directShare: boolean } | undefined) => ({
        publicViaLink: (cs?.observeAll || m?.observeAll || m?.publicLinkShare) ?? false,
        outsideTrustedDomains: (cs?.observeAll || m?.observeAll || m?.directShare) ?? false,
      });
      return {
        ...common,
        watchGoogleDrive: { publicOnTheWeb: v1.googleDrivePublicOnTheWeb, ...watch(cs?.googleDrive) },
        watchMicrosoftOneDrive: watch(cs?.oneDrive),
        watchBox: watch(cs?.box),
        ...v1Audit(rule),
      };
    }
    case "fileTypeMismatch":
      return { ...common, ...v1Audit(rule) };
    case "fileName":
      return { ...common, fileNamePatterns: rule.criteria.filters.fileName?.patterns ?? [], ...v1Audit(rule) };
  }
}

/** The per-type query's answer: the rules of its type among those found, in the order named. */
export function presentV1RuleDetailsResponse(rules: AlertRuleRecord[], query: V1Query) {
  const { type, marker } = V1_QUERIES[query];
  return { "type$": `${marker}_RULE_DETAILS_RESPONSE`, rules: rules.filter((r) => r.type === type).map((r) => presentV1RuleDetails(r, query)) };
}

/** v1 query-users: the aliases by authority user, and whom the rule alerts on. */
export function presentUsersInRule(rule: AlertRuleRecord) {
  return { users: usersByAuthority(rule).map((u) => ({ userIdFromAuthority: u.userIdFromAuthority, userAliasList: u.aliases })), usersToAlertOn: usersToAlertOn(rule) };
}

/** A rule in the alerts service's rule list (one id: the rule's, as metadata id and observerRuleId alike). */
export function presentRuleMetadata(rule: AlertRuleRecord) {
  return {
    "type$": "RULE_METADATA",
    modifiedBy: rule.modifiedBy,
    modifiedAt: rule.modifiedAt,
    name: rule.name,
    description: rule.description,
    severity: rule.severity,
    isSystem: rule.system,
    isEnabled: rule.enabled,
    ruleSource: SOURCE_NAMES[rule.source],
    tenantId: rule.tenantUid,
    observerRuleId: rule.id,
    type: rule.type,
    id: rule.id,
    createdBy: rule.createdBy,
    createdAt: rule.createdAt,
  };
}

export function presentRuleMetadataPage(page: { totalCount: number; rules: AlertRuleRecord[] }) {
  return { "type$": "RULE_METADATA_SEARCH_RESPONSE", ruleMetadata: page.rules.map(presentRuleMetadata), totalCount: page.totalCount, problems: [] };
}
