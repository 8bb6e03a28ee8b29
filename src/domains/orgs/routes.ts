// Wire <-> organizations. The foundation serves the list and the caller's org (py42's sign-in path).
import { Router } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { ApiError } from "../../http/errors.js";
import { paging } from "../../http/query.js";
import { presentOrg } from "./presenter.js";
import type { OrgStore } from "./store.js";

export function orgRoutes(orgs: OrgStore, clock: Clock): Router {
  const router = Router();

  router.get("/api/v1/Org", async (req, res) => {
    const { tenantUid } = callerOf(req);
    const { pgNum, pgSize } = paging(req.query);
    const [rows, totalCount] = await Promise.all([orgs.page(tenantUid, pgNum, pgSize), orgs.count(tenantUid)]);
    res.json(v1Envelope(req, clock.isoNow(), { totalCount, orgs: rows.map(presentOrg) }));
  });

  router.get("/api/v1/Org/my", async (req, res) => {
    const caller = callerOf(req);
    // The real service fails with a 500 for API clients (py42 documents the incompatibility).
    if (caller.kind !== "user") throw new ApiError(500, "SYSTEM", "An API client has no organization");
    const org = await orgs.byId(caller.tenantUid, caller.orgId);
    if (!org) throw new ApiError(500, "SYSTEM", "Organization not found");
    res.json(v1Envelope(req, clock.isoNow(), presentOrg(org)));
  });

  return router;
}
