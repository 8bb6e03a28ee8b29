// The search's queries: one page of entries of a list, and the rollup counts. Each query is compiled once per shape
// (filter, sort key, direction, whether the page starts from a known entry) and then only bound: building a query
// with Kysely cost more than SQLite's part of a page. Deep pages start from remembered page starts.
import { sql, type Kysely } from "kysely";
import { inJsonList, isPostgres, orderLikeSqlite } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { UntilChange } from "../../db/until-change.js";
import { perObject, perShape, preparedQuery, preparedSmallRows } from "../../db/prepared.js";
import type { Database, DetectionList } from "../../db/schema.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import { listKeyOf } from "../watchlists/store.js";
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
 * The users with exposure events at all, walked one by one down file_events_exposures_by_user (the next uid after the
 * last, a look each). SQLite and PostgreSQL would otherwise find the users exposed in a window by reading every event
 * of the window (a month of a million events: a fifth of a second a search); this way the cost follows the users,
 * not their events, and each user is then asked about the window in the same index.
 */
function exposingUsers(tenantUid: string) {
  return sql<{ user_uid: string }>`(
    with recursive exposing (user_uid) as (
      select min(user_uid) from file_events where tenant_uid = ${tenantUid} and exposure = 1
      union all
      select (select min(f.user_uid) from file_events f where f.tenant_uid = ${tenantUid} and f.exposure = 1 and f.user_uid > x.user_uid)
      from exposing x where x.user_uid is not null
    )
    select user_uid from exposing where user_uid is not null
  )`;
}

/** The users with an exposure event inside the window. */
function exposedIn(tenantUid: string, since: string, nowIso: string) {
  return sql<{ user_uid: string }>`(
    select x.user_uid from ${exposingUsers(tenantUid)} as x
    where exists (select 1 from file_events f where f.tenant_uid = ${tenantUid} and f.exposure = 1 and f.user_uid = x.user_uid and f.ts >= ${since} and f.ts <= ${nowIso})
  )`.as("ev");
}

/** The latest exposure of each of a list's users who have any (the rollups' counts, kept until the next write). */
const latestExposuresQuery = preparedQuery((db, tenantUid: string, list: DetectionList) =>
  db
    .selectFrom(exposingUsers(tenantUid).as("x"))
    .crossJoin("watchlist_users as e")
    .whereRef("e.user_uid", "=", "x.user_uid")
    .where("e.tenant_uid", "=", tenantUid)
    .where("e.watchlist_id", "=", watchlistOf(db, tenantUid, list))
    .select(sql<string>`(select max(f.ts) from file_events f where f.tenant_uid = ${tenantUid} and f.exposure = 1 and f.user_uid = x.user_uid)`.as("latest")),
);

const isExfiltration = (filter: Filter) => filter === "EXFILTRATION_24_HOURS" || filter === "EXFILTRATION_30_DAYS";

/**
 * Entry keys of one list that pass a filter; no joins to the details, so the sort indexes answer it alone.
 * The exfiltration filters pick few users out of many: they start from the users exposed in the window (CROSS JOIN
 * keeps SQLite from turning that round and walking a sort index past every entry).
 */
function filtered(db: Kysely<Database>, filter: Filter, tenantUid: string, list: DetectionList, today: string, since: string, nowIso: string) {
  const entries = db.selectFrom("watchlist_users as e");
  let q: typeof entries;
  if (isExfiltration(filter)) {
    // Each exposed user's entry by its primary key.
    q = db.selectFrom(exposedIn(tenantUid, since, nowIso)).crossJoin("watchlist_users as e").whereRef("e.user_uid", "=", "ev.user_uid") as unknown as typeof entries;
    q = q.where("e.tenant_uid", "=", tenantUid).where("e.watchlist_id", "=", watchlistOf(db, tenantUid, list));
  } else {
    // The entries in a sort index's order, under their list's key.
    q = entries.where("e.list_key", "=", listKeyOf(db, tenantUid, { listType: list }));
  }
  if (filter === "LEAVING_TODAY") q = q.where("e.departure_date", "=", today);
  return q;
}

const sinceOf = (filter: Filter, w: FilterWindow) => (filter === "EXFILTRATION_24_HOURS" ? w.since24h : w.since30d);

/** Page keys in order, one more than asked for: the extra one is where the next page starts. */
const keysQuery = perShape((shape) => {
  const [filter, sort, direction, keyset] = shape.split(" ") as [Filter, SortKey, Direction, string];
  const column = SORT_COLUMNS[sort];
  return preparedSmallRows(
    (db, tenantUid: string, list: DetectionList, today: string, since: string, nowIso: string, fromValue: string | number, fromUid: string, limit: number, offset: number) => {
      // SQLite's rowid too: the page's JSON is read by it (a lookup of the table itself, not of its key's index).
      let q = filtered(db, filter, tenantUid, list, today, since, nowIso).select((eb) => ["e.user_uid", eb.ref(column).as("sort_value"), (isPostgres(db) ? sql<number>`0` : sql<number>`e.rowid`).as("row_id")]);
      if (keyset === "from") q = q.where((eb) => eb(eb.refTuple(column, "e.user_uid"), direction === "asc" ? ">=" : "<=", eb.tuple(fromValue, fromUid)));
      // Only a departure date may be null (no date): placed as SQLite places it. The other keys keep PostgreSQL's
      // plain order, which its indexes serve.
      const ordered = sort === "DEPARTURE_DATE" ? q.orderBy(column, orderLikeSqlite(db, direction === "desc")) : q.orderBy(column, direction);
      return ordered.orderBy("e.user_uid", direction).limit(limit).offset(offset);
    },
    ["user_uid", "sort_value", "row_id"],
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
  private readonly latestExposures: UntilChange<string[]>;

  constructor(
    private readonly db: Kysely<Database>,
    changes: ChangeCounter,
  ) {
    this.boundaries = new PageBoundaries(changes);
    this.latestExposures = new UntilChange(changes);
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
    if (isExfiltration(filter)) {
      const latest = await this.latestExposures.through(`${tenantUid} ${list}`, async () => (await latestExposuresQuery(this.db, tenantUid, list)).map((r) => r.latest).sort());
      // With no exposure after the clock's now, a user has one in the window exactly when the latest is in it. One
      // after it (the clock was set back) says nothing of the window: its events are counted instead.
      if (latest.length === 0 || latest.at(-1)! <= w.nowIso) return latest.length - countBefore(latest, sinceOf(filter, w));
    }
    const [row] = await countQuery(filter)(this.db, tenantUid, list, w.today, sinceOf(filter, w), w.nowIso);
    return Number(row?.n ?? 0);
  }
}

/** How many of the sorted texts sort before `text`. */
function countBefore(sorted: readonly string[], text: string): number {
  let [lo, hi] = [0, sorted.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < text) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows read by uid, in the order of the uids. */
function inOrder<T extends { user_uid: string }>(uids: readonly string[], rows: readonly T[]): T[] {
  const byUid = new Map(rows.map((row) => [row.user_uid, row]));
  return uids.map((uid) => byUid.get(uid)!);
}
