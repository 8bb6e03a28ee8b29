// The gateway's organization operations, keyed by operationId: the list, one org, create, update, and the
// activation actions, over the org service the legacy wire uses.
import type { Request } from "express";
import type { OrgRef } from "../../domains/orgs/service.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryBoolean } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { presentGatewayOrg } from "./presenters/orgs.js";

const byGuid = (req: Omit<Request, "body">): OrgRef => ({ orgGuid: String(req.params.orgGuid) });

export function gatewayOrgHandlers({ orgs }: GatewayDeps): HandlerTable {
  return {
    listGatewayOrgs: async (req, res) => {
      const list = await orgs.list(callerOf(req), { active: queryBoolean(req.query.active) });
      res.json({ orgs: list.map(presentGatewayOrg), totalCount: list.length });
    },
    createGatewayOrg: async (req, res) => {
      const { parentOrgGuid, ...fields } = req.body;
      const org = await orgs.create(callerOf(req), parentOrgGuid ? { orgGuid: parentOrgGuid } : null, fields);
      res.json(presentGatewayOrg(await orgs.counted(org)));
    },
    getGatewayOrg: async (req, res) => {
      res.json(presentGatewayOrg(await orgs.counted(await orgs.find(callerOf(req), byGuid(req)))));
    },
    updateGatewayOrg: async (req, res) => {
      res.json(presentGatewayOrg(await orgs.counted(await orgs.update(callerOf(req), byGuid(req), req.body))));
    },
    // Code42 answers the activation actions 200 with no body (the incydr SDK reads only the status).
    activateGatewayOrg: noContent((req) => orgs.setActive(callerOf(req), byGuid(req), true), 200),
    deactivateGatewayOrg: noContent((req) => orgs.setActive(callerOf(req), byGuid(req), false), 200),
  };
}
