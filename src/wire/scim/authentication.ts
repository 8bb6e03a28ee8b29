// A SCIM call's provider, from its path and credentials: the provider's own base URL opens only with its own.
import type { RequestHandler } from "express";
import { parseBasic } from "../../auth/basic.js";
import type { Provider } from "../../domains/scim/providers.js";
import type { ScimService } from "../../domains/scim/service.js";

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
