// The gateway's user risk profiles, keyed by operationId: the detection-list profile of the legacy wire, read for every
// user, changed by field mask.
import type { Request } from "express";
import type { RiskProfileChanges } from "../../domains/riskprofiles/service.js";
import type { RiskProfileFilter } from "../../domains/riskprofiles/store.js";
import { callerOf } from "../../http/caller.js";
import { ApiError } from "../../http/errors.js";
import type { HandlerTable, RequestOf } from "../../http/handlers.js";
import { sendJsonParts } from "../../http/json-text.js";
import { MAX_PAGE_SIZE, queryBoolean, queryString } from "../../http/query.js";
import type { GatewayDeps } from "./deps.js";
import { GATEWAY_USER_RISK_PROFILE, isoDate, presentGatewayRiskProfile, presentGatewayRiskProfilePageJson } from "./presenters/risk-profiles.js";

const userOf = (req: Request) => String(req.params.user_id);

type Patch = RequestOf<"updateGatewayUserRiskProfile">;

/** The fields the mask names (all the body carries without a mask), dates as YYYY-MM-DD (the v2 actor profiles' too). */
export function changesOf(req: Patch): RiskProfileChanges {
  const body = req.body;
  const mask = ([] as unknown[]).concat(req.query.paths ?? []).map(String);
  const named = (field: "notes" | "startDate" | "endDate") => (mask.length ? mask.includes(field) : field in body);
  const date = (field: "startDate" | "endDate") => {
    const value = body[field] ?? null;
    if (value === null) return null;
    const iso = isoDate(value);
    if (iso === undefined) throw new ApiError(400, "INVALID_REQUEST", `${field} is not a date: ${JSON.stringify(value)}`);
    return iso;
  };
  return {
    ...(named("notes") ? { notes: body.notes ?? null } : {}),
    ...(named("startDate") ? { startDate: date("startDate") } : {}),
    ...(named("endDate") ? { endDate: date("endDate") } : {}),
  };
}

/** The filters a list of risk profiles takes in both versions (users' and actors'). */
export function riskProfileFilterOf(q: Request["query"]): RiskProfileFilter {
  return {
    managerId: queryString(q.manager_id),
    title: queryString(q.title),
    division: queryString(q.division),
    department: queryString(q.department),
    employmentType: queryString(q.employment_type),
    country: queryString(q.country),
    region: queryString(q.region),
    locality: queryString(q.locality),
    active: queryBoolean(q.active),
  };
}

/** Page (from 1) and page size, as both versions take them. */
export const riskProfilePageOf = (q: Request["query"]): [page: number, pageSize: number] => [Number(q.page ?? 1), Math.min(MAX_PAGE_SIZE, Number(q.page_size ?? 100))];

export function gatewayRiskProfileHandlers({ riskProfiles }: GatewayDeps): HandlerTable {
  return {
    listGatewayUserRiskProfiles: async (req, res) => {
      const q = req.query;
      const filter = { ...riskProfileFilterOf(q), deleted: queryBoolean(q.deleted), supportUser: queryBoolean(q.support_user) };
      sendJsonParts(res, 200, presentGatewayRiskProfilePageJson(await riskProfiles.listJson(callerOf(req), filter, ...riskProfilePageOf(q), GATEWAY_USER_RISK_PROFILE)));
    },
    getGatewayUserRiskProfile: async (req, res) => {
      res.json(presentGatewayRiskProfile(await riskProfiles.get(callerOf(req), userOf(req))));
    },
    updateGatewayUserRiskProfile: async (req, res) => {
      res.json(presentGatewayRiskProfile(await riskProfiles.update(callerOf(req), userOf(req), changesOf(req))));
    },
    addGatewayUserRiskProfileCloudAliases: async (req, res) => {
      await riskProfiles.addCloudAliases(callerOf(req), userOf(req), req.body.cloudAliases);
      res.json({});
    },
    deleteGatewayUserRiskProfileCloudAliases: async (req, res) => {
      await riskProfiles.removeCloudAliases(callerOf(req), userOf(req), req.body.cloudAliases);
      res.json({});
    },
  };
}
