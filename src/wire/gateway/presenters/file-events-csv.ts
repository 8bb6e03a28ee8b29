// The export's CSV (RFC 4180): a header row of the column names, one row per event. A term read through a list gives
// every element's value joined with ", " in one field; a missing or null value is an empty field; timestamps are as
// the event holds them (Code42's document gives no sample: the notes' choices).
import type { ExportResult, TermVersion } from "../../../domains/fileevents/service.js";
import { termValues, valuesAt } from "../../../domains/fileevents/terms.js";
import { V1_TERMS } from "../../../domains/fileevents/v1-terms.js";
import { presentFileEventV1 } from "./file-events.js";

type Event = Record<string, unknown>;

const text = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const field = (values: unknown[]): string => {
  const s = values.map(text).join(", ");
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * `r.columns` are terms of `version` (checked by the service). A v1 column is the v1 event's field of that name, or,
 * for the v1 terms no v1 event field carries (tabUrls, riskIndicatorNames…), what its v2 term reads.
 */
export function presentFileEventsCsv(version: TermVersion, r: ExportResult): string {
  const cells =
    version === "v2"
      ? (e: Event) => r.columns.map((c) => field(termValues(e, c)))
      : (e: Event) => {
          const flat = presentFileEventV1(e) as unknown as Event;
          return r.columns.map((c) => field(c in flat ? valuesAt(flat[c], []) : termValues(e, V1_TERMS[c]!)));
        };
  return [r.columns.map((c) => field([c])).join(","), ...r.events.map((e) => cells(e).join(","))].map((row) => `${row}\r\n`).join("");
}
