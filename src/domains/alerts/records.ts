// Alerts and sessions as the domain answers them; both wires present these.

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

export interface AlertRecord {
  id: string;
  tenantId: string;
  ruleId: string;
  name: string;
  description: string;
  type: string;
  severity: string;
  ruleSource: string;
  actor: string;
  actorId: string | null;
  riskSeverity: string;
  state: string;
  stateLastModifiedAt: string | null;
  stateLastModifiedBy: string | null;
  createdAt: string;
  firstObservedAt: string;
  lastObservedAt: string;
  watchlists: AlertWatchlist[];
  sessionId: string | null;
}

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

export interface AlertDetailRecord extends AlertRecord {
  observations: ObservationRecord[];
  note: AlertNoteRecord | null;
}

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

export interface SessionRecord {
  sessionId: string;
  tenantId: string;
  actorId: string;
  actorName: string;
  userId: string | null;
  beginTime: number;
  endTime: number;
  firstObserved: number;
  lastUpdated: number;
  /** Events per risk severity. */
  counts: { noRisk: number; low: number; moderate: number; high: number; critical: number };
  score: number;
  notes: SessionNoteRecord[];
  states: SessionStateRecord[];
  riskIndicators: { id: string; name: string; weight: number; eventCount: number }[];
  triggeredAlerts: { alertId: string; ruleId: string; ruleName: string }[];
  fileCount: number;
  totalFileSize: number;
}
