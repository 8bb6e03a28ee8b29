// Agents: every device seen as the Code42 software installed on it (Code42's Agents reference: "agent refers to an
// installed instance of Code42 software"). Its type follows from the device's service and version, its health from
// when it last connected and what it reports.
import { flagsFunction, sqlFunction } from "../../db/sql-functions.js";

/**
 * CODE42AAT: the insider-risk agent (any service but CrashPlan, e.g. Artemis); COMBINED: the Code42 app up to 11.x,
 * the legacy agent that both backs up and monitors; CODE42: the Code42 app from 12, the backup agent.
 */
export type AgentType = "CODE42AAT" | "COMBINED" | "CODE42";
export const AGENT_TYPES: readonly AgentType[] = ["CODE42AAT", "COMBINED", "CODE42"];
/** The last Code42 app major version that is the legacy, combined agent (Code42's legacy agent end-of-life FAQ). */
export const LAST_COMBINED_MAJOR = 11;

const DAY_MS = 86_400_000;

/** The issues the emulator can tell from what it keeps of a device (the SDK lists others it never raises). */
export type AgentHealthIssue = "NOT_CONNECTING" | "MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS";
export const AGENT_HEALTH_ISSUES: readonly AgentHealthIssue[] = ["NOT_CONNECTING", "MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS"];
/** An agent that has not connected for this long is NOT_CONNECTING. */
export const NOT_CONNECTING_AFTER_MS = 7 * DAY_MS;

/** When a NOT_CONNECTING agent became so: its last connection plus the interval. */
export const stoppedConnectingAt = (lastConnected: string | null): string | null =>
  lastConnected === null ? null : new Date(Date.parse(lastConnected) + NOT_CONNECTING_AFTER_MS).toISOString();

/** An agent's health issues, of the 0/1 columns the agent queries work out (agent-store.ts). */
export const HEALTH_ISSUES = flagsFunction("agent_health_issues", (notConnecting: number, missingFullDiskAccess: number): AgentHealthIssue[] => {
  const flags = { NOT_CONNECTING: notConnecting, MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS: missingFullDiskAccess };
  return AGENT_HEALTH_ISSUES.filter((issue) => flags[issue]);
});

/**
 * When an agent's health last changed, where the emulator knows it: the moment a silent agent became NOT_CONNECTING.
 * A connecting agent's answer (null) is known: SQLite calls the rule only for the silent ones.
 */
export const HEALTH_MODIFIED = sqlFunction("agent_health_modified", (notConnecting: number, lastConnected: string | null) => (notConnecting ? stoppedConnectingAt(lastConnected) : null), "value", [0]);

/** The instant `days` before `from` (ms), no earlier than 1970: a count of days may reach back past any date. */
export const daysAgo = (from: number, days: number): string => new Date(Math.max(0, from - days * DAY_MS)).toISOString();

/** Midnight (UTC) of the day `days` before today: where "connected in the last N days" starts counting. */
export function daysBeforeMidnight(now: number, days: number): string {
  const midnight = new Date(now);
  midnight.setUTCHours(0, 0, 0, 0);
  return daysAgo(midnight.getTime(), days);
}
