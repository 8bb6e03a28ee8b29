// Wire <-> users: the v1 user resource, the v3 user actions and roles, the role list, SCIM data.
import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import { isTrue, paging } from "../../http/query.js";
import { userCriteriaOf } from "./list-query.js";
import type { NewUserRequest, UserChanges, UserRef, UserService } from "./service.js";
import { presentScimData } from "./presenter.js";

/** `/api/v1/User/{x}` is a numeric userId unless idType=uid says it is a userUid (never guessed from the value). */
function userRef(req: Request): UserRef {
  const id = String(req.params.userId);
  if (req.query.idType === "uid") return { userUid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "User not found");
  return { userId: Number(id) };
}


export function userRoutes(users: UserService, clock: Clock): Router {
  const router = Router();
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  router.get("/api/v1/User", async (req, res) => {
    const q = req.query;
    const page = await users.list(callerOf(req), {
      ...userCriteriaOf(q),
      incRoles: isTrue(q.incRoles),
      ...paging(q),
    });
    res.json(v1(req, page));
  });

  router.post("/api/v1/User", async (req, res) => {
    res.json(v1(req, await users.create(callerOf(req), req.body as NewUserRequest)));
  });

  router.get("/api/v1/User/my", async (req, res) => {
    const caller = callerOf(req);
    // API clients have no user record: the real service answers 404 (py42 documents the incompatibility).
    if (caller.kind !== "user") throw notFound("SYSTEM", "User not found");
    const user = await users.find(await users.scope(caller), { userId: caller.userId });
    res.json(v1(req, await users.present(user, isTrue(req.query.incRoles))));
  });

  router.get("/api/v1/User/:userId", async (req, res) => {
    const user = await users.find(await users.scope(callerOf(req)), userRef(req));
    res.json(v1(req, await users.present(user, isTrue(req.query.incRoles))));
  });

  router.put("/api/v1/User/:userId", async (req, res) => {
    res.json(v1(req, await users.update(callerOf(req), userRef(req), req.body as UserChanges)));
  });

  const byUid = (req: Request): UserRef => ({ userUid: String(req.params.userUid) });
  router.post("/api/v3/users/:userUid/block", async (req, res) => {
    await users.setBlocked(callerOf(req), byUid(req), true);
    res.status(204).end();
  });
  router.post("/api/v3/users/:userUid/unblock", async (req, res) => {
    await users.setBlocked(callerOf(req), byUid(req), false);
    res.status(204).end();
  });
  router.post("/api/v3/users/:userUid/deactivate", async (req, res) => {
    await users.setActive(callerOf(req), byUid(req), false, (req.body as { block?: boolean | null } | undefined)?.block ?? null);
    res.status(204).end();
  });
  router.post("/api/v3/users/:userUid/activate", async (req, res) => {
    await users.setActive(callerOf(req), byUid(req), true, (req.body as { unblock?: boolean | null } | undefined)?.unblock ?? null);
    res.status(204).end();
  });
  router.post("/api/v3/users/:userUid/move", async (req, res) => {
    await users.move(callerOf(req), byUid(req), (req.body as { orgId: number }).orgId);
    res.status(204).end();
  });

  router.get("/api/v3/users/:userUid/roles", async (req, res) => {
    res.json(v3Envelope(await users.roles(callerOf(req), byUid(req))));
  });
  router.put("/api/v3/users/:userUid/roles", async (req, res) => {
    await users.setRoles(callerOf(req), byUid(req), (req.body as { roleIds: string[] }).roleIds);
    res.status(204).end();
  });

  router.get("/api/v1/role", async (req, res) => {
    res.json(v1(req, await users.availableRoles(callerOf(req))));
  });

  const scimData = async (req: Request, res: Response) => {
    const user = await users.find(await users.scope(callerOf(req)), { userUid: String(req.query.userId) });
    res.json(presentScimData(user));
  };
  router.get("/api/v18/scim-user-data/collated-view", scimData);
  router.get("/api/v7/scim-user-data/collated-view", scimData);

  return router;
}
