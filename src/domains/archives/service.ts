// Archives (one per device and destination) and what is done with them: their backup sets, cold storage, web
// restores and the history those leave. Who may restore is who may see the device (access/scope.ts): a user their own
// devices, an org admin the devices of their orgs, a customer cloud admin any device of the tenant (seed "Add users":
// users "cannot restore files from another user's devices unless they have the appropriate administrative privileges").
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { isAdmin, orgInScope, requireAdmin, scopeOf, subtree, type Scope } from "../access/scope.js";
import { DomainError } from "../errors.js";
import { OrgSettingsStore } from "../orgs/settings-store.js";
import { OrgStore } from "../orgs/store.js";
import { ArchiveTree, contentOf, normalPath, parseFiles, type ArchiveNode, type NodeSizes } from "./files.js";
import { ArchiveStore, type ArchiveRecord, type ColdStorageSort, type RestoreRecord } from "./store.js";

/** Every archive has the one backup set the device settings show ("BackupSet 1"). */
export const BACKUP_SETS = [{ backupSetId: "1", name: "BackupSet 1" }] as const;

/**
 * How long a restore job takes on the emulator's clock: a second, and a second more for each 10 MB (py42 polls its
 * status once a second).
 */
export function restoreMillis(bytes: number): number {
  return 1000 * (1 + Math.floor(bytes / 10_000_000));
}

export interface ColdStorageRequest {
  orgId: number;
  includeChildOrgs: boolean;
  sort: ColdStorageSort;
  desc: boolean;
  pgNum: number;
  pgSize: number;
}

export interface RestoreHistoryRequest {
  days: number;
  orgId?: number;
  userId?: number;
  computerId?: number;
  pgNum: number;
  pgSize: number;
}

/** A selection of a web restore as py42 sends it. */
export interface FileSelection {
  path: string;
  fileType?: string;
}

export interface StartRestoreRequest {
  sourceComputerGuid: string;
  webRestoreSessionId: string;
  restoreGroups: { backupSetId: string; files: FileSelection[] }[];
  showDeleted?: boolean | null;
}

export interface RestoreJob {
  restore: RestoreRecord;
  done: boolean;
  percentComplete: number;
}

/** A restore's result: one file as it is, else a ZIP of the entries. */
export interface RestoreResult {
  name: string;
  zip: boolean;
  entries: { name: string; bytes: Buffer; lastModified: string }[];
}

const archiveNotFound = () => new DomainError("ARCHIVE_NOT_FOUND", "Archive not found");
const sessionNotFound = () => new DomainError("RESTORE_SESSION_NOT_FOUND", "Web restore session not found");
const restoreNotFound = () => new DomainError("RESTORE_NOT_FOUND", "Restore job not found");
const fileNotFound = (what: string) => new DomainError("ARCHIVE_FILE_NOT_FOUND", `No file ${what} in the archive`);

const requesterOf = (caller: Principal) => (caller.kind === "user" ? caller.userUid : null);

export class ArchiveService {
  private readonly store: ArchiveStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {
    this.store = new ArchiveStore(db);
  }

  async get(caller: Principal, archiveGuid: string): Promise<ArchiveRecord> {
    const archive = await this.store.archive(await scopeOf(this.db, caller), archiveGuid);
    if (!archive) throw archiveNotFound();
    return archive;
  }

  private async archiveOf(scope: Scope, deviceGuid: string, destinationGuid: string): Promise<ArchiveRecord> {
    const archive = (await this.device(scope, deviceGuid)).find((a) => a.destination_guid === destinationGuid);
    if (!archive) throw archiveNotFound();
    return archive;
  }

  /** A device's archive at a destination (its backup sets, where it is restored from). */
  async archiveAt(caller: Principal, deviceGuid: string, destinationGuid: string): Promise<ArchiveRecord> {
    return this.archiveOf(await scopeOf(this.db, caller), deviceGuid, destinationGuid);
  }

  /** An org's archives in cold storage (and its children's when asked), for administrators of the org. */
  async coldStorage(caller: Principal, req: ColdStorageRequest): Promise<ArchiveRecord[]> {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const org = await new OrgStore(this.db).byId(scope.tenantUid, req.orgId);
    if (!org || !orgInScope(scope, req.orgId)) throw new DomainError("ORG_NOT_FOUND", `Org not found: ${req.orgId}`);
    const orgIds = req.includeChildOrgs ? await subtree(this.db, scope.tenantUid, req.orgId) : [req.orgId];
    return this.store.coldStorage(scope, orgIds, req.sort, req.desc, req.pgNum, req.pgSize);
  }

