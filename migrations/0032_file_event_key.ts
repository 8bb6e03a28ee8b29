// A file event's key (its tenant and event id) becomes a unique index instead of the table's primary key, so that a
// bulk load can drop it with the other indexes and build it once after its rows (FileEventService.bulkLoad). Kept
// row by row, the key took each random event id at a random place of an index larger than the page cache.
// SQLite cannot drop a primary key: the table is made again without it, with its rows (rowids kept: events are read
// in the order they were stored), its indexes and its trigger.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

const PRIMARY_KEY = /,\s*constraint "file_events_pk" primary key \("tenant_uid", "event_id"\)/;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await sql`alter table file_events drop constraint file_events_pk`.execute(db);
  else await withoutPrimaryKey(db);
  await sql`create unique index file_events_key on file_events (tenant_uid, event_id)`.execute(db);
}

async function withoutPrimaryKey(db: Kysely<unknown>): Promise<void> {
  const { rows: tables } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'file_events'`.execute(db);
  const made = tables[0]!.sql;
  if (!PRIMARY_KEY.test(made)) throw new Error("file_events: its primary key is not the one migration 0017 made");
  const { rows: dependents } = await sql<{ sql: string }>`select sql from sqlite_master
    where tbl_name = 'file_events' and type in ('index', 'trigger') and sql is not null order by type, name`.execute(db);
  const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info('file_events')`.execute(db);
  const list = ["rowid", ...columns.map((c) => `"${c.name}"`)].join(", ");
  await sql.raw(made.replace(PRIMARY_KEY, "").replace(/^CREATE TABLE "file_events"/, 'CREATE TABLE "file_events_unkeyed"')).execute(db);
  await sql.raw(`insert into file_events_unkeyed (${list}) select ${list} from file_events`).execute(db);
  await sql`drop table file_events`.execute(db);
  await sql`alter table file_events_unkeyed rename to file_events`.execute(db);
  for (const d of dependents) await sql.raw(d.sql).execute(db);
}
