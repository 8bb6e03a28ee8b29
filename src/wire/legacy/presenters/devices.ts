// Device records -> the v1 Computer shape (code42cli's test fixtures show it), with backup usage and settings on
// request; archives and agent properties as their v1 and v14 paths answer them.
import type { components, operations } from "../../../generated/openapi.js";
import type { AgentProperty, DeviceRecord } from "../../../domains/devices/service.js";
import type { AlertIntervals, AlertLevel } from "../../../domains/devices/alert-level.js";
import { isCode42App, reportsHostname } from "../../../domains/devices/hostname.js";
import { DEFAULT_PRODUCT_VERSION } from "../../../domains/devices/registration.js";
import type { ArchiveRow, BackupRow, DeviceRow, LeveledDevice } from "../../../domains/devices/store.js";
import { flagsFunction, sqlFunction } from "../../../db/sql-functions.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";

export type WireArchive = components["schemas"]["Archive"];
export type WireAgentProperty = operations["getAgentStateByDevice"]["responses"][200]["content"]["application/json"]["data"];

const ALERT_STATES = [["OK"], ["WARNING"], ["CRITICAL"]] as const;

function deviceStatus(active: number, deauthorized: number): string {
  if (!active) return "Deactivated";
  return deauthorized ? "Active, Deauthorized" : "Active";
}

/** Code42 reports its agent version both as text and as this build number. */
const versionNumber = (productVersion: string) => 1525200000000 + Number(productVersion.replace(/\D/g, "").slice(0, 4) || 0);

export function backupUsage(d: DeviceRow, b: BackupRow, level: AlertLevel) {
  const percent = b.selected_bytes > 0 ? Math.round(((b.selected_bytes - b.todo_bytes) / b.selected_bytes) * 1000) / 10 : 100;
  return {
    targetComputerParentId: null,
    targetComputerParentGuid: null,
    targetComputerGuid: b.destination_guid,
    targetComputerName: b.destination_name,
    targetComputerOsName: null,
    targetComputerType: "SERVER",
    selectedFiles: b.selected_files,
    selectedBytes: b.selected_bytes,
    todoFiles: b.todo_files,
    todoBytes: b.todo_bytes,
    archiveBytes: b.archive_bytes,
    billableBytes: b.billable_bytes,
    sendRateAverage: 0,
    completionRateAverage: 0,
    lastBackup: b.last_backup,
    lastCompletedBackup: b.last_completed_backup,
    // code42cli's `devices show` prints this name for the same instant.
    lastCompleted: b.last_completed_backup,
    lastConnected: d.last_connected,
    lastMaintenanceDate: null,
    lastCompactDate: null,
    modificationDate: d.modification_date,
    creationDate: d.creation_date,
    using: true,
    alertState: level,
    alertStates: [...ALERT_STATES[level]],
    percentComplete: percent,
    storePointId: 1,
    storePointName: "Cloud",
    serverId: 1,
    serverGuid: b.destination_guid,
    serverName: b.destination_name,
    serverHostName: "code42-emulator",
    isProvider: false,
    archiveGuid: b.archive_guid,
    archiveFormat: b.archive_format,
    activity: { connected: false, backingUp: false, restoring: false, timeRemainingInMs: 0, remainingFiles: b.todo_files, remainingBytes: b.todo_bytes },
  };
}

/**
 * The settings py42's DeviceSettings reads for CrashPlan devices: the destinations the device may use and one
 * backup set sending to each of its destinations.
 */
function crashPlanSettings(d: DeviceRow, backups: BackupRow[], iv: AlertIntervals) {
  const excludeNone = [{ windows: [], linux: [], macintosh: [] }];
  return {
    availableDestinations: backups.map((b, i) => ({ destinationId: i + 1, destinationName: b.destination_name, guid: b.destination_guid, type: "CLUSTER" })),
    settings: {
      "@id": "service",
      javaMemoryHeapMax: "1024m",
      orgType: "ENTERPRISE",
      securityKeyType: "AccountPassword",
      serviceBackupConfig: {
        backupStatusEmailEnabled: "false",
        backupStatusEmailFreqInMinutes: "10080",
        // The device's org's reporting intervals (org settings), in the minutes this shape counts.
        minutesUntilWarning: String(iv.warnInDays * 1440),
        minutesUntilSevere: String(iv.alertInDays * 1440),
        backupConfig: {
          backupSets: [
            {
              "@id": "1",
              name: "BackupSet 1",
              backupPaths: { pathset: [{ "@cleared": "true", "@os": d.os_name === "win" ? "Windows" : d.os_name === "mac" ? "Macintosh" : "Linux" }], excludeUser: excludeNone },
              destinations: backups.map((b) => ({ "@id": b.destination_guid })),
              backupRunWindow: [{ "@always": "true", "@days": "SMTWHFS", "@endTimeOfDay": "06:00", "@startTimeOfDay": "01:00" }],
              retentionPolicy: { backupFrequency: "900000", keepDeleted: "true", keepDeletedMinutes: "0", versionLastWeekInterval: "15", versionLastNinetyDaysInterval: "1440", versionLastYearInterval: "10080", versionPrevYearsInterval: "43200" },
            },
          ],
        },
      },
    },
  };
}

