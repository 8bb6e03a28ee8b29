// Alerts as the alert service answers them on both wires (the gateway's /v1/alerts and py42's /svc/api): every object
// with its type$, severity a string, a key left out rather than null (the samples leave out stateLastModifiedAt/By of
// an alert never changed, and note when there is none), an observation's data a JSON document in a string.
import { categories, highestSeverity, severitySummary, totalSize } from "../../../domains/alerts/observed.js";
import type { AlertDetailRecord, AlertNoteRecord, AlertRecord, ObservationRecord, ObservedFile } from "../../../domains/alerts/records.js";
import { alertTime } from "../../../domains/alerts/time.js";

type Obj = Record<string, unknown>;

function summaryFields(a: AlertRecord, typeName: string): Obj {
  return {
    "type$": typeName,
    tenantId: a.tenantId,
    type: a.type,
    name: a.name,
    description: a.description,
    actor: a.actor,
    ...(a.actorId !== null ? { actorId: a.actorId } : {}),
    target: "N/A",
    severity: a.severity,
    riskSeverity: a.riskSeverity,
    ruleId: a.ruleId,
    ruleSource: a.ruleSource,
    watchlists: a.watchlists.map((w) => ({ "type$": "WATCHLIST", id: w.id, name: w.name, type: w.type, isSignificant: w.isSignificant })),
    id: a.id,
    createdAt: a.createdAt,
    state: a.state,
    ...(a.stateLastModifiedBy !== null ? { stateLastModifiedBy: a.stateLastModifiedBy } : {}),
    ...(a.stateLastModifiedAt !== null ? { stateLastModifiedAt: a.stateLastModifiedAt } : {}),
  };
}

export const presentAlertSummary = (a: AlertRecord): Obj => summaryFields(a, "ALERT_SUMMARY");

const presentNote = (n: AlertNoteRecord | null): Obj => (n ? { note: { "type$": "NOTE", id: n.id, lastModifiedAt: n.lastModifiedAt, lastModifiedBy: n.lastModifiedBy, message: n.message } } : {});

const indicatorsOf = (f: ObservedFile) => f.indicators.map((i) => ({ "type$": "RISK_INDICATOR", name: i.name, weight: i.weight }));

const severitySummaries = (files: readonly ObservedFile[]) =>
  severitySummary(files).map((s) => ({
    "type$": "RISK_SEVERITY_SUMMARY",
    severity: s.severity,
    numEvents: s.numEvents,
    summarizedRiskIndicators: s.indicators.map((i) => ({ "type$": "SUMMARIZED_RISK_INDICATOR", ...(i.id !== null ? { id: i.id } : {}), name: i.name, numEvents: i.numEvents })),
  }));

/** What an observation's data holds: the activity of its files (endpoint or cloud share), as a JSON document. */
export function observationData(o: ObservationRecord): string {
  const files = o.files;
  const common = {
    id: o.id,
    sources: [...new Set(files.map((f) => f.source ?? "Endpoint"))],
    exposureTypes: [...new Set(files.flatMap((f) => f.exposure))],
    firstActivityAt: o.observedAt,
    lastActivityAt: o.lastObservedAt,
    fileCount: files.length,
    totalFileSize: totalSize(files),
    fileCategories: categories(files).map((c) => ({ "type$": "OBSERVED_FILE_CATEGORY", ...c, isSignificant: false })),
  };
  if (o.type === "FedCloudSharePermissions")
    return JSON.stringify({ "type$": "OBSERVED_CLOUD_SHARE_ACTIVITY", ...common, outsideTrustedDomainsEmailsCount: 0, outsideTrustedDomainsTotalDomainCount: 0, outsideTrustedDomainsTotalDomainCountTruncated: false });
  return JSON.stringify({
    "type$": "OBSERVED_ENDPOINT_ACTIVITY",
    ...common,
    exposureTypeIsSignificant: true,
    fileCategoryIsSignificant: false,
    files: files.map((f) => ({
      "type$": "OBSERVED_FILE",
      eventId: f.eventId,
      path: f.path,
      name: f.name,
      category: f.category,
      size: f.size,
      riskSeverityInfo: { "type$": "RISK_SEVERITY_INFO", score: f.score, severity: f.severity, matchedRiskIndicators: indicatorsOf(f) },
      observedAt: f.observedAt,
    })),
    riskSeverityIsSignificant: highestSeverity(files) !== "NO_RISK_INDICATED",
    riskSeveritySummary: severitySummaries(files),
    syncToServices: [],
    sendingIpAddresses: [...new Set(files.map((f) => f.ip).filter((ip): ip is string => ip !== null))],
    isRemoteActivity: files.some((f) => f.remote),
    appReadDetails: [...new Map(files.filter((f) => f.destination !== null).map((f) => [`${f.destinationCategory}\u0000${f.destination}`, { "type$": "APP_READ_DETAILS", destinationCategory: f.destinationCategory, destinationName: f.destination }])).values()],
    destinationIsSignificant: false,
  });
}

