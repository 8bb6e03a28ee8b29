// The v1 (flat) terms. Most read one v2 term as it is, the same field with the same values (the notes' table: "=" where
// Code42's 2022 document gives both the same description, the rest by Code42's naming); the others are derived from
// the v2 event (v1-derived.ts: eventType, exposure, sharingTypeAdded, syncDestination…).
import type { DialectKind } from "../../db/dialect.js";
import { termSource, type TermSource } from "./query.js";
import { V1_DERIVED, v1Derived } from "./v1-derived.js";

/** v1 term -> the v2 term it reads as it is. */
export const V1_TERMS: Readonly<Record<string, string>> = {
  eventId: "event.id",
  eventTimestamp: "@timestamp",
  insertionTimestamp: "event.inserted",
  filePath: "file.directory",
  fileName: "file.name",
  fileCategory: "file.category",
  fileCategoryByBytes: "file.categoryByBytes",
  fileCategoryByExtension: "file.categoryByExtension",
  fileSize: "file.sizeInBytes",
  fileOwner: "file.owner",
  md5Checksum: "file.hash.md5",
  sha256Checksum: "file.hash.sha256",
  createTimestamp: "file.created",
  modifyTimestamp: "file.modified",
  deviceUserName: "user.email",
  deviceUid: "user.deviceUid",
  userUid: "user.id",
  osHostName: "source.name",
  domainName: "source.domain",
  publicIpAddress: "source.ip",
  privateIpAddresses: "source.privateIp",
  actor: "user.email",
  directoryId: "file.directoryId",
  source: "event.observer",
  url: "file.url",
  sharedWith: "destination.user.email",
  cloudDriveId: "file.cloudDriveId",
  detectionSourceAlias: "event.detectorDisplayName",
  fileId: "file.id",
  processOwner: "process.owner",
  processName: "process.executable",
  windowTitle: "destination.tabs.title",
  tabUrl: "destination.tabs.url",
  tabTitles: "destination.tabs.title",
  tabTitleErrors: "destination.tabs.titleError",
  tabUrls: "destination.tabs.url",
  tabUrlErrors: "destination.tabs.urlError",
  sourceTabTitles: "source.tabs.title",
  sourceTabTitleErrors: "source.tabs.titleError",
  sourceTabUrls: "source.tabs.url",
  sourceTabUrlErrors: "source.tabs.urlError",
  fileClassificationVendors: "file.classifications.vendor",
  fileClassificationValues: "file.classifications.value",
  removableMediaVendor: "destination.removableMedia.vendor",
  removableMediaName: "destination.removableMedia.name",
  removableMediaSerialNumber: "destination.removableMedia.serialNumber",
  removableMediaCapacity: "destination.removableMedia.capacity",
  removableMediaBusType: "destination.removableMedia.busType",
  removableMediaMediaName: "destination.removableMedia.mediaName",
  removableMediaVolumeName: "destination.removableMedia.volumeName",
  removableMediaPartitionId: "destination.removableMedia.partitionId",
  emailSubject: "destination.email.subject",
  emailSender: "source.email.sender",
  emailFrom: "source.email.from",
  emailRecipients: "destination.email.recipients",
  mimeTypeByBytes: "file.mimeTypeByBytes",
  mimeTypeByExtension: "file.mimeTypeByExtension",
  printJobName: "destination.printJobName",
  printerName: "destination.printerName",
  printedFilesBackupPath: "destination.printedFilesBackupPath",
  trusted: "risk.trusted",
  trustReason: "risk.trustReason",
  operatingSystemUser: "process.owner",
  destinationCategory: "destination.category",
  destinationName: "destination.name",
  sourceCategory: "source.category",
  sourceName: "source.name",
  riskScore: "risk.score",
  riskSeverity: "risk.severity",
  riskIndicatorNames: "risk.indicators.name",
  riskIndicatorWeights: "risk.indicators.weight",
  reportName: "report.name",
  reportDescription: "report.description",
  reportColumnHeaders: "report.headers",
  reportRecordCount: "report.count",
  reportType: "report.type",
  reportId: "report.id",
};

/** Every v1 term (88, as Code42's document lists them). */
export const V1_TERM_NAMES: ReadonlySet<string> = new Set([...Object.keys(V1_TERMS), ...Object.keys(V1_DERIVED)]);

/** Where a v1 term's values come from, or undefined for a name that is no v1 term. */
export function v1TermSource(term: string, d: DialectKind): TermSource | undefined {
  if (Object.hasOwn(V1_DERIVED, term)) return v1Derived(d)[term as keyof typeof V1_DERIVED].source;
  return Object.hasOwn(V1_TERMS, term) ? termSource(V1_TERMS[term]!, d) : undefined;
}
