// Actors -> the gateway's Actor (the incydr SDK's model: dates as YYYY-MM-DD) and ActorRiskProfile (Code42's document
// of 2024-09-13: the user risk profile by actor, dates as {year, month, day}).
import type { components } from "../../../generated/openapi.js";
import type { ActorFamily, ActorRecord } from "../../../domains/actors/service.js";
import type { RiskProfilePageJson } from "../../../domains/riskprofiles/service.js";
import type { RiskProfileRow } from "../../../domains/riskprofiles/store.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";

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

const profile = fieldsOf<RiskProfileRow>();

/** An actor's risk profile as the gateway writes it: one declaration for a single profile and a page (projection.ts). */
export const GATEWAY_ACTOR_RISK_PROFILE: Projection<RiskProfileRow, Schemas["GatewayActorRiskProfile"]> = {
  active: profile.flag("active"),
  actorId: profile.value("user_uid"),
  actorname: profile.value("username"),
  country: profile.value("country"),
  department: profile.value("department"),
  displayName: profile.value("display_name"),
  division: profile.value("division"),
  employmentType: profile.value("employment_type"),
  endDate: profile.date("end_date"),
  locality: profile.value("city"),
  managerActorname: profile.value("manager_username"),
  managerDisplayName: profile.value("manager_display_name"),
  managerId: profile.value("manager_uid"),
  notes: profile.value("notes"),
  region: profile.value("state"),
  startDate: profile.date("start_date"),
  tenantId: profile.value("tenant_uid"),
  title: profile.value("title"),
};

export const presentGatewayActorRiskProfile = projector(GATEWAY_ACTOR_RISK_PROFILE);

/** A page whose profiles SQLite wrote as JSON (the profiles first, as the gateway writes them). */
export const presentGatewayActorRiskProfilePageJson = ({ totalCount, json }: RiskProfilePageJson) => jsonParts({ actorRiskProfiles: new JsonTexts(json), totalCount });
