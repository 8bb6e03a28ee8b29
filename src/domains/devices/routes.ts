// Wire <-> devices: the v1 Computer resource and its actions, v4 deactivation, agent state, archives.
import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import { isTrue, paging, queryBoolean, queryString } from "../../http/query.js";
import type { DeviceRef, DeviceService } from "./service.js";

/** `/api/v1/Computer/{x}` is a computerId unless idType=guid says it is a guid (both are digit strings). */
function deviceRef(req: Request): DeviceRef {
  const id = String(req.params.computerId);
  if (req.query.idType === "guid") return { guid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "Computer not found");
  return { computerId: Number(id) };
}


export function deviceRoutes(devices: DeviceService, clock: Clock): Router {
  const router = Router();
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);
  const done = (work: (req: Request) => Promise<void>) => async (req: Request, res: Response) => {
    await work(req);
    res.status(204).end();
  };

  router.get("/api/v1/Computer", async (req, res) => {
    const q = req.query;
    const page = await devices.list(callerOf(req), {
      active: queryBoolean(q.active),
      blocked: queryBoolean(q.blocked),
      orgUid: queryString(q.orgUid),
      userUid: queryString(q.userUid),
      q: queryString(q.q),
      incBackupUsage: isTrue(q.incBackupUsage),
      ...paging(q),
    });
    res.json(v1(req, page));
  });
  router.get("/api/v1/Computer/:computerId", async (req, res) => {
    res.json(v1(req, await devices.get(callerOf(req), deviceRef(req), { backupUsage: isTrue(req.query.incBackupUsage), settings: isTrue(req.query.incSettings) })));
  });
  router.put("/api/v1/Computer/:computerId", async (req, res) => {
    res.json(v1(req, await devices.update(callerOf(req), deviceRef(req), req.body ?? {})));
  });

  router.put("/api/v1/ComputerBlock/:computerId", done((req) => devices.setBlocked(callerOf(req), deviceRef(req), true)));
  router.delete("/api/v1/ComputerBlock/:computerId", done((req) => devices.setBlocked(callerOf(req), deviceRef(req), false)));
  router.put("/api/v1/ComputerDeauthorization/:computerId", done((req) => devices.deauthorize(callerOf(req), deviceRef(req))));
  router.post("/api/v4/computer-deactivation/update", done((req) => devices.setActive(callerOf(req), { computerId: (req.body as { id: number }).id }, false)));
  router.post("/api/v4/computer-deactivation/remove", done((req) => devices.setActive(callerOf(req), { computerId: (req.body as { id: number }).id }, true)));
  router.post("/api/v4/device-upgrade/upgrade-device", done((req) => devices.upgrade(callerOf(req), String((req.body as { deviceGuid: string }).deviceGuid))));

  router.get("/api/v14/agent-state/view-by-device-guid", async (req, res) => {
    res.json(await devices.agentState(callerOf(req), String(req.query.deviceGuid), String(req.query.propertyName)));
  });

  router.get("/api/v1/Archive", async (req, res) => {
    const { pgNum, pgSize } = paging(req.query);
    res.json(v1(req, await devices.archives(callerOf(req), String(req.query.backupSourceGuid), pgNum, pgSize)));
  });
  router.put(
    "/api/v1/coldStorage/:archiveGuid",
    done((req) => devices.setArchiveHold(callerOf(req), String(req.params.archiveGuid), (req.body as { archiveHoldExpireDate: string }).archiveHoldExpireDate)),
  );

  return router;
}
