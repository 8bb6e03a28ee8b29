// Actors -> the gateway's Actor (the incydr SDK's model: dates as YYYY-MM-DD) and ActorRiskProfile (Code42's document
// of 2024-09-13: the user risk profile by actor, dates as {year, month, day}).
import type { components } from "../../../generated/openapi.js";
import type { ActorFamily, ActorRecord } from "../../../domains/actors/service.js";
import type { RiskProfileRecord } from "../../../domains/riskprofiles/service.js";
import { gatewayDate } from "./risk-profiles.js";

type Schemas = components["schemas"];

export function presentGatewayActor(a: ActorRecord): Schemas["GatewayActor"] {
  return {
    active: a.active === 1,
    actorId: a.user_uid,
    alternateNames: a.alternateNames,
    country: a.country,
    department: a.department,
    division: a.division,
    employeeType: a.employment_type,
    endDate: a.end_date,
    firstName: a.first_name,
    // Monitored by at least one data source: the Code42 agent watches active users only.
    inScope: a.active === 1,
    lastName: a.last_name,
    locality: a.city,
    managerActorId: a.manager_uid,
    name: a.username,
    notes: a.notes,
    parentActorId: a.parent_actor_uid,
    region: a.state,
    startDate: a.start_date,
    title: a.title,
  };
}

export const presentGatewayActorFamily = (f: ActorFamily) => ({ children: f.children.map(presentGatewayActor), parent: presentGatewayActor(f.parent) });

export function presentGatewayActorRiskProfile(p: RiskProfileRecord): Schemas["GatewayActorRiskProfile"] {
  return {
    active: p.active === 1,
    actorId: p.user_uid,
    actorname: p.username,
    country: p.country,
    department: p.department,
    displayName: p.display_name,
    division: p.division,
    employmentType: p.employment_type,
    endDate: gatewayDate(p.end_date),
    locality: p.city,
    managerActorname: p.manager_username,
    managerDisplayName: p.manager_display_name,
    managerId: p.manager_uid,
    notes: p.notes,
    region: p.state,
    startDate: gatewayDate(p.start_date),
    tenantId: p.tenant_uid,
    title: p.title,
  };
}
