// A watchlist's included users keyed and sorted under an integer key of their watchlist instead of its tenant and
// watchlist uids: the primary key and the five sort indexes of the detection-list search and the included users'
// pages carried 72 bytes of the same two uids in every entry. Kept row by row during a large fixture's load, that
// key took each user at a random place of an index larger than the page cache, and building the sort indexes was
// the largest part of the load after its rows.
// The key is the watchlist's rowid (on PostgreSQL the identity column of that name every table has since 0030). The
// entry's key becomes (list_key, user_uid), a unique index; the uids' lookups keep an index of their own, which a
// bulk load builds once after its rows as it does the others. SQLite cannot drop a primary key: the table is made
// again without it, with its rows (rowids kept: a user's risk factors are in the order of their inclusions), its
// indexes and its triggers, as 0032 did for file events.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

const SORT_KEYS = ["created_at", "departure_date", "display_name", "num_events", "total_bytes"] as const;
const PRIMARY_KEY = /,\s*constraint "watchlist_users_pk" primary key \("tenant_uid", "watchlist_id", "user_uid"\)/;
const KEY_OF = sql`(select w.rowid from watchlists w where w.tenant_uid = watchlist_users.tenant_uid and w.watchlist_id = watchlist_users.watchlist_id)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table watchlist_users add column list_key bigint`.execute(db);
    await sql`update watchlist_users set list_key = ${KEY_OF}`.execute(db);
    await sql`alter table watchlist_users alter column list_key set not null`.execute(db);
    await sql`alter table watchlist_users drop constraint watchlist_users_pk`.execute(db);
  } else await keyedByList(db);
  await sql`create unique index watchlist_users_key on watchlist_users (list_key, user_uid)`.execute(db);
  await sql`create index watchlist_users_by_uids on watchlist_users (tenant_uid, watchlist_id, user_uid)`.execute(db);
  for (const key of SORT_KEYS) {
    await sql`drop index if exists ${sql.id(`watchlist_users_by_${key}`)}`.execute(db);
    await sql`create index ${sql.id(`watchlist_users_by_${key}`)} on watchlist_users (list_key, ${sql.id(key)}, user_uid)`.execute(db);
  }
}

async function keyedByList(db: Kysely<unknown>): Promise<void> {
  const { rows: tables } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'watchlist_users'`.execute(db);
  const made = tables[0]!.sql;
  if (!PRIMARY_KEY.test(made)) throw new Error("watchlist_users: its primary key is not the one migration 0012 made");
  // Its indexes but the sort indexes (made again under the key), and its triggers.
  const { rows: dependents } = await sql<{ sql: string }>`select sql from sqlite_master
    where tbl_name = 'watchlist_users' and type in ('index', 'trigger') and sql is not null
      and name not in (${sql.join(SORT_KEYS.map((k) => `watchlist_users_by_${k}`))}) order by type, name`.execute(db);
  const { rows: columns } = await sql<{ name: string }>`select name from pragma_table_info('watchlist_users')`.execute(db);
  const list = ["rowid", ...columns.map((c) => `"${c.name}"`)].join(", ");
  await sql.raw(made.replace(PRIMARY_KEY, ", list_key integer not null").replace(/^CREATE TABLE "watchlist_users"/, 'CREATE TABLE "watchlist_users_keyed"')).execute(db);
  await sql`insert into watchlist_users_keyed (${sql.raw(list)}, list_key) select ${sql.raw(list)}, ${KEY_OF} from watchlist_users`.execute(db);
  await sql`drop table watchlist_users`.execute(db);
  // The triggers of other tables name watchlist_users: a rename checks them and fails while none is there (and would
  // not rewrite them), unless it is the legacy rename.
  await sql`pragma legacy_alter_table = on`.execute(db);
  await sql`alter table watchlist_users_keyed rename to watchlist_users`.execute(db);
  await sql`pragma legacy_alter_table = off`.execute(db);
  for (const d of dependents) await sql.raw(d.sql).execute(db);
}
