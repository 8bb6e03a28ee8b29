// The users CSV export: the console's "Export All" (seed "Users reference" columns, in order).
import type { Writable } from "node:stream";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { alertLevel, type AlertIntervals } from "../devices/alert-level.js";
import { effectiveSettings } from "../orgs/effective-settings.js";
import { DeviceStore, type BackupRow } from "../devices/store.js";
import { csvField, csvLine } from "./csv-line.js";
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

/** A line's fields, one for each of EXPORT_COLUMNS and in its order (the compiler counts them). */
type FieldsOf<Columns extends readonly string[]> = { -readonly [I in keyof Columns]: string | number };
type LineFields = FieldsOf<typeof EXPORT_COLUMNS>;

/**
 * One user's line: the user's columns and the totals over their devices (never stored twice). Texts are written as
 * CSV fields here, words of the export's own (TRUE, LOCAL) and numbers as they are: one array a line, joined.
 */
function line(u: ListedUser, devices: { computer_id: number }[], backups: BackupRow[], now: number, iv: AlertIntervals): string {
  const f = backupFigures(devices, backups, now, iv);
  const fields: LineFields = [
    u.user_id,
    u.org_id,
    csvField(u.username),
    csvField(u.email ?? ""),
    csvField(u.display_name),
    userStatus(u),
    devices.length,
    0, // shareDeviceCount
    f.backupDevices,
    csvField(u.last_login_date ?? ""),
    bool(u.active),
    bool(u.blocked),
    f.warnings,
    f.criticals,
    "", // targetComputer
    f.selectedFiles,
    f.selectedBytes,
    csvField(f.lastBackup),
    csvField(f.lastCompletedBackup),
    f.archiveBytes,
    f.todoBytes,
    f.todoFiles,
    csvField(u.user_uid),
    csvField(u.org_uid),
    csvField(u.user_ext_ref ?? ""),
    csvField(u.notes ?? ""),
    csvField(u.first_name ?? ""),
    csvField(u.last_name ?? ""),
    csvField(u.org_name),
    csvField(u.org_type),
    "LOCAL", // authType
    bool(looksLikeEmail(u.username)),
    csvField(u.creation_date),
    csvField(u.modification_date),
    bool(u.password_reset),
    bool(u.invited),
    "AccountPassword", // securityKeyType
    "", // targetComputerGuid
    f.billableBytes,
    u.quota_in_bytes,
    f.selectedBytes > 0 ? Math.round(((f.selectedBytes - f.todoBytes) / f.selectedBytes) * 1000) / 10 : 0, // percentComplete
    f.selectedBytes - f.archiveBytes, // archiveBytesDelta
    0, // archiveBytesDeltaMonth
    backups.length, // archiveHistory
    bool(u.email_promo),
  ];
  return fields.join(",");
}

/**
 * Streams the users in reach (current filters, or just the selected uids) as CSV, a batch at a time, so memory
 * stays flat however many users there are; waits whenever the client reads slower than the rows come, and stops if
 * it goes away.
 */
export async function exportUsers(db: Kysely<Database>, scope: Scope, filter: ExportFilter, out: Writable, now: number): Promise<void> {
  const devices = new DeviceStore(db);
  // The header goes out with the first batch, and the last batch with the end: an export of one batch (the console's
  // page of 100 uids) is one write.
  let text = `${csvLine(EXPORT_COLUMNS)}\n`;
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
    text += `${batch.map((u) => line(u, devicesOf.get(u.user_id) ?? [], backupsOf.get(u.user_id) ?? [], now, settings.get(u.org_id)!)).join("\n")}\n`;
    // A short batch was the last: asking again would read the users once more (the console's page of 100 uids).
    if (batch.length < BATCH) break;
    if (!(await writeChunk(out, text))) return;
    text = "";
    after = batch.at(-1)!.user_id;
  }
  if (out.destroyed) return;
  out.end(text);
  await oneOf(out, ["finish", "close"]);
}
