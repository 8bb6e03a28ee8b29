// Trusted activities on the legacy wire (/api/v1/trusted-activities, py42 1.29), keyed by operationId. The gateway's
// /v1 operations of the 2022 document are the same calls and reuse these handlers.
import type { Request, Response } from "express";
import type { TrustedActivityService } from "../../domains/trustedactivities/service.js";
import type { TrustedSortColumn } from "../../domains/trustedactivities/store.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable, type RequestOf } from "../../http/handlers.js";
import { MAX_PAGE_SIZE } from "../../http/query.js";
import { presentTrustResource } from "./presenters/trusted-activities.js";

const SORT_COLUMNS: Record<string, TrustedSortColumn> = {
  RESOURCE_ID: "activity_id",
  DESCRIPTION: "description",
  TYPE: "type",
  UPDATED_BY_USERNAME: "updated_by_name",
  UPDATED_AT: "updated_at",
  VALUE: "value",
};

const idOf = (req: Request) => Number(req.params.id);
type Write = RequestOf<"createTrustedActivity" | "updateTrustedActivity">;

/** The five /v1 operations, for whichever operationIds a wire gives them. */
export function trustResourceHandlers(trusted: TrustedActivityService) {
  return {
    list: async (req: Request, res: Response) => {
      const q = req.query;
      const page = await trusted.list(callerOf(req), {
        types: ([] as unknown[]).concat(q.type ?? []).map(String),
        sortColumn: SORT_COLUMNS[String(q.srtKey ?? "TYPE")] ?? "type",
        descending: q.srtDirection === "DESC",
        page: Number(q.pgNum ?? 1),
        pageSize: Math.min(MAX_PAGE_SIZE, Number(q.pgSize ?? 100)),
      });
      res.json({ trustResources: page.activities.map(presentTrustResource), totalCount: page.totalCount });
    },
    create: async (req: Write, res: Response) => {
      const { type, value, description } = req.body;
      res.json(presentTrustResource(await trusted.create(callerOf(req), { type, value, description: description ?? null, groups: null })));
    },
    get: async (req: Request, res: Response) => {
      res.json(presentTrustResource(await trusted.get(callerOf(req), idOf(req))));
    },
    update: async (req: Write, res: Response) => {
      const { type, value, description } = req.body;
      res.json(presentTrustResource(await trusted.update(callerOf(req), idOf(req), { type, value, description: description ?? null })));
    },
    delete: noContent((req: Request) => trusted.delete(callerOf(req), idOf(req))),
  };
}

export function trustedActivityHandlers(trusted: TrustedActivityService): HandlerTable {
  const h = trustResourceHandlers(trusted);
  return { listTrustedActivities: h.list, createTrustedActivity: h.create, getTrustedActivity: h.get, updateTrustedActivity: h.update, deleteTrustedActivity: h.delete };
}
