// Audit events -> the gateway's events (the incydr SDK's AuditEventsPage: a dict per event, `type$` first), and the
// same events as text for the clients that ask for it: CSV (the gateway's export and search, py42's format="CSV") and
// CEF lines (py42's format="CEF"). Code42 publishes no sample of either; the columns and keys are the emulator's.
import type { components } from "../../../generated/openapi.js";
import type { AuditEventRecord } from "../../../domains/auditlog/service.js";
import { csvLine } from "../../../domains/users/csv-line.js";

type GatewayAuditEvent = components["schemas"]["GatewayAuditEvent"];

export function presentGatewayAuditEvent(e: AuditEventRecord): GatewayAuditEvent {
  return {
    "type$": e.type,
    actorId: e.actorId,
    actorName: e.actorName,
    actorAgent: e.actorAgent,
    actorIpAddress: e.actorIpAddress,
    timestamp: e.at,
    actorType: e.actorType as GatewayAuditEvent["actorType"],
    ...(e.resourceId !== null ? { resourceId: e.resourceId } : {}),
    ...e.details,
  };
}

/** A page and where it sits among all matches (start index inclusive, end exclusive, as the SDK's example shows). */
export const presentGatewayAuditPage = (events: AuditEventRecord[], start: number) => ({
  events: events.map(presentGatewayAuditEvent),
  paginationRangeStartIndex: start,
  paginationRangeEndIndex: start + events.length,
});

/** The properties every event has, in the JSON's order. */
const COMMON = ["type$", "actorId", "actorName", "actorAgent", "actorIpAddress", "timestamp", "actorType", "resourceId"] as const;

const cell = (v: unknown): string => (v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * A header row, then one row per event. The columns are the JSON's property names: the common ones, then every other
 * property the events carry (events differ by type), in name order; a property an event lacks is an empty field.
 */
export function presentAuditCsv(events: AuditEventRecord[]): string {
  const own = [...new Set(events.flatMap((e) => Object.keys(e.details)))].filter((k) => !(COMMON as readonly string[]).includes(k)).sort();
  const columns = [...COMMON, ...own];
  const rows = events.map((e) => {
    const wire = presentGatewayAuditEvent(e) as Record<string, unknown>;
    return csvLine(columns.map((c) => cell(wire[c])));
  });
  return [csvLine(columns), ...rows].map((line) => `${line}\r\n`).join("");
}

// CEF's escapes: `\` and `|` in the header, `\` and `=` and line breaks in extension values.
const header = (s: string) => s.replace(/[\\|]/g, (c) => `\\${c}`);
const value = (s: string) => s.replace(/[\\=]/g, (c) => `\\${c}`).replace(/\r\n|\r|\n/g, "\\n");

/** The event's name alone: "logged_in" of "audit_log::logged_in/1". */
const nameOf = (type: string) => type.replace(/^.*::/, "").replace(/\/\d+$/, "");

/**
 * One CEF line per event: the type as the signature, its name as the event name, severity 0 (a record, not an alert),
 * and the common properties in CEF's keys; the event's own properties, as JSON, in cs3.
 */
export function presentAuditCef(events: AuditEventRecord[]): string {
  return events
    .map((e) => {
      const ext: [string, string | null][] = [
        ["rt", String(Date.parse(e.at))],
        ["suid", e.actorId],
        ["suser", e.actorName],
        // Code42 gives the forwarding chain ("client, proxy"); CEF's src is one address, the client's.
        ["src", e.actorIpAddress?.split(",")[0]!.trim() || null],
        ["requestClientApplication", e.actorAgent],
        ["cs1Label", "actorType"],
        ["cs1", e.actorType],
        ["cs2Label", "resourceId"],
        ["cs2", e.resourceId],
        ["cs3Label", "details"],
        ["cs3", JSON.stringify(e.details)],
      ];
      const extension = ext.filter(([, v]) => v !== null).map(([k, v]) => `${k}=${value(v!)}`).join(" ");
      return `CEF:0|Code42|Audit Log|1|${header(e.type)}|${header(nameOf(e.type))}|0|${extension}\n`;
    })
    .join("");
}
