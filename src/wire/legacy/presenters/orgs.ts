// Organizations -> the legacy wire shape (as code42cli's test fixtures show it).
import type { components } from "../../../generated/openapi.js";
import type { OrgPage } from "../../../domains/orgs/service.js";
import type { OrgWithParent } from "../../../domains/orgs/store.js";
import { userStatus } from "../../../domains/users/status.js";

export type WireOrg = components["schemas"]["Org"];

export function presentOrg(o: OrgWithParent): WireOrg {
  return {
    orgId: o.org_id,
    orgUid: o.org_uid,
    orgGuid: o.org_guid,
    orgName: o.org_name,
    orgExtRef: o.org_ext_ref,
    notes: o.notes,
    status: userStatus(o),
    active: o.active === 1,
    blocked: o.blocked === 1,
    parentOrgId: o.parent_org_id,
    parentOrgUid: o.parent_org_uid,
    parentOrgGuid: o.parent_org_guid,
    type: o.type,
    classification: o.classification,
    externalId: o.org_uid,
    hierarchyCounts: {},
    configInheritanceCounts: {},
    creationDate: o.creation_date,
    modificationDate: o.modification_date,
    deactivationDate: o.deactivation_date,
    settings: { maxSeats: null, maxBytes: null },
    settingsInherited: { maxSeats: "", maxBytes: "" },
    settingsSummary: { maxSeats: "", maxBytes: "" },
    registrationKey: o.registration_key,
    reporting: { orgManagers: [] },
    customConfig: false,
  };
}

export function presentOrgPage(page: OrgPage) {
  return { totalCount: page.totalCount, orgs: page.orgs.map(presentOrg) };
}
