// Wire <-> users. The foundation serves the caller's own record (py42's credential check).
import { Router } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import { isTrue } from "../../http/query.js";
import { findRole } from "../roles/catalogue.js";
import { presentUser } from "./presenter.js";
import type { UserStore } from "./store.js";

export function userRoutes(users: UserStore, clock: Clock): Router {
  const router = Router();

  router.get("/api/v1/User/my", async (req, res) => {
    const caller = callerOf(req);
    // API clients have no user record: the real service answers 404 (py42 documents the incompatibility).
    const user = caller.kind === "user" ? await users.byId(caller.tenantUid, caller.userId) : undefined;
    if (!user) throw notFound("SYSTEM", "User not found");
    const roles = isTrue(req.query.incRoles)
      ? (await users.roleIds(user.user_id)).map((id) => findRole(id)?.roleName ?? id)
      : undefined;
    res.json(v1Envelope(req, clock.isoNow(), presentUser(user, roles)));
  });

  return router;
}
