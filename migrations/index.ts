// The ordered list of migrations. Forward-only: add a file, never edit a released one.
import type { Migration } from "kysely";
import * as foundation from "./0001_foundation.js";
import * as detectionLists from "./0002_detection_lists.js";
import * as devicesLegalHolds from "./0003_devices_legal_holds.js";
import * as accountLinks from "./0004_account_links.js";
import * as scim from "./0005_scim.js";
import * as userList from "./0006_user_list.js";
import * as triggerLookups from "./0007_trigger_lookups.js";
import * as totpReplay from "./0008_totp_replay.js";
import * as invitedStays from "./0009_invited_stays.js";
import * as scimOwnership from "./0010_scim_ownership.js";
import * as profileDates from "./0011_profile_dates.js";
import * as watchlists from "./0012_watchlists.js";
import * as actors from "./0013_actors.js";
import * as riskFactorWatchlists from "./0014_risk_factor_watchlists.js";
import * as trustedActivities from "./0015_trusted_activities.js";
import * as auditEvents from "./0016_audit_events.js";
import * as fileEvents from "./0017_file_events.js";
import * as savedSearches from "./0018_saved_searches.js";
import * as exposuresAreFileEvents from "./0019_exposures_are_file_events.js";
import * as fileContents from "./0020_file_contents.js";
import * as fileEventUserOrder from "./0021_file_event_user_order.js";
import * as sparseFileEvents from "./0022_sparse_file_events.js";
import * as cases from "./0023_cases.js";
import * as alertRules from "./0024_alert_rules.js";
import * as alertsSessions from "./0025_alerts_sessions.js";
import * as orgSettings from "./0026_org_settings.js";
import * as archivesRestores from "./0029_archives_restores.js";
import * as sharedState from "./0030_shared_state.js";
import * as listOrders from "./0031_list_orders.js";
import * as fileEventKey from "./0032_file_event_key.js";
import * as sessionSums from "./0033_session_sums.js";
import * as sessionSumColumns from "./0034_session_sum_columns.js";
import * as includedUsernames from "./0035_included_usernames.js";
import * as sessionKeptLists from "./0036_session_kept_lists.js";
import * as fileEventsJsonb from "./0037_file_events_jsonb.js";
import * as sessionListsWritten from "./0038_session_lists_written.js";
import * as sessionRuleNames from "./0039_session_rule_names.js";
import * as exposuresByUserAndTime from "./0040_exposures_by_user_and_time.js";
import * as includedListKeys from "./0041_included_list_keys.js";
import * as sessionSummaries from "./0042_session_summaries.js";

export const migrations: Record<string, Migration> = {
  "0001_foundation": foundation,
  "0002_detection_lists": detectionLists,
  "0003_devices_legal_holds": devicesLegalHolds,
  "0004_account_links": accountLinks,
  "0005_scim": scim,
  "0006_user_list": userList,
  "0007_trigger_lookups": triggerLookups,
  "0008_totp_replay": totpReplay,
  "0009_invited_stays": invitedStays,
  "0010_scim_ownership": scimOwnership,
  "0011_profile_dates": profileDates,
  "0012_watchlists": watchlists,
  "0013_actors": actors,
  "0014_risk_factor_watchlists": riskFactorWatchlists,
  "0015_trusted_activities": trustedActivities,
  "0016_audit_events": auditEvents,
  "0017_file_events": fileEvents,
  "0018_saved_searches": savedSearches,
  "0019_exposures_are_file_events": exposuresAreFileEvents,
  "0020_file_contents": fileContents,
  "0021_file_event_user_order": fileEventUserOrder,
  "0022_sparse_file_events": sparseFileEvents,
  "0023_cases": cases,
  "0024_alert_rules": alertRules,
  "0025_alerts_sessions": alertsSessions,
  "0026_org_settings": orgSettings,
  "0029_archives_restores": archivesRestores,
  "0030_shared_state": sharedState,
  "0031_list_orders": listOrders,
  "0032_file_event_key": fileEventKey,
  "0033_session_sums": sessionSums,
  "0034_session_sum_columns": sessionSumColumns,
  "0035_included_usernames": includedUsernames,
  "0036_session_kept_lists": sessionKeptLists,
  "0037_file_events_jsonb": fileEventsJsonb,
  "0038_session_lists_written": sessionListsWritten,
  "0039_session_rule_names": sessionRuleNames,
  "0040_exposures_by_user_and_time": exposuresByUserAndTime,
  "0041_included_list_keys": includedListKeys,
  "0042_session_summaries": sessionSummaries,
};
