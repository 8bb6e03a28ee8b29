// Audit events -> the gateway's events (the incydr SDK's AuditEventsPage: a dict per event, `type$` first).
import type { components } from "../../../generated/openapi.js";
import type { AuditEventRecord } from "../../../domains/auditlog/service.js";

export function presentGatewayAuditEvent(e: AuditEventRecord): components["schemas"]["GatewayAuditEvent"] {
  return {
    "type$": e.type,
    actorId: e.actorId,
    actorName: e.actorName,
    actorAgent: e.actorAgent,
    actorIpAddress: e.actorIpAddress,
    timestamp: e.at,
    actorType: e.actorType as components["schemas"]["GatewayAuditEvent"]["actorType"],
    ...(e.resourceId !== null ? { resourceId: e.resourceId } : {}),
    ...e.details,
  };
}

/** A page and where it sits among all matches (start index inclusive, end exclusive, as the SDK's example shows). */
export const presentGatewayAuditPage = (events: AuditEventRecord[], start: number) => ({
  events: events.map(presentGatewayAuditEvent),
  paginationRangeStartIndex: start,
  paginationRangeEndIndex: start + events.length,
});
