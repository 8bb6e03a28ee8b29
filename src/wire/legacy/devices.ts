// The legacy wire's device operations, keyed by operationId: the v1 Computer resource and its actions, v4
// deactivation and upgrade, agent state, archives and their cold-storage hold.
import type { Request } from "express";
import type { Clock } from "../../clock.js";
import type { DeviceRef, DeviceService } from "../../domains/devices/service.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { isTrue, paging, queryBoolean, queryString } from "../../http/query.js";
import { LEGACY_COMPUTER, presentAgentProperty, presentArchive, presentDevice } from "./presenters/devices.js";

/** `/api/v1/Computer/{x}` is a computerId unless idType=guid says it is a guid (both are digit strings). */
function deviceRef(req: Request): DeviceRef {
  const id = String(req.params.computerId);
  if (req.query.idType === "guid") return { guid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "Computer not found");
  return { computerId: Number(id) };
}

export function deviceHandlers(devices: DeviceService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  return {
    listDevices: async (req, res) => {
      const q = req.query;
      const request = { active: queryBoolean(q.active), blocked: queryBoolean(q.blocked), orgUid: queryString(q.orgUid), userUid: queryString(q.userUid), q: queryString(q.q), ...paging(q) };
      if (isTrue(q.incBackupUsage)) {
        const page = await devices.list(callerOf(req), request);
        res.json(v1(req, { totalCount: page.totalCount, computers: page.devices.map((d) => presentDevice(d, { backupUsage: true, settings: false })) }));
        return;
      }
      // Without backup usage, SQLite writes the page's devices.
      const { totalCount, json } = await devices.listJson(callerOf(req), request, LEGACY_COMPUTER);
      sendJsonParts(res, 200, jsonParts(v1(req, { totalCount, computers: new JsonTexts(json) })));
    },
    getDevice: async (req, res) => {
      const device = await devices.get(callerOf(req), deviceRef(req));
      res.json(v1(req, presentDevice(device, { backupUsage: isTrue(req.query.incBackupUsage), settings: isTrue(req.query.incSettings) })));
    },
    // Answered in the shape py42 PUTs back: the device as get_settings reads it (incSettings, no backup usage).
    updateDevice: async (req, res) => {
      const device = await devices.update(callerOf(req), deviceRef(req), req.body ?? {});
      res.json(v1(req, presentDevice(device, { backupUsage: false, settings: true })));
    },

    blockDevice: noContent((req) => devices.setBlocked(callerOf(req), deviceRef(req), true)),
    unblockDevice: noContent((req) => devices.setBlocked(callerOf(req), deviceRef(req), false)),
    deauthorizeDevice: noContent((req) => devices.deauthorize(callerOf(req), deviceRef(req))),
    deactivateDevice: noContent((req) => devices.setActive(callerOf(req), { computerId: req.body.id }, false)),
    reactivateDevice: noContent((req) => devices.setActive(callerOf(req), { computerId: req.body.id }, true)),
    upgradeDevice: noContent((req) => devices.upgrade(callerOf(req), String(req.body.deviceGuid))),

    getAgentStateByDevice: async (req, res) => {
      res.json({ data: presentAgentProperty(await devices.agentState(callerOf(req), String(req.query.deviceGuid), String(req.query.propertyName))) });
    },

    listArchives: async (req, res) => {
      const { pgNum, pgSize } = paging(req.query);
      const archives = await devices.archives(callerOf(req), String(req.query.backupSourceGuid), pgNum, pgSize);
      res.json(v1(req, { archives: archives.map(presentArchive) }));
    },
    setColdStoragePurgeDate: noContent((req) =>
      devices.setArchiveHold(callerOf(req), String(req.params.archiveGuid), req.body.archiveHoldExpireDate),
    ),
  };
}
