// Sessions as the gateway answers them: every key the incydr SDK parses, in its test's order, times in epoch
// milliseconds; a state's stateV2 is its state; the current score is the session's one score entry.
import type { SessionRecord } from "../../../domains/alerts/records.js";
import { sessionSeverity } from "../../../domains/sessions/service.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function presentSession(s: SessionRecord): Record<string, unknown> {
  const alerts = s.triggeredAlerts;
  return {
    actorId: s.actorId,
    actorName: s.actorName,
    type: "STANDARD",
    beginTime: s.beginTime,
    contentInspectionResults: { detectedOnAlerts: [] },
    contextSummary: `${s.actorName}: ${plural(s.fileCount, "file event")} in ${plural(alerts.length, "alert")} (${[...new Set(alerts.map((a) => a.ruleName))].join(", ")})`,
    criticalEvents: s.counts.critical,
    endTime: s.endTime,
    exfiltrationSummary: `${plural(s.fileCount, "file")}, ${s.totalFileSize} bytes`,
    firstObserved: s.firstObserved,
    highEvents: s.counts.high,
    lastUpdated: s.lastUpdated,
    lowEvents: s.counts.low,
    moderateEvents: s.counts.moderate,
    noRiskEvents: s.counts.noRisk,
    notes: s.notes.map((n) => ({ content: n.content, id: n.id, sourceTimestamp: n.sourceTimestamp, userId: n.userId })),
    riskIndicators: s.riskIndicators.map((i) => ({ eventCount: i.eventCount, id: i.id, name: i.name, weight: i.weight })),
    scores: [{ score: s.score, severity: sessionSeverity(s.score), sourceTimestamp: s.lastUpdated }],
    sessionId: s.sessionId,
    states: s.states.map((st) => ({ sourceTimestamp: st.sourceTimestamp, state: st.state, stateV2: st.state, ...(st.userId !== null ? { userId: st.userId } : {}) })),
    tenantId: s.tenantId,
    triggeredAlerts: alerts.map((a) => ({ alertId: a.alertId, lessonId: null, ruleId: a.ruleId, ruleName: a.ruleName })),
    userId: s.userId,
  };
}

/** A search's page: the sessions and how many match. */
export const presentSessionPage = (page: { items: SessionRecord[]; totalCount: number }) => ({ items: page.items.map(presentSession), totalCount: page.totalCount });

/** A session's events, all on one page, in the file-event search's answer shape. */
export const presentSessionEvents = (events: unknown[]) => ({ queryResult: { fileEvents: events, nextPgToken: "", problems: null, totalCount: events.length } });
