// Who may call the control plane (/_emulator/*, which can reset the tenant and export its password hashes). Health
// and the signing keys stay open to everyone. Three checks, each against a way in that a developer's machine or a
// shared CI host leaves open:
// - with --control-token, the X-Emulator-Token header (in any casing of the path: prefix.ts);
// - a browser page of another site: a request with an Origin other than the emulator's own is refused, so no
//   cross-site form or fetch can reset or freeze the clock (curl and the SDKs send no Origin; /docs/ is same-origin);
// - without a token, DNS rebinding (a page whose host name comes to point at 127.0.0.1): the Host must be a loopback
//   name, the address bound, or one of --control-host. With a token a rebound page cannot send the header.
import { timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import type { Request, RequestHandler } from "express";
import { ApiError } from "../http/errors.js";
import { isControlPath } from "./prefix.js";

const OPEN = new Set(["/_emulator/health", "/_emulator/jwks.json"]);

export interface GuardConfig {
  controlToken?: string;
  /** The address the server is bound to. */
  host: string;
  /** Further Host names control calls may come under without a token (a Compose service's name, say). */
  controlHosts?: string[];
}

/** The host name of a Host header or an Origin's authority, without port or IPv6 brackets, lower-cased. */
function hostName(authority: string): string {
  const name = authority.startsWith("[") ? authority.slice(1, authority.indexOf("]")) : authority.replace(/:\d*$/, "");
  return name.toLowerCase();
}

/** localhost, *.localhost, 127.0.0.0/8, ::1: names only this machine answers to. */
export function isLoopbackName(name: string): boolean {
  if (name === "localhost" || name.endsWith(".localhost") || name === "::1") return true;
  return isIP(name) === 4 && name.startsWith("127.");
}

/** Whether a server bound to this address (as --host takes it) can be reached from other machines. */
export const isBeyondLoopback = (address: string) => !isLoopbackName(address.toLowerCase());

function crossSite(req: Request): boolean {
  const origin = req.get("origin");
  if (origin === undefined) return false;
  try {
    return new URL(origin).host.toLowerCase() !== (req.get("host") ?? "").toLowerCase();
  } catch {
    return true; // "null" (a sandboxed frame, a file) or garbage: not this emulator's own page.
  }
}

export function controlGuard(config: GuardConfig): RequestHandler {
  const expected = config.controlToken ? Buffer.from(config.controlToken) : null;
  const hosts = new Set([config.host, ...(config.controlHosts ?? [])].map((h) => h.toLowerCase()));
  return (req, _res, next) => {
    if (!isControlPath(req.path) || OPEN.has(req.path.toLowerCase())) return next();
    if (crossSite(req)) throw new ApiError(403, "CROSS_SITE", "Control calls from another site's page are refused");
    if (expected) {
      const given = Buffer.from(req.get("x-emulator-token") ?? "");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ApiError(401, "UNAUTHORIZED", "The X-Emulator-Token header is missing or wrong");
    } else {
      const host = hostName(req.get("host") ?? "");
      if (!isLoopbackName(host) && !hosts.has(host))
        throw new ApiError(403, "HOST_NOT_ALLOWED", `Control calls under the host name "${host}" need --control-token, or --control-host ${host}`);
    }
    next();
  };
}
