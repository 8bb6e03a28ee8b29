// The authenticated caller of a request; routes behind a token can rely on it being there.
import type { Request } from "express";
import type { Principal } from "../auth/principal.js";
import { unauthorized } from "./errors.js";

export function callerOf(req: Request): Principal {
  if (!req.principal) throw unauthorized();
  return req.principal;
}
