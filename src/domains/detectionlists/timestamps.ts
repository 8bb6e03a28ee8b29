// createdAt as the detection-list service writes it: ISO-8601 UTC with 7 fractional digits ("…14.1199010Z").
import { isoInstant } from "../../iso-instant.js";

let lastMs = -1;
let tick = 0;

/**
 * The clock has millisecond precision; the four extra digits count entries made within the same millisecond,
 * so createdAt stays unique and sorts in the order rows were made.
 */
export function createdAt(ms: number): string {
  tick = ms === lastMs ? tick + 1 : 0;
  lastMs = ms;
  const iso = isoInstant(ms); // 2019-10-25T13:31:14.119Z
  return `${iso.slice(0, 23)}${String(Math.min(tick, 9999)).padStart(4, "0")}Z`;
}

/** The emulator's "today" (UTC), for LEAVING_TODAY. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
