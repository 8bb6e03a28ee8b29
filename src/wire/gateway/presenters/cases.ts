// Cases as both wires answer them (the one cases service of Code42): every key, null when unset, as the incydr SDK's
// tests and the guide's examples show them; a list's cases without description and findings; a case's file events
// abbreviated from the stored v2 event.
import type { CaseRecord } from "../../../domains/cases/service.js";
import { V2_TERMS } from "../../../domains/fileevents/terms.js";
import { V1_DERIVED } from "../../../domains/fileevents/v1-derived.js";
import type { components } from "../../../generated/openapi.js";
import { presentFileEventsCsv } from "./file-events-csv.js";

type S = components["schemas"];
type Event = Record<string, unknown>;

export function presentSlimCase(c: CaseRecord): S["SlimCase"] {
  return {
    number: c.number,
    name: c.name,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    subject: c.subject,
    subjectUsername: c.subjectUsername,
    status: c.status,
    assignee: c.assignee,
    assigneeUsername: c.assigneeUsername,
    createdByUserUid: c.createdByUserUid,
    createdByUsername: c.createdByUsername,
    lastModifiedByUserUid: c.lastModifiedByUserUid,
    lastModifiedByUsername: c.lastModifiedByUsername,
    archivalTime: c.archivalTime,
  };
}

export const presentCase = (c: CaseRecord): S["Case"] => ({ ...presentSlimCase(c), description: c.description, findings: c.findings });

/** A part of an event (event, file, user…), or an empty one where the event has none. */
export const part = (v: unknown): Event => (v !== null && typeof v === "object" ? (v as Event) : {});
const orNull = <T>(v: unknown, type: "string" | "number"): T | null => (typeof v === type ? (v as T) : null);

/** The emulator has a file for an event exactly when the event names it by its hash (/v1/files serves it then). */
export const hasFile = (e: Event): boolean => typeof part(part(e.file).hash).sha256 === "string";

/** A case's events as the export's CSV: the columns of the v2 file-event export. */
export const presentCaseEventsCsv = (events: Event[]): string => presentFileEventsCsv("v2", { events, columns: Object.keys(V2_TERMS), problems: [] });

/** A case's event as getEventsByCase lists it. */
export function presentCaseEvent(e: Event): S["CaseEvent"] {
  const [event, file, risk] = [part(e.event), part(e.file), part(e.risk)];
  const indicators = Array.isArray(risk.indicators) ? (risk.indicators as unknown[]).map(part) : [];
  return {
    eventId: String(event.id),
    eventTimestamp: orNull(e["@timestamp"], "string"),
    exposure: V1_DERIVED.exposure.present(e) ?? [],
    fileAvailability: hasFile(e) ? "EXACT_FILE_AVAILABLE" : "NO_FILE_AVAILABLE",
    fileName: orNull(file.name, "string"),
    filePath: orNull(file.directory, "string"),
    riskIndicators: indicators.map((i) => ({ name: orNull(i.name, "string"), weight: orNull(i.weight, "number") })),
    riskScore: orNull(risk.score, "number"),
    riskSeverity: orNull(risk.severity, "string"),
  };
}
