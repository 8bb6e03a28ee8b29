// Org settings -> the legacy wire shapes py42's OrgSettings reads (py42 tests/clients/settings/org_settings_*.json):
// the org's `settings` (with the inheritance flags), `settingsInherited` and `settingsSummary`, `orgInheritDto`, and
// the key/value packets of /api/v1/OrgSetting.
import type { OrgSettingsView } from "../../../domains/orgs/settings-service.js";
import { DESTINATIONS, ownsGroup, type OrgSettingValues } from "../../../domains/orgs/settings.js";

function values(v: OrgSettingValues) {
  return {
    maxSeats: v.maxSeats,
    maxBytes: v.maxBytes,
    archiveHoldDays: v.archiveHoldDays,
    defaultUserMaxBytes: v.defaultUserMaxBytes,
    webRestoreUserLimitMb: v.webRestoreUserLimitMb,
    webRestoreAdminLimitMb: v.webRestoreAdminLimitMb,
    warnInDays: v.warnInDays,
    alertInDays: v.alertInDays,
    recipients: v.recipients,
    // The destinations offered, each saying whether a new device starts backing up to it by itself.
    destinations: DESTINATIONS.filter((d) => v.destinations.includes(d.guid)).map((d) => ({ ...d, autoStart: v.autoStartDestinations.includes(d.guid) })),
  };
}

/** The three settings views of an org fetched with incSettings. */
export function presentOrgSettings(view: OrgSettingsView) {
  return {
    settings: {
      ...values(view.settings),
      allDestinations: DESTINATIONS.map((d) => ({ ...d })),
      isUsingQuotaDefaults: !ownsGroup(view.own, "quota"),
      isUsingReportingDefaults: !ownsGroup(view.own, "reporting"),
      isUsingDestinationDefaults: !ownsGroup(view.own, "destinations"),
    },
    settingsInherited: values(view.inherited),
    settingsSummary: values(view.settings),
  };
}

/** Which org each inherited part comes from (incInheritedOrgInfo); null where the tenant's defaults apply. */
export function presentInheritDto(view: OrgSettingsView) {
  const from = view.providers.destinations;
  return {
    orgId: view.org.org_id,
    orgUid: view.org.org_uid,
    orgIdProvidingOrg: null,
    orgUidProvidingOrg: null,
    orgNameProvidingOrg: null,
    orgIdProvidingDestinations: from?.org_id ?? null,
    orgUidProvidingDestinations: from?.org_uid ?? null,
    orgNameProvidingDestinations: from?.org_name ?? null,
    // Device defaults are not emulated yet: no org provides them.
    orgIdProvidingDeviceDefaults: null,
    orgUidProvidingDeviceDefaults: null,
    orgNameProvidingDeviceDefaults: null,
  };
}

/** The packets keyed by key, each with the org that set it as its `id` (as py42's test data has them). */
export function presentPackets(view: OrgSettingsView) {
  return Object.fromEntries([...view.packets].map(([key, p]) => [key, { scope: "ORG", value: p.value, locked: p.locked, id: p.providerOrgId }]));
}
