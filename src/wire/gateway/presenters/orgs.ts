// Organizations -> the gateway's OrgResponse (the incydr SDK's Org model).
import type { components } from "../../../generated/openapi.js";
import type { CountedOrg } from "../../../domains/orgs/service.js";

export type GatewayOrg = components["schemas"]["GatewayOrg"];

export function presentGatewayOrg(o: CountedOrg): GatewayOrg {
  return {
    orgGuid: o.org_guid,
    orgName: o.org_name,
    orgExtRef: o.org_ext_ref,
    notes: o.notes,
    parentOrgGuid: o.parent_org_guid,
    active: o.active === 1,
    creationDate: o.creation_date,
    modificationDate: o.modification_date,
    deactivationDate: o.deactivation_date,
    registrationKey: o.registration_key,
    userCount: o.counts.users,
    computerCount: o.counts.computers,
    orgCount: o.counts.orgs,
  };
}
