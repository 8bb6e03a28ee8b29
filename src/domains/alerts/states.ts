// How an alert's state and its session's follow each other (Code42 deprecates the alert operations for sessions and
// states no mapping; the emulator's): a session's change sets every alert of it, an alert's change sets its session
// when the session has that one alert.

export const ALERT_WRITE_STATES = ["OPEN", "RESOLVED", "IN_PROGRESS", "PENDING", "RESOLVED_TP", "RESOLVED_FP"] as const;
export const RESOLVED_STATES: ReadonlySet<string> = new Set(["RESOLVED", "RESOLVED_TP", "RESOLVED_FP"]);

export const SESSION_STATES = ["OPEN", "IN_PROGRESS", "CLOSED", "CLOSED_TP", "CLOSED_TP_BENIGN", "CLOSED_FP", "OPEN_NEW_DATA"] as const;

const ALERT_OF_SESSION: Record<string, string> = {
  OPEN: "OPEN",
  OPEN_NEW_DATA: "OPEN",
  IN_PROGRESS: "IN_PROGRESS",
  CLOSED: "RESOLVED",
  CLOSED_TP: "RESOLVED_TP",
  CLOSED_TP_BENIGN: "RESOLVED_TP",
  CLOSED_FP: "RESOLVED_FP",
};

const SESSION_OF_ALERT: Record<string, string> = {
  OPEN: "OPEN",
  PENDING: "IN_PROGRESS",
  IN_PROGRESS: "IN_PROGRESS",
  RESOLVED: "CLOSED",
  RESOLVED_TP: "CLOSED_TP",
  RESOLVED_FP: "CLOSED_FP",
};

export const alertStateOfSession = (state: string): string => ALERT_OF_SESSION[state] ?? "OPEN";
export const sessionStateOfAlert = (state: string): string => SESSION_OF_ALERT[state] ?? "OPEN";
