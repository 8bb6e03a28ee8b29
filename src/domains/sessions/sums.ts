// What a session shows of its events: how many of each risk severity, each risk indicator with the events that have
// it, how many files and bytes. Summed when the session's events change and kept on it (sessions.sums), so a page of
// sessions reads no event.
import { riskOf, sizeOf, RISK_SEVERITIES } from "../alerts/observed.js";

type Event = Record<string, unknown>;

export interface SessionSums {
  /** Events per risk severity. */
  counts: { noRisk: number; low: number; moderate: number; high: number; critical: number };
  /**
   * In the order the events first name them; each with its keys in the order the gateway writes them, as a page of
   * sessions written by SQLite copies the kept list as it is.
   */
  riskIndicators: { eventCount: number; id: string; name: string; weight: number }[];
  fileCount: number;
  totalFileSize: number;
}

const COUNT_KEYS = ["noRisk", "low", "moderate", "high", "critical"] as const;

/** The sums of a session's events (as stored, in time order). */
export function sumsOf(events: readonly Event[]): SessionSums {
  const counts = { noRisk: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  const indicators = new Map<string, SessionSums["riskIndicators"][number]>();
  let totalFileSize = 0;
  for (const e of events) {
    const risk = riskOf(e);
    counts[COUNT_KEYS[Math.max(0, RISK_SEVERITIES.indexOf(risk.severity as never))]!]++;
    for (const i of risk.indicators) {
      const id = i.id ?? i.name;
      const ind = indicators.get(id) ?? { eventCount: 0, id, name: i.name, weight: i.weight };
      ind.eventCount++;
      indicators.set(id, ind);
    }
    totalFileSize += sizeOf(e);
  }
  return { counts, riskIndicators: [...indicators.values()], fileCount: events.length, totalFileSize };
}

/** A session's kept sums (none kept: a session with no event yet). */
export const keptSums = (text: string | null): SessionSums => (text === null ? sumsOf([]) : (JSON.parse(text) as SessionSums));
