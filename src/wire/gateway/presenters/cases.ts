// Cases as both wires answer them (the one cases service of Code42): every key, null when unset, as the incydr SDK's
// tests and the guide's examples show them; a list's cases without description and findings; a case's file events
// abbreviated from the stored v2 event.
import type { CaseRecord } from "../../../domains/cases/service.js";
import { V1_DERIVED } from "../../../domains/fileevents/v1-derived.js";
import type { components } from "../../../generated/openapi.js";

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

const part = (v: unknown): Event => (v !== null && typeof v === "object" ? (v as Event) : {});
const orNull = <T>(v: unknown, type: "string" | "number"): T | null => (typeof v === type ? (v as T) : null);

/** A case's event as getEventsByCase lists it; the file is available exactly when the event names it by its hash. */
export function presentCaseEvent(e: Event): S["CaseEvent"] {
  const [event, file, risk] = [part(e.event), part(e.file), part(e.risk)];
  const indicators = Array.isArray(risk.indicators) ? (risk.indicators as unknown[]).map(part) : [];
  return {
    eventId: String(event.id),
    eventTimestamp: orNull(e["@timestamp"], "string"),
    exposure: V1_DERIVED.exposure.present(e) ?? [],
    fileAvailability: typeof part(file.hash).sha256 === "string" ? "EXACT_FILE_AVAILABLE" : "NO_FILE_AVAILABLE",
    fileName: orNull(file.name, "string"),
    filePath: orNull(file.directory, "string"),
    riskIndicators: indicators.map((i) => ({ name: orNull(i.name, "string"), weight: orNull(i.weight, "number") })),
    riskScore: orNull(risk.score, "number"),
    riskSeverity: orNull(risk.severity, "string"),
  };
}
