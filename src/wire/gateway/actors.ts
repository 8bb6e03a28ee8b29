// The gateway's actors (/v1/actors: the tenant's users, their families by adoption) and actor risk profiles
// (/v2/actor-risk-profiles: the user risk profiles by actor id), keyed by operationId.
import type { Request } from "express";
import type { ActorKey } from "../../domains/actors/service.js";
import type { RiskProfileChanges } from "../../domains/riskprofiles/service.js";
import { callerOf } from "../../http/caller.js";
import { sendJsonParts } from "../../http/json-text.js";
import { ApiError } from "../../http/errors.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import { queryBoolean, queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { GATEWAY_ACTOR_RISK_PROFILE, presentGatewayActor, presentGatewayActorFamily, presentGatewayActorRiskProfile, presentGatewayActorRiskProfilePageJson } from "./presenters/actors.js";
import { isoDate } from "./presenters/risk-profiles.js";
import { changesOf, riskProfileFilterOf, riskProfilePageOf } from "./risk-profiles.js";

const byId = (req: Request): ActorKey => ({ actorId: String(req.params.actorId) });
const byName = (req: Request): ActorKey => ({ name: String(req.params.name) });

/** The largest page of a search, as Code42's document says (its problem words are the refusals' codes). */
const MAX_SEARCH_PAGE_SIZE = 500;

function searchOf(req: RequestOf<"searchGatewayActors">) {
  const q = req.query;
  const page = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 100);
  if (pageSize < 1) throw new ApiError(400, "PAGE_SIZE_TOO_SMALL", `pageSize must be at least 1, not ${pageSize}`);
  if (pageSize > MAX_SEARCH_PAGE_SIZE) throw new ApiError(400, "PAGE_SIZE_TOO_LARGE", `pageSize must be at most ${MAX_SEARCH_PAGE_SIZE}, not ${pageSize}`);
  if (page < 1) throw new ApiError(400, "PAGE_TOO_SMALL", `page must be at least 1, not ${page}`);
  const criteria = { nameStartsWith: queryString(q.nameStartsWith), nameEndsWith: queryString(q.nameEndsWith), active: queryBoolean(q.active) };
  return { criteria, page, pageSize };
}

/** The SDK's update_actor: the fields the body carries, dates as YYYY-MM-DD, null clearing one. */
function actorChangesOf(req: RequestOf<"updateGatewayActor">): RiskProfileChanges {
  const body = req.body;
  const date = (field: "startDate" | "endDate") => {
    const value = body[field] ?? null;
    if (value === null) return null;
    const [year, month, day] = value.split("-").map(Number);
    if (isoDate({ year: year!, month: month!, day: day! }) !== value) throw new ApiError(400, "INVALID_REQUEST", `${field} is not a date: ${JSON.stringify(value)}`);
    return value;
  };
  return {
    ...("notes" in body ? { notes: body.notes ?? null } : {}),
    ...("startDate" in body ? { startDate: date("startDate") } : {}),
    ...("endDate" in body ? { endDate: date("endDate") } : {}),
  };
}

export function gatewayActorHandlers({ actors }: GatewayDeps): HandlerTable {
  return {
    getGatewayActor: async (req, res) => {
      res.json(presentGatewayActor(await actors.get(callerOf(req), byId(req))));
    },
    updateGatewayActor: async (req, res) => {
      res.json(presentGatewayActor(await actors.update(callerOf(req), String(req.params.actorId), actorChangesOf(req))));
    },
    getGatewayActorParent: async (req, res) => {
      res.json(presentGatewayActor(await actors.preferringParent(callerOf(req), byId(req))));
    },
    getGatewayActorParentByName: async (req, res) => {
      res.json(presentGatewayActor(await actors.preferringParent(callerOf(req), byName(req))));
    },
    getGatewayActorFamily: async (req, res) => {
      res.json(presentGatewayActorFamily(await actors.family(callerOf(req), byId(req))));
    },
    getGatewayActorFamilyByName: async (req, res) => {
      res.json(presentGatewayActorFamily(await actors.family(callerOf(req), byName(req))));
    },
    searchGatewayActors: async (req, res) => {
      const { criteria, page, pageSize } = searchOf(req);
      res.json({ actors: (await actors.search(callerOf(req), criteria, false, page, pageSize)).map(presentGatewayActor) });
    },
    searchGatewayActorParents: async (req, res) => {
      const { criteria, page, pageSize } = searchOf(req);
      res.json({ actors: (await actors.search(callerOf(req), criteria, true, page, pageSize)).map(presentGatewayActor) });
    },
    adoptGatewayActor: async (req, res) => {
      res.json(await actors.adopt(callerOf(req), req.body.childActorId, req.body.parentActorId));
    },
    listGatewayActorRiskProfilesV2: async (req, res) => {
      const page = await actors.profilesJson(callerOf(req), riskProfileFilterOf(req.query), ...riskProfilePageOf(req.query), GATEWAY_ACTOR_RISK_PROFILE);
      sendJsonParts(res, 200, presentGatewayActorRiskProfilePageJson(page));
    },
    getGatewayActorRiskProfileV2: async (req, res) => {
      res.json(presentGatewayActorRiskProfile(await actors.profile(callerOf(req), String(req.params.actor_id))));
    },
    updateGatewayActorRiskProfileV2: async (req, res) => {
      res.json(presentGatewayActorRiskProfile(await actors.updateProfile(callerOf(req), String(req.params.actor_id), changesOf(req))));
    },
  };
}