export interface PresentOptions {
  backupUsage: boolean;
  settings: boolean;
}

/** The rules of a Computer's fields, in SQL too (a page SQLite writes). */
const DEVICE_STATUS = flagsFunction("legacy_device_status", deviceStatus);
const HOSTNAME = sqlFunction("legacy_device_hostname", (productVersion: string, osHostname: string) => (reportsHostname(productVersion) ? osHostname : "UNKNOWN"), "value", [DEFAULT_PRODUCT_VERSION], 1);
const ALERT_STATES_OF = sqlFunction("legacy_alert_states", (level: number) => [...ALERT_STATES[level as AlertLevel]], "json", [0, 1, 2]);
// Devices a fixture or a registration gives no version run the emulator's default: SQLite looks its number up.
const VERSION_NUMBER = sqlFunction("legacy_version_number", versionNumber, "value", [DEFAULT_PRODUCT_VERSION]);

const { value, flag, computed, constant } = fieldsOf<LeveledDevice>();

/** A Computer without its backup usage and settings: one declaration for a single device and for a page SQLite writes (projection.ts). */
export const LEGACY_COMPUTER: Projection<LeveledDevice> = {
  computerId: value("computer_id"),
  name: value("name"),
  osHostname: computed(HOSTNAME, "product_version", "os_hostname"),
  guid: value("guid"),
  type: constant("COMPUTER"),
  status: computed(DEVICE_STATUS, "active", "deauthorized"),
  active: flag("active"),
  blocked: flag("blocked"),
  alertState: value("alert_level"),
  alertStates: computed(ALERT_STATES_OF, "alert_level"),
  userId: value("user_id"),
  userUid: value("user_uid"),
  orgId: value("org_id"),
  orgUid: value("org_uid"),
  computerExtRef: value("computer_ext_ref"),
  notes: value("notes"),
  parentComputerId: constant(null),
  parentComputerGuid: constant(null),
  lastConnected: value("last_connected"),
  osName: value("os_name"),
  osVersion: value("os_version"),
  osArch: value("os_arch"),
  address: value("address"),
  remoteAddress: value("remote_address"),
  javaVersion: value("java_version"),
  modelInfo: value("model_info"),
  timeZone: value("time_zone"),
  version: computed(VERSION_NUMBER, "product_version"),
  productVersion: value("product_version"),
  buildVersion: value("build_version"),
  creationDate: value("creation_date"),
  modificationDate: value("modification_date"),
  loginDate: value("login_date"),
  service: value("service"),
};

const projectComputer = projector(LEGACY_COMPUTER);

export function presentDevice({ device: d, backups, alertLevel: level, backupAlertLevels, alertIntervals }: DeviceRecord, opts: PresentOptions) {
  return {
    ...projectComputer({ ...d, alert_level: level }),
    ...(opts.backupUsage ? { backupUsage: backups.map((b, i) => backupUsage(d, b, backupAlertLevels[i]!)) } : {}),
    ...(opts.settings && isCode42App(d) ? crashPlanSettings(d, backups, alertIntervals) : {}),
  };
}

export function presentArchive(b: ArchiveRow): WireArchive {
  return {
    archiveGuid: b.archive_guid,
    userUid: b.user_uid,
    backupSourceGuid: b.device_guid,
    targetGuid: b.destination_guid,
    format: b.archive_format,
    archiveBytes: b.archive_bytes,
    selectedBytes: b.selected_bytes,
    lastCompletedBackup: b.last_completed_backup,
    isColdStorage: b.cold_storage === 1,
    archiveHoldExpireDate: b.archive_hold_expire_date,
  };
}

export function presentAgentProperty(p: AgentProperty): WireAgentProperty {
  return { deviceGuid: p.device.guid, propertyName: p.name, value: p.value };
}
