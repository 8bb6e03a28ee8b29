// A watchlist's included users sorted under an integer key of their watchlist instead of its tenant and watchlist
// uids: the five sort indexes of the detection-list search and the included users' pages carried 72 bytes of the
// same two uids in every entry, and building them was the largest part of a large fixture's load after its rows.
// The key is the watchlist's rowid (on PostgreSQL the identity column of that name every table has since 0030). The
// primary key and the lookups by user stay on the uids.
import { sql, type Kysely } from "kysely";
import { int } from "./types.js";

const SORT_KEYS = ["created_at", "departure_date", "display_name", "num_events", "total_bytes"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table watchlist_users add column list_key ${sql.raw(int(db))}`.execute(db);
  await sql`update watchlist_users set list_key = (
      select w.rowid from watchlists w where w.tenant_uid = watchlist_users.tenant_uid and w.watchlist_id = watchlist_users.watchlist_id)`.execute(db);
  for (const key of SORT_KEYS) {
    await sql`drop index ${sql.id(`watchlist_users_by_${key}`)}`.execute(db);
    await sql`create index ${sql.id(`watchlist_users_by_${key}`)} on watchlist_users (list_key, ${sql.id(key)}, user_uid)`.execute(db);
  }
}
