// The gateway's device and agent operations, keyed by operationId, over the device service the legacy wire uses.
// Devices and agents are the same rows: a deviceId and an agentId are both the device's guid.
import type { Request } from "express";
import type { AgentSortKey } from "../../domains/devices/agent-store.js";
import { AGENT_TYPES } from "../../domains/devices/agents.js";
import type { ListRequest } from "../../domains/devices/service.js";
import type { DeviceSort } from "../../domains/devices/store.js";
import { callerOf } from "../../http/caller.js";
import { ApiError } from "../../http/errors.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { sendJsonParts } from "../../http/json-text.js";
import { queryBoolean, queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { GATEWAY_AGENT, GATEWAY_DEVICE, presentGatewayAgent, presentGatewayAgentPageJson, presentGatewayDevice, presentGatewayDevicePageJson } from "./presenters/devices.js";

type Query = Request["query"];

const DEVICE_SORT_KEYS: Record<string, DeviceSort["key"]> = { name: "name", osHostname: "osHostname", os: "osName", lastConnected: "lastConnected" };
const AGENT_SORT_KEYS: Record<string, AgentSortKey> = { NAME: "name", USER_ID: "userUid", AGENT_TYPE: "agentType", OS_HOSTNAME: "osHostname", LAST_CONNECTED: "lastConnected", OS_NAME: "osName" };

const optionalNumber = (value: unknown): number | undefined => (value === undefined ? undefined : Number(value));

/** A list parameter the SDK repeats and Code42's document joins with commas: either way, one list. */
const queryList = (value: unknown): string[] | undefined =>
  value === undefined ? undefined : [value].flat().flatMap((v) => String(v).split(",")).map((v) => v.trim()).filter(Boolean);

/**
 * The device-list query of /v1/devices (100 a page by default) and /v1/users/{userId}/devices (500 in Code42's
 * document): filters, order (by name unless asked otherwise, the SDK's default) and page.
 */
export function gatewayDeviceListRequest(q: Query, defaultPageSize = 100): ListRequest {
  return {
    active: queryBoolean(q.active),
    blocked: queryBoolean(q.blocked),
    sort: { key: DEVICE_SORT_KEYS[String(q.sortKey)] ?? "name", desc: String(q.sortDirection).toLowerCase() === "desc" },
    pgNum: Number(q.page ?? 1),
    pgSize: Number(q.pageSize ?? defaultPageSize),
  };
}

export function gatewayDeviceHandlers({ devices }: GatewayDeps): HandlerTable {
  /** All or none: ids outside the caller's reach are a 404 naming them, as the incydr CLI reads it to retry without them. */
  const setActive = (active: boolean): HandlerTable["activateGatewayAgents"] => async (req, res) => {
    const missing = await devices.setActiveByGuids(callerOf(req), req.body.agentIds, active);
    if (missing.length) throw new ApiError(404, "DEVICE_NOT_FOUND", `Agents not found: ${missing.join(", ")}`, { agentsNotFound: missing });
    res.status(204).end();
  };

  return {
    listGatewayDevices: async (req, res) => {
      sendJsonParts(res, 200, presentGatewayDevicePageJson(await devices.listJson(callerOf(req), gatewayDeviceListRequest(req.query), GATEWAY_DEVICE)));
    },
    getGatewayDevice: async (req, res) => {
      res.json(presentGatewayDevice(await devices.get(callerOf(req), { guid: String(req.params.deviceId) })));
    },

    listGatewayAgents: async (req, res) => {
      const q = req.query;
      const pgNum = Number(q.page ?? 1);
      const pgSize = Number(q.pageSize ?? 500);
      const page = await devices.agentsJson(
        callerOf(req),
        {
          userUid: queryString(q.userId),
          type: AGENT_TYPES.find((t) => t === q.agentType),
          active: queryBoolean(q.active),
          healthy: queryBoolean(q.agentHealthy),
          anyOfIssues: queryList(q.anyOfAgentHealthIssueTypes),
          healthModifiedInLastDays: optionalNumber(q.agentHealthModifiedInLastDays),
          connectedInLastDays: optionalNumber(q.connectedInLastDays),
          notConnectedInLastDays: optionalNumber(q.notConnectedInLastDays),
          serialNumber: queryString(q.serialNumber),
          osNames: queryList(q.anyOfAgentOsTypes)?.map((os) => os.toLowerCase()),
          sort: { key: AGENT_SORT_KEYS[String(q.srtKey)] ?? "name", desc: q.srtDir === "DESC" },
          pgNum,
          pgSize,
        },
        GATEWAY_AGENT,
      );
      sendJsonParts(res, 200, presentGatewayAgentPageJson(page, pgNum, pgSize));
    },
    getGatewayAgent: async (req, res) => {
      res.json(presentGatewayAgent(await devices.agent(callerOf(req), String(req.params.agentId))));
    },
    updateGatewayAgent: noContent(async (req) => {
      const { name, externalReference } = req.body;
      await devices.update(callerOf(req), { guid: String(req.params.agentId) }, { name, ...(externalReference !== undefined ? { computerExtRef: externalReference } : {}) });
    }),
    activateGatewayAgents: setActive(true),
    deactivateGatewayAgents: setActive(false),
  };
}
