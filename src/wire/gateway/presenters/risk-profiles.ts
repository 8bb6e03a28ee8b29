// Risk profiles -> the gateway's UserRiskProfile (the incydr SDK's RiskProfile model): dates as {year, month, day}.
import type { components } from "../../../generated/openapi.js";
import type { RiskProfileRecord } from "../../../domains/riskprofiles/service.js";

type Schemas = components["schemas"];

/** YYYY-MM-DD as the gateway writes a date. */
export function gatewayDate(date: string | null): Schemas["GatewayDate"] {
  if (date === null) return null;
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** The gateway's date as YYYY-MM-DD; undefined when it is not a day of the calendar. */
export function isoDate(d: NonNullable<Schemas["GatewayDate"]>): string | undefined {
  const text = `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text) ? text : undefined;
}

export function presentGatewayRiskProfile(p: RiskProfileRecord): Schemas["GatewayUserRiskProfile"] {
  return {
    active: p.active === 1,
    cloudAliases: p.cloudAliases,
    country: p.country,
    deleted: p.scim_deleted_at !== null,
    department: p.department,
    displayName: p.display_name,
    division: p.division,
    employmentType: p.employment_type,
    endDate: gatewayDate(p.end_date),
    locality: p.city,
    managerDisplayName: p.manager_display_name,
    managerId: p.manager_uid,
    managerUsername: p.manager_username,
    notes: p.notes,
    region: p.state,
    startDate: gatewayDate(p.start_date),
    supportUser: false,
    tenantId: p.tenant_uid,
    title: p.title,
    userId: p.user_uid,
    username: p.username,
  };
}
