// The legacy wire's detection-list operations, keyed by operationId: twenty POST operations under /svc/api/v2 — the
// detection-list user profile, and the departing-employee and high-risk-employee lists, which share five operations.
import type { Request, Response } from "express";
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, DetectionList } from "../../db/schema.js";
import { DetectionListService, type SearchRequest } from "../../domains/detectionlists/service.js";
import { callerOf } from "../../http/caller.js";
import type { Handler, HandlerTable } from "../../http/handlers.js";

type UserRef = { tenantId: string; userId: string };
type ListOperation = "add" | "get" | "remove" | "search" | "setAlertState";

// The validator has checked (and coerced) every body against the spec before a handler runs.
const body = <T>(req: Request) => req.body as T;

/** The five operations each list has, the same on both but for the list they act on. */
function onList(service: DetectionListService, list: DetectionList): Record<ListOperation, Handler> {
  return {
    add: async (req: Request, res: Response) => {
      const b = body<UserRef & { departureDate?: string | null }>(req);
      res.json(await service.add(callerOf(req), list, b.tenantId, b.userId, b.departureDate ?? null));
    },
    get: async (req: Request, res: Response) => {
      const b = body<UserRef>(req);
      res.json(await service.get(callerOf(req), list, b.tenantId, b.userId));
    },
    remove: async (req: Request, res: Response) => {
      const b = body<UserRef>(req);
      await service.remove(callerOf(req), list, b.tenantId, b.userId);
      res.status(204).end();
    },
    search: async (req: Request, res: Response) => {
      const b = body<SearchRequest & { tenantId: string }>(req);
      res.json(await service.search(callerOf(req), list, b.tenantId, b));
    },
    setAlertState: async (req: Request, res: Response) => {
      const b = body<{ tenantId?: string; alertsEnabled: boolean }>(req);
      await service.setAlertState(callerOf(req), list, b.tenantId, b.alertsEnabled);
      res.status(204).end();
    },
  };
}

export function detectionListHandlers(db: Kysely<Database>, clock: Clock, changes: ChangeCounter): HandlerTable {
  const service = new DetectionListService(db, clock, changes);
  const departing = onList(service, "DEPARTING_EMPLOYEE");
  const highRisk = onList(service, "HIGH_RISK_EMPLOYEE");

  return {
    createDetectionListUser: async (req, res) => {
      const b = req.body;
      res.json(await service.createProfile(callerOf(req), b.tenantId, b.userName, b));
    },
    getDetectionListUserById: async (req, res) => {
      const b = req.body;
      res.json(await service.profileById(callerOf(req), b.tenantId, b.userId));
    },
    getDetectionListUserByUsername: async (req, res) => {
      const b = body<{ tenantId: string; username: string }>(req);
      res.json(await service.profileByUsername(callerOf(req), b.tenantId, b.username));
    },
    refreshDetectionListUser: async (req, res) => {
      const b = req.body;
      res.json(await service.refresh(callerOf(req), b.tenantId, b.userId));
    },
    addDetectionListCloudUsernames: async (req, res) => {
      const b = req.body;
      res.json(await service.addCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames));
    },
    removeDetectionListCloudUsernames: async (req, res) => {
      const b = req.body;
      res.json(await service.removeCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames));
    },
    addDetectionListRiskFactors: async (req, res) => {
      const b = req.body;
      res.json(await service.addRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors));
    },
    removeDetectionListRiskFactors: async (req, res) => {
      const b = req.body;
      res.json(await service.removeRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors));
    },
    updateDetectionListNotes: async (req, res) => {
      const b = req.body;
      res.json(await service.updateNotes(callerOf(req), b.tenantId, b.userId, b.notes ?? null));
    },

    addDepartingEmployee: departing.add,
    getDepartingEmployee: departing.get,
    removeDepartingEmployee: departing.remove,
    searchDepartingEmployees: departing.search,
    setDepartingEmployeeAlertState: departing.setAlertState,
    // Only the departing-employee list has a departure date to change.
    updateDepartingEmployee: async (req, res) => {
      const b = req.body;
      res.json(await service.updateDepartureDate(callerOf(req), b.tenantId, b.userId, b.departureDate ?? null));
    },

    addHighRiskEmployee: highRisk.add,
    getHighRiskEmployee: highRisk.get,
    removeHighRiskEmployee: highRisk.remove,
    searchHighRiskEmployees: highRisk.search,
    setHighRiskEmployeeAlertState: highRisk.setAlertState,
  };
}
