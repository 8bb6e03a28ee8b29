// The legacy wire's legal-hold operations, keyed by operationId: the user-token paths (/api/v1, /api/v4) and the
// API-client paths (/api/v27) for policies, matters, custodians and events.
import type { Request, Response } from "express";
import type { Clock } from "../../clock.js";
import type { LegalHoldService } from "../../domains/legalhold/service.js";
import type { ActiveState } from "../../domains/legalhold/store.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { noContent, type HandlerTable, type RequestOf } from "../../http/handlers.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { paging } from "../../http/query.js";
import { LEGACY_MEMBERSHIP, presentEvent, presentMatter, presentMembership, presentPolicy } from "./presenters/legal-holds.js";

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const activeState = (v: unknown, fallback: ActiveState): ActiveState => {
  const s = typeof v === "string" ? v.toUpperCase() : "";
  return s === "ACTIVE" || s === "INACTIVE" || s === "ALL" ? s : fallback;
};
/** /api/v27 matter lists take active=true|false|none (py42 sends str(active).lower()). */
const v27MatterState = (v: unknown): ActiveState => ({ true: "ACTIVE", false: "INACTIVE", none: "ALL" })[String(v ?? "true").toLowerCase()] as ActiveState ?? "ACTIVE";

const v27Paging = (q: Request["query"]) => paging({ pgNum: q.page, pgSize: q.pageSize });

export function legalHoldHandlers(holds: LegalHoldService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  // Policies (v4 for user tokens, v27 for API clients): the same objects, unwrapped.
  const createPolicy = async (req: RequestOf<"createLegalHoldPolicyV4" | "createLegalHoldPolicyV27">, res: Response) => {
    res.json(presentPolicy(await holds.createPolicy(callerOf(req), req.body.name, req.body.policy ?? null)));
  };
  const getPolicy = async (req: Request, res: Response) => {
    res.json(presentPolicy(await holds.policy(callerOf(req), String(req.query.legalHoldPolicyUid))));
  };
  const listPolicies = async (req: Request, res: Response) => {
    res.json((await holds.policies(callerOf(req))).map(presentPolicy));
  };

  return {
    createLegalHoldPolicyV4: createPolicy,
    createLegalHoldPolicyV27: createPolicy,
    getLegalHoldPolicyV4: getPolicy,
    getLegalHoldPolicyV27: getPolicy,
    listLegalHoldPoliciesV4: listPolicies,
    listLegalHoldPoliciesV27: listPolicies,

    // Matters, user token.
    createLegalHoldMatter: async (req, res) => {
      const b = req.body;
      res.json(v1(req, presentMatter(await holds.createMatter(callerOf(req), { ...b, policyUid: b.holdPolicyUid }))));
    },
    getLegalHoldMatter: async (req, res) => {
      res.json(v1(req, presentMatter(await holds.matter(callerOf(req), String(req.params.legalHoldUid)))));
    },
    listLegalHoldMatters: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = paging(q);
      const filter = { active: activeState(q.activeState, "ACTIVE"), creatorUserUid: str(q.creatorUserUid), name: str(q.name), holdExtRef: str(q.holdExtRef) };
      res.json(v1(req, { legalHolds: (await holds.matters(callerOf(req), filter, pgNum, pgSize)).map(presentMatter) }));
    },
    deactivateLegalHoldMatter: noContent((req) => holds.setMatterActive(callerOf(req), req.body.legalHoldUid, false, false)),
    reactivateLegalHoldMatter: noContent((req) => holds.setMatterActive(callerOf(req), String(req.params.legalHoldUid), true, false)),

    // Custodians and events, user token.
    listLegalHoldCustodians: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = paging(q);
      const filter = { active: activeState(q.activeState, "ACTIVE"), membershipUid: str(q.legalHoldMembershipUid), legalHoldUid: str(q.legalHoldUid), userUid: str(q.userUid), user: str(q.user) };
      const memberships = await holds.custodians(callerOf(req), filter, pgNum, pgSize, LEGACY_MEMBERSHIP);
      sendJsonParts(res, 200, jsonParts(v1(req, { legalHoldMemberships: new JsonTexts(memberships) })));
    },
    addLegalHoldCustodian: async (req, res) => {
      const b = req.body;
      res.json(v1(req, presentMembership(await holds.addCustodian(callerOf(req), b.legalHoldUid, b.userUid))));
    },
    removeLegalHoldCustodian: noContent((req) => holds.removeCustodian(callerOf(req), req.body.legalHoldMembershipUid)),
    listLegalHoldEvents: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = paging(q);
      const events = await holds.events(callerOf(req), { legalHoldUid: str(q.legalHoldUid), min: str(q.minEventDate), max: str(q.maxEventDate) }, pgNum, pgSize);
      res.json(v1(req, { legalHoldEvents: events.map(presentEvent) }));
    },

    // API-client paths: unwrapped objects, bare arrays for lists, strict activate/deactivate.
    createLegalHoldMatterV27: async (req, res) => {
      const b = req.body;
      res.json(presentMatter(await holds.createMatter(callerOf(req), { name: b.name, policyUid: b.policyId, description: b.description, notes: b.notes, holdExtRef: b.externalReference })));
    },
    getLegalHoldMatterV27: async (req, res) => {
      res.json(presentMatter(await holds.matter(callerOf(req), String(req.query.legalHoldUid))));
    },
    listLegalHoldMattersV27: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = v27Paging(q);
      const matters = await holds.matters(callerOf(req), { active: v27MatterState(q.active), creatorUserUid: str(q.creatorPrincipalId), name: str(q.name), holdExtRef: str(q.externalReference) }, pgNum, pgSize);
      res.json(matters.map(presentMatter));
    },
    deactivateLegalHoldMatterV27: noContent((req) => holds.setMatterActive(callerOf(req), req.body.legalHoldUid, false, true)),
    reactivateLegalHoldMatterV27: noContent((req) => holds.setMatterActive(callerOf(req), req.body.legalHoldUid, true, true)),
    listLegalHoldCustodiansV27: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = v27Paging(q);
      const custodians = await holds.custodians(callerOf(req), { active: activeState(q.active, "ACTIVE"), legalHoldUid: str(q.legalHoldUid), userUid: str(q.userUid), user: str(q.user) }, pgNum, pgSize, LEGACY_MEMBERSHIP);
      sendJsonParts(res, 200, jsonParts(new JsonTexts(custodians)));
    },
    addLegalHoldCustodianV27: async (req, res) => {
      const b = req.body;
      res.json(presentMembership(await holds.addCustodian(callerOf(req), b.legalHoldUid, b.userUid)));
    },
    removeLegalHoldCustodianV27: noContent((req) => holds.removeCustodian(callerOf(req), req.body.legalHoldMembershipUid)),
  };
}
