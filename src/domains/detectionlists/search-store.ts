// The search's queries: one page of entries of a list, and the rollup counts. Each query is compiled once per shape
// (filter, sort key, direction, whether the page starts from a known entry) and then only bound: building a query
// with Kysely cost more than SQLite's part of a page. Deep pages start from remembered page starts.
import { sql, type Kysely } from "kysely";
import { inJsonList, isPostgres, orderLikeSqlite } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import type { Database, DetectionList } from "../../db/schema.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import { entriesOf, entryColumnOf, joinedEntries, SORT_COLUMNS, watchlistOf, type EntryRow, type Filter, type FilterWindow, type SortKey } from "./store.js";

export type Direction = "asc" | "desc";

/** The sort value and user uid of the entry a page starts with: the sort index's own key. */
type EntryKey = readonly [sortValue: string | number, userUid: string];

export interface PageRequest {
  tenantUid: string;
  list: DetectionList;
  filter: Filter;
  window: FilterWindow;
  sort: SortKey;
  direction: Direction;
  limit: number;
  offset: number;
}

/** A page can start from a known entry only where the sort column has no nulls: row-value comparisons skip them. */
const KEYSET_SORTS = new Set<SortKey>(["CREATED_AT", "DISPLAY_NAME", "NUM_EVENTS", "TOTAL_BYTES"]);

/**
 * The users with an exposure event inside the window. SQLite and PostgreSQL would read every event of the window to
 * find them (a month of a million events: a fifth of a second); instead the users who have exposures at all are
 * walked one by one down file_events_exposures_by_user (the next uid after the last, a look each), and each is asked
 * for one event in the window in the same index: the cost follows the users, not their events.
 */
function exposedIn(tenantUid: string, since: string, nowIso: string) {
  return sql<{ user_uid: string }>`(
    with recursive exposing (user_uid) as (
      select min(user_uid) from file_events where tenant_uid = ${tenantUid} and exposure = 1
      union all
      select (select min(f.user_uid) from file_events f where f.tenant_uid = ${tenantUid} and f.exposure = 1 and f.user_uid > x.user_uid)
      from exposing x where x.user_uid is not null
    )
    select x.user_uid from exposing x
    where x.user_uid is not null
      and exists (select 1 from file_events f where f.tenant_uid = ${tenantUid} and f.exposure = 1 and f.user_uid = x.user_uid and f.ts >= ${since} and f.ts <= ${nowIso})
  )`.as("ev");
}

/**
 * Entry keys of one list that pass a filter; no joins to the details, so the sort indexes answer it alone.
 * The exfiltration filters pick few users out of many: they start from the users exposed in the window (CROSS JOIN
 * keeps SQLite from turning that round and walking a sort index past every entry).
 */
function filtered(db: Kysely<Database>, filter: Filter, tenantUid: string, list: DetectionList, today: string, since: string, nowIso: string) {
  const entries = db.selectFrom("watchlist_users as e");
  let q: typeof entries;
  if (filter === "EXFILTRATION_24_HOURS" || filter === "EXFILTRATION_30_DAYS") {
    q = db.selectFrom(exposedIn(tenantUid, since, nowIso)).crossJoin("watchlist_users as e").whereRef("e.user_uid", "=", "ev.user_uid") as unknown as typeof entries;
  } else {
    q = entries;
  }
  q = q.where("e.tenant_uid", "=", tenantUid).where("e.watchlist_id", "=", watchlistOf(db, tenantUid, list));
  if (filter === "LEAVING_TODAY") q = q.where("e.departure_date", "=", today);
  return q;
}

const sinceOf = (filter: Filter, w: FilterWindow) => (filter === "EXFILTRATION_24_HOURS" ? w.since24h : w.since30d);

/** Page keys in order, one more than asked for: the extra one is where the next page starts. */
const keysQuery = perShape((shape) => {
  const [filter, sort, direction, keyset] = shape.split(" ") as [Filter, SortKey, Direction, string];
  const column = SORT_COLUMNS[sort];
  return preparedQuery(
    (db, tenantUid: string, list: DetectionList, today: string, since: string, nowIso: string, fromValue: string | number, fromUid: string, limit: number, offset: number) => {
      // SQLite's rowid too: the page's JSON is read by it (a lookup of the table itself, not of its key's index).
      let q = filtered(db, filter, tenantUid, list, today, since, nowIso).select((eb) => ["e.user_uid", eb.ref(column).as("sort_value"), (isPostgres(db) ? sql<number>`0` : sql<number>`e.rowid`).as("row_id")]);
      if (keyset === "from") q = q.where((eb) => eb(eb.refTuple(column, "e.user_uid"), direction === "asc" ? ">=" : "<=", eb.tuple(fromValue, fromUid)));
      // Only a departure date may be null (no date): placed as SQLite places it. The other keys keep PostgreSQL's
      // plain order, which its indexes serve.
      const ordered = sort === "DEPARTURE_DATE" ? q.orderBy(column, orderLikeSqlite(db, direction === "desc")) : q.orderBy(column, direction);
      return ordered.orderBy("e.user_uid", direction).limit(limit).offset(offset);
    },
  );
});

