// The content of files that file events name, for /v1/files: the bytes a fixture or the control plane supplied beside
// an event (keyed by the SHA-256 the event carries, one copy per tenant and hash), and which event each exfiltrated-
// file-collection id (an event's event.xfcEventId) belongs to. Few events carry one, so a table of their own keeps the
// look-up an index seek without a column every file event pays for.
import type { Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { nocaseText } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("file_contents")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    // Lower-case hex; compared without case, as the path's hash may come in either.
    .addColumn("sha256", nocaseText(db), (c) => c.notNull())
    // PostgreSQL calls its bytes bytea.
    .addColumn("content", isPostgres(db) ? "bytea" : "blob", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_contents_pk", ["tenant_uid", "sha256"])
    .execute();
  await db.schema
    .createTable("file_xfc_contents")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("xfc_content_id", "text", (c) => c.notNull())
    .addColumn("file_event_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("file_xfc_contents_pk", ["tenant_uid", "xfc_content_id", "file_event_id"])
    .execute();
}
