// The gateway's trusted activities, keyed by operationId: /v2 in the 2024 document's shape, /v1 (2022) through the
// legacy wire's handlers, the same records behind both.
import type { Request } from "express";
import type { ActivityActionGroup } from "../../domains/trustedactivities/rules.js";
import type { TrustedSortColumn } from "../../domains/trustedactivities/store.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable } from "../../http/handlers.js";
import { MAX_PAGE_SIZE } from "../../http/query.js";
import { trustResourceHandlers } from "../legacy/trusted-activities.js";
import type { GatewayDeps } from "./deps.js";
import { presentGatewayTrustedActivity } from "./presenters/trusted-activities.js";

const SORT_COLUMNS: Record<string, TrustedSortColumn> = {
  ACTIVITY_ID: "activity_id",
  DESCRIPTION: "description",
  TYPE: "type",
  UPDATED_BY_PRINCIPAL_NAME: "updated_by_name",
  UPDATE_TIME: "updated_at",
  VALUE: "value",
};

const idOf = (req: Request) => Number(req.params.activity_id);

type GroupsIn = { name?: string; activityActions: { type: string; providers?: { name: string }[] | null }[] }[] | null | undefined;
const groupsOf = (groups: GroupsIn): ActivityActionGroup[] | null | undefined =>
  groups && groups.map((g) => ({ name: g.name ?? "DEFAULT", activityActions: g.activityActions.map((a) => ({ type: a.type, providers: a.providers ?? null })) }));

export function gatewayTrustedActivityHandlers({ trustedActivities }: GatewayDeps): HandlerTable {
  const v1 = trustResourceHandlers(trustedActivities);
  return {
    listGatewayTrustedActivitiesV2: async (req, res) => {
      const q = req.query;
      const types = ([] as unknown[]).concat(q.type ?? [], q.activity_type ?? []).map(String);
      const page = await trustedActivities.list(callerOf(req), {
        types,
        sortColumn: SORT_COLUMNS[String(q.sort_key ?? "UPDATE_TIME")] ?? "updated_at",
        descending: q.sort_direction === "DESC",
        page: Number(q.page_num ?? q.page ?? 1),
        pageSize: Math.min(MAX_PAGE_SIZE, Number(q.page_size ?? 100)),
      });
      res.json({ totalCount: page.totalCount, trustedActivities: page.activities.map(presentGatewayTrustedActivity) });
    },
    createGatewayTrustedActivityV2: async (req, res) => {
      const b = req.body;
      const created = await trustedActivities.create(callerOf(req), {
        type: b.type,
        value: b.value,
        description: b.description ?? null,
        isHighValueSource: b.isHighValueSource,
        groups: groupsOf(b.activityActionGroups) ?? null,
      });
      res.json(presentGatewayTrustedActivity(created));
    },
    getGatewayTrustedActivityV2: async (req, res) => {
      res.json(presentGatewayTrustedActivity(await trustedActivities.get(callerOf(req), idOf(req))));
    },
    updateGatewayTrustedActivityV2: async (req, res) => {
      const b = req.body;
      const updated = await trustedActivities.update(callerOf(req), idOf(req), {
        ...(b.type != null ? { type: b.type } : {}),
        ...(b.value != null ? { value: b.value } : {}),
        ...("description" in b ? { description: b.description ?? null } : {}),
        isHighValueSource: b.isHighValueSource,
        groups: groupsOf(b.activityActionGroups),
      });
      res.json(presentGatewayTrustedActivity(updated));
    },
    deleteGatewayTrustedActivityV2: async (req, res) => {
      res.json(presentGatewayTrustedActivity(await trustedActivities.delete(callerOf(req), idOf(req))));
    },
    listGatewayTrustedActivitiesV1: v1.list,
    createGatewayTrustedActivityV1: v1.create,
    getGatewayTrustedActivityV1: v1.get,
    updateGatewayTrustedActivityV1: v1.update,
    deleteGatewayTrustedActivityV1: v1.delete,
  };
}
