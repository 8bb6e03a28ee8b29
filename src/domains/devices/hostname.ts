// The hostname a device's agent reports, shared by every wire that shows it.
import { sqlFunction } from "../../db/sql-functions.js";
import { DEFAULT_PRODUCT_VERSION, DEFAULT_SERVICE } from "./registration.js";
import type { DeviceRow } from "./store.js";

const byVersion = new Map<string, boolean>();

/** Code42 apps older than 6.8.2 report no hostname: the console shows UNKNOWN (issue: "hostname UNKNOWN"). */
export function reportsHostname(productVersion: string): boolean {
  let reports = byVersion.get(productVersion);
  if (reports === undefined) {
    const [a = 0, b = 0, c = 0] = productVersion.split(".").map(Number);
    reports = a > 6 || (a === 6 && (b > 8 || (b === 8 && c >= 2)));
    // A tenant's devices run a few versions; a page asks of each of its devices.
    if (byVersion.size >= 1000) byVersion.clear();
    byVersion.set(productVersion, reports);
  }
  return reports;
}

/** The service the Code42 app (backup, and the legacy combined agent) registers under, lower-cased. */
export const CODE42_APP_SERVICE = "crashplan";

export const isCode42App = (d: Pick<DeviceRow, "service">): boolean => d.service.toLowerCase() === CODE42_APP_SERVICE;

/**
 * The hostname as the gateway shows it: the 6.8.2 rule is the Code42 app's, so the insider-risk agent (its own,
 * lower, version numbers) always reports its hostname.
 */
export const reportedHostname = (d: Pick<DeviceRow, "service" | "product_version" | "os_hostname">): string =>
  !isCode42App(d) || reportsHostname(d.product_version) ? d.os_hostname : "UNKNOWN";

/**
 * reportedHostname of the columns service, product_version and os_hostname, in SQL too (a page SQLite writes): for
 * devices registered with the defaults, SQLite gives the hostname without calling it.
 */
export const REPORTED_HOSTNAME = sqlFunction(
  "reported_hostname",
  (service: string, productVersion: string, osHostname: string) => reportedHostname({ service, product_version: productVersion, os_hostname: osHostname }),
  "value",
  [[DEFAULT_SERVICE, DEFAULT_PRODUCT_VERSION]],
  2,
);
