// The legacy wire's user operations, keyed by operationId: the v1 user resource, the v3 user actions and roles, the
// role list, SCIM data (both versions).
import type { Request, Response } from "express";
import type { Clock } from "../../clock.js";
import { userCriteriaOf } from "../../domains/users/list-query.js";
import type { UserRef, UserService } from "../../domains/users/service.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import type { HandlerTable } from "../../http/handlers.js";
import { jsonParts, sendJsonParts } from "../../http/json-text.js";
import { isTrue, paging } from "../../http/query.js";
import { LEGACY_USER, presentRole, presentScimData, presentUser, presentUserPage, presentUserPageJson, presentUserRole } from "./presenters/users.js";

/** `/api/v1/User/{x}` is a numeric userId unless idType=uid says it is a userUid (never guessed from the value). */
function userRef(req: Request): UserRef {
  const id = String(req.params.userId);
  if (req.query.idType === "uid") return { userUid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "User not found");
  return { userId: Number(id) };
}

const byUid = (req: Request): UserRef => ({ userUid: String(req.params.userUid) });

export function userHandlers(users: UserService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  const scimData = async (req: Request, res: Response) => {
    const user = await users.find(await users.scope(callerOf(req)), { userUid: String(req.query.userId) });
    res.json(presentScimData(user));
  };

  return {
    // Without roles, SQLite writes the page's users (presentUserPageJson).
    listUsers: async (req, res) => {
      const q = req.query;
      const request = { ...userCriteriaOf(q), ...paging(q) };
      if (isTrue(q.incRoles)) res.json(v1(req, presentUserPage(await users.list(callerOf(req), { ...request, incRoles: true }))));
      else sendJsonParts(res, 200, jsonParts(v1(req, presentUserPageJson(await users.listJson(callerOf(req), request, LEGACY_USER)))));
    },
    createUser: async (req, res) => {
      res.json(v1(req, presentUser(await users.create(callerOf(req), req.body))));
    },
    getUserMy: async (req, res) => {
      const caller = callerOf(req);
      // API clients have no user record: the real service answers 404 (py42 documents the incompatibility).
      if (caller.kind !== "user") throw notFound("SYSTEM", "User not found");
      res.json(v1(req, presentUser(await users.get(caller, { userId: caller.userId }, isTrue(req.query.incRoles)))));
    },
    getUser: async (req, res) => {
      res.json(v1(req, presentUser(await users.get(callerOf(req), userRef(req), isTrue(req.query.incRoles)))));
    },
    updateUser: async (req, res) => {
      res.json(v1(req, presentUser(await users.update(callerOf(req), userRef(req), req.body))));
    },

    blockUser: async (req, res) => {
      await users.setBlocked(callerOf(req), byUid(req), true);
      res.status(204).end();
    },
    unblockUser: async (req, res) => {
      await users.setBlocked(callerOf(req), byUid(req), false);
      res.status(204).end();
    },
    deactivateUser: async (req, res) => {
      await users.setActive(callerOf(req), byUid(req), false, req.body?.block ?? null);
      res.status(204).end();
    },
    reactivateUser: async (req, res) => {
      await users.setActive(callerOf(req), byUid(req), true, req.body?.unblock ?? null);
      res.status(204).end();
    },
    moveUser: async (req, res) => {
      await users.move(callerOf(req), byUid(req), { orgId: req.body.orgId });
      res.status(204).end();
    },

    getUserRoles: async (req, res) => {
      res.json(v3Envelope((await users.roles(callerOf(req), byUid(req))).map(presentUserRole)));
    },
    setUserRoles: async (req, res) => {
      await users.setRoles(callerOf(req), byUid(req), req.body.roleIds);
      res.status(204).end();
    },

    listRoles: async (req, res) => {
      res.json(v1(req, (await users.availableRoles(callerOf(req))).map(presentRole)));
    },

    getScimUserData: scimData,
    getScimUserDataV7: scimData,
  };
}
