// The gateway's file-event searches, keyed by operationId: v2 (nested terms and events) and v1 (flat), one store.
// A refused query is a 400 carrying the page envelope with its problems, as the real service answers it.
import type { Response } from "express";
import type { SearchInput, TermVersion } from "../../domains/fileevents/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";
import { presentFileEventPage, presentFileEventV1, presentFileEventV2 } from "./presenters/file-events.js";

type Search = RequestOf<"searchGatewayFileEventsV2">["body"];

const searchOf = (b: Search): SearchInput => ({
  query: { groupClause: b.groupClause, groups: b.groups },
  pgNum: b.pgNum,
  pgSize: b.pgSize,
  pgToken: b.pgToken,
  srtKey: b.srtKey,
  srtDir: b.srtDir,
});

export function gatewayFileEventHandlers({ fileEvents }: GatewayDeps): HandlerTable {
  const search = (version: TermVersion) => async (req: RequestOf<"searchGatewayFileEventsV1" | "searchGatewayFileEventsV2">, res: Response) => {
    const result = await fileEvents.search(callerOf(req), version, searchOf(req.body));
    const page = version === "v2" ? presentFileEventPage(result, presentFileEventV2) : presentFileEventPage(result, presentFileEventV1);
    res.status(result.problems.length ? 400 : 200).json(page);
  };
  return {
    searchGatewayFileEventsV1: search("v1"),
    searchGatewayFileEventsV2: search("v2"),
  };
}
