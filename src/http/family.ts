// Which Code42 API family a path belongs to: each family has its own error envelope.
export type ApiFamily = "ecm" | "v1" | "v3" | "problem" | "keyValue" | "scim" | "emulator";

/** Read without regard to case, as Express routes paths: `/API/V1/USER` is a v1 call and answers as one. */
export function familyOf(rawPath: string): ApiFamily {
  const path = rawPath.toLowerCase();
  if (path.startsWith("/svc/api/")) return "ecm";
  if (path.startsWith("/scim/")) return "scim";
  if (path.startsWith("/c42api/v3/") || path.startsWith("/api/v3/")) return "v3";
  if (path.startsWith("/api/v1/") || (!/^\/api\/v\d+\//.test(path) && path.startsWith("/api/"))) return "v1";
  if (/^\/api\/v\d+\//.test(path)) return "problem";
  if (path.startsWith("/v1/")) return "keyValue";
  return "emulator";
}
