// Trusted activities -> the legacy wire's TrustedResourceResponse (py42 1.29; the gateway's /v1 shares it).
import type { components } from "../../../generated/openapi.js";
import type { TrustedActivityRecord } from "../../../domains/trustedactivities/service.js";

export function presentTrustResource(a: TrustedActivityRecord): components["schemas"]["TrustResource"] {
  return {
    resourceId: String(a.activityId),
    type: a.type as components["schemas"]["TrustType"],
    value: a.value,
    description: a.description,
    updatedAt: a.updatedAt,
    updatedByUserUid: a.updatedById,
    updatedByUsername: a.updatedByName,
    principalType: a.principalType === "API_KEY" ? "APIKEY" : "USER",
  };
}
