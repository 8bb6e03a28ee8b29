// Which Code42 API family a call belongs to: each family has its own error envelope. It is a property of the
// operation, written in the spec as `x-code42-family`; a path no operation matched (an unknown route, a refused
// request head) falls back to its prefix.
import type { Request } from "express";

export const API_FAMILIES = ["ecm", "v1", "v3", "problem", "keyValue", "gateway", "scim", "emulator"] as const;
export type ApiFamily = (typeof API_FAMILIES)[number];

const isFamily = (value: unknown): value is ApiFamily => (API_FAMILIES as readonly unknown[]).includes(value);

/** The family of the operation the validator matched the request to, else of its path. */
export function familyOfRequest(req: Pick<Request, "path">): ApiFamily {
  const declared = (req as { openapi?: { schema?: Record<string, unknown> } }).openapi?.schema?.["x-code42-family"];
  return isFamily(declared) ? declared : familyOf(req.path);
}

/** By prefix, read without regard to case as Express routes paths: `/API/V1/USER` is a v1 call and answers as one. */
export function familyOf(rawPath: string): ApiFamily {
  const path = rawPath.toLowerCase();
  if (path.startsWith("/svc/api/")) return "ecm";
  if (path.startsWith("/scim/")) return "scim";
  if (path.startsWith("/c42api/v3/") || path.startsWith("/api/v3/")) return "v3";
  if (path.startsWith("/api/v1/") || (!/^\/api\/v\d+\//.test(path) && path.startsWith("/api/"))) return "v1";
  if (/^\/api\/v\d+\//.test(path)) return "problem";
  // The key-value store's one operation (GET /v1/{key}) declares its own family; everything else under /v1 and /v2 is
  // the public gateway.
  if (path.startsWith("/v1/") || path.startsWith("/v2/")) return "gateway";
  return "emulator";
}
