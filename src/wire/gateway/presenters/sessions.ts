// Sessions as the gateway answers them: every key the incydr SDK parses, in its test's order, times in epoch
// milliseconds; a state's stateV2 is its state; the current score is the session's one score entry. A search's page
// is written by SQLite from the same declaration (projection.ts).
import type { SessionRecord } from "../../../domains/alerts/records.js";
import { sqlFunction } from "../../../db/sql-functions.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

const CONTEXT_SUMMARY = sqlFunction(
  "session_context_summary",
  (actorName: string, fileCount: number, alertRuleNames: string) => {
    const names = JSON.parse(alertRuleNames) as string[];
    return `${actorName}: ${plural(fileCount, "file event")} in ${plural(names.length, "alert")} (${[...new Set(names)].join(", ")})`;
  },
  "value",
);

const EXFILTRATION_SUMMARY = sqlFunction("session_exfiltration_summary", (fileCount: number, totalFileSize: number) => `${plural(fileCount, "file")}, ${totalFileSize} bytes`, "value");

const { value, computed, constant, array, list } = fieldsOf<SessionRecord>();
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
  contextSummary: computed(CONTEXT_SUMMARY, "actorName", "fileCount", "alertRuleNames"),
  criticalEvents: value("criticalEvents"),
  endTime: value("endTime"),
  exfiltrationSummary: computed(EXFILTRATION_SUMMARY, "fileCount", "totalFileSize"),
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
