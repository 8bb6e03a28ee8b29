// The gateway's audit log, keyed by operationId: search, count, the export of results (the events themselves), the
// export (a download token) and redeeming its token (a CSV file, as Code42's document produces it and the incydr SDK's
// download_events saves it). Search and export of results answer CSV to a client that accepts only text/csv.
import type { Request, Response } from "express";
import type { AuditEventRecord, AuditQuery } from "../../domains/auditlog/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";
import { presentAuditCsv, presentGatewayAuditPage } from "./presenters/audit-log.js";

type Search = RequestOf<"searchGatewayAuditLog">["body"] | RequestOf<"exportGatewayAuditLog">["body"];

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

/**
 * The file name the SDK falls back to when none is given (audit_log/client.py). Express sends it unquoted, which
 * matters: the SDK takes everything after "filename=" as the name (core/utils.py).
 */
const EXPORT_FILE = "AuditLog_SearchResults.csv";

// JSON unless the client asks for CSV over it (py42 sends application/json, the SDK any type).
function answer(req: Request, res: Response, events: AuditEventRecord[], start: number): void {
  if (req.accepts(["application/json", "text/csv"]) === "text/csv") res.type("text/csv").send(presentAuditCsv(events));
  else res.json(presentGatewayAuditPage(events, start));
}

export function gatewayAuditLogHandlers({ auditLog }: GatewayDeps): HandlerTable {
  return {
    searchGatewayAuditLog: async (req, res) => {
      const page = req.body.page ?? 0;
      const pageSize = req.body.pageSize ?? 100;
      answer(req, res, await auditLog.search(callerOf(req), queryOf(req.body), page, pageSize), page * pageSize);
    },
    countGatewayAuditLog: async (req, res) => {
      res.json({ totalResultCount: await auditLog.count(callerOf(req), queryOf(req.body)) });
    },
    exportGatewayAuditLogResults: async (req, res) => {
      answer(req, res, await auditLog.exportAll(callerOf(req), queryOf(req.body)), 0);
    },
    exportGatewayAuditLog: async (req, res) => {
      res.json({ downloadToken: auditLog.exportToken(callerOf(req), queryOf(req.body)) });
    },
    redeemGatewayAuditLogDownloadToken: async (req, res) => {
      const events = await auditLog.redeem(callerOf(req), String(req.query.downloadToken));
      res.type("text/csv").attachment(EXPORT_FILE).send(presentAuditCsv(events));
    },
  };
}
