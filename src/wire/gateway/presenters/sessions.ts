// Sessions as the gateway answers them: every key the incydr SDK parses, in its test's order, times in epoch
// milliseconds; a state's stateV2 is its state; the current score is the session's one score entry. A search's page
// is written by SQLite from the same declaration (projection.ts).
import type { SessionRecord } from "../../../domains/alerts/records.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

const { value, constant, array, list } = fieldsOf<SessionRecord>();
const note = fieldsOf<SessionRecord["notes"][number]>();
const indicator = fieldsOf<SessionRecord["riskIndicators"][number]>();
const state = fieldsOf<SessionRecord["states"][number]>();
const alert = fieldsOf<SessionRecord["triggeredAlerts"][number]>();

export const GATEWAY_SESSION: Projection<SessionRecord> = {
  actorId: value("actorId"),
  actorName: value("actorName"),
  type: constant("STANDARD"),
  beginTime: value("beginTime"),
  contentInspectionResults: constant({ detectedOnAlerts: [] }),
  contextSummary: value("contextSummary"),
  criticalEvents: value("criticalEvents"),
  endTime: value("endTime"),
  exfiltrationSummary: value("exfiltrationSummary"),
  firstObserved: value("firstObserved"),
  highEvents: value("highEvents"),
  lastUpdated: value("lastUpdated"),
  lowEvents: value("lowEvents"),
  moderateEvents: value("moderateEvents"),
  noRiskEvents: value("noRiskEvents"),
  notes: list("notes", { content: note.value("content"), id: note.value("id"), sourceTimestamp: note.value("sourceTimestamp"), userId: note.value("userId") }),
  riskIndicators: list("riskIndicators", { eventCount: indicator.value("eventCount"), id: indicator.value("id"), name: indicator.value("name"), weight: indicator.value("weight") }),
  scores: array({ score: value("score"), severity: value("severity"), sourceTimestamp: value("lastUpdated") }),
  sessionId: value("sessionId"),
  states: list("states", { sourceTimestamp: state.value("sourceTimestamp"), state: state.value("state"), stateV2: state.value("state"), userId: state.ifSet("userId") }),
  tenantId: value("tenantId"),
  triggeredAlerts: list("triggeredAlerts", { alertId: alert.value("alertId"), lessonId: alert.constant(null), ruleId: alert.value("ruleId"), ruleName: alert.value("ruleName") }),
  userId: value("userId"),
};

export const presentSession = projector(GATEWAY_SESSION);

/** A session's events, all on one page, in the file-event search's answer shape. */
export const presentSessionEvents = (events: unknown[]) => ({ queryResult: { fileEvents: events, nextPgToken: "", problems: null, totalCount: events.length } });
