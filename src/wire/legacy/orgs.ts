// The legacy wire's organization operations, keyed by operationId: the v1 list and legacy paths, the v3 org resource
// and its actions (an org's settings: org-settings.ts).
import type { Request } from "express";
import type { Clock } from "../../clock.js";
import type { OrgPage, OrgRef, OrgService } from "../../domains/orgs/service.js";
import type { OrgSettingsService } from "../../domains/orgs/settings-service.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import { ApiError } from "../../http/errors.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { isTrue, paging } from "../../http/query.js";
import { orgAsAsked, orgChangeOf, v1Ref } from "./org-settings.js";
import { presentOrg, presentOrgPage } from "./presenters/orgs.js";

const byGuid = (req: Request): OrgRef => ({ orgGuid: String(req.params.orgGuid) });

export function orgHandlers(orgs: OrgService, settings: OrgSettingsService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);
  /** Presented orgs with their hierarchyCounts when incCounts asks for them (empty otherwise, as Code42 answers). */
  const counted = async <T extends { orgId: number }>(req: Request, presented: T[]): Promise<T[]> => {
    if (!isTrue(req.query.incCounts)) return presented;
    const usage = await orgs.usage(callerOf(req), presented.map((o) => o.orgId));
    return presented.map((o) => (usage.has(o.orgId) ? { ...o, hierarchyCounts: { ...usage.get(o.orgId)! } } : o));
  };
  const countedPage = async (req: Request, page: OrgPage) => {
    const presented = presentOrgPage(page);
    return { ...presented, orgs: await counted(req, presented.orgs) };
  };
  const countedOne = async <T extends { orgId: number }>(req: Request, presented: T) => (await counted(req, [presented]))[0]!;

  return {
    listOrgs: async (req, res) => {
      const { pgNum, pgSize } = paging(req.query);
      res.json(v1(req, await countedPage(req, await orgs.page(callerOf(req), pgNum, pgSize))));
    },
    createOrgV1: async (req, res) => {
      res.json(v1(req, presentOrg(await orgs.create(callerOf(req), { orgUid: req.body.parentOrgUid }, req.body))));
    },
    getOrgMy: async (req, res) => {
      const caller = callerOf(req);
      // The real service fails with a 500 for API clients (py42 documents the incompatibility).
      if (caller.kind !== "user") throw new ApiError(500, "SYSTEM", "An API client has no organization");
      const org = await orgs.find(caller, { orgId: caller.orgId });
      res.json(v1(req, await countedOne(req, presentOrg(org))));
    },
    getOrgV1: async (req, res) => {
      res.json(v1(req, await countedOne(req, await orgAsAsked(req, settings, await orgs.find(callerOf(req), v1Ref(req))))));
    },
    putOrgBlockV1: noContent((req) => orgs.setBlocked(callerOf(req), v1Ref(req), true)),
    deleteOrgBlockV1: noContent((req) => orgs.setBlocked(callerOf(req), v1Ref(req), false)),
    putOrgDeactivationV1: noContent((req) => orgs.setActive(callerOf(req), v1Ref(req), false)),
    deleteOrgDeactivationV1: noContent((req) => orgs.setActive(callerOf(req), v1Ref(req), true)),

    listOrgsV3: async (req, res) => {
      const { pgNum, pgSize } = paging(req.query);
      res.json(v3Envelope(await countedPage(req, await orgs.page(callerOf(req), pgNum, pgSize))));
    },
    createOrg: async (req, res) => {
      res.json(v3Envelope(presentOrg(await orgs.create(callerOf(req), { orgGuid: req.body.parentOrgGuid }, req.body))));
    },
    getOrgByGuid: async (req, res) => {
      res.json(v3Envelope(await countedOne(req, await orgAsAsked(req, settings, await orgs.find(callerOf(req), byGuid(req))))));
    },
    // Every field sent is applied or refused (orgChangeOf), the org's settings included.
    updateOrg: async (req, res) => {
      res.json(v3Envelope(presentOrg((await settings.change(callerOf(req), byGuid(req), (org) => orgChangeOf(req.body, org, false))).org)));
    },
    blockOrg: noContent((req) => orgs.setBlocked(callerOf(req), byGuid(req), true)),
    unblockOrg: noContent((req) => orgs.setBlocked(callerOf(req), byGuid(req), false)),
    deactivateOrg: noContent((req) => orgs.setActive(callerOf(req), byGuid(req), false)),
    reactivateOrg: noContent((req) => orgs.setActive(callerOf(req), byGuid(req), true)),

    // No device reports agent properties yet: every org answers an empty list.
    getAgentStateByOrg: async (req, res) => {
      await orgs.find(callerOf(req), { orgId: Number(req.query.orgId) });
      res.json({ data: [] });
    },
  };
}
