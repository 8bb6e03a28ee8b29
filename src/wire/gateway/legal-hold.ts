// The gateway's legal-hold operations, keyed by operationId: the legacy wire's LegalHoldService, with matters and
// custodians named in the path, memberships named by matter and user, and pages as page/pageSize.
import type { Request } from "express";
import type { ActiveState } from "../../domains/legalhold/store.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { paging, queryBoolean, queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { GATEWAY_CUSTODIAN, GATEWAY_CUSTODIAN_MATTER, presentGatewayMatter, presentGatewayMembership, presentGatewayPolicy } from "./presenters/legal-hold.js";

const pageOf = (req: Request, defaultSize: number) => paging({ pgNum: req.query.page, pgSize: req.query.pageSize }, defaultSize);

/** The document: "Defaults to returning all matters". */
const activeState = (active: boolean | undefined): ActiveState => (active === undefined ? "ALL" : active ? "ACTIVE" : "INACTIVE");

/** Membership lists answer inactive memberships too: each item says which it is (membershipActive). */
const EVERY_MEMBERSHIP: ActiveState = "ALL";

export function gatewayLegalHoldHandlers({ holds }: GatewayDeps): HandlerTable {
  return {
    // Policies.
    listGatewayLegalHoldPolicies: async (req, res) => {
      res.json({ policies: (await holds.policies(callerOf(req), pageOf(req, 100))).map(presentGatewayPolicy) });
    },
    createGatewayLegalHoldPolicy: async (req, res) => {
      res.json(presentGatewayPolicy(await holds.createPolicy(callerOf(req), req.body.name, null)));
    },
    getGatewayLegalHoldPolicy: async (req, res) => {
      res.json(presentGatewayPolicy(await holds.policy(callerOf(req), String(req.params.policyId))));
    },

    // Matters.
    listGatewayLegalHoldMatters: async (req, res) => {
      const q = req.query;
      const { pgNum, pgSize } = pageOf(req, 500);
      const filter = { active: activeState(queryBoolean(q.active)), creatorUserUid: queryString(q.creatorUserId) || undefined, name: queryString(q.name) || undefined };
      res.json({ matters: (await holds.matters(callerOf(req), filter, pgNum, pgSize)).map(presentGatewayMatter) });
    },
    createGatewayLegalHoldMatter: async (req, res) => {
      const b = req.body;
      res.json(presentGatewayMatter(await holds.createMatter(callerOf(req), { name: b.name, policyUid: b.policyId, description: b.description, notes: b.notes })));
    },
    getGatewayLegalHoldMatter: async (req, res) => {
      res.json(presentGatewayMatter(await holds.matter(callerOf(req), String(req.params.matterId))));
    },
    // The document refuses a matter already in the state asked for: the strict form, as the legacy API-client paths.
    deactivateGatewayLegalHoldMatter: noContent((req) => holds.setMatterActive(callerOf(req), String(req.params.matterId), false, true), 200),
    reactivateGatewayLegalHoldMatter: async (req, res) => {
      await holds.setMatterActive(callerOf(req), String(req.params.matterId), true, true);
      res.json({ membershipsChanged: false });
    },

    // Custodians.
    listGatewayLegalHoldCustodians: async (req, res) => {
      const { pgNum, pgSize } = pageOf(req, 500);
      const custodians = await holds.custodiansOf(callerOf(req), String(req.params.matterId), EVERY_MEMBERSHIP, pgNum, pgSize, GATEWAY_CUSTODIAN);
      sendJsonParts(res, 200, jsonParts({ custodians: new JsonTexts(custodians) }));
    },
    listGatewayLegalHoldUserMatters: async (req, res) => {
      const { pgNum, pgSize } = pageOf(req, 500);
      const matters = await holds.custodians(callerOf(req), { active: EVERY_MEMBERSHIP, userUid: String(req.params.userId) }, pgNum, pgSize, GATEWAY_CUSTODIAN_MATTER);
      sendJsonParts(res, 200, jsonParts({ matters: new JsonTexts(matters) }));
    },
    addGatewayLegalHoldCustodian: async (req, res) => {
      res.json(presentGatewayMembership(await holds.addCustodian(callerOf(req), String(req.params.matterId), req.body.userId)));
    },
    removeGatewayLegalHoldCustodian: noContent((req) => holds.removeUserFromMatter(callerOf(req), String(req.params.matterId), req.body.userId), 200),
  };
}
