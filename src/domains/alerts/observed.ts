// What an alert observed, read from its file events (complete v2 events): each file with its risk, and the sums the
// observation data, the aggregates and sessions show (file count and size, categories, severity summaries).
import { V1_DERIVED } from "../fileevents/v1-derived.js";
import type { ObservedFile } from "./records.js";
import { alertTime } from "./time.js";

type Event = Record<string, unknown>;
const part = (v: unknown): Event => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Event) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

export const RISK_SEVERITIES = ["NO_RISK_INDICATED", "LOW", "MODERATE", "HIGH", "CRITICAL"] as const;

/** The severity a score gives (the file events' own rule: 0 none, 1–3 low, 4–6 moderate, 7–9 high, 10+ critical). */
export const severityOfScore = (score: number): string => (score <= 0 ? "NO_RISK_INDICATED" : score <= 3 ? "LOW" : score <= 6 ? "MODERATE" : score <= 9 ? "HIGH" : "CRITICAL");

/** An event's risk: its score (given, or its indicators' weights), its severity (given, or its score's), its indicators. */
export function riskOf(e: Event): Pick<ObservedFile, "score" | "severity" | "indicators"> {
  const risk = part(e.risk);
  const indicators = (Array.isArray(risk.indicators) ? risk.indicators : []).map(part).filter((i) => typeof i.name === "string");
  const score = typeof risk.score === "number" ? risk.score : indicators.reduce((n, i) => n + num(i.weight), 0);
  return { score, severity: str(risk.severity) ?? severityOfScore(score), indicators: indicators.map((i) => ({ id: str(i.id), name: String(i.name), weight: num(i.weight) })) };
}

/** The bytes of an event's file (0 when it gives none). */
export const sizeOf = (e: Event): number => num(part(e.file).sizeInBytes);

/** One event as the file an alert observed. */
export function observedFile(e: Event): ObservedFile {
  const [event, file, source, destination] = [part(e.event), part(e.file), part(e.source), part(e.destination)];
  return {
    eventId: String(event.id),
    path: str(file.directory),
    name: str(file.name),
    category: str(file.category),
    size: sizeOf(e),
    observedAt: alertTime(String(e["@timestamp"])) ?? String(e["@timestamp"]),
    ...riskOf(e),
    action: str(event.action),
    url: str(file.url),
    source: str(source.category) ?? str(source.name),
    destination: str(destination.name),
    destinationCategory: str(destination.category),
    ip: str(source.ip),
    remote: source.remoteHostname !== null && source.remoteHostname !== undefined,
    exposure: (V1_DERIVED.exposure.present(e) as string[] | null) ?? [],
  };
}

/** The highest severity among the files (NO_RISK_INDICATED for none). */
export function highestSeverity(files: readonly ObservedFile[]): string {
  let best = 0;
  for (const f of files) best = Math.max(best, RISK_SEVERITIES.indexOf(f.severity as (typeof RISK_SEVERITIES)[number]));
  return RISK_SEVERITIES[Math.max(0, best)]!;
}

export interface CategorySum {
  category: string;
  fileCount: number;
  totalFileSize: number;
}

/** Files per category, in order of first appearance (a file without one is Uncategorized). */
export function categories(files: readonly ObservedFile[]): CategorySum[] {
  const by = new Map<string, CategorySum>();
  for (const f of files) {
    const category = f.category ?? "Uncategorized";
    const sum = by.get(category) ?? { category, fileCount: 0, totalFileSize: 0 };
    sum.fileCount++;
    sum.totalFileSize += f.size;
    by.set(category, sum);
  }
  return [...by.values()];
}

export interface SeveritySum {
  severity: string;
  numEvents: number;
  indicators: { id: string | null; name: string; numEvents: number }[];
}

/** Events per severity, highest first, each with the indicators its events matched (by name). */
export function severitySummary(files: readonly ObservedFile[]): SeveritySum[] {
  const by = new Map<string, { numEvents: number; indicators: Map<string, { id: string | null; name: string; numEvents: number }> }>();
  for (const f of files) {
    const sum = by.get(f.severity) ?? { numEvents: 0, indicators: new Map() };
    sum.numEvents++;
    for (const i of f.indicators) {
      const ind = sum.indicators.get(i.name) ?? { id: i.id, name: i.name, numEvents: 0 };
      ind.numEvents++;
      sum.indicators.set(i.name, ind);
    }
    by.set(f.severity, sum);
  }
  return [...RISK_SEVERITIES]
    .reverse()
    .filter((s) => by.has(s))
    .map((severity) => {
      const s = by.get(severity)!;
      return { severity, numEvents: s.numEvents, indicators: [...s.indicators.values()].sort((a, b) => a.name.localeCompare(b.name)) };
    });
}

export const totalSize = (files: readonly ObservedFile[]): number => files.reduce((n, f) => n + f.size, 0);
