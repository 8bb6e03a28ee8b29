// Rows -> the detection-list wire objects (USER_V2, DEPARTING_EMPLOYEE_V2, HIGH_RISK_EMPLOYEE_V2).
// Null fields are left out, as the service does; key order follows the help-center examples. The entries are
// projections (projection.ts): a search's page is written by SQLite from the same declaration.
import type { components } from "../../../generated/openapi.js";
import type { EntryRow, ProfileRow } from "../../../domains/detectionlists/store.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

type Schemas = components["schemas"];
export type WireProfile = Schemas["UserV2"];
export type WireDepartingEmployee = Schemas["DepartingEmployee"];
export type WireHighRiskEmployee = Schemas["HighRiskEmployee"];
export type ScimAttributes = Schemas["ScimAttributes"];

/** A wire shape whose SCIM attributes are the members of one field of the record. */
type WithScimMembers<W> = Omit<W, keyof ScimAttributes> & { "...scim": ScimAttributes };

const { value, ifSet, json, members, constant } = fieldsOf<EntryRow>();

/** What an entry of either list shows first, under its type$. */
const entryFields = (typeName: string) => ({
  "type$": constant(typeName),
  tenantId: value("tenant_uid"),
  userId: value("user_uid"),
  userName: value("username"),
  displayName: value("display_name"),
  notes: ifSet("notes"),
  createdAt: value("created_at"),
  status: constant("OPEN"),
  cloudUsernames: json("cloud_usernames"),
  "...scim": members("scim"),
});

export const DEPARTING_EMPLOYEE: Projection<EntryRow, WithScimMembers<WireDepartingEmployee>> = {
  ...entryFields("DEPARTING_EMPLOYEE_V2"),
  departureDate: ifSet("departure_date"),
  totalBytes: value("total_bytes"),
  numEvents: value("num_events"),
};

export const HIGH_RISK_EMPLOYEE: Projection<EntryRow, WithScimMembers<WireHighRiskEmployee>> = {
  ...entryFields("HIGH_RISK_EMPLOYEE_V2"),
  riskFactors: json("risk_factors"),
};

const profile = fieldsOf<ProfileRow>();

const PROFILE: Projection<ProfileRow, WithScimMembers<WireProfile>> = {
  "type$": profile.constant("USER_V2"),
  tenantId: profile.value("tenant_uid"),
  userId: profile.value("user_uid"),
  userName: profile.value("username"),
  displayName: profile.value("display_name"),
  notes: profile.ifSet("notes"),
  cloudUsernames: profile.json("cloud_usernames"),
  "...scim": profile.members("scim"),
  riskFactors: profile.json("risk_factors"),
};

export const presentProfile: (p: ProfileRow) => WireProfile = projector(PROFILE);
export const presentDepartingEmployee: (e: EntryRow) => WireDepartingEmployee = projector(DEPARTING_EMPLOYEE);
export const presentHighRiskEmployee: (e: EntryRow) => WireHighRiskEmployee = projector(HIGH_RISK_EMPLOYEE);
