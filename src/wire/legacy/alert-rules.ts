// Alert rules on the legacy wire (py42 1.29's FedObserver /svc/api/v1/Rules and the alerts service's rule metadata),
// keyed by operationId: the gateway's v1 handlers, since both are Code42's one rules service.
import type { AlertRuleService } from "../../domains/alertrules/service.js";
import type { HandlerTable } from "../../http/handlers.js";
import { v1RuleOperations } from "../gateway/alert-rules.js";

export function legacyAlertRuleHandlers(rules: AlertRuleService): HandlerTable {
  const h = v1RuleOperations(rules);
  return {
    addLegacyRuleUsers: h.addUsers,
    removeLegacyRuleUsers: h.removeUsers,
    removeAllLegacyRuleUsers: h.removeAllUsers,
    queryLegacyEndpointExfiltrationRules: h.endpointExfiltration,
    queryLegacyCloudSharePermissionsRules: h.cloudSharePermissions,
    queryLegacyFileTypeMismatchRules: h.fileTypeMismatch,
    queryLegacyFileNameRules: h.fileName,
    queryLegacyRuleMetadata: h.metadata,
  };
}
