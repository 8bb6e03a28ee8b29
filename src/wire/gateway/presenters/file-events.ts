// File events as the gateway answers them: the complete v2 event as the store writes it, or flattened into the v1
// event (the notes' v1 <-> v2 table; the derived fields as v1 queries read them, v1-derived.ts).
import type { SearchResult } from "../../../domains/fileevents/service.js";
import type { QueryProblem } from "../../../domains/fileevents/query.js";
import { V1_DERIVED as D } from "../../../domains/fileevents/v1-derived.js";
import type { components } from "../../../generated/openapi.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";

type S = components["schemas"];
type Event = Record<string, unknown>;

const at = (e: Event, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Event)[k] : undefined), e);
const str = (e: Event, path: string): string | null => {
  const v = at(e, path);
  return v === null || v === undefined ? null : String(v);
};
const int = (e: Event, path: string): number | null => {
  const v = at(e, path);
  return typeof v === "number" ? v : null;
};
const list = <T = string>(e: Event, path: string): T[] => {
  const v = at(e, path);
  return Array.isArray(v) ? (v as T[]) : [];
};
const tabs = (e: Event, path: string): S["GatewayFileEventTab"][] => list<S["GatewayFileEventTab"]>(e, path);

export function presentFileEventV1(e: Event): S["GatewayFileEventV1"] {
  const indicators = list<{ name: string; weight: number }>(e, "risk.indicators");
  const bool = (path: string): boolean | null => {
    const v = at(e, path);
    return typeof v === "boolean" ? v : null;
  };
  const destinationTabs = tabs(e, "destination.tabs");
  return {
    actor: str(e, "user.email"),
    cloudDriveId: str(e, "file.cloudDriveId"),
    createTimestamp: str(e, "file.created"),
    destinationCategory: str(e, "destination.category"),
    destinationName: str(e, "destination.name"),
    detectionSourceAlias: str(e, "event.detectorDisplayName"),
    deviceUid: str(e, "user.deviceUid"),
    deviceUserName: str(e, "user.email"),
    directoryId: list(e, "file.directoryId"),
    domainName: str(e, "source.domain"),
    emailDlpPolicyNames: D.emailDlpPolicyNames.present(e),
    emailFrom: str(e, "source.email.from"),
    emailRecipients: (at(e, "destination.email.recipients") as string[] | null) ?? null,
    emailSender: str(e, "source.email.sender"),
    emailSubject: str(e, "destination.email.subject"),
    eventId: String(at(e, "event.id")),
    eventTimestamp: String(at(e, "@timestamp")),
    eventType: D.eventType.present(e) as S["GatewayFileEventV1"]["eventType"],
    exposure: D.exposure.present(e),
    fieldErrors: [],
    fileCategory: str(e, "file.category"),
    fileCategoryByBytes: str(e, "file.categoryByBytes"),
    fileCategoryByExtension: str(e, "file.categoryByExtension"),
    fileClassifications: list<S["GatewayFileEventClassification"]>(e, "file.classifications"),
    fileId: str(e, "file.id"),
    fileName: str(e, "file.name"),
    fileOwner: str(e, "file.owner"),
    filePath: str(e, "file.directory"),
    fileSize: int(e, "file.sizeInBytes"),
    fileType: D.fileType.present(e),
    insertionTimestamp: String(at(e, "event.inserted")),
    md5Checksum: str(e, "file.hash.md5"),
    mimeTypeByBytes: str(e, "file.mimeTypeByBytes"),
    mimeTypeByExtension: str(e, "file.mimeTypeByExtension"),
    mimeTypeMismatch: D.mimeTypeMismatch.present(e),
    modifyTimestamp: str(e, "file.modified"),
    operatingSystemUser: str(e, "process.owner"),
    osHostName: str(e, "source.name"),
    outsideActiveHours: D.outsideActiveHours.present(e),
    printJobName: str(e, "destination.printJobName"),
    printerName: str(e, "destination.printerName"),
    privateIpAddresses: list(e, "source.privateIp"),
    processName: str(e, "process.executable"),
    processOwner: str(e, "process.owner"),
    publicIpAddress: str(e, "source.ip"),
    remoteActivity: D.remoteActivity.present(e),
    removableMediaBusType: str(e, "destination.removableMedia.busType"),
    removableMediaCapacity: int(e, "destination.removableMedia.capacity"),
    removableMediaMediaName: str(e, "destination.removableMedia.mediaName"),
    removableMediaName: str(e, "destination.removableMedia.name"),
    removableMediaPartitionId: list(e, "destination.removableMedia.partitionId"),
    removableMediaSerialNumber: str(e, "destination.removableMedia.serialNumber"),
    removableMediaVendor: str(e, "destination.removableMedia.vendor"),
    removableMediaVolumeName: list(e, "destination.removableMedia.volumeName"),
    reportColumnHeaders: list(e, "report.headers"),
    reportDescription: str(e, "report.description"),
    reportId: str(e, "report.id"),
    reportName: str(e, "report.name"),
    reportRecordCount: int(e, "report.count"),
    reportType: str(e, "report.type") as S["GatewayFileEventV1"]["reportType"],
    riskIndicators: indicators.map((i) => ({ name: i.name, weight: i.weight })),
    riskScore: int(e, "risk.score"),
    riskSeverity: str(e, "risk.severity") as S["GatewayFileEventV1"]["riskSeverity"],
    sha256Checksum: str(e, "file.hash.sha256"),
    shared: D.shared.present(e),
    sharedWith: list(e, "destination.user.email").map((cloudUsername) => ({ cloudUsername })),
    sharingTypeAdded: D.sharingTypeAdded.present(e),
    source: str(e, "event.observer"),
    sourceCategory: str(e, "source.category"),
    sourceName: str(e, "source.name"),
    sourceTabs: tabs(e, "source.tabs"),
    syncDestination: D.syncDestination.present(e),
    syncDestinationUsername: D.syncDestinationUsername.present(e),
    tabUrl: destinationTabs[0]?.url ?? null,
    tabs: destinationTabs,
    trustReason: str(e, "risk.trustReason"),
    trusted: bool("risk.trusted"),
    url: str(e, "file.url"),
    userUid: str(e, "user.id"),
    windowTitle: destinationTabs.flatMap((t) => (t.title === null ? [] : [t.title])),
  };
}

interface Page<E> {
  fileEvents: E[];
  nextPgToken: string | null;
  problems: QueryProblem[] | null;
  totalCount: number;
}

/** The search envelope: problems null on a page, the problem list (and nothing else) on a refusal. */
export function presentFileEventPage<E>(r: SearchResult, present: (e: Event) => E): Page<E> {
  if (r.problems.length) return { fileEvents: [], nextPgToken: null, problems: r.problems, totalCount: 0 };
  return { fileEvents: r.events.map((json) => present(JSON.parse(json) as Event)), nextPgToken: r.nextPgToken, problems: null, totalCount: r.totalCount };
}

/**
 * The v2 envelope as parts of JSON text, keys in Page's order: the events are the complete v2 events as the store
 * wrote them, put in without being parsed.
 */
export function presentFileEventPageV2Json(r: SearchResult): string[] {
  if (r.problems.length) return [JSON.stringify(presentFileEventPage(r, (e) => e))];
  return jsonParts({ fileEvents: new JsonTexts(r.events), nextPgToken: r.nextPgToken, problems: null, totalCount: r.totalCount });
}
