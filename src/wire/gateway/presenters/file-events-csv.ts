// The export's CSV (RFC 4180): a header row of the column names, one row per event. A term read through a list gives
// every element's value joined with ", " in one field; a missing or null value is an empty field; timestamps are as
// the event holds them (Code42's document gives no sample: the notes' choices).
import type { ExportResult, TermVersion } from "../../../domains/fileevents/service.js";
import { V2_TERMS } from "../../../domains/fileevents/terms.js";
import { V1_TERMS } from "../../../domains/fileevents/v1-terms.js";
import { presentFileEventV1 } from "./file-events.js";

type Event = Record<string, unknown>;

/** The values at a v2 term's path: `[]` steps into each element of a list. */
function valuesAt(v: unknown, steps: string[]): unknown[] {
  if (!steps.length) return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  const [step, ...rest] = steps as [string, ...string[]];
  const each = step.endsWith("[]");
  const next = v && typeof v === "object" && !Array.isArray(v) ? (v as Event)[each ? step.slice(0, -2) : step] : undefined;
  if (each) return Array.isArray(next) ? next.flatMap((x) => valuesAt(x, rest)) : [];
  return valuesAt(next, rest);
}

const text = (v: unknown): string => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));
const field = (values: unknown[]): string => {
  const s = values.map(text).join(", ");
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const byTerm = (e: Event, v2Term: string): unknown[] => {
  const path = V2_TERMS[v2Term]?.path;
  return path ? valuesAt(e, path.split(".")) : [];
};

/**
 * `r.columns` are terms of `version` (checked by the service). A v1 column is the v1 event's field of that name, or,
 * for the v1 terms no v1 event field carries (tabUrls, riskIndicatorNames…), what its v2 term reads.
 */
export function presentFileEventsCsv(version: TermVersion, r: ExportResult): string {
  const cells =
    version === "v2"
      ? (e: Event) => r.columns.map((c) => field(byTerm(e, c)))
      : (e: Event) => {
          const flat = presentFileEventV1(e) as unknown as Event;
          return r.columns.map((c) => field(c in flat ? valuesAt(flat[c], []) : byTerm(e, V1_TERMS[c]!)));
        };
  return [r.columns.map((c) => field([c])).join(","), ...r.events.map((e) => cells(e).join(","))].map((row) => `${row}\r\n`).join("");
}
