// Wire <-> detection lists: twenty POST operations under /svc/api/v2, each a line.
import { Router, type Request } from "express";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, DetectionList } from "../../db/schema.js";
import type { components } from "../../generated/openapi.js";
import { callerOf } from "../../http/caller.js";
import type { Kysely } from "kysely";
import { DetectionListService, type SearchRequest } from "./service.js";

type Schemas = components["schemas"];
type UserRef = { tenantId: string; userId: string };

export function detectionListRoutes(db: Kysely<Database>, clock: Clock, changes: ChangeCounter): Router {
  const service = new DetectionListService(db, clock, changes);
  const router = Router();
  // The validator has checked (and coerced) every body against the spec before a handler runs.
  const body = <T>(req: Request) => req.body as T;
  const base = "/svc/api/v2";

  router.post(`${base}/user/create`, async (req, res) => {
    const b = body<{ tenantId: string; userName: string; notes?: string | null; riskFactors?: Schemas["RiskFactor"][] | null; cloudUsernames?: string[] | null }>(req);
    res.json(await service.createProfile(callerOf(req), b.tenantId, b.userName, b));
  });
  router.post(`${base}/user/getbyid`, async (req, res) => {
    const b = body<UserRef>(req);
    res.json(await service.profileById(callerOf(req), b.tenantId, b.userId));
  });
  router.post(`${base}/user/getbyusername`, async (req, res) => {
    const b = body<{ tenantId: string; username: string }>(req);
    res.json(await service.profileByUsername(callerOf(req), b.tenantId, b.username));
  });
  router.post(`${base}/user/refresh`, async (req, res) => {
    const b = body<UserRef>(req);
    res.json(await service.refresh(callerOf(req), b.tenantId, b.userId));
  });
  router.post(`${base}/user/addcloudusernames`, async (req, res) => {
    const b = body<UserRef & { cloudUsernames: string[] }>(req);
    res.json(await service.addCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames));
  });
  router.post(`${base}/user/removecloudusernames`, async (req, res) => {
    const b = body<UserRef & { cloudUsernames: string[] }>(req);
    res.json(await service.removeCloudUsernames(callerOf(req), b.tenantId, b.userId, b.cloudUsernames));
  });
  router.post(`${base}/user/addriskfactors`, async (req, res) => {
    const b = body<UserRef & { riskFactors: string[] }>(req);
    res.json(await service.addRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors));
  });
  router.post(`${base}/user/removeriskfactors`, async (req, res) => {
    const b = body<UserRef & { riskFactors: string[] }>(req);
    res.json(await service.removeRiskFactors(callerOf(req), b.tenantId, b.userId, b.riskFactors));
  });
  router.post(`${base}/user/updatenotes`, async (req, res) => {
    const b = body<UserRef & { notes?: string | null }>(req);
    res.json(await service.updateNotes(callerOf(req), b.tenantId, b.userId, b.notes ?? null));
  });

  const lists: [string, DetectionList][] = [
    ["departingemployee", "DEPARTING_EMPLOYEE"],
    ["highriskemployee", "HIGH_RISK_EMPLOYEE"],
  ];
  for (const [path, list] of lists) {
    router.post(`${base}/${path}/add`, async (req, res) => {
      const b = body<UserRef & { departureDate?: string | null }>(req);
      res.json(await service.add(callerOf(req), list, b.tenantId, b.userId, b.departureDate ?? null));
    });
    router.post(`${base}/${path}/get`, async (req, res) => {
      const b = body<UserRef>(req);
      res.json(await service.get(callerOf(req), list, b.tenantId, b.userId));
    });
    router.post(`${base}/${path}/remove`, async (req, res) => {
      const b = body<UserRef>(req);
      await service.remove(callerOf(req), list, b.tenantId, b.userId);
      res.status(204).end();
    });
    router.post(`${base}/${path}/search`, async (req, res) => {
      const b = body<SearchRequest & { tenantId: string }>(req);
      res.json(await service.search(callerOf(req), list, b.tenantId, b));
    });
    router.post(`${base}/${path}/setalertstate`, async (req, res) => {
      const b = body<{ tenantId?: string; alertsEnabled: boolean }>(req);
      await service.setAlertState(callerOf(req), list, b.tenantId, b.alertsEnabled);
      res.status(204).end();
    });
  }
  router.post(`${base}/departingemployee/update`, async (req, res) => {
    const b = body<UserRef & { departureDate?: string | null }>(req);
    res.json(await service.updateDepartureDate(callerOf(req), b.tenantId, b.userId, b.departureDate ?? null));
  });

  return router;
}
