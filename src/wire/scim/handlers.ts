// The SCIM wire, keyed by operationId: /scim/{providerId}/v2/..., the provider's own base URL; application/scim+json
// both ways. Handlers parse the resource (presenters.ts), call the domain, and present what it answers.
import type { Request, Response } from "express";
import { invalidValue, scimNotFound } from "./errors.js";
import { filterMatches } from "../../domains/scim/filter.js";
import type { ScimGroups } from "../../domains/scim/groups.js";
import type { Provider } from "../../domains/scim/providers.js";
import type { ScimService } from "../../domains/scim/service.js";
import type { HandlerTable } from "../../http/handlers.js";
import { resourceTypeById, resourceTypes, schemaById, schemas, serviceProviderConfig } from "./discovery.js";
import { canonicalKeys } from "./names.js";
import { patched, type PatchOperation } from "./patch.js";
import { fieldsOf, groupFieldsOf, listResponse, PATCH_OP, presentGroup, presentUser, SCIM_USER } from "./presenters.js";
import type { ScimUserRow } from "../../domains/scim/store.js";
import { jsonParts, JsonTexts, sendJsonParts } from "../../http/json-text.js";
import { project } from "./projection.js";

export const SCIM_MEDIA_TYPE = "application/scim+json";

/** How many resources a page holds when the provider does not say; at most MAX_COUNT. */
const DEFAULT_COUNT = 100;
const MAX_COUNT = 1000;

/** RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0. */
function paging(req: Request): { startIndex: number; count: number } {
  const startIndex = Math.max(1, Number(req.query.startIndex ?? 1) || 1);
  const asked = req.query.count === undefined ? DEFAULT_COUNT : Number(req.query.count) || 0;
  return { startIndex, count: Math.min(MAX_COUNT, Math.max(0, asked)) };
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const json = (body: unknown): Record<string, unknown> => canonicalKeys(body) as Record<string, unknown>;

/** A PATCH body: a PatchOp message with its Operations. */
function operationsOf(body: unknown): PatchOperation[] {
  const b = json(body) as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(b.schemas) || !b.schemas.includes(PATCH_OP) || !Array.isArray(b.Operations)) throw invalidValue(`A PATCH body is a ${PATCH_OP} with Operations`);
  return b.Operations as PatchOperation[];
}

export function scimHandlers(scim: ScimService, groups: ScimGroups): HandlerTable {
  const base = (req: Request) => `${req.protocol}://${req.get("host")}/scim/${String(req.params.providerId)}/v2`;
  const send = (res: Response, status: number, body: unknown) => res.status(status).type(SCIM_MEDIA_TYPE).json(body);
  // Every SCIM operation passed scimAuthentication on its way here.
  const provider = (req: Request): Provider => req.scimProvider!;
  const shown = (req: Request, resource: Record<string, unknown>) => project(resource, text(req.query.attributes), text(req.query.excludedAttributes));
  const usersUrl = (req: Request) => `${base(req)}/Users/`;
  const user = (req: Request, u: ScimUserRow) => presentUser({ ...u, users_url: usersUrl(req) });
  const list = (req: Request, totalResults: number, startIndex: number, page: Record<string, unknown>[]) => listResponse(totalResults, startIndex, page.map((r) => shown(req, r)));

  return {
    getScimServiceProviderConfig: (req, res) => send(res, 200, serviceProviderConfig(base(req))),
    getScimResourceTypes: (req, res) => send(res, 200, resourceTypes(base(req))),
    getScimResourceType: (req, res) => {
      const found = resourceTypeById(base(req), String(req.params.id));
      if (!found) throw scimNotFound(`ResourceType ${String(req.params.id)}`);
      send(res, 200, found);
    },
    getScimSchemas: (req, res) => send(res, 200, schemas(base(req))),
    getScimSchema: (req, res) => {
      const found = schemaById(base(req), String(req.params.id));
      if (!found) throw scimNotFound(`Schema ${String(req.params.id)}`);
      send(res, 200, found);
    },

    listScimUsers: async (req, res) => {
      const { startIndex, count } = paging(req);
      const filter = text(req.query.filter);
      if (req.query.attributes !== undefined || req.query.excludedAttributes !== undefined) {
        const { totalResults, users } = await scim.list(provider(req), filter, startIndex, count);
        send(res, 200, list(req, totalResults, startIndex, users.map((u) => user(req, u))));
        return;
      }
      // Every attribute: each user as SCIM_USER writes them, by SQLite.
      const { totalResults, json } = await scim.listJson(provider(req), filter, startIndex, count, SCIM_USER, usersUrl(req));
      sendJsonParts(res, 200, jsonParts(listResponse(totalResults, startIndex, new JsonTexts(json))), SCIM_MEDIA_TYPE);
    },
    createScimUser: async (req, res) => {
      const u = await scim.create(provider(req), fieldsOf(json(req.body)));
      res.set("Location", `${base(req)}/Users/${u.user_uid}`);
      send(res, 201, user(req, u));
    },
    getScimUser: async (req, res) => {
      send(res, 200, shown(req, user(req, await scim.get(provider(req), String(req.params.id)))));
    },
    replaceScimUser: async (req, res) => {
      send(res, 200, user(req, await scim.update(provider(req), String(req.params.id), fieldsOf(json(req.body)))));
    },
    patchScimUser: async (req, res) => {
      const p = provider(req);
      const id = String(req.params.id);
      const operations = operationsOf(req.body);
      const after = patched(user(req, await scim.get(p, id)), operations);
      send(res, 200, user(req, await scim.update(p, id, fieldsOf(after))));
    },
    deleteScimUser: async (req, res) => {
      await scim.remove(provider(req), String(req.params.id));
      res.status(204).end();
    },

    listScimGroups: async (req, res) => {
      const { startIndex, count } = paging(req);
      let all = (await groups.list(provider(req))).map((g) => presentGroup(g, base(req)));
      const filter = text(req.query.filter);
      if (filter) all = all.filter(filterMatches(filter));
      send(res, 200, list(req, all.length, startIndex, all.slice(startIndex - 1, startIndex - 1 + count)));
    },
    createScimGroup: async (req, res) => {
      const g = presentGroup(await groups.create(provider(req), groupFieldsOf(json(req.body))), base(req));
      res.set("Location", g.meta.location);
      send(res, 201, g);
    },
    getScimGroup: async (req, res) => {
      send(res, 200, shown(req, presentGroup(await groups.get(provider(req), String(req.params.id)), base(req))));
    },
    replaceScimGroup: async (req, res) => {
      send(res, 200, presentGroup(await groups.replace(provider(req), String(req.params.id), groupFieldsOf(json(req.body))), base(req)));
    },
    patchScimGroup: async (req, res) => {
      const p = provider(req);
      const id = String(req.params.id);
      const operations = operationsOf(req.body);
      const after = patched(presentGroup(await groups.get(p, id), base(req)), operations);
      send(res, 200, presentGroup(await groups.replace(p, id, groupFieldsOf(after)), base(req)));
    },
    deleteScimGroup: async (req, res) => {
      await groups.remove(provider(req), String(req.params.id));
      res.status(204).end();
    },
  };
}
