// Alerts as the alert service answers them on both wires (the gateway's /v1/alerts and py42's /svc/api): every object
// with its type$, severity a string, a key left out rather than null (the samples leave out stateLastModifiedAt/By of
// an alert never changed, and note when there is none), an observation's data a JSON document in a string.
import { categories, highestSeverity, severitySummary, totalSize } from "../../../domains/alerts/observed.js";
import type { AlertDetailRecord, AlertNoteRecord, AlertRecord, AlertWatchlist, ObservationRecord, ObservedFile } from "../../../domains/alerts/records.js";
import { alertTime, alertTimeOf } from "../../../domains/alerts/time.js";
import { sqlFunction } from "../../../db/sql-functions.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

type Obj = Record<string, unknown>;

/** The watchlists an alert names, from its stored JSON: the same few lists over and over, so kept by their text. */
const watchlistsByText = new Map<string, readonly Obj[]>();
const ALERT_WATCHLISTS = sqlFunction(
  "alert_watchlists",
  (text: string) => {
    let listed = watchlistsByText.get(text);
    if (!listed) {
      // Shared by every alert that names them: frozen.
      listed = Object.freeze((JSON.parse(text) as AlertWatchlist[]).map((w) => Object.freeze({ "type$": "WATCHLIST", id: w.id, name: w.name, type: w.type, isSignificant: w.isSignificant })));
      if (watchlistsByText.size >= 1000) watchlistsByText.clear();
      watchlistsByText.set(text, listed);
    }
    return listed;
  },
  "json",
);

const { value, ifSet, computed, constant } = fieldsOf<AlertRecord>();

/** An alert's own fields, first in every alert object the service answers, under its type$. */
const alertFields = (typeName: string): Projection<AlertRecord> => ({
  "type$": constant(typeName),
  tenantId: value("tenant_uid"),
  type: value("rule_type"),
  name: value("rule_name"),
  description: value("rule_description"),
  actor: value("actor_name"),
  actorId: ifSet("actor_uid"),
  target: constant("N/A"),
  severity: value("rule_severity"),
  riskSeverity: value("risk_severity"),
  ruleId: value("rule_id"),
  ruleSource: value("rule_source"),
  watchlists: computed(ALERT_WATCHLISTS, "watchlists"),
  id: value("alert_id"),
  createdAt: value("created_at"),
  state: value("state"),
  stateLastModifiedBy: ifSet("state_modified_by"),
  stateLastModifiedAt: ifSet("state_modified_at"),
});

/** An alert in a query's page: written by SQLite from this declaration (projection.ts). */
export const ALERT_SUMMARY = alertFields("ALERT_SUMMARY");
const detailsFields = projector(alertFields("ALERT_DETAILS"));
const aggregateV2Fields = projector(alertFields("ALERT_DETAILS_AGGREGATE_V2"));
const aggregateV3Fields = projector(alertFields("ALERT_DETAILS_AGGREGATE_V3"));

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
    ...detailsFields(a),
    observations: a.observations.map((o) => ({ "type$": "OBSERVATION", id: o.id, observedAt: o.observedAt, lastObservedAt: o.lastObservedAt, type: o.type, data: observationData(o) })),
    ...presentNote(a.note),
  };
}

/** A query's page, its alerts as SQLite wrote them (ALERT_SUMMARY): the parts of the body (json-text.ts). */
export const presentAlertQueryJson = (page: { alerts: string[]; totalCount: number }) => jsonParts({ "type$": "ALERT_QUERY_RESPONSE", alerts: new JsonTexts(page.alerts), totalCount: page.totalCount, problems: [] });

/** The links a rollup carries: the console's, on the host the call came to. */
const links = (origin: string, a: AlertRecord) => ({
  ffsUrlEndpoint: `${origin}/app/#/forensic-search?alertId=${encodeURIComponent(a.alert_id)}`,
  alertUrl: `${origin}/app/#/alerts/review/${encodeURIComponent(a.alert_id)}`,
});

function aggregateFields(a: AlertDetailRecord, origin: string): Obj {
  const files = a.observations.flatMap((o) => o.files);
  return {
    observations: a.observations.map((o) => ({ "type$": "OBSERVATION_AGGREGATE", observedAt: o.observedAt, lastObservedAt: o.lastObservedAt, type: o.type, data: observationData(o) })),
    firstObservationAt: a.observations[0]?.observedAt ?? alertTimeOf(a.first_observed_at),
    lastObservationAt: alertTimeOf(a.last_observed_at),
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
      ...aggregateV2Fields(a),
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
      ...aggregateV3Fields(a),
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
