// Wire <-> SCIM: /scim/{providerId}/v2/..., the provider's own base URL; application/scim+json both ways.
import { Router, type Request, type RequestHandler, type Response } from "express";
import { parseBasic } from "../../auth/basic.js";
import { findRole, ROLE_CATALOGUE } from "../roles/catalogue.js";
import { invalidValue, scimNotFound } from "./errors.js";
import { schemas, resourceTypes, serviceProviderConfig } from "./discovery.js";
import { applyPatch, type PatchOperation } from "./patch.js";
import { fieldsOf, LIST_RESPONSE, PATCH_OP, presentUser } from "./resource.js";
import type { Provider, ScimService } from "./service.js";

export const SCIM_MEDIA_TYPE = "application/scim+json";
const BASE = "/scim/:providerId/v2";
const PROVIDER_PATH = /^\/scim\/([^/]+)\/v2\//i;

declare module "express-serve-static-core" {
  interface Request {
    /** The SCIM provider whose credentials the request carried (scimAuthentication). */
    scimProvider?: Provider;
  }
}

/**
 * A SCIM call's provider, from the path and the credentials, before its request is validated: an unauthenticated
 * provider gets its 401 whatever the body, as every other caller does.
 */
export function scimAuthentication(scim: ScimService): RequestHandler {
  return async (req, _res, next) => {
    const providerId = PROVIDER_PATH.exec(req.path)?.[1];
    if (providerId === undefined) return next();
    try {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "")?.[1] ?? null;
      req.scimProvider = await scim.authenticate(decodeURIComponent(providerId), bearer, parseBasic(req.get("authorization")));
      next();
    } catch (e) {
      next(e);
    }
  };
}

export function scimRoutes(scim: ScimService): Router {
  const router = Router();
  const base = (req: Request) => `${req.protocol}://${req.get("host")}/scim/${String(req.params.providerId)}/v2`;
  const send = (res: Response, status: number, body: unknown) => res.status(status).type(SCIM_MEDIA_TYPE).json(body);
  // Every SCIM operation passed scimAuthentication on its way here.
  const provider = async (req: Request): Promise<Provider> => req.scimProvider!;
  const location = (req: Request, id: string) => `${base(req)}/Users/${id}`;

  router.get(`${BASE}/ServiceProviderConfig`, async (req, res) => {
    await provider(req);
    send(res, 200, serviceProviderConfig(base(req)));
  });
  router.get(`${BASE}/ResourceTypes`, async (req, res) => {
    await provider(req);
    send(res, 200, resourceTypes(base(req)));
  });
  router.get(`${BASE}/Schemas`, async (req, res) => {
    await provider(req);
    send(res, 200, schemas());
  });

  router.get(`${BASE}/Users`, async (req, res) => {
    const p = await provider(req);
    const startIndex = Math.max(1, Number(req.query.startIndex ?? 1) || 1);
    const count = Math.min(1000, Math.max(0, Number(req.query.count ?? 100) || 0));
    const { totalResults, users: page } = await scim.list(p, typeof req.query.filter === "string" ? req.query.filter : undefined, startIndex, count);
    send(res, 200, { schemas: [LIST_RESPONSE], totalResults, startIndex, itemsPerPage: page.length, Resources: page.map((u) => presentUser(u, location(req, u.user_uid))) });
  });
  router.post(`${BASE}/Users`, async (req, res) => {
    const p = await provider(req);
    const u = await scim.create(p, fieldsOf(req.body));
    res.set("Location", location(req, u.user_uid));
    send(res, 201, presentUser(u, location(req, u.user_uid)));
  });
  router.get(`${BASE}/Users/:id`, async (req, res) => {
    const u = await scim.get(await provider(req), String(req.params.id));
    send(res, 200, presentUser(u, location(req, u.user_uid)));
  });
  router.put(`${BASE}/Users/:id`, async (req, res) => {
    const u = await scim.update(await provider(req), String(req.params.id), fieldsOf(req.body));
    send(res, 200, presentUser(u, location(req, u.user_uid)));
  });
  router.patch(`${BASE}/Users/:id`, async (req, res) => {
    const body = req.body as { schemas?: string[]; Operations?: PatchOperation[] };
    if (!body.schemas?.includes(PATCH_OP) || !Array.isArray(body.Operations)) throw invalidValue(`A PATCH body is a ${PATCH_OP} with Operations`);
    const u = await scim.update(await provider(req), String(req.params.id), applyPatch(body.Operations));
    send(res, 200, presentUser(u, location(req, u.user_uid)));
  });
  router.delete(`${BASE}/Users/:id`, async (req, res) => {
    await scim.remove(await provider(req), String(req.params.id));
    res.status(204).end();
  });

  // Groups are Code42 roles (fixed: they cannot be created); membership is holding the role.
  const group = async (p: Provider, roleId: string, req: Request) => {
    const role = findRole(roleId);
    if (!role || role.roleId !== roleId) throw scimNotFound(`Group ${roleId}`);
    const holders = await scim.roleHolders(p, roleId);
    return {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      id: role.roleId,
      displayName: role.roleName,
      members: holders.map((h) => ({ value: h.user_uid, display: h.username, $ref: location(req, h.user_uid) })),
      meta: { resourceType: "Group", location: `${base(req)}/Groups/${role.roleId}` },
    };
  };
  router.get(`${BASE}/Groups`, async (req, res) => {
    const p = await provider(req);
    const filter = typeof req.query.filter === "string" ? /^displayName eq "([^"]*)"$/i.exec(req.query.filter.trim()) : null;
    if (typeof req.query.filter === "string" && !filter) throw invalidValue("Groups filter by displayName eq only");
    const roles = ROLE_CATALOGUE.filter((r) => !filter || r.roleName === filter[1]);
    const resources = await Promise.all(roles.map((r) => group(p, r.roleId, req)));
    send(res, 200, { schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources });
  });
  router.get(`${BASE}/Groups/:id`, async (req, res) => {
    send(res, 200, await group(await provider(req), String(req.params.id), req));
  });
  router.patch(`${BASE}/Groups/:id`, async (req, res) => {
    const p = await provider(req);
    const roleId = String(req.params.id);
    await group(p, roleId, req);
    const ops = (req.body as { Operations?: PatchOperation[] }).Operations ?? [];
    for (const o of ops) {
      const op = String(o.op).toLowerCase();
      const path = (o.path ?? "").toLowerCase();
      const filtered = /^members\[value eq "([^"]+)"\]$/i.exec(o.path ?? "");
      const members = filtered ? [filtered[1]!] : Array.isArray(o.value) ? (o.value as { value: string }[]).map((m) => m.value) : [];
      if (!(path === "members" || filtered) || (op !== "add" && op !== "remove")) throw invalidValue("Group PATCH supports add and remove of members");
      await scim.setRole(p, members, roleId, op === "add");
    }
    send(res, 200, await group(p, roleId, req));
  });

  return router;
}