  /** Restores started in the last `days` days, of one org (and its children), user or device. */
  async history(caller: Principal, req: RestoreHistoryRequest): Promise<RestoreJob[]> {
    const scope = await scopeOf(this.db, caller);
    const since = new Date(this.clock.now() - req.days * 86_400_000).toISOString();
    const orgIds = req.orgId !== undefined ? await subtree(this.db, scope.tenantUid, req.orgId) : undefined;
    const rows = await this.store.history(scope, { since, orgIds, userId: req.userId, computerId: req.computerId }, req.pgNum, req.pgSize);
    return rows.map((r) => this.job(r));
  }

  /** The archives of a device in the caller's reach (a device without one is not restored from). */
  private async device(scope: Scope, deviceGuid: string): Promise<ArchiveRecord[]> {
    const archives = await this.store.archivesOfDevice(scope, deviceGuid);
    if (archives.length === 0) throw new DomainError("DEVICE_NOT_FOUND", "Computer not found");
    return archives;
  }

  /** A token standing for the device's data key; the session takes it and does not check it. */
  async dataKeyToken(caller: Principal, deviceGuid: string): Promise<string> {
    await this.device(await scopeOf(this.db, caller), deviceGuid);
    return this.ids.uuid();
  }

  async createSession(caller: Principal, deviceGuid: string): Promise<string> {
    const scope = await scopeOf(this.db, caller);
    const [archive] = await this.device(scope, deviceGuid);
    const sessionId = this.ids.uid();
    await this.store.insertSession({ tenant_uid: scope.tenantUid, session_id: sessionId, computer_id: archive!.computer_id, requester_uid: requesterOf(caller), created_at: this.clock.isoNow() });
    return sessionId;
  }

  /**
   * The archive a session restores from. A storage server's session names the device only, so it reads the device's
   * first archive (in destination order) that holds files, else its first.
   */
  private async sessionArchive(caller: Principal, sessionId: string, deviceGuid: string): Promise<{ scope: Scope; archive: ArchiveRecord; tree: ArchiveTree }> {
    const scope = await scopeOf(this.db, caller);
    const session = await this.store.session(scope.tenantUid, sessionId);
    if (!session || session.requester_uid !== requesterOf(caller)) throw sessionNotFound();
    const archives = await this.store.archivesOfDevice(scope, deviceGuid);
    if (archives.length === 0 || archives[0]!.computer_id !== session.computer_id) throw sessionNotFound();
    const archive = archives.find((a) => a.archive_files !== null) ?? archives[0]!;
    return { scope, archive, tree: new ArchiveTree(parseFiles(archive.archive_files)) };
  }

  /** The roots of the archive, or a folder's children; deleted ones only when asked for. */
  async treeNodes(caller: Principal, sessionId: string, deviceGuid: string, fileId: string | undefined, showDeleted: boolean): Promise<{ archive: ArchiveRecord; nodes: ArchiveNode[] }> {
    const { archive, tree } = await this.sessionArchive(caller, sessionId, deviceGuid);
    let nodes: ArchiveNode[];
    if (fileId === undefined) nodes = tree.roots();
    else {
      const node = tree.nodes.get(fileId);
      if (!node) throw fileNotFound(fileId);
      nodes = tree.childrenOf(fileId);
    }
    return { archive, nodes: nodes.filter((n) => showDeleted || !n.deleted) };
  }

  /**
   * What a file or folder adds up to. The job is done as soon as it is asked for, so its id is the file's id; deleted
   * files count (py42 restores them unless told not to).
   */
  async fileSizes(caller: Principal, deviceGuid: string, fileId: string): Promise<NodeSizes> {
    const archives = await this.device(await scopeOf(this.db, caller), deviceGuid);
    for (const archive of archives) {
      const tree = new ArchiveTree(parseFiles(archive.archive_files));
      const node = tree.nodes.get(fileId);
      if (node) return tree.sizes(node, true);
    }
    throw fileNotFound(fileId);
  }

