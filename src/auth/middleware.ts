// Says who is calling. Whether an operation needs a token is read from its `security` in the spec.
import type { RequestHandler } from "express";
import { unauthorized } from "../http/errors.js";
import type { AuthService } from "./service.js";

interface OperationSecurity {
  security?: Record<string, unknown>[];
}

/** Both schemes the clients use: `Bearer <t>` (py42) and `v3_user_token <t>` (help-center curls). */
const TOKEN_HEADER = /^(?:Bearer|v3_user_token)\s+(\S+)\s*$/i;

/** Operations secured by a user or API-client token; Basic (the token endpoints) and the control token are checked elsewhere. */
function needsToken(operation: OperationSecurity | undefined): boolean {
  return (operation?.security ?? []).some((s) => "bearer" in s || "v3UserToken" in s);
}

export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const operation = (req as unknown as { openapi?: { schema?: OperationSecurity } }).openapi?.schema;
    if (!needsToken(operation)) return next();
    const match = TOKEN_HEADER.exec(req.get("authorization") ?? "");
    if (!match) throw unauthorized("A Bearer or v3_user_token authorization header is required");
    const principal = await auth.principal(match[1]!);
    if (!principal) throw unauthorized("The token is invalid or has expired");
    req.principal = principal;
    next();
  };
}
