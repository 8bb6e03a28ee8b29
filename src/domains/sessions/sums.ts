// What a session shows of its events: how many of each risk severity, each risk indicator with the events that have
// it, how many files and bytes. Summed when the session's events change and kept on its row (sumColumns), so a page
// of sessions reads no event.
import type { SessionsTable } from "../../db/schema.js";
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

/** The columns of a session's row that keep its sums. */
export const SUM_COLUMNS = ["no_risk_events", "low_events", "moderate_events", "high_events", "critical_events", "file_count", "total_file_size", "risk_indicators"] as const;
export type SumColumns = Pick<SessionsTable, (typeof SUM_COLUMNS)[number]>;

/** The sums as the session's row keeps them. */
export const sumColumns = (s: SessionSums): SumColumns => ({
  no_risk_events: s.counts.noRisk,
  low_events: s.counts.low,
  moderate_events: s.counts.moderate,
  high_events: s.counts.high,
  critical_events: s.counts.critical,
  file_count: s.fileCount,
  total_file_size: s.totalFileSize,
  risk_indicators: JSON.stringify(s.riskIndicators),
});

/** What a session with no event yet keeps. */
export const NO_SUMS: SumColumns = sumColumns(sumsOf([]));
