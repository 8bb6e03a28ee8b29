// The gateway's audit log, keyed by operationId: search, count, export (either form) and redeeming the export's token.
import type { AuditQuery } from "../../domains/auditlog/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";
import { presentGatewayAuditPage } from "./presenters/audit-log.js";

type Search = RequestOf<"searchGatewayAuditLog">["body"];

const queryOf = (b: Search): AuditQuery => ({
  actorIds: b.actorIds,
  actorNames: b.actorNames,
  actorIpAddresses: b.actorIpAddresses,
  eventTypes: b.eventTypes,
  resourceIds: b.resourceIds,
  userTypes: b.userTypes,
  startTime: b.dateRange?.startTime,
  endTime: b.dateRange?.endTime,
});

export function gatewayAuditLogHandlers({ auditLog }: GatewayDeps): HandlerTable {
  const exportToken = async (req: RequestOf<"exportGatewayAuditLog" | "exportGatewayAuditLogResults">, res: import("express").Response) => {
    res.json({ downloadToken: auditLog.exportToken(callerOf(req), queryOf(req.body)) });
  };
  return {
    searchGatewayAuditLog: async (req, res) => {
      const page = req.body.page ?? 0;
      const pageSize = req.body.pageSize ?? 100;
      res.json(presentGatewayAuditPage(await auditLog.search(callerOf(req), queryOf(req.body), page, pageSize), page * pageSize));
    },
    countGatewayAuditLog: async (req, res) => {
      res.json({ totalResultCount: await auditLog.count(callerOf(req), queryOf(req.body)) });
    },
    exportGatewayAuditLog: exportToken,
    exportGatewayAuditLogResults: exportToken,
    redeemGatewayAuditLogDownloadToken: async (req, res) => {
      res.json(presentGatewayAuditPage(await auditLog.redeem(callerOf(req), String(req.query.downloadToken)), 0));
    },
  };
}
