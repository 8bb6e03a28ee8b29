// Wire <-> organizations: the v1 list and legacy paths, the v3 org resource and its actions.
import { Router, type Request } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { ApiError, notFound } from "../../http/errors.js";
import { paging } from "../../http/query.js";
import type { OrgFields, OrgRef, OrgService } from "./service.js";

/** Legacy `/api/v1/Org/{x}`: a numeric orgId unless idType=orgUid says it is an orgUid. */
function v1Ref(req: Request): OrgRef {
  const id = String(req.params.orgId);
  if (req.query.idType === "orgUid") return { orgUid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "Organization not found");
  return { orgId: Number(id) };
}

const byGuid = (req: Request): OrgRef => ({ orgGuid: String(req.params.orgGuid) });

export function orgRoutes(orgs: OrgService, clock: Clock): Router {
  const router = Router();
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  router.get("/api/v1/Org", async (req, res) => {
    const { pgNum, pgSize } = paging(req.query);
    res.json(v1(req, await orgs.page(callerOf(req), pgNum, pgSize)));
  });
  router.post("/api/v1/Org", async (req, res) => {
    const body = req.body as OrgFields & { parentOrgUid: string };
    res.json(v1(req, await orgs.create(callerOf(req), { orgUid: body.parentOrgUid }, body)));
  });

  router.get("/api/v1/Org/my", async (req, res) => {
    const caller = callerOf(req);
    // The real service fails with a 500 for API clients (py42 documents the incompatibility).
    if (caller.kind !== "user") throw new ApiError(500, "SYSTEM", "An API client has no organization");
    res.json(v1(req, await orgs.get(caller, { orgId: caller.orgId })));
  });
  router.get("/api/v1/Org/:orgId", async (req, res) => {
    res.json(v1(req, await orgs.get(callerOf(req), v1Ref(req))));
  });

  const legacy: [string, (req: Request, on: boolean) => Promise<void>][] = [
    ["/api/v1/OrgBlock/:orgId", (req, on) => orgs.setBlocked(callerOf(req), v1Ref(req), on)],
    ["/api/v1/OrgDeactivation/:orgId", (req, on) => orgs.setActive(callerOf(req), v1Ref(req), !on)],
  ];
  for (const [path, act] of legacy) {
    router.put(path, async (req, res) => {
      await act(req, true);
      res.status(204).end();
    });
    router.delete(path, async (req, res) => {
      await act(req, false);
      res.status(204).end();
    });
  }

  router.get("/api/v3/orgs", async (req, res) => {
    const { pgNum, pgSize } = paging(req.query);
    res.json(v3Envelope(await orgs.page(callerOf(req), pgNum, pgSize)));
  });
  router.post("/api/v3/orgs", async (req, res) => {
    const body = req.body as OrgFields & { parentOrgGuid: string };
    res.json(v3Envelope(await orgs.create(callerOf(req), { orgGuid: body.parentOrgGuid }, body)));
  });
  router.get("/api/v3/orgs/:orgGuid", async (req, res) => {
    res.json(v3Envelope(await orgs.get(callerOf(req), byGuid(req))));
  });
  router.put("/api/v3/orgs/:orgGuid", async (req, res) => {
    res.json(v3Envelope(await orgs.update(callerOf(req), byGuid(req), req.body as OrgFields)));
  });
  const actions: [string, (req: Request) => Promise<void>][] = [
    ["block", (req) => orgs.setBlocked(callerOf(req), byGuid(req), true)],
    ["unblock", (req) => orgs.setBlocked(callerOf(req), byGuid(req), false)],
    ["deactivate", (req) => orgs.setActive(callerOf(req), byGuid(req), false)],
    ["activate", (req) => orgs.setActive(callerOf(req), byGuid(req), true)],
  ];
  for (const [action, act] of actions)
    router.post(`/api/v3/orgs/:orgGuid/${action}`, async (req, res) => {
      await act(req);
      res.status(204).end();
    });

  // No device reports agent properties yet: every org answers an empty list.
  router.get("/api/v14/agent-state/view-by-organization-id", async (req, res) => {
    await orgs.find(callerOf(req), { orgId: Number(req.query.orgId) });
    res.json({ data: [] });
  });

  return router;
}
