// The gateway's file events, keyed by operationId: searches, grouping, CSV export and saved searches in v2 (nested
// terms and events) and v1 (flat) over one store, and the risk indicator catalogue. A refused query is a 400 carrying
// the operation's envelope with its problems, as the real service answers it.
import type { Response } from "express";
import type { SavedSearchReading } from "../../domains/fileevents/saved-searches.js";
import type { SearchInput, TermVersion } from "../../domains/fileevents/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import { sendJsonParts } from "../../http/json-text.js";
import { queryBoolean } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { presentFileEventsCsv } from "./presenters/file-events-csv.js";
import { presentFileEventPage, presentFileEventPageV2Json, presentFileEventV1 } from "./presenters/file-events.js";

type Search = RequestOf<"searchGatewayFileEventsV2">["body"];

const searchOf = (b: Search): SearchInput => ({
  query: { groupClause: b.groupClause, groups: b.groups },
  pgNum: b.pgNum,
  pgSize: b.pgSize,
  pgToken: b.pgToken,
  srtKey: b.srtKey,
  srtDir: b.srtDir,
});

export function gatewayFileEventHandlers({ fileEvents, savedSearches }: GatewayDeps): HandlerTable {
  const search = (version: TermVersion) => async (req: RequestOf<"searchGatewayFileEventsV1" | "searchGatewayFileEventsV2">, res: Response) => {
    const result = await fileEvents.search(callerOf(req), version, searchOf(req.body));
    const status = result.problems.length ? 400 : 200;
    if (version === "v2") sendJsonParts(res, status, presentFileEventPageV2Json(result));
    else res.status(status).json(presentFileEventPage(result, presentFileEventV1));
  };
  const group = (version: TermVersion) => async (req: RequestOf<"groupGatewayFileEventsV1" | "groupGatewayFileEventsV2">, res: Response) => {
    const b = req.body;
    const result = await fileEvents.group(callerOf(req), version, { groupClause: b.groupClause, groups: b.groups }, b.groupingTerm, b.size);
    res.status(result.problems.length ? 400 : 200).json({ groups: result.groups, problems: result.problems.length ? result.problems : null });
  };
  const exportCsv = (version: TermVersion) => async (req: RequestOf<"exportGatewayFileEventsV1" | "exportGatewayFileEventsV2">, res: Response) => {
    const b = req.body;
    const result = await fileEvents.export(callerOf(req), version, { query: { groupClause: b.groupClause, groups: b.groups }, srtKey: b.srtKey, srtDir: b.srtDir }, b.columns);
    if (result.problems.length) res.status(400).json({ problems: result.problems });
    else res.status(200).type("text/csv").send(presentFileEventsCsv(version, result));
  };
  // The legacy query service's readers (py42, code42cli) read plain filter groups only.
  const list = (reading: SavedSearchReading): HandlerTable["listGatewayFileEventsSavedSearchesV2"] => async (req, res) => {
    res.json({ searches: await savedSearches.list(callerOf(req), reading) });
  };
  const one = (reading: SavedSearchReading): HandlerTable["getGatewayFileEventsSavedSearchV2"] => async (req, res) => {
    res.json({ searches: [await savedSearches.get(callerOf(req), reading, String(req.params.id))] });
  };
  return {
    searchGatewayFileEventsV1: search("v1"),
    searchGatewayFileEventsV2: search("v2"),
    groupGatewayFileEventsV1: group("v1"),
    groupGatewayFileEventsV2: group("v2"),
    exportGatewayFileEventsV1: exportCsv("v1"),
    exportGatewayFileEventsV2: exportCsv("v2"),
    listGatewayFileEventsSavedSearchesV1: list({ version: "v1" }),
    listGatewayFileEventsSavedSearchesV2: list({ version: "v2" }),
    getGatewayFileEventsSavedSearchV1: one({ version: "v1" }),
    getGatewayFileEventsSavedSearchV2: one({ version: "v2" }),
    // The forensic search service the legacy clients reach after discovery takes and answers the same bodies.
    searchForensicFileEventsV1: search("v1"),
    searchForensicFileEventsV2: search("v2"),
    groupForensicFileEventsV1: group("v1"),
    groupForensicFileEventsV2: group("v2"),
    listForensicSavedSearchesV1: list({ version: "v1", plainGroups: true }),
    listForensicSavedSearchesV2: list({ version: "v2", plainGroups: true }),
    getForensicSavedSearchV1: one({ version: "v1", plainGroups: true }),
    getForensicSavedSearchV2: one({ version: "v2", plainGroups: true }),
    listGatewayFileEventsRiskIndicatorCategories: async (req, res) => {
      const direction = String(req.query.sort_direction ?? "asc").toLowerCase() === "desc" ? "desc" : "asc";
      res.json({ categories: fileEvents.riskIndicatorCategories(callerOf(req), queryBoolean(req.query.isActive), direction) });
    },
    getGatewayFileEventsRiskIndicatorCategory: async (req, res) => {
      res.json(fileEvents.riskIndicatorCategory(callerOf(req), String(req.params.category_id)));
    },
    getGatewayFileEventsRiskIndicatorSubcategory: async (req, res) => {
      res.json(fileEvents.riskIndicatorSubcategory(callerOf(req), String(req.params.category_id), String(req.params.subcategory_id)));
    },
  };
}
