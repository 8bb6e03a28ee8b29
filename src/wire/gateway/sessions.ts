// The gateway's sessions (/v1/sessions), keyed by operationId.
import type { Request, Response } from "express";
import type { SessionCriteria } from "../../domains/sessions/service.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { GATEWAY_SESSION, presentSession, presentSessionEvents } from "./presenters/sessions.js";

const list = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).map(String);
const int = (v: unknown): number | null => (v === undefined || v === null || v === "" ? null : Number(v));
const idOf = (req: Request) => String(req.params.sessionId);

/** The search criteria of a query string (search and change-states share them). */
function criteria(q: Request["query"]): SessionCriteria {
  const hasAlerts = queryString(q.has_alerts);
  return {
    actorId: queryString(q.actor_id) ?? null,
    onOrAfter: int(q.on_or_after),
    before: int(q.before),
    hasAlerts: hasAlerts === undefined ? null : hasAlerts.toLowerCase() === "true",
    riskIndicators: list(q.risk_indicators),
    states: list(q.state),
    severities: list(q.severity).map(Number),
    ruleIds: list(q.rule_id),
    watchlistIds: list(q.watchlist_id),
    contentInspectionStatus: queryString(q.content_inspection_status) ?? null,
    type: queryString(q.type) ?? null,
  };
}

export function gatewaySessionHandlers({ sessions }: GatewayDeps): HandlerTable {
  return {
    SearchSessions: async (req: Request, res: Response) => {
      const q = req.query;
      const c = criteria(q);
      const { json, totalCount } = await sessions.search(callerOf(req), {
        ...c,
        // Code42's default: only sessions with alerts.
        hasAlerts: c.hasAlerts ?? true,
        orderBy: queryString(q.order_by) ?? null,
        sortDirection: queryString(q.sort_direction) ?? null,
        pageNumber: int(q.page_number) ?? 0,
        pageSize: int(q.page_size) ?? 10,
      }, GATEWAY_SESSION);
      sendJsonParts(res, 200, jsonParts({ items: new JsonTexts(json), totalCount }));
    },
    ChangeSessionStateByIds: noContent(async (req: Request) => {
      const b = req.body as { ids: string[]; newState: string };
      await sessions.changeState(callerOf(req), b.ids, b.newState);
    }),
    ChangeSessionStates: async (req: Request, res: Response) => {
      const b = req.body as { newState: string; continuationToken?: string | null };
      const token = await sessions.changeStates(callerOf(req), criteria(req.query), b.newState, b.continuationToken ?? null);
      res.json({ continuationToken: token });
    },
    GetSessionDetail: async (req: Request, res: Response) => {
      res.json(presentSession(await sessions.get(callerOf(req), idOf(req))));
    },
    AddNote: noContent(async (req: Request) => {
      await sessions.addNote(callerOf(req), idOf(req), (req.body as { noteContent: string }).noteContent);
    }),
    ChangeSessionState: noContent(async (req: Request) => {
      await sessions.changeState(callerOf(req), [idOf(req)], (req.body as { newState: string }).newState);
    }),
    GetSessionEvents: async (req: Request, res: Response) => {
      res.json(presentSessionEvents(await sessions.events(callerOf(req), idOf(req))));
    },
  };
}
