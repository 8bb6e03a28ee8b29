// Wire <-> legal holds: the user-token paths (/api/v1, /api/v4) and the API-client paths (/api/v27).
import { Router, type Request, type Response } from "express";
import type { Clock } from "../../clock.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { paging } from "../../http/query.js";
import type { LegalHoldService, NewMatter } from "./service.js";
import type { ActiveState } from "./store.js";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const activeState = (v: unknown, fallback: ActiveState): ActiveState => {
  const s = typeof v === "string" ? v.toUpperCase() : "";
  return s === "ACTIVE" || s === "INACTIVE" || s === "ALL" ? s : fallback;
};
/** /api/v27 matter lists take active=true|false|none (py42 sends str(active).lower()). */
const v27MatterState = (v: unknown): ActiveState => ({ true: "ACTIVE", false: "INACTIVE", none: "ALL" })[String(v ?? "true").toLowerCase()] as ActiveState ?? "ACTIVE";

export function legalHoldRoutes(holds: LegalHoldService, clock: Clock): Router {
  const router = Router();
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);
  const done = (work: (req: Request) => Promise<void>) => async (req: Request, res: Response) => {
    await work(req);
    res.status(204).end();
  };
  const body = <T>(req: Request) => req.body as T;
  const v27Paging = (q: Request["query"]) => paging({ pgNum: q.page, pgSize: q.pageSize });

  // Policies (v4 for user tokens, v27 for API clients): the same objects, unwrapped.
  for (const prefix of ["/api/v4", "/api/v27"]) {
    router.post(`${prefix}/legal-hold-policy/create`, async (req, res) => {
      const b = body<{ name: string; policy?: object | null }>(req);
      res.json(await holds.createPolicy(callerOf(req), b.name, b.policy ?? null));
    });
    router.get(`${prefix}/legal-hold-policy/view`, async (req, res) => {
      res.json(await holds.policy(callerOf(req), String(req.query.legalHoldPolicyUid)));
    });
    router.get(`${prefix}/legal-hold-policy/list`, async (req, res) => {
      res.json(await holds.policies(callerOf(req)));
    });
  }

  // Matters, user token.
  router.post("/api/v1/LegalHold", async (req, res) => {
    const b = body<{ name: string; holdPolicyUid: string } & Omit<NewMatter, "name" | "policyUid">>(req);
    res.json(v1(req, await holds.createMatter(callerOf(req), { ...b, policyUid: b.holdPolicyUid })));
  });
  router.get("/api/v1/LegalHold/:legalHoldUid", async (req, res) => {
    res.json(v1(req, await holds.matter(callerOf(req), String(req.params.legalHoldUid))));
  });
  router.get("/api/v1/LegalHold", async (req, res) => {
    const q = req.query;
    const { pgNum, pgSize } = paging(q);
    const filter = { active: activeState(q.activeState, "ACTIVE"), creatorUserUid: str(q.creatorUserUid), name: str(q.name), holdExtRef: str(q.holdExtRef) };
    res.json(v1(req, { legalHolds: await holds.matters(callerOf(req), filter, pgNum, pgSize) }));
  });
  router.post("/api/v4/legal-hold-deactivation/update", done((req) => holds.setMatterActive(callerOf(req), body<{ legalHoldUid: string }>(req).legalHoldUid, false, false)));
  router.put("/api/v1/LegalHoldReactivation/:legalHoldUid", done((req) => holds.setMatterActive(callerOf(req), String(req.params.legalHoldUid), true, false)));

  // Custodians and events, user token.
  router.get("/api/v1/LegalHoldMembership", async (req, res) => {
    const q = req.query;
    const { pgNum, pgSize } = paging(q);
    const filter = { active: activeState(q.activeState, "ACTIVE"), membershipUid: str(q.legalHoldMembershipUid), legalHoldUid: str(q.legalHoldUid), userUid: str(q.userUid), user: str(q.user) };
    res.json(v1(req, { legalHoldMemberships: await holds.custodians(callerOf(req), filter, pgNum, pgSize) }));
  });
  router.post("/api/v1/LegalHoldMembership", async (req, res) => {
    const b = body<{ legalHoldUid: string; userUid: string }>(req);
    res.json(v1(req, await holds.addCustodian(callerOf(req), b.legalHoldUid, b.userUid)));
  });
  router.post("/api/v1/LegalHoldMembershipDeactivation", done((req) => holds.removeCustodian(callerOf(req), body<{ legalHoldMembershipUid: string }>(req).legalHoldMembershipUid)));
  router.get("/api/v1/LegalHoldEventReport", async (req, res) => {
    const q = req.query;
    const { pgNum, pgSize } = paging(q);
    res.json(v1(req, { legalHoldEvents: await holds.events(callerOf(req), { legalHoldUid: str(q.legalHoldUid), min: str(q.minEventDate), max: str(q.maxEventDate) }, pgNum, pgSize) }));
  });

  // API-client paths: unwrapped objects, bare arrays for lists, strict activate/deactivate.
  router.post("/api/v27/legal-hold-matter/create", async (req, res) => {
    const b = body<{ policyId: string; name: string; description?: string | null; notes?: string | null; externalReference?: string | null }>(req);
    res.json(await holds.createMatter(callerOf(req), { name: b.name, policyUid: b.policyId, description: b.description, notes: b.notes, holdExtRef: b.externalReference }));
  });
  router.get("/api/v27/legal-hold-matter/view", async (req, res) => {
    res.json(await holds.matter(callerOf(req), String(req.query.legalHoldUid)));
  });
  router.get("/api/v27/legal-hold-matter/list", async (req, res) => {
    const q = req.query;
    const { pgNum, pgSize } = v27Paging(q);
    res.json(await holds.matters(callerOf(req), { active: v27MatterState(q.active), creatorUserUid: str(q.creatorPrincipalId), name: str(q.name), holdExtRef: str(q.externalReference) }, pgNum, pgSize));
  });
  router.post("/api/v27/legal-hold-matter/deactivate", done((req) => holds.setMatterActive(callerOf(req), body<{ legalHoldUid: string }>(req).legalHoldUid, false, true)));
  router.post("/api/v27/legal-hold-matter/activate", done((req) => holds.setMatterActive(callerOf(req), body<{ legalHoldUid: string }>(req).legalHoldUid, true, true)));
  router.get("/api/v27/legal-hold-membership/list", async (req, res) => {
    const q = req.query;
    const { pgNum, pgSize } = v27Paging(q);
    res.json(await holds.custodians(callerOf(req), { active: activeState(q.active, "ACTIVE"), legalHoldUid: str(q.legalHoldUid), userUid: str(q.userUid), user: str(q.user) }, pgNum, pgSize));
  });
  router.post("/api/v27/legal-hold-membership/create", async (req, res) => {
    const b = body<{ legalHoldUid: string; userUid: string }>(req);
    res.json(await holds.addCustodian(callerOf(req), b.legalHoldUid, b.userUid));
  });
  router.post("/api/v27/legal-hold-membership/deactivate", done((req) => holds.removeCustodian(callerOf(req), body<{ legalHoldMembershipUid: string }>(req).legalHoldMembershipUid)));

  return router;
}
