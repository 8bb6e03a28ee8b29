// Archive records -> the v1 Archive and ColdStorage rows, restore jobs as WebRestoreJob and the restore history
// shows them, and archive nodes as WebRestoreTreeNode lists them (py42's tests show the node and job shapes).
import type { components } from "../../../generated/openapi.js";
import type { ArchiveNode } from "../../../domains/archives/files.js";
import type { FileSelection, RestoreJob } from "../../../domains/archives/service.js";
import type { ArchiveRecord } from "../../../domains/archives/store.js";

type Schemas = components["schemas"];

/** How long a done job's result stays to be fetched (Code42's jobs expire a day after they are made). */
const JOB_LIFETIME_MS = 86_400_000;

export function presentArchiveDetail(a: ArchiveRecord): Schemas["ArchiveDetail"] {
  return {
    archiveGuid: a.archive_guid,
    userId: a.user_id,
    userUid: a.user_uid,
    orgId: a.org_id,
    orgUid: a.org_uid,
    backupSourceGuid: a.device_guid,
    backupSourceName: a.device_name,
    targetGuid: a.destination_guid,
    targetName: a.destination_name,
    format: a.archive_format,
    archiveBytes: a.archive_bytes,
    billableBytes: a.billable_bytes,
    selectedBytes: a.selected_bytes,
    selectedFiles: a.selected_files,
    lastBackup: a.last_backup,
    lastCompletedBackup: a.last_completed_backup,
    isColdStorage: a.cold_storage === 1,
    archiveHoldExpireDate: a.archive_hold_expire_date,
  };
}

export function presentColdStorageRow(a: ArchiveRecord): Schemas["ColdStorageRow"] {
  return {
    archiveGuid: a.archive_guid,
    archiveHoldExpireDate: a.archive_hold_expire_date,
    archiveBytes: a.archive_bytes,
    archiveType: a.archive_format,
    orgId: a.org_id,
    orgUid: a.org_uid,
    orgName: a.org_name,
    userId: a.user_id,
    userUid: a.user_uid,
    username: a.username,
    sourceComputerId: a.computer_id,
    sourceComputerGuid: a.device_guid,
    sourceComputerName: a.device_name,
    mountPointName: a.destination_name,
    destinationGuid: a.destination_guid,
  };
}

const selections = (job: RestoreJob) => JSON.parse(job.restore.files) as FileSelection[];
const isZip = (job: RestoreJob) => {
  const files = selections(job);
  return !(files.length === 1 && files[0]!.fileType === "FILE");
};
const status = (job: RestoreJob) => (job.restore.canceled_at !== null ? "canceled" : job.done ? "done" : "running");

export function presentRestoreJob(job: RestoreJob): Schemas["RestoreJob"] {
  const r = job.restore;
  const created = Date.parse(r.started_at);
  return {
    jobId: r.restore_id,
    name: `WebRestore_${r.restore_id}`,
    status: status(job),
    done: job.done,
    canceled: r.canceled_at !== null,
    percentComplete: job.percentComplete,
    zipResult: isZip(job),
    sourceId: r.device_guid,
    userId: r.user_id,
    bytesZipped: job.done && isZip(job) ? r.num_bytes : 0,
    numFiles: r.num_files,
    numDirs: r.num_dirs,
    numBytes: r.num_bytes,
    creationDate: created,
    expirationDate: created + JOB_LIFETIME_MS,
  };
}

export function presentRestoreEvent(job: RestoreJob): Schemas["RestoreEvent"] {
  const r = job.restore;
  return {
    restoreId: r.restore_id,
    restoreType: "WEB",
    sourceComputerId: r.computer_id,
    sourceComputerGuid: r.device_guid,
    sourceComputerName: r.device_name,
    destinationGuid: r.destination_guid,
    destinationName: r.destination_name,
    archiveGuid: r.archive_guid,
    userId: r.user_id,
    userUid: r.user_uid,
    username: r.username,
    orgId: r.org_id,
    orgUid: r.org_uid,
    orgName: r.org_name,
    requestingUserUid: r.requester_uid,
    requestingUsername: r.requester_name,
    startDate: r.started_at,
    completedDate: job.done ? (r.canceled_at ?? r.done_at) : null,
    canceled: r.canceled_at !== null,
    status: status(job),
    numFiles: r.num_files,
    numDirs: r.num_dirs,
    numBytes: r.num_bytes,
    files: selections(job).map((f) => ({ path: f.path, fileType: f.fileType === "FILE" ? "FILE" : "DIRECTORY" })),
  };
}

/** "04/12/19 12:56 PM", the console's short form of an instant (UTC). */
function shortDate(iso: string): string {
  const d = new Date(iso);
  const two = (n: number) => String(n).padStart(2, "0");
  const h = d.getUTCHours() % 12 || 12;
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCFullYear() % 100)} ${h}:${two(d.getUTCMinutes())} ${d.getUTCHours() < 12 ? "AM" : "PM"}`;
}

export function presentTreeNode(n: ArchiveNode, archive: ArchiveRecord): Schemas["TreeNode"] {
  const lastBackup = archive.last_completed_backup ?? archive.last_backup;
  return {
    id: n.id,
    path: n.path,
    filename: n.filename,
    type: n.type,
    deleted: n.deleted,
    hidden: n.filename.startsWith("."),
    lastModified: n.lastModified,
    lastModifiedMs: Date.parse(n.lastModified),
    lastBackup,
    lastBackupMs: lastBackup === null ? null : Date.parse(lastBackup),
    date: shortDate(lastBackup ?? n.lastModified),
    ...(n.type === "file" ? { size: n.size } : {}),
  };
}
