// The detection lists' exfiltration totals during a bulk load of file events. Row by row, the exposure trigger
// (migration 0019) moves an entry's totals with every event taken in: an update of the entry and of its two sorted
// indexes per event, which cost twice what storing the event did. A bulk load drops the trigger and adds each
// entry's new events to its totals in one statement at the end, as the trigger would have, event for event.
import type BetterSqlite3 from "better-sqlite3";

const TRIGGER = "watchlist_users_exposure";

/**
 * Drops the exposure trigger and answers what adds the events stored since to the entries' totals and makes the
 * trigger again. Call inside the load's transaction: its rollback puts the trigger back.
 */
export function deferExposureTotals(sqlite: BetterSqlite3.Database): () => void {
  const trigger = sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").pluck().get(TRIGGER) as string | undefined;
  if (!trigger) return () => {};
  const before = sqlite.prepare("select coalesce(max(rowid), 0) from file_events").pluck().get() as number;
  sqlite.exec(`drop trigger ${TRIGGER}`);
  return () => {
    sqlite
      .prepare(
        `update watchlist_users set num_events = num_events + t.n, total_bytes = total_bytes + t.bytes
         from (select tenant_uid, user_uid, count(*) as n, sum(coalesce(size_bytes, 0)) as bytes from file_events
               where rowid > ? and exposure = 1 and user_uid is not null group by tenant_uid, user_uid) as t
         where watchlist_users.tenant_uid = t.tenant_uid and watchlist_users.user_uid = t.user_uid`,
      )
      .run(before);
    sqlite.exec(trigger);
  };
}
