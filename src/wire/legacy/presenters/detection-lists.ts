// Rows -> the detection-list wire objects (USER_V2, DEPARTING_EMPLOYEE_V2, HIGH_RISK_EMPLOYEE_V2).
// Null fields are left out, as the service does; key order follows the help-center examples.
import type { components } from "../../../generated/openapi.js";
import type { EntryRow, ProfileRow } from "../../../domains/detectionlists/store.js";

type Schemas = components["schemas"];
export type WireProfile = Schemas["UserV2"];
export type WireDepartingEmployee = Schemas["DepartingEmployee"];
export type WireHighRiskEmployee = Schemas["HighRiskEmployee"];
export type ScimAttributes = Schemas["ScimAttributes"];

function head(row: ProfileRow | EntryRow) {
  return {
    tenantId: row.tenant_uid,
    userId: row.user_uid,
    userName: row.username,
    displayName: row.display_name,
    ...(row.notes !== null ? { notes: row.notes } : {}),
  };
}

const list = (json: string) => JSON.parse(json) as string[];

export function presentProfile(p: ProfileRow): WireProfile {
  return {
    "type$": "USER_V2",
    ...head(p),
    cloudUsernames: list(p.cloud_usernames),
    ...(JSON.parse(p.scim) as ScimAttributes),
    riskFactors: list(p.risk_factors) as WireProfile["riskFactors"],
  };
}

export function presentDepartingEmployee(e: EntryRow): WireDepartingEmployee {
  return {
    "type$": "DEPARTING_EMPLOYEE_V2",
    ...head(e),
    createdAt: e.created_at,
    status: "OPEN",
    cloudUsernames: list(e.cloud_usernames),
    ...(JSON.parse(e.scim) as ScimAttributes),
    ...(e.departure_date !== null ? { departureDate: e.departure_date } : {}),
    totalBytes: e.total_bytes,
    numEvents: e.num_events,
  };
}

export function presentHighRiskEmployee(e: EntryRow): WireHighRiskEmployee {
  return {
    "type$": "HIGH_RISK_EMPLOYEE_V2",
    ...head(e),
    createdAt: e.created_at,
    status: "OPEN",
    cloudUsernames: list(e.cloud_usernames),
    ...(JSON.parse(e.scim) as ScimAttributes),
    riskFactors: list(e.risk_factors) as WireHighRiskEmployee["riskFactors"],
  };
}
