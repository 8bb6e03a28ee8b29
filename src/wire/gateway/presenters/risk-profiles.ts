// Risk profiles -> the gateway's UserRiskProfile (the incydr SDK's RiskProfile model): dates as {year, month, day}.
import type { components } from "../../../generated/openapi.js";
import type { RiskProfilePageJson } from "../../../domains/riskprofiles/service.js";
import type { RiskProfileRow } from "../../../domains/riskprofiles/store.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";

type Schemas = components["schemas"];

/** The gateway's date as YYYY-MM-DD; undefined when it is not a day of the calendar. */
export function isoDate(d: NonNullable<Schemas["GatewayDate"]>): string | undefined {
  const text = `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text) ? text : undefined;
}

const { value, flag, present, date, json, constant } = fieldsOf<RiskProfileRow>();

/** A profile as the gateway writes it: one declaration for a single profile and for a page SQLite writes (projection.ts). */
export const GATEWAY_USER_RISK_PROFILE: Projection<RiskProfileRow, Schemas["GatewayUserRiskProfile"]> = {
  active: flag("active"),
  cloudAliases: json("cloud_aliases"),
  country: value("country"),
  deleted: present("scim_deleted_at"),
  department: value("department"),
  displayName: value("display_name"),
  division: value("division"),
  employmentType: value("employment_type"),
  endDate: date("end_date"),
  locality: value("city"),
  managerDisplayName: value("manager_display_name"),
  managerId: value("manager_uid"),
  managerUsername: value("manager_username"),
  notes: value("notes"),
  region: value("state"),
  startDate: date("start_date"),
  supportUser: constant(false),
  tenantId: value("tenant_uid"),
  title: value("title"),
  userId: value("user_uid"),
  username: value("username"),
};

export const presentGatewayRiskProfile = projector(GATEWAY_USER_RISK_PROFILE);

/** A page whose profiles SQLite wrote as JSON. */
export const presentGatewayRiskProfilePageJson = ({ totalCount, json }: RiskProfilePageJson) => jsonParts({ totalCount, userRiskProfiles: new JsonTexts(json) });
