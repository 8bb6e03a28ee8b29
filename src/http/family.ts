// Which Code42 API family a path belongs to: each family has its own error envelope.
export type ApiFamily = "ecm" | "v1" | "v3" | "problem" | "keyValue" | "scim" | "emulator";

export function familyOf(path: string): ApiFamily {
  if (path.startsWith("/svc/api/")) return "ecm";
  if (path.startsWith("/scim/")) return "scim";
  if (path.startsWith("/c42api/v3/") || /^\/api\/v3\//i.test(path)) return "v3";
  if (/^\/api\/v1\//i.test(path) || !/^\/api\/v\d+\//i.test(path) && path.startsWith("/api/")) return "v1";
  if (/^\/api\/v\d+\//i.test(path)) return "problem";
  if (path.startsWith("/v1/")) return "keyValue";
  return "emulator";
}
