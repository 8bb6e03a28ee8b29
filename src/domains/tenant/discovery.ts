// Service discovery built from the request's own host, so py42 resolves every microservice back to this server.
//
// py42 takes stsBaseUrl from ServerEnv, replaces the FIRST "sts" anywhere in it with "simple-key-value-store"
// to find the key-value store, then asks the store for each service's base URL (wire reference §2.2-2.4).

/** The key-value keys py42 1.26 looks up, the key 1.29 finds the preservation data service by, and the pre-Nov-2020 detection-list key. */
export const KEY_VALUE_KEYS = new Set([
  "employeecasemanagementV2-API_URL",
  "employeecasemanagement-API_URL",
  "watchlists-API_URL",
  "FedObserver-API_URL",
  "AlertService-API_URL",
  "FORENSIC_SEARCH-API_URL",
  "PRESERVATION-DATA-SERVICE_API-URL",
  "EXFILTRATED-DATA-SERVICE_API-URL",
  "AUDIT-LOG_API-URL",
  "CASES_API-URL",
  "TRUSTED-DOMAINS_API-URL",
]);

/** scheme://host[:port] of the request, without any userinfo a client carried over from stsBaseUrl. */
export function requestOrigin(protocol: string, hostHeader: string | undefined, fallbackHost: string): string {
  const host = (hostHeader || fallbackHost).replace(/^[^@/]*@/, "");
  return `${protocol}://${host}`;
}

/**
 * The stsBaseUrl to publish. When the origin contains "sts" (say http://tests.local:4200), py42's replace would
 * mangle the host; a userinfo "sts@" right after the scheme takes the replacement instead, leaving host and port
 * intact ("http://simple-key-value-store@tests.local:4200": the userinfo is ignored by the key-value route).
 */
export function stsBaseUrl(origin: string): string {
  if (!origin.includes("sts")) return origin;
  const cut = origin.indexOf("://") + 3;
  return `${origin.slice(0, cut)}sts@${origin.slice(cut)}`;
}

/** The value stored under a key: ECM paths are relative, so its value must end in /svc/api/ (trailing slash). */
export function keyValue(key: string, origin: string): string | undefined {
  if (!KEY_VALUE_KEYS.has(key)) return undefined;
  if (key === "employeecasemanagementV2-API_URL") return `${origin}/svc/api/`;
  return origin;
}
