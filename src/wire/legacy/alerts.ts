// The alert service on the legacy wire (/svc/api/v1 and v2, py42 1.29 and code42cli 1.19), keyed by operationId: the
// gateway's handlers, since both are Code42's one alert service.
import type { AlertService } from "../../domains/alerts/service.js";
import type { HandlerTable } from "../../http/handlers.js";
import { alertOperations } from "../gateway/alerts.js";

export function legacyAlertHandlers(alerts: AlertService): HandlerTable {
  const h = alertOperations(alerts);
  return {
    queryLegacyAlerts: h.search,
    queryLegacyAlertDetails: h.details,
    updateLegacyAlertState: h.updateState,
    addLegacyAlertNote: h.addNote,
    queryLegacyAlertAggregate: h.aggregateV2,
  };
}
