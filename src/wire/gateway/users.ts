// The gateway's user and role operations, keyed by operationId: the same UserService as the legacy wire's, by userUid.
import type { Request } from "express";
import type { UserRef } from "../../domains/users/service.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { sendJsonParts } from "../../http/json-text.js";
import { MAX_PAGE_SIZE, queryBoolean, queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { gatewayDeviceListRequest } from "./devices.js";
import { GATEWAY_DEVICE, presentGatewayDevicePageJson } from "./presenters/devices.js";
import { GATEWAY_USER, presentGatewayRole, presentGatewayUser, presentGatewayUserPageJson, presentGatewayUserRole, presentRoleChange } from "./presenters/users.js";

const userRef = (req: Request): UserRef => ({ userUid: String(req.params.userId) });

export function gatewayUsersHandlers({ users, devices }: GatewayDeps): HandlerTable {
  return {
    listGatewayUsers: async (req, res) => {
      const q = req.query;
      const page = await users.listJson(
        callerOf(req),
        {
          active: queryBoolean(q.active),
          blocked: queryBoolean(q.blocked),
          username: queryString(q.username),
          pgNum: Number(q.page ?? 1),
          pgSize: Math.min(MAX_PAGE_SIZE, Number(q.pageSize ?? 100)),
        },
        GATEWAY_USER,
      );
      sendJsonParts(res, 200, presentGatewayUserPageJson(page));
    },
    getGatewayUser: async (req, res) => {
      res.json(presentGatewayUser(await users.get(callerOf(req), userRef(req), false)));
    },
    // The user must be one the caller sees: an unknown user is a 404, not an empty page.
    listGatewayUserDevices: async (req, res) => {
      const caller = callerOf(req);
      const user = await users.get(caller, userRef(req), false);
      sendJsonParts(res, 200, presentGatewayDevicePageJson(await devices.listJson(caller, { ...gatewayDeviceListRequest(req.query, 500), userUid: user.user_uid }, GATEWAY_DEVICE)));
    },
    listGatewayUserRoles: async (req, res) => {
      res.json({ roles: (await users.roles(callerOf(req), userRef(req))).map(presentGatewayUserRole) });
    },
    updateGatewayUserRoles: async (req, res) => {
      res.json(presentRoleChange(await users.setRoles(callerOf(req), userRef(req), req.body.roleIds)));
    },
    // The document answers these 200 with no body.
    activateGatewayUser: noContent((req) => users.setActive(callerOf(req), userRef(req), true, null), 200),
    deactivateGatewayUser: noContent((req) => users.setActive(callerOf(req), userRef(req), false, null), 200),
    moveGatewayUser: noContent((req) => users.move(callerOf(req), userRef(req), { orgGuid: req.body.orgGuid }), 200),
    listGatewayRoles: async (req, res) => {
      res.json((await users.grantableRoles(callerOf(req))).map(presentGatewayRole));
    },
    getGatewayRole: async (req, res) => {
      res.json(presentGatewayRole(users.role(String(req.params.roleId))));
    },
  };
}
