// Archives and restores (issue #21): the files a fixture declares an archive (a device_backups row) holds, a JSON
// list read as a tree by web restores, the restores made of archives (each a web restore job, completing
// on the emulator's clock; the restore history lists them) and the web restore sessions restores are made in.
import { sql, type Kysely } from "kysely";
import { int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("archive_files")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("computer_id", int(db), (c) => c.notNull())
    .addColumn("destination_guid", "text", (c) => c.notNull())
    .addColumn("files", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("archive_files_pk", ["computer_id", "destination_guid"])
    .execute();
  await db.schema
    .createTable("restores")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("restore_id", "text", (c) => c.notNull())
    .addColumn("computer_id", int(db), (c) => c.notNull())
    .addColumn("destination_guid", "text", (c) => c.notNull())
    .addColumn("requester_uid", "text")
    .addColumn("requester_name", "text", (c) => c.notNull())
    .addColumn("backup_set_id", "text", (c) => c.notNull())
    .addColumn("files", "text", (c) => c.notNull())
    .addColumn("num_files", int(db), (c) => c.notNull())
    .addColumn("num_dirs", int(db), (c) => c.notNull())
    .addColumn("num_bytes", int(db), (c) => c.notNull())
    .addColumn("show_deleted", int(db), (c) => c.notNull())
    .addColumn("started_at", "text", (c) => c.notNull())
    .addColumn("done_at", "text", (c) => c.notNull())
    .addColumn("canceled_at", "text")
    .addPrimaryKeyConstraint("restores_pk", ["tenant_uid", "restore_id"])
    .execute();
  await sql`create index restores_device on restores (computer_id, started_at)`.execute(db);
  await db.schema
    .createTable("restore_sessions")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("session_id", "text", (c) => c.notNull())
    .addColumn("computer_id", int(db), (c) => c.notNull())
    .addColumn("requester_uid", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("restore_sessions_pk", ["tenant_uid", "session_id"])
    .execute();
}
