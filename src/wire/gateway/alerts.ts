// The gateway's alerts (/v1/alerts, /api/v2 and /api/v3 query-details-aggregate), keyed by operationId; py42's alert
// service (wire/legacy/alerts.ts) is the same service and answers with these handlers.
import type { Request, Response } from "express";
import type { AlertService } from "../../domains/alerts/service.js";
import type { AlertFilterGroup, AlertQueryProblem } from "../../domains/alerts/query.js";
import { requestOrigin } from "../../domains/tenant/discovery.js";
import { callerOf } from "../../http/caller.js";
import { ApiError } from "../../http/errors.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";
import { sendJsonParts } from "../../http/json-text.js";
import { ALERT_SUMMARY, presentAggregateV2, presentAggregateV3, presentAlertDetailsResponse, presentAlertQueryJson } from "./presenters/alerts.js";

type Body = Record<string, unknown>;
const bodyOf = (req: Request) => (req.body ?? {}) as Body;
const optionalText = (v: unknown): string | null => (typeof v === "string" ? v : null);
const origin = (req: Request) => requestOrigin(req.protocol, req.get("host"), `${req.socket.localAddress}:${req.socket.localPort}`);

/** A query refused: 400 with the query answer's shape, its problems filled, beside the gateway's code and message. */
const refused = (problems: AlertQueryProblem[]) =>
  new ApiError(400, "ALERT_QUERY_INVALID", problems.map((p) => `${p.type}: ${p.badFilter}`).join("; "), { "type$": "ALERT_QUERY_RESPONSE", alerts: [], totalCount: 0, problems });

/** Every alert operation, for whichever operationIds a wire gives them. */
export function alertOperations(alerts: AlertService) {
  return {
    search: async (req: Request, res: Response) => {
      const b = bodyOf(req);
      const page = await alerts.search(callerOf(req), {
        tenantId: optionalText(b.tenantId),
        groupClause: String(b.groupClause),
        groups: (b.groups ?? []) as AlertFilterGroup[],
        pgNum: Number(b.pgNum),
        pgSize: Number(b.pgSize),
        srtKey: optionalText(b.srtKey),
        srtDirection: optionalText(b.srtDirection),
      }, ALERT_SUMMARY);
      if (!("alerts" in page)) throw refused(page.problems);
      sendJsonParts(res, 200, presentAlertQueryJson(page));
    },
    details: async (req: Request, res: Response) => {
      const b = bodyOf(req);
      res.json(presentAlertDetailsResponse(await alerts.details(callerOf(req), b.alertIds as string[], optionalText(b.tenantId))));
    },
    updateState: noContent(async (req: Request) => {
      const b = bodyOf(req);
      await alerts.updateState(callerOf(req), { tenantId: optionalText(b.tenantId), alertIds: b.alertIds as string[], state: String(b.state), note: optionalText(b.note) });
    }, 200),
    updateAllState: async (req: Request, res: Response) => {
      const b = bodyOf(req);
      const answer = await alerts.updateAllState(callerOf(req), {
        tenantId: optionalText(b.tenantId),
        groupClause: String(b.groupClause),
        groups: (b.groups ?? []) as AlertFilterGroup[],
        state: String(b.state),
        continuationToken: optionalText(b.continuationToken),
      });
      if ("problems" in answer) throw refused(answer.problems);
      res.json(answer);
    },
    addNote: noContent(async (req: Request) => {
      const b = bodyOf(req);
      await alerts.addNote(callerOf(req), { tenantId: optionalText(b.tenantId), alertId: String(b.alertId), note: String(b.note) });
    }, 200),
    aggregateV2: async (req: Request, res: Response) => {
      res.json(presentAggregateV2(await alerts.detail(callerOf(req), String(bodyOf(req).alertId)), origin(req)));
    },
    aggregateV3: async (req: Request, res: Response) => {
      res.json(presentAggregateV3(await alerts.detail(callerOf(req), String(bodyOf(req).alertId)), origin(req)));
    },
  };
}

export function gatewayAlertHandlers({ alerts }: GatewayDeps): HandlerTable {
  const h = alertOperations(alerts);
  return {
    Alerts_QueryAlert: h.search,
    Alerts_QueryAlertDetails: h.details,
    Alerts_UpdateAlertState: h.updateState,
    Alerts_UpdateAllAlertState: h.updateAllState,
    Alerts_AddNoteToAlert: h.addNote,
    AlertsControllerV2_QueryAlertDetailsAggregateV2: h.aggregateV2,
    AlertsControllerV3_QueryAlertDetailsAggregateV3: h.aggregateV3,
  };
}
