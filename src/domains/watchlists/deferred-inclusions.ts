// The included users' row triggers during a bulk load of users (src/fixtures/apply.ts). Row by row, every inclusion
// moves its list's count (watchlist_user_counts, migration 0012) and asks whether its list is a risk factor (0014:
// the trigger's `when` reads the watchlist): a third of what an inclusion cost. A bulk load drops both. The counts
// are added up at the end, as the trigger would have added them; the risk-factor trigger is made again before the
// load's first inclusion in a list that may be a risk factor, so it misses nothing it would have written.
import type BetterSqlite3 from "better-sqlite3";

const COUNTS = "watchlist_user_counts_insert";
const RISK_FACTORS = "watchlist_users_risk_factors_insert";
/** The lists a user's departing and high-risk entries are inclusions in: never a risk factor. */
const LEGACY_LISTS = new Set(["DEPARTING_EMPLOYEE", "HIGH_RISK_EMPLOYEE"]);

export interface DeferredInclusions {
  /** Whether an inclusion in a list of this type needs the risk-factor trigger, which is still off. */
  needsRiskFactors(listType: string): boolean;
  /** Makes the risk-factor trigger again: the inclusions written from then on fire it. */
  restoreRiskFactors(): void;
  /** Adds the inclusions made since to their lists' counts, and makes the triggers again. */
  done(): void;
}

/** Call inside the load's transaction: its rollback puts the triggers back. */
export function deferInclusionTriggers(sqlite: BetterSqlite3.Database): DeferredInclusions {
  const sqlOf = (name: string) => sqlite.prepare("select sql from sqlite_master where type = 'trigger' and name = ?").pluck().get(name) as string | undefined;
  const counts = sqlOf(COUNTS);
  let riskFactors = sqlOf(RISK_FACTORS);
  const before = sqlite.prepare("select coalesce(max(rowid), 0) from watchlist_users").pluck().get() as number;
  if (counts) sqlite.exec(`drop trigger ${COUNTS}`);
  if (riskFactors) sqlite.exec(`drop trigger ${RISK_FACTORS}`);
  const restoreRiskFactors = () => {
    if (riskFactors) sqlite.exec(riskFactors);
    riskFactors = undefined;
  };
  return {
    needsRiskFactors: (listType) => riskFactors !== undefined && !LEGACY_LISTS.has(listType),
    restoreRiskFactors,
    done() {
      restoreRiskFactors();
      if (!counts) return;
      sqlite
        .prepare(
          `insert into watchlist_user_counts (tenant_uid, watchlist_id, entries)
           select tenant_uid, watchlist_id, count(*) from watchlist_users where rowid > ? group by tenant_uid, watchlist_id
           on conflict (tenant_uid, watchlist_id) do update set entries = entries + excluded.entries`,
        )
        .run(before);
      sqlite.exec(counts);
    },
  };
}
