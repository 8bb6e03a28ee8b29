// The audit log on the legacy wire (POST /rpc/search/search-audit-log, py42 1.29's auditlogs), keyed by operationId:
// the gateway's search over the same service, with py42's filter names and its dates as text. py42's format="CSV" and
// format="CEF" ask for the page as text by the Accept header (services/auditlogs.py HEADER_MAP).
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import type { AuditLogService, AuditQuery } from "../../domains/auditlog/service.js";
import { presentAuditCef, presentAuditCsv, presentGatewayAuditPage } from "../gateway/presenters/audit-log.js";

type Search = RequestOf<"searchAuditLog">["body"];

const seconds = (at: string | null | undefined) => (at ? Date.parse(at) / 1000 : null);

const queryOf = (b: Search): AuditQuery => ({
  actorIds: b.actorIds,
  actorNames: b.actorNames,
  actorIpAddresses: b.actorIpAddresses,
  eventTypes: b.eventTypes,
  affectedUserIds: b.affectedUserIds,
  affectedUserNames: b.affectedUserNames,
  startTime: seconds(b.dateRange?.startTime),
  endTime: seconds(b.dateRange?.endTime),
});

export function auditLogHandlers(auditLog: AuditLogService): HandlerTable {
  return {
    searchAuditLog: async (req, res) => {
      const caller = callerOf(req);
      const q = queryOf(req.body);
      const page = req.body.page ?? 0;
      const pageSize = req.body.pageSize ?? 500;
      const format = req.accepts(["application/json", "text/csv", "text/x-cef"]);
      if (format === "text/csv" || format === "text/x-cef") {
        const events = await auditLog.search(caller, q, page, pageSize);
        res.type(format).send(format === "text/csv" ? presentAuditCsv(events) : presentAuditCef(events));
        return;
      }
      const [events, totalResultCount] = await Promise.all([auditLog.search(caller, q, page, pageSize), auditLog.count(caller, q)]);
      res.json({ ...presentGatewayAuditPage(events, page * pageSize), totalResultCount });
    },
  };
}
