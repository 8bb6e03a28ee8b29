// The users CSV export: the console's "Export All" (seed "Users reference" columns, in order).
import type { Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { alertLevel, type AlertIntervals } from "../devices/alert-level.js";
import { effectiveSettings } from "../orgs/effective-settings.js";
import { DeviceStore, type BackupRow } from "../devices/store.js";
import { csvLine } from "./csv-line.js";
import { oneOf, writeChunk } from "../../http/write-stream.js";
import { groupBy } from "../../group-by.js";
import { usersAfter, type ExportFilter, type ListedUser } from "./list-store.js";
import { userStatus } from "./status.js";
import { looksLikeEmail } from "./rules.js";

/**
 * Seed 000's export columns, verbatim and in order. The article leaves the fourth unnamed (its description is the
 * email address) and spells two as usernameIAnEmail and billableByes: the header follows the article.
 */
export const EXPORT_COLUMNS = [
  "userId", "orgId", "username", "email", "displayName", "status", "computerCount", "shareDeviceCount", "backupDeviceCount",
  "lastLoginDate", "active", "blocked", "warningCount", "criticalCount", "targetComputer", "selectedFiles", "selectedBytes",
  "lastBackupDate", "lastCompletedBackupDate", "archiveBytes", "todoBytes", "todoFiles", "userUid", "orgUid", "userExtRef",
  "notes", "firstName", "lastName", "orgName", "orgType", "authType", "usernameIAnEmail", "creationDate", "modificationDate",
  "passwordReset", "invited", "securityKeyType", "targetComputerGuid", "billableByes", "quotaInBytes", "percentComplete",
  "archiveBytesDelta", "archiveBytesDeltaMonth", "archiveHistory", "emailPromo",
] as const;

/** Users per batch: one query for the users, one for their devices, one for the backups, one write. */
const BATCH = 2000;
const bool = (v: number | boolean) => (v ? "TRUE" : "FALSE");

/** What a user's devices add up to in the export; most users' devices have no backup, and share NO_BACKUPS. */
interface BackupFigures {
  backupDevices: number;
  warnings: number;
  criticals: number;
  selectedFiles: number;
  selectedBytes: number;
  lastBackup: string;
  lastCompletedBackup: string;
  archiveBytes: number;
  todoBytes: number;
  todoFiles: number;
  billableBytes: number;
}

const NO_BACKUPS: BackupFigures = Object.freeze({
  backupDevices: 0,
  warnings: 0,
  criticals: 0,
  selectedFiles: 0,
  selectedBytes: 0,
  lastBackup: "",
  lastCompletedBackup: "",
  archiveBytes: 0,
  todoBytes: 0,
  todoFiles: 0,
  billableBytes: 0,
});

/** The latest of two instants as text ("" for none): ISO texts order as their instants. */
const later = (a: string, b: string | null) => (b !== null && b > a ? b : a);

/**
 * The totals over a user's backups, in one pass: the export's page of 100 users is a page of the console, and a
 * collection every other request went to the arrays a total each would make.
 */
function backupFigures(devices: { computer_id: number }[], backups: BackupRow[], now: number, iv: AlertIntervals): BackupFigures {
  if (backups.length === 0) return NO_BACKUPS;
  const f = { ...NO_BACKUPS };
  for (const b of backups) {
    f.selectedFiles += Number(b.selected_files);
    f.selectedBytes += Number(b.selected_bytes);
    f.archiveBytes += Number(b.archive_bytes);
    f.todoBytes += Number(b.todo_bytes);
    f.todoFiles += Number(b.todo_files);
    f.billableBytes += Number(b.billable_bytes);
    f.lastBackup = later(f.lastBackup, b.last_backup);
    f.lastCompletedBackup = later(f.lastCompletedBackup, b.last_completed_backup);
  }
  // A user's devices are in the user's org: its intervals count them (seed 000: "specified in the organization settings").
  for (const d of devices) {
    const own = backups.filter((b) => b.computer_id === d.computer_id);
    if (own.length === 0) continue;
    f.backupDevices++;
    const level = alertLevel(own, now, iv);
    if (level === 1) f.warnings++;
    else if (level === 2) f.criticals++;
  }
  return f;
}

/** One CSV record, its fields in EXPORT_COLUMNS' order: the user's columns and the totals over their devices (never stored twice). */
function record(u: ListedUser, devices: { computer_id: number }[], backups: BackupRow[], now: number, iv: AlertIntervals): Record<(typeof EXPORT_COLUMNS)[number], string | number> {
  const f = backupFigures(devices, backups, now, iv);
  return {
    userId: u.user_id,
    orgId: u.org_id,
    username: u.username,
    email: u.email ?? "",
    displayName: u.display_name,
    status: userStatus(u),
    computerCount: devices.length,
    shareDeviceCount: 0,
    backupDeviceCount: f.backupDevices,
    lastLoginDate: u.last_login_date ?? "",
    active: bool(u.active),
    blocked: bool(u.blocked),
    warningCount: f.warnings,
    criticalCount: f.criticals,
    targetComputer: "",
    selectedFiles: f.selectedFiles,
    selectedBytes: f.selectedBytes,
    lastBackupDate: f.lastBackup,
    lastCompletedBackupDate: f.lastCompletedBackup,
    archiveBytes: f.archiveBytes,
    todoBytes: f.todoBytes,
    todoFiles: f.todoFiles,
    userUid: u.user_uid,
    orgUid: u.org_uid,
    userExtRef: u.user_ext_ref ?? "",
    notes: u.notes ?? "",
    firstName: u.first_name ?? "",
    lastName: u.last_name ?? "",
    orgName: u.org_name,
    orgType: u.org_type,
    authType: "LOCAL",
    usernameIAnEmail: bool(looksLikeEmail(u.username)),
    creationDate: u.creation_date,
    modificationDate: u.modification_date,
    passwordReset: bool(u.password_reset),
    invited: bool(u.invited),
    securityKeyType: "AccountPassword",
    targetComputerGuid: "",
    billableByes: f.billableBytes,
    quotaInBytes: u.quota_in_bytes,
    percentComplete: f.selectedBytes > 0 ? Math.round(((f.selectedBytes - f.todoBytes) / f.selectedBytes) * 1000) / 10 : 0,
    archiveBytesDelta: f.selectedBytes - f.archiveBytes,
    archiveBytesDeltaMonth: 0,
    archiveHistory: backups.length,
    emailPromo: bool(u.email_promo),
  };
}

/**
 * Streams the users in reach (current filters, or just the selected uids) as CSV, a batch at a time, so memory
 * stays flat however many users there are; waits whenever the client reads slower than the rows come, and stops if
 * it goes away.
 */
export async function exportUsers(db: Kysely<Database>, scope: Scope, filter: ExportFilter, out: Writable, now: number): Promise<void> {
  const devices = new DeviceStore(db);
  if (!(await writeChunk(out, `${csvLine(EXPORT_COLUMNS)}\n`))) return;
  for (let after = 0; ; ) {
    const batch = await usersAfter(db, scope, filter, after, BATCH);
    if (batch.length === 0) break;
    const owned = await devices.devicesOfUsers(scope.tenantUid, batch.map((u) => u.user_id));
    const backups = await devices.backups(owned.map((d) => d.computer_id));
    // Each user's devices, and the backups of those devices in the order the query gave them.
    const devicesOf = groupBy(owned, (d) => d.user_id);
    const ownerOf = new Map(owned.map((d) => [d.computer_id, d.user_id]));
    const backupsOf = groupBy(backups, (b) => ownerOf.get(b.computer_id)!);
    const settings = await effectiveSettings(db, scope.tenantUid, batch.map((u) => u.org_id));
    const lines = batch.map((u) => {
      // The record's keys are in the columns' order (a test reads every column of a line by its header).
      return csvLine(Object.values(record(u, devicesOf.get(u.user_id) ?? [], backupsOf.get(u.user_id) ?? [], now, settings.get(u.org_id)!)));
    });
    if (!(await writeChunk(out, `${lines.join("\n")}\n`))) return;
    // A short batch was the last: asking again would read the users once more (the console's page of 100 uids).
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.user_id;
  }
  out.end();
  await oneOf(out, ["finish", "close"]);
}
