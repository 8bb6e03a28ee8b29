// Alerts and sessions as the domain answers them; both wires present these.
import type { AlertRow } from "./store.js";
import type { SessionSums } from "../sessions/sums.js";

export interface AlertWatchlist {
  id: string;
  name: string;
  type: string;
  /** The watchlist was part of the rule's criteria (the rule is scoped to it). */
  isSignificant: boolean;
}

export interface AlertNoteRecord {
  id: string;
  message: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
}

/**
 * An alert as the store holds it: the wires present its fields by projection (one declaration writes a single alert
 * and, by SQLite, a page of them), and work out its instants in the alert service's form (time.ts).
 */
export type AlertRecord = AlertRow;

/** A file the alert observed, from its event. */
export interface ObservedFile {
  eventId: string;
  path: string | null;
  name: string | null;
  category: string | null;
  size: number;
  observedAt: string;
  score: number;
  severity: string;
  indicators: { id: string | null; name: string; weight: number }[];
  action: string | null;
  url: string | null;
  source: string | null;
  destination: string | null;
  destinationCategory: string | null;
  ip: string | null;
  remote: boolean;
  /** The v1 exposure types of the event (ApplicationRead, RemovableMedia, ...). */
  exposure: string[];
}

export interface ObservationRecord {
  id: string;
  /** FedEndpointExfiltration, FedCloudSharePermissions, FedFileTypeMismatch: PascalCase, as Code42 names them. */
  type: string;
  observedAt: string;
  lastObservedAt: string;
  files: ObservedFile[];
}

export type AlertDetailRecord = AlertRecord & {
  observations: ObservationRecord[];
  note: AlertNoteRecord | null;
};

export interface SessionNoteRecord {
  id: string;
  content: string;
  sourceTimestamp: number;
  userId: string | null;
}

export interface SessionStateRecord {
  state: string;
  sourceTimestamp: number;
  userId: string | null;
}

/** A session with the sums of its events, its events counted by risk severity field by field. */
export interface SessionRecord extends Omit<SessionSums, "counts"> {
  sessionId: string;
  tenantId: string;
  actorId: string;
  actorName: string;
  userId: string | null;
  beginTime: number;
  endTime: number;
  firstObserved: number;
  lastUpdated: number;
  score: number;
  /** Of the score, 0 (no risk) to 4 (critical). */
  severity: number;
  noRiskEvents: number;
  lowEvents: number;
  moderateEvents: number;
  highEvents: number;
  criticalEvents: number;
  /** Who did how much in which alerts, and how much left (domains/sessions/summaries.ts). */
  contextSummary: string;
  exfiltrationSummary: string;
  notes: SessionNoteRecord[];
  states: SessionStateRecord[];
  triggeredAlerts: { alertId: string; ruleId: string; ruleName: string }[];
}