export function presentAlertDetails(a: AlertDetailRecord): Obj {
  return {
    ...summaryFields(a, "ALERT_DETAILS"),
    observations: a.observations.map((o) => ({ "type$": "OBSERVATION", id: o.id, observedAt: o.observedAt, lastObservedAt: o.lastObservedAt, type: o.type, data: observationData(o) })),
    ...presentNote(a.note),
  };
}

export const presentAlertQuery = (page: { alerts: AlertRecord[]; totalCount: number }) => ({ "type$": "ALERT_QUERY_RESPONSE", alerts: page.alerts.map(presentAlertSummary), totalCount: page.totalCount, problems: [] });

/** The links a rollup carries: the console's, on the host the call came to. */
const links = (origin: string, a: AlertRecord) => ({
  ffsUrlEndpoint: `${origin}/app/#/forensic-search?alertId=${encodeURIComponent(a.id)}`,
  alertUrl: `${origin}/app/#/alerts/review/${encodeURIComponent(a.id)}`,
});

function aggregateFields(a: AlertDetailRecord, origin: string): Obj {
  const files = a.observations.flatMap((o) => o.files);
  return {
    observations: a.observations.map((o) => ({ "type$": "OBSERVATION_AGGREGATE", observedAt: o.observedAt, lastObservedAt: o.lastObservedAt, type: o.type, data: observationData(o) })),
    firstObservationAt: a.observations[0]?.observedAt ?? a.firstObservedAt,
    lastObservationAt: a.lastObservedAt,
    fileCount: files.length,
    totalFileSize: totalSize(files),
    riskSeveritySummary: severitySummaries(files),
    alertUrl: links(origin, a).alertUrl,
    ...presentNote(a.note),
  };
}

/** query-details: the found alerts (the SDK reads `alerts` whatever it holds). */
export const presentAlertDetailsResponse = (found: AlertDetailRecord[]): Obj => ({ "type$": "ALERT_DETAILS_RESPONSE", alerts: found.map(presentAlertDetails) });

export function presentAggregateV2(a: AlertDetailRecord, origin: string): Obj {
  const files = a.observations.flatMap((o) => o.files);
  return {
    "type$": "ALERT_DETAILS_IN_AGGREGATE_V2_RESPONSE",
    alert: {
      ...summaryFields(a, "ALERT_DETAILS_AGGREGATE_V2"),
      ...aggregateFields(a, origin),
      fileCategories: categories(files).map((c) => ({ "type$": "FILE_CATEGORY", ...c })),
      ffsUrlEndpoint: links(origin, a).ffsUrlEndpoint,
    },
  };
}

/** The action of an event in the v3 rollup's words. */
function actionType(f: ObservedFile): string {
  const action = f.action ?? "";
  if (action === "git-push") return "GIT_PUSH";
  if (action.startsWith("removable-media")) return "TRANSFER_VIA_EXTERNAL_DEVICE";
  if (action.startsWith("sync-app")) return "UPLOAD_VIA_CLOUD_SYNC";
  if (action === "file-emailed") return "EMAIL";
  if (action === "file-downloaded") return "DOWNLOAD";
  if (action === "file-shared") return "SHARE";
  if (action === "file-uploaded" || action === "application-read") return "UPLOAD";
  return action ? "UNKNOWN" : "NONE";
}

/** Events the v3 rollup lists at most. */
const V3_EVENTS = 100;

export function presentAggregateV3(a: AlertDetailRecord, origin: string): Obj {
  const files = a.observations.flatMap((o) => o.files);
  return {
    "type$": "ALERT_DETAILS_IN_AGGREGATE_V3_RESPONSE",
    alert: {
      ...summaryFields(a, "ALERT_DETAILS_AGGREGATE_V3"),
      ...aggregateFields(a, origin),
      ffsUrls: [{ type: "Endpoint", url: links(origin, a).ffsUrlEndpoint }],
      observedEvents: {
        events: files.slice(0, V3_EVENTS).map((f) => ({
          eventId: f.eventId,
          path: f.path,
          name: f.name,
          url: f.url,
          size: f.size,
          origin: f.source,
          action: { type: actionType(f) },
          observedAt: alertTime(f.observedAt) ?? f.observedAt,
          riskSeverity: { score: f.score, severity: f.severity, matchedRiskIndicators: f.indicators.map((i) => ({ id: i.id, name: i.name, weight: i.weight })) },
        })),
        eventsIsTruncated: files.length > V3_EVENTS,
      },
    },
  };
}