  /** Starts a web restore job of the selected files and folders; it is done on the emulator's clock. */
  async startRestore(caller: Principal, req: StartRestoreRequest): Promise<RestoreJob> {
    const { scope, archive, tree } = await this.sessionArchive(caller, req.webRestoreSessionId, req.sourceComputerGuid);
    const showDeleted = req.showDeleted !== false;
    const backupSetId = req.restoreGroups[0]?.backupSetId ?? BACKUP_SETS[0].backupSetId;
    if (req.restoreGroups.some((g) => !BACKUP_SETS.some((s) => s.backupSetId === g.backupSetId))) throw new DomainError("BACKUP_SET_NOT_FOUND", `No backup set ${backupSetId}`);
    const selections = req.restoreGroups.flatMap((g) => g.files);
    const nodes = selections.map((f) => {
      const node = tree.byPath(f.path);
      if (!node) throw fileNotFound(f.path);
      return node;
    });
    if (nodes.length === 0) throw fileNotFound("selected");
    const total = { numFiles: 0, numDirs: 0, size: 0 };
    for (const n of nodes) {
      const s = tree.sizes(n, showDeleted);
      total.numFiles += s.numFiles;
      total.numDirs += s.numDirs;
      total.size += s.size;
    }
    await this.withinLimit(scope, archive, total.size);
    const now = this.clock.now();
    const restoreId = this.ids.uid();
    await this.store.insertRestore({
      tenant_uid: archive.tenant_uid,
      restore_id: restoreId,
      computer_id: archive.computer_id,
      destination_guid: archive.destination_guid,
      requester_uid: requesterOf(caller),
      requester_name: caller.kind === "user" ? caller.username : caller.clientId,
      backup_set_id: backupSetId,
      files: JSON.stringify(nodes.map((n) => ({ path: n.path, fileType: n.type === "file" ? "FILE" : "DIRECTORY" }))),
      num_files: total.numFiles,
      num_dirs: total.numDirs,
      num_bytes: total.size,
      show_deleted: showDeleted ? 1 : 0,
      started_at: new Date(now).toISOString(),
      done_at: new Date(now + restoreMillis(total.size)).toISOString(),
      canceled_at: null,
    });
    return this.status(caller, restoreId);
  }

  /**
   * The web restore limit of the device's org (org settings: an administrator's limit for restores of others' data,
   * else the user's; -1 is none), in MiB. py42's stream_from_backup uses the web restore and meets it too.
   */
  private async withinLimit(scope: Scope, archive: ArchiveRecord, bytes: number): Promise<void> {
    const settings = await new OrgSettingsStore(this.db).effective(scope.tenantUid, archive.org_id);
    const limitMb = isAdmin(scope) ? settings.webRestoreAdminLimitMb : settings.webRestoreUserLimitMb;
    if (limitMb >= 0 && bytes > limitMb * 1_048_576) throw new DomainError("RESTORE_TOO_LARGE", `The restore is ${bytes} bytes, over the web restore limit of ${limitMb} MB`);
  }

  private job(restore: RestoreRecord): RestoreJob {
    const now = this.clock.now();
    const [start, end] = [Date.parse(restore.started_at), Date.parse(restore.done_at)];
    const done = restore.canceled_at !== null || now >= end;
    return { restore, done, percentComplete: done ? 100 : Math.floor(((now - start) / (end - start)) * 100) };
  }

  /** A restore job of the caller's: another user's restores are theirs, even of the same device. */
  private async find(caller: Principal, restoreId: string): Promise<RestoreRecord> {
    const restore = await this.store.restore(await scopeOf(this.db, caller), restoreId);
    if (!restore || restore.requester_uid !== requesterOf(caller)) throw restoreNotFound();
    return restore;
  }

  async status(caller: Principal, restoreId: string): Promise<RestoreJob> {
    return this.job(await this.find(caller, restoreId));
  }

  async cancel(caller: Principal, restoreId: string): Promise<RestoreJob> {
    const restore = await this.find(caller, restoreId);
    if (!this.job(restore).done) await this.store.cancel(restore.tenant_uid, restoreId, this.clock.isoNow());
    return this.status(caller, restoreId);
  }

  /** The restored files: one file selected is sent as it is, anything else as a ZIP named for what was selected. */
  async result(caller: Principal, restoreId: string): Promise<RestoreResult> {
    const job = await this.status(caller, restoreId);
    const r = job.restore;
    if (!job.done || r.canceled_at !== null) throw new DomainError("RESTORE_NOT_READY", r.canceled_at ? "The restore was canceled" : "The restore is not done yet");
    const archives = await this.store.archivesOfDevice(await scopeOf(this.db, caller), r.device_guid);
    const archive = archives.find((a) => a.destination_guid === r.destination_guid);
    if (!archive) throw restoreNotFound();
    const tree = new ArchiveTree(parseFiles(archive.archive_files));
    const selected = (JSON.parse(r.files) as FileSelection[]).map((f) => tree.byPath(f.path)).filter((n): n is ArchiveNode => n !== undefined);
    const entries = selected.flatMap((node) => {
      // Entries are named from the selected item down: a folder's files under the folder's name.
      const base = node.path.slice(0, node.path.length - node.filename.length);
      return tree.filesUnder(node, r.show_deleted === 1).map((f) => ({ name: normalPath(f.path).slice(base.length).replace(/^\//, ""), bytes: contentOf(f), lastModified: f.lastModified }));
    });
    const single = selected.length === 1 && selected[0]!.type === "file" && entries.length === 1;
    return { name: single ? entries[0]!.name : `WebRestore_${restoreId}.zip`, zip: !single, entries };
  }
}