/**
 * The details of one page's entries, in one statement whatever the page size: the uids come as one JSON list (a
 * prepared query cannot change its number of parameters), which each engine reads with its own function.
 */
const detailsQuery = preparedQuery((db, tenantUid: string, list: DetectionList, uidsJson: string) =>
  entriesOf(db)
    .where("e.tenant_uid", "=", tenantUid)
    .where("e.watchlist_id", "=", watchlistOf(db, tenantUid, list))
    .where(inJsonList(db, "e.user_uid", uidsJson, "text")),
);

/** Entries by SQLite's rowids (a JSON list), each as one projection writes it (db/json-projection.ts). */
const detailsJsonQuery = perObject((projection: Projection<EntryRow>) =>
  preparedQuery((db, rowIdsJson: string) =>
    joinedEntries(db)
      .select(["e.user_uid", jsonObject(projection, entryColumnOf).as("json")])
      .where(inJsonList(db, sql`e.rowid`, rowIdsJson, "bigint")),
  ),
);

const countQuery = perShape((filter) =>
  filter === "OPEN"
    ? // Kept by triggers: counting a million rows per search would dominate it.
      preparedQuery((db, tenantUid: string, list: DetectionList, _today: string, _since: string, _nowIso: string) =>
        db.selectFrom("watchlist_user_counts").select("entries as n").where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", watchlistOf(db, tenantUid, list)),
      )
    : preparedQuery((db, tenantUid: string, list: DetectionList, today: string, since: string, nowIso: string) =>
        filtered(db, filter as Filter, tenantUid, list, today, since, nowIso).select((eb) => eb.fn.countAll<number>().as("n")),
      ),
);

export class EntrySearch {
  private readonly boundaries: PageBoundaries<EntryKey>;

  constructor(
    private readonly db: Kysely<Database>,
    changes: ChangeCounter,
  ) {
    this.boundaries = new PageBoundaries(changes);
  }

  /** The page's entries, each as `projection` writes it: by SQLite, or here from PostgreSQL's rows. */
  async page(r: PageRequest, projection: Projection<EntryRow>): Promise<string[]> {
    const keys = await this.keys(r);
    if (keys.length === 0) return [];
    const uids = keys.map((k) => k.user_uid);
    if (isPostgres(this.db)) {
      const rows = await detailsQuery(this.db, r.tenantUid, r.list, JSON.stringify(uids));
      return jsonTextsOf(projection, inOrder(uids, rows));
    }
    return inOrder(uids, await detailsJsonQuery(projection)(this.db, JSON.stringify(keys.map((k) => k.row_id)))).map((row) => row.json);
  }

  /** The keys of the page's entries, in order. */
  private async keys(r: PageRequest) {
    // Everything that decides which entries pass and in what order; the window only where the filter reads it.
    const search = [r.tenantUid, r.list, r.filter, r.sort, r.direction, r.filter === "OPEN" ? "" : r.filter === "LEAVING_TODAY" ? r.window.today : `${sinceOf(r.filter, r.window)}/${r.window.nowIso}`].join(" ");
    const read = (from: EntryKey | null, skip: number, limit: number) =>
      keysQuery(`${r.filter} ${r.sort} ${r.direction} ${from ? "from" : "start"}`)(this.db, r.tenantUid, r.list, r.window.today, sinceOf(r.filter, r.window), r.window.nowIso, from?.[0] ?? "", from?.[1] ?? "", limit, skip);
    // A page starts from a known entry only where the sort is a keyset; sort values are never null there.
    return this.boundaries.page(KEYSET_SORTS.has(r.sort) ? search : null, r.offset, r.limit, read, (k): EntryKey => [k.sort_value!, k.user_uid]);
  }

  async count(tenantUid: string, list: DetectionList, filter: Filter, w: FilterWindow): Promise<number> {
    const [row] = await countQuery(filter)(this.db, tenantUid, list, w.today, sinceOf(filter, w), w.nowIso);
    return Number(row?.n ?? 0);
  }
}

/** Rows read by uid, in the order of the uids. */
function inOrder<T extends { user_uid: string }>(uids: readonly string[], rows: readonly T[]): T[] {
  const byUid = new Map(rows.map((row) => [row.user_uid, row]));
  return uids.map((uid) => byUid.get(uid)!);
}
