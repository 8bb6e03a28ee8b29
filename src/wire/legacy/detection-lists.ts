// The legacy wire's detection-list operations, keyed by operationId: twenty POST operations under /svc/api/v2 — the
// detection-list user profile, and the departing-employee and high-risk-employee lists, which share five operations.
// The public gateway serves the same twenty under /v1/detection-lists with these very handlers (its table maps its
// operationIds onto this one's entries): they are written once, and only the error envelope differs.
import type { Response } from "express";
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, DetectionList } from "../../db/schema.js";
import { DetectionListService } from "../../domains/detectionlists/service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable, OperationId, RequestOf } from "../../http/handlers.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { DEPARTING_EMPLOYEE, HIGH_RISK_EMPLOYEE, presentDepartingEmployee, presentHighRiskEmployee, presentProfile } from "./presenters/detection-lists.js";

/** A request to the operation both lists have under one name. */
type Both<D extends OperationId, H extends OperationId> = RequestOf<D | H>;

/** How each list's entries, searches and rollups are named on this wire. */
const WIRE = {
  DEPARTING_EMPLOYEE: { present: presentDepartingEmployee, projection: DEPARTING_EMPLOYEE, search: "DEPARTING_EMPLOYEE_SEARCH_RESPONSE_V2", rollup: "DEPARTING_EMPLOYEE_FILTER_ROLLUP_V2" },
  HIGH_RISK_EMPLOYEE: { present: presentHighRiskEmployee, projection: HIGH_RISK_EMPLOYEE, search: "HIGH_RISK_SEARCH_RESPONSE_V2", rollup: "HIGH_RISK_FILTER_ROLLUP_V2" },
} as const;

/** The five operations each list has, the same on both but for the list they act on; bodies as the spec types them. */
function onList(service: DetectionListService, list: DetectionList) {
  const wire = WIRE[list];
  return {
    add: async (req: Both<"addDepartingEmployee", "addHighRiskEmployee">, res: Response) => {
      const b = req.body;
      res.json(wire.present(await service.add(callerOf(req), list, b.tenantId, b.userId, ("departureDate" in b ? b.departureDate : null) ?? null)));
    },
    get: async (req: Both<"getDepartingEmployee", "getHighRiskEmployee">, res: Response) => {
      res.json(wire.present(await service.get(callerOf(req), list, req.body.tenantId, req.body.userId)));
    },
    remove: async (req: Both<"removeDepartingEmployee", "removeHighRiskEmployee">, res: Response) => {
      await service.remove(callerOf(req), list, req.body.tenantId, req.body.userId);
      res.status(204).end();
    },
    search: async (req: Both<"searchDepartingEmployees", "searchHighRiskEmployees">, res: Response) => {
      const found = await service.search(callerOf(req), list, req.body.tenantId, req.body, wire.projection);
      const rollups = found.counts.map((c) => ({ "type$": wire.rollup, filterType: c.filterType, totalCount: c.count }));
      const page = {
        "type$": wire.search,
        items: new JsonTexts(found.entries),
        // The spec admits only the list's own filter types, so the filter always has a rollup.
        totalCount: rollups.find((r) => r.filterType === found.filterType)!.totalCount,
        rollups,
        filterType: found.filterType,
        pgSize: found.pgSize,
        pgNum: found.pgNum,
        srtKey: found.srtKey,
        srtDirection: found.srtDirection,
      };
      sendJsonParts(res, 200, jsonParts(page));
    },
    setAlertState: async (req: Both<"setDepartingEmployeeAlertState", "setHighRiskEmployeeAlertState">, res: Response) => {
      await service.setAlertState(callerOf(req), list, req.body.tenantId, req.body.alertsEnabled);
      res.status(204).end();
    },
  };
}

/** Typed as written (checked against HandlerTable, not widened to it), so the gateway's table can take its entries. */
export function detectionListHandlers(db: Kysely<Database>, clock: Clock, changes: ChangeCounter) {
  const service = new DetectionListService(db, clock, changes);
  const departing = onList(service, "DEPARTING_EMPLOYEE");
  const highRisk = onList(service, "HIGH_RISK_EMPLOYEE");

  return {
    createDetectionListUser: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.createProfile(callerOf(req), b.tenantId, b.userName, b)));
    },
    getDetectionListUserById: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.profileById(callerOf(req), b.tenantId, b.userId)));
    },
    getDetectionListUserByUsername: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.profileByUsername(callerOf(req), b.tenantId, b.username)));
    },
    refreshDetectionListUser: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.refresh(callerOf(req), b.tenantId, b.userId)));
    },
    addDetectionListCloudUsernames: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.addCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames)));
    },
    removeDetectionListCloudUsernames: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.removeCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames)));
    },
    addDetectionListRiskFactors: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.addRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors)));
    },
    removeDetectionListRiskFactors: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.removeRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors)));
    },
    updateDetectionListNotes: async (req, res) => {
      const b = req.body;
      res.json(presentProfile(await service.updateNotes(callerOf(req), b.tenantId, b.userId, b.notes ?? null)));
    },

    addDepartingEmployee: departing.add,
    getDepartingEmployee: departing.get,
    removeDepartingEmployee: departing.remove,
    searchDepartingEmployees: departing.search,
    setDepartingEmployeeAlertState: departing.setAlertState,
    // Only the departing-employee list has a departure date to change.
    updateDepartingEmployee: async (req, res) => {
      const b = req.body;
      res.json(presentDepartingEmployee(await service.updateDepartureDate(callerOf(req), b.tenantId, b.userId, b.departureDate ?? null)));
    },

    addHighRiskEmployee: highRisk.add,
    getHighRiskEmployee: highRisk.get,
    removeHighRiskEmployee: highRisk.remove,
    searchHighRiskEmployees: highRisk.search,
    setHighRiskEmployeeAlertState: highRisk.setAlertState,
  } satisfies HandlerTable;
}
