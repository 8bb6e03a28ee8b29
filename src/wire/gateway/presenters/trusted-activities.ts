// Trusted activities -> the gateway's TrustedActivityResponse (the incydr SDK's TrustedActivity model).
import type { components } from "../../../generated/openapi.js";
import type { TrustedActivityRecord } from "../../../domains/trustedactivities/service.js";

type Schemas = components["schemas"];

export function presentGatewayTrustedActivity(a: TrustedActivityRecord): Schemas["GatewayTrustedActivity"] {
  return {
    activityActionGroups: a.groups.map((g) => ({
      name: "DEFAULT",
      activityActions: g.activityActions.map((x) => ({ type: x.type, providers: x.providers && x.providers.map((p) => ({ name: p.name })) })),
    })),
    activityId: String(a.activityId),
    description: a.description,
    isHighValueSource: a.isHighValueSource,
    principalType: a.principalType,
    type: a.type as Schemas["GatewayTrustedActivityType"],
    updateTime: a.updatedAt,
    updatedByPrincipalId: a.updatedById,
    updatedByPrincipalName: a.updatedByName,
    value: a.value,
  };
}
