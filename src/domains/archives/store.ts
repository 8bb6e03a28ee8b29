// Queries for archives (the device_backups rows, with their device, owner and org), cold storage, restores and web
// restore sessions, always inside the caller's scope.
import type { Kysely } from "kysely";
import type { Database, RestoresTable, RestoreSessionsTable } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { DeviceStore } from "../devices/store.js";

/** The orders GET /api/v1/ColdStorage offers (py42's sort keys). */
export const COLD_STORAGE_SORTS = {
  archiveHoldExpireDate: "b.archive_hold_expire_date",
  orgName: "o.org_name",
  mountPointName: "b.destination_name",
  archiveBytes: "b.archive_bytes",
  archiveType: "b.archive_format",
} as const;
export type ColdStorageSort = keyof typeof COLD_STORAGE_SORTS;

export interface RestoreFilter {
  orgIds?: number[];
  userId?: number;
  computerId?: number;
  /** Restores started at or after. */
  since: string;
}

export class ArchiveStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Archives the scope reaches, with what their wire shapes name of the device, its owner and org. */
  private archives(scope: Scope) {
    return new DeviceStore(this.db)
      .scoped(scope)
      .innerJoin("device_backups as b", "b.computer_id", "d.computer_id")
      .leftJoin("archive_files as f", (j) => j.onRef("f.computer_id", "=", "b.computer_id").onRef("f.destination_guid", "=", "b.destination_guid"))
      .clearSelect()
      .selectAll("b")
      .select("f.files as archive_files")
      .select(["d.guid as device_guid", "d.name as device_name", "d.tenant_uid", "u.user_id", "u.user_uid", "u.username", "o.org_id", "o.org_uid", "o.org_name"]);
  }

  archive(scope: Scope, archiveGuid: string) {
    return this.archives(scope).where("b.archive_guid", "=", archiveGuid).executeTakeFirst();
  }

  /** A device's archives, in destination order. */
  archivesOfDevice(scope: Scope, deviceGuid: string) {
    return this.archives(scope).where("d.guid", "=", deviceGuid).orderBy("b.destination_guid").execute();
  }

  coldStorage(scope: Scope, orgIds: number[], sort: ColdStorageSort, desc: boolean, pgNum: number, pgSize: number) {
    return this.archives(scope)
      .where("b.cold_storage", "=", 1)
      .where("o.org_id", "in", orgIds.length ? orgIds : [-1])
      .orderBy(COLD_STORAGE_SORTS[sort], desc ? "desc" : "asc")
      .orderBy("b.archive_guid")
      .limit(pgSize)
      .offset((pgNum - 1) * pgSize)
      .execute();
  }

  insertSession(row: RestoreSessionsTable) {
    return this.db.insertInto("restore_sessions").values(row).execute();
  }

  session(tenantUid: string, sessionId: string) {
    return this.db.selectFrom("restore_sessions").selectAll().where("tenant_uid", "=", tenantUid).where("session_id", "=", sessionId).executeTakeFirst();
  }

  insertRestore(row: RestoresTable) {
    return this.db.insertInto("restores").values(row).execute();
  }

  /** Restores of the archives the scope reaches, with their archive's columns. */
  private restores(scope: Scope) {
    return this.archives(scope).innerJoin("restores as r", (j) => j.onRef("r.computer_id", "=", "b.computer_id").onRef("r.destination_guid", "=", "b.destination_guid")).selectAll("r");
  }

  restore(scope: Scope, restoreId: string) {
    return this.restores(scope).where("r.restore_id", "=", restoreId).executeTakeFirst();
  }

  history(scope: Scope, f: RestoreFilter, pgNum: number, pgSize: number) {
    let q = this.restores(scope).where("r.started_at", ">=", f.since);
    if (f.orgIds !== undefined) q = q.where("o.org_id", "in", f.orgIds.length ? f.orgIds : [-1]);
    if (f.userId !== undefined) q = q.where("u.user_id", "=", f.userId);
    if (f.computerId !== undefined) q = q.where("d.computer_id", "=", f.computerId);
    return q.orderBy("r.started_at", "desc").orderBy("r.restore_id", "desc").limit(pgSize).offset((pgNum - 1) * pgSize).execute();
  }

  cancel(tenantUid: string, restoreId: string, at: string) {
    return this.db.updateTable("restores").set({ canceled_at: at }).where("tenant_uid", "=", tenantUid).where("restore_id", "=", restoreId).where("canceled_at", "is", null).execute();
  }
}

export type ArchiveRecord = NonNullable<Awaited<ReturnType<ArchiveStore["archive"]>>>;
export type RestoreRecord = NonNullable<Awaited<ReturnType<ArchiveStore["restore"]>>>;
