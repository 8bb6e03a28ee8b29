// Queries for watchlists and their inclusion rules; always scoped to one tenant. The included users are the rows the
// legacy detection lists show (their store, src/domains/detectionlists/store.ts, writes and searches them).
import { createHash } from "node:crypto";
import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from "kysely";
import { atOrAfter } from "../../db/page-boundaries.js";
import { compiledOnce, perShape, preparedQuery, preparedSmallRows, runCompiled } from "../../db/prepared.js";
import type { Database, UsersTable, WatchlistUsersTable } from "../../db/schema.js";

/** The tables of a watchlist's rules beyond included users, with the column that names what each rule holds. */
export const RULE_TABLES = {
  excluded: { table: "watchlist_excluded_users", key: "user_uid" },
  departments: { table: "watchlist_departments", key: "department" },
  groups: { table: "watchlist_groups", key: "group_id" },
} as const;
export type RuleKind = keyof typeof RULE_TABLES;

/** Where a page of a watchlist's included users starts: their order is when each was added, then user uid. */
export type IncludedKey = readonly [createdAt: string, userUid: string];

/**
 * The id a built-in watchlist gets when it is made on first use: derived from the tenant and the type, so loading the
 * same fixture twice gives the same id. Looked up by type afterwards (a tenant copy keeps the copied id).
 */
export function builtInWatchlistId(tenantUid: string, listType: string): string {
  const h = createHash("sha256").update(`${tenantUid}:${listType}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Makes the tenant's watchlist of a built-in type unless it exists (the API's and fixture loading's statement). */
export const ENSURE_WATCHLIST = compiledOnce((db, tenantUid: string, watchlistId: string, listType: string, createdAt: string) =>
  db
    .insertInto("watchlists")
    .values({ tenant_uid: tenantUid, watchlist_id: watchlistId, list_type: listType, title: null, description: null, created_at: createdAt })
    .onConflict((oc) => oc.doNothing()),
);

/**
 * The key a watchlist's included users are sorted under (0041): its rowid, found by its id or, as the legacy lists
 * find theirs, by its type.
 */
export const listKeyOf = (db: Kysely<Database>, tenantUid: string, by: { watchlistId: string } | { listType: string }) => {
  const key = db.selectFrom("watchlists").select(sql<number>`rowid`.as("list_key")).where("tenant_uid", "=", tenantUid);
  return "watchlistId" in by ? key.where("watchlist_id", "=", by.watchlistId) : key.where("list_type", "=", by.listType);
};

/** A watchlist's key by its id (fixture loading's: it passes the keys of the inclusions it writes many at a time). */
export const LIST_KEY = compiledOnce((db, tenantUid: string, watchlistId: string) => listKeyOf(db, tenantUid, { watchlistId }));

/** The exposure events of the user `u` (the partial index file_events_exposures_by_user answers both totals). */
const exposures = (s: ExpressionBuilder<Database & { u: UsersTable }, "u">) =>
  s.selectFrom("file_events as f").where("f.exposure", "=", sql.lit(1)).whereRef("f.tenant_uid", "=", "u.tenant_uid").whereRef("f.user_uid", "=", "u.user_uid");

/**
 * An included user's row, from its user `u`. Its sort columns start from the user's name, the profile's end date and
 * every exposure event recorded so far.
 */
const includedRow = (s: ExpressionBuilder<Database & { u: UsersTable }, "u">, watchlistId: RawBuilder<string>, listKey: RawBuilder<number>, createdAt: RawBuilder<string>) => [
  "u.tenant_uid" as const,
  watchlistId.as("watchlist_id"),
  listKey.as("list_key"),
  "u.user_uid" as const,
  createdAt.as("created_at"),
  s.selectFrom("detection_profiles as p").select("p.end_date").whereRef("p.tenant_uid", "=", "u.tenant_uid").whereRef("p.user_uid", "=", "u.user_uid").as("departure_date"),
  "u.username" as const,
  "u.display_name" as const,
  exposures(s).select((f) => f.fn.countAll<number>().as("n")).as("num_events"),
  exposures(s).select(sql<number>`coalesce(sum(f.size_bytes), 0)`.as("b")).as("total_bytes"),
];

const INCLUDED_COLUMNS = ["tenant_uid", "watchlist_id", "list_key", "user_uid", "created_at", "departure_date", "username", "display_name", "num_events", "total_bytes"] as const;

/** An included user (the API's and fixture loading's: the loader prepares the same SQL on its connection). */
export const INCLUDE_USER = compiledOnce((db, tenantUid: string, watchlistId: string, userUid: string, createdAt: string) =>
  db
    .insertInto("watchlist_users")
    .columns(INCLUDED_COLUMNS)
    .expression((eb) =>
      eb
        .selectFrom("users as u")
        .select((s) => includedRow(s, sql.val(watchlistId), sql<number>`${listKeyOf(db, tenantUid, { watchlistId })}`, sql.val(createdAt)))
        .where("u.tenant_uid", "=", tenantUid)
        .where("u.user_uid", "=", userUid),
    )
    // Included already: kept as it was (when it was added included).
    .onConflict((oc) => oc.doNothing()),
);

/**
 * Included users of a tenant, in the order given: `inclusions` is a JSON array of [watchlistId, userUid, createdAt,
 * listKey] (SQLite only; a large fixture's load, which knows its watchlists' keys: looked up row by row, they cost
 * about as much as the smaller sort indexes save). One statement for many rows costs less than half of one each.
 */
export const INCLUDE_USERS_SQLITE = compiledOnce((db, tenantUid: string, inclusions: string) =>
  db
    .insertInto("watchlist_users")
    .columns(INCLUDED_COLUMNS)
    .expression((eb) =>
      eb
        // A cross join keeps the array's order (and so the order of rowids the risk factors break ties by): SQLite
        // would otherwise scan the users and look each one up in the array.
        .selectFrom(sql<{ value: string }>`json_each(${inclusions})`.as("j"))
        .crossJoin("users as u")
        .select((s) => includedRow(s, sql<string>`j.value ->> 0`, sql<number>`j.value ->> 3`, sql<string>`j.value ->> 2`))
        .where("u.tenant_uid", "=", tenantUid)
        .whereRef("u.user_uid", "=", sql<string>`j.value ->> 1`),
    )
    .onConflict((oc) => oc.doNothing()),
);

/** The id of the tenant's watchlist of a type (of a built-in type, there is one at most). */
export const WATCHLIST_OF_TYPE = compiledOnce((db, tenantUid: string, listType: string) =>
  db.selectFrom("watchlists").select("watchlist_id").where("tenant_uid", "=", tenantUid).where("list_type", "=", listType),
);

const WATCHLIST_COLUMNS = ["w.watchlist_id", "w.list_type", "w.title", "w.description", "w.created_at"] as const;

/** A watchlist with how many users, departments and groups each of its rules names. */
const withStats = (db: Kysely<Database>) =>
  db
    .selectFrom("watchlists as w")
    .select(WATCHLIST_COLUMNS)
    .select((eb) => [
      eb.fn.coalesce(eb.selectFrom("watchlist_user_counts as c").select("c.entries").whereRef("c.tenant_uid", "=", "w.tenant_uid").whereRef("c.watchlist_id", "=", "w.watchlist_id"), sql.lit(0)).as("included_users"),
      ...(Object.entries(RULE_TABLES) as [RuleKind, (typeof RULE_TABLES)[RuleKind]][]).map(([kind, { table }]) =>
        eb
          .selectFrom(`${table} as r` as "watchlist_departments as r")
          .select((s) => s.fn.countAll<number>().as("n"))
          .whereRef("r.tenant_uid", "=", "w.tenant_uid")
          .whereRef("r.watchlist_id", "=", "w.watchlist_id")
          .as(kind),
      ),
    ])
    // A count is never null.
    .$narrowType<{ excluded: number; departments: number; groups: number }>();

// Every read of a watchlist's members, users or rules finds the watchlist first: compiled once, not on each of them.
const oneWatchlist = preparedQuery((db, tenantUid: string, watchlistId: string) => withStats(db).where("w.tenant_uid", "=", tenantUid).where("w.watchlist_id", "=", watchlistId));

/** A watchlist's included users: their uids, usernames and when each was added. */
const INCLUDED_FIELDS = ["i.user_uid", "i.username", "i.created_at as added_at"] as const;
const included = (db: Kysely<Database>, tenantUid: string, watchlistId: string) =>
  db.selectFrom("watchlist_users as i").select(INCLUDED_FIELDS).where("i.tenant_uid", "=", tenantUid).where("i.watchlist_id", "=", watchlistId);

/** Of a watchlist's included users `i`, those it also excludes. */
const excludedToo = (eb: ExpressionBuilder<Database & { i: WatchlistUsersTable }, "i">) =>
  eb
    .selectFrom("watchlist_excluded_users as x")
    .select(sql.lit(1).as("one"))
    .whereRef("x.tenant_uid", "=", "i.tenant_uid")
    .whereRef("x.watchlist_id", "=", "i.watchlist_id")
    .whereRef("x.user_uid", "=", "i.user_uid");

/** Where a page of them starts: the key of its first row. */
export const includedKey = (row: { added_at: string; user_uid: string }): IncludedKey => [row.added_at, row.user_uid];

/**
 * A page of them in the order they were added, from the start or from a known user (shape "from"); of those the
 * watchlist does not exclude too (shape "... members").
 */
const includedPage = perShape((shape) =>
  preparedSmallRows(
    (db, tenantUid: string, watchlistId: string, fromAt: string, fromUid: string, limit: number, offset: number) => {
      // By the list key, in the order of its index by when each was added.
      let q = db.selectFrom("watchlist_users as i").select(INCLUDED_FIELDS).where("i.list_key", "=", listKeyOf(db, tenantUid, { watchlistId }));
      if (shape.startsWith("from")) q = q.where(atOrAfter([sql.ref("i.created_at"), sql.ref("i.user_uid")], [fromAt, fromUid]));
      if (shape.endsWith("members")) q = q.where((eb) => eb.not(eb.exists(excludedToo(eb))));
      return q.orderBy("i.created_at").orderBy("i.user_uid").limit(limit).offset(offset);
    },
    ["user_uid", "username", "added_at"],
  ),
);

/** How many of a watchlist's included users it excludes too. CROSS JOIN: from the few excluded to the included by key. */
const excludedIncluded = preparedQuery((db, tenantUid: string, watchlistId: string) =>
  db
    .selectFrom("watchlist_excluded_users as x")
    .crossJoin("watchlist_users as i")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("x.tenant_uid", "=", tenantUid)
    .where("x.watchlist_id", "=", watchlistId)
    .whereRef("i.tenant_uid", "=", "x.tenant_uid")
    .whereRef("i.watchlist_id", "=", "x.watchlist_id")
    .whereRef("i.user_uid", "=", "x.user_uid"),
);

const includedUser = preparedQuery((db, tenantUid: string, watchlistId: string, userUid: string) => included(db, tenantUid, watchlistId).where("i.user_uid", "=", userUid));

const watchlistExists = preparedQuery((db, tenantUid: string, watchlistId: string) =>
  db.selectFrom("watchlists").select(sql.lit(1).as("one")).where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", watchlistId),
);

export type WatchlistRow = { watchlist_id: string; list_type: string; title: string | null; description: string | null; created_at: string; included_users: number; excluded: number; departments: number; groups: number };

/**
 * Who is on a watchlist: its included users, the users of its departments and directory groups, less the excluded;
 * each with the earliest time a rule brought them in.
 */
export function members(db: Kysely<Database>, tenantUid: string, watchlistId: string) {
  const brought = db
    .selectFrom("watchlist_users as i")
    .select(["i.user_uid", "i.created_at as added_at"])
    .where("i.tenant_uid", "=", tenantUid)
    .where("i.watchlist_id", "=", watchlistId)
    .unionAll(
      // CROSS JOIN: from the departments to their users by index, not from every user of the tenant to the departments.
      db
        .selectFrom("watchlist_departments as d")
        .crossJoin("users as u")
        .select(["u.user_uid", "d.created_at as added_at"])
        .where("d.tenant_uid", "=", tenantUid)
        .where("d.watchlist_id", "=", watchlistId)
        .whereRef("u.tenant_uid", "=", "d.tenant_uid")
        .whereRef("u.department", "=", "d.department"),
    )
    .unionAll(
      db
        .selectFrom("watchlist_groups as g")
        .innerJoin("scim_group_members as gm", "gm.group_id", "g.group_id")
        .innerJoin("users as u", "u.user_id", "gm.user_id")
        .select(["u.user_uid", "g.created_at as added_at"])
        .where("g.tenant_uid", "=", tenantUid)
        .where("g.watchlist_id", "=", watchlistId),
    );
  return db
    .selectFrom(brought.as("m"))
    .select(["m.user_uid", (eb) => eb.fn.min("m.added_at").as("added_at")])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("watchlist_excluded_users as x")
            .select(sql.lit(1).as("one"))
            .where("x.tenant_uid", "=", tenantUid)
            .where("x.watchlist_id", "=", watchlistId)
            .whereRef("x.user_uid", "=", "m.user_uid"),
        ),
      ),
    )
    .groupBy("m.user_uid");
}

const member = preparedQuery((db, tenantUid: string, watchlistId: string, userUid: string) =>
  db
    .selectFrom(members(db, tenantUid, watchlistId).as("m"))
    .innerJoin("users as u", (j) => j.onRef("u.user_uid", "=", "m.user_uid").on("u.tenant_uid", "=", tenantUid))
    .select(["m.user_uid", "u.username", "m.added_at"])
    .where("m.user_uid", "=", userUid),
);

/** Whether the user is a member of the watchlist `w`: the rules of `members`, asked of one user. */
const memberOf = (userUid: string) => sql<boolean>`(
    exists (select 1 from watchlist_users i where i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id and i.user_uid = ${userUid})
    or exists (select 1 from watchlist_departments d join users u on u.tenant_uid = d.tenant_uid and u.department = d.department
      where d.tenant_uid = w.tenant_uid and d.watchlist_id = w.watchlist_id and u.user_uid = ${userUid})
    or exists (select 1 from watchlist_groups g join scim_group_members gm on gm.group_id = g.group_id join users u on u.user_id = gm.user_id
      where g.tenant_uid = w.tenant_uid and g.watchlist_id = w.watchlist_id and u.user_uid = ${userUid}))
  and not exists (select 1 from watchlist_excluded_users x where x.tenant_uid = w.tenant_uid and x.watchlist_id = w.watchlist_id and x.user_uid = ${userUid})`;

export class WatchlistStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tenant's watchlist of a built-in type, made now if it has none; answers its id. */
  async ensure(tenantUid: string, listType: string, createdAt: string): Promise<string> {
    await runCompiled(this.db, ENSURE_WATCHLIST, tenantUid, builtInWatchlistId(tenantUid, listType), listType, createdAt);
    return (await this.ofType(tenantUid, listType))!;
  }

  async ofType(tenantUid: string, listType: string): Promise<string | undefined> {
    return (await runCompiled(this.db, WATCHLIST_OF_TYPE, tenantUid, listType))[0]?.watchlist_id;
  }

  async includeUser(tenantUid: string, watchlistId: string, userUid: string, createdAt: string) {
    await runCompiled(this.db, INCLUDE_USER, tenantUid, watchlistId, userUid, createdAt);
  }

  /** Takes the user off the tenant's watchlists of these types. */
  excludeFromTypes(tenantUid: string, userUid: string, listTypes: string[]) {
    return this.db
      .deleteFrom("watchlist_users")
      .where("tenant_uid", "=", tenantUid)
      .where("user_uid", "=", userUid)
      .where("watchlist_id", "in", (eb) => eb.selectFrom("watchlists").select("watchlist_id").where("tenant_uid", "=", tenantUid).where("list_type", "in", listTypes))
      .execute();
  }

  insert(row: Database["watchlists"]) {
    return this.db.insertInto("watchlists").values(row).execute();
  }

  async one(tenantUid: string, watchlistId: string): Promise<WatchlistRow | undefined> {
    return (await oneWatchlist(this.db, tenantUid, watchlistId))[0];
  }

  /** Whether the tenant has the watchlist: what a read of its members or rules checks first, without its counts. */
  async exists(tenantUid: string, watchlistId: string): Promise<boolean> {
    return (await watchlistExists(this.db, tenantUid, watchlistId)).length > 0;
  }

  /** A page in the order they were made, and how many there are; of those a user is a member of, if one is named. */
  async page(tenantUid: string, limit: number, offset: number, userUid?: string): Promise<{ rows: WatchlistRow[]; total: number }> {
    let q = withStats(this.db).where("w.tenant_uid", "=", tenantUid);
    let count = this.db.selectFrom("watchlists as w").select((eb) => eb.fn.countAll<number>().as("n")).where("w.tenant_uid", "=", tenantUid);
    if (userUid !== undefined) {
      q = q.where(memberOf(userUid));
      count = count.where(memberOf(userUid));
    }
    const [rows, total] = await Promise.all([q.orderBy("w.created_at").orderBy("w.watchlist_id").limit(limit).offset(offset).execute(), count.executeTakeFirstOrThrow()]);
    return { rows, total: Number(total.n) };
  }

  update(tenantUid: string, watchlistId: string, set: Partial<Pick<Database["watchlists"], "title" | "description">>) {
    return this.db.updateTable("watchlists").set(set).where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", watchlistId).execute();
  }

  /** The watchlist and every rule of it (the rules' rows go with it). */
  async delete(tenantUid: string, watchlistId: string): Promise<boolean> {
    const res = await this.db.deleteFrom("watchlists").where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", watchlistId).executeTakeFirst();
    return res.numDeletedRows > 0n;
  }

  // --- included users (the detection lists' entries) --------------------------------------------------------

  /**
   * `limit` included users in the order they were added from the one known by `from` (the start when null), after
   * skipping `offset`; with `membersOnly`, of those the watchlist does not exclude too.
   */
  includedUsers(tenantUid: string, watchlistId: string, limit: number, offset: number, from: IncludedKey | null, membersOnly = false) {
    return includedPage(`${from ? "from" : "start"}${membersOnly ? " members" : ""}`)(this.db, tenantUid, watchlistId, from?.[0] ?? "", from?.[1] ?? "", limit, offset);
  }

  async excludedIncluded(tenantUid: string, watchlistId: string): Promise<number> {
    return Number((await excludedIncluded(this.db, tenantUid, watchlistId))[0]!.n);
  }

  async includedUser(tenantUid: string, watchlistId: string, userUid: string) {
    return (await includedUser(this.db, tenantUid, watchlistId, userUid))[0];
  }

  removeIncludedUsers(tenantUid: string, watchlistId: string, userUids: string[]) {
    return this.db.deleteFrom("watchlist_users").where("tenant_uid", "=", tenantUid).where("watchlist_id", "=", watchlistId).where("user_uid", "in", userUids).execute();
  }

  // --- excluded users, departments, directory groups ----------------------------------------------------------

  /** One rule's values, each with when it was added. */
  private ruleRows(kind: RuleKind, tenantUid: string, watchlistId: string) {
    const { table, key } = RULE_TABLES[kind];
    return this.db
      .selectFrom(`${table} as r` as "watchlist_departments as r")
      .select([`r.${key} as value` as "r.department as value", "r.created_at as added_at"])
      .where("r.tenant_uid", "=", tenantUid)
      .where("r.watchlist_id", "=", watchlistId);
  }

  /** A page of one rule's values in the order they were added. */
  rulePage(kind: RuleKind, tenantUid: string, watchlistId: string, limit: number, offset: number) {
    return this.ruleRows(kind, tenantUid, watchlistId).orderBy("r.created_at").orderBy("value").limit(limit).offset(offset).execute();
  }

  ruleValue(kind: RuleKind, tenantUid: string, watchlistId: string, value: string) {
    return this.ruleRows(kind, tenantUid, watchlistId).where(`r.${RULE_TABLES[kind].key}` as "r.department", "=", value).executeTakeFirst();
  }

  /** Adds the values not on the rule yet; those already there keep when they were added. */
  addRuleValues(kind: RuleKind, tenantUid: string, watchlistId: string, values: string[], createdAt: string) {
    const { table, key } = RULE_TABLES[kind];
    if (values.length === 0) return Promise.resolve();
    return this.db
      .insertInto(table as "watchlist_departments")
      .values(values.map((v) => ({ tenant_uid: tenantUid, watchlist_id: watchlistId, [key]: v, created_at: createdAt }) as unknown as Database["watchlist_departments"]))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  removeRuleValues(kind: RuleKind, tenantUid: string, watchlistId: string, values: string[]) {
    const { table, key } = RULE_TABLES[kind];
    if (values.length === 0) return Promise.resolve();
    return this.db
      .deleteFrom(table as "watchlist_departments")
      .where("tenant_uid", "=", tenantUid)
      .where("watchlist_id", "=", watchlistId)
      .where(key as "department", "in", values)
      .execute();
  }

  // --- members --------------------------------------------------------------------------------------------------

  async member(tenantUid: string, watchlistId: string, userUid: string) {
    return (await member(this.db, tenantUid, watchlistId, userUid))[0];
  }

  // --- what rules name ----------------------------------------------------------------------------------------

  // An empty list answers nothing without asking: PostgreSQL refuses `in ()`.

  /** The users of the tenant among `userUids`, with their usernames. */
  async users(tenantUid: string, userUids: string[]) {
    if (userUids.length === 0) return [];
    return this.db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", tenantUid).where("user_uid", "in", userUids).execute();
  }

  /** The pushed directory groups among `groupIds`, by id and name. */
  async groups(tenantUid: string, groupIds: string[]) {
    if (groupIds.length === 0) return [];
    return this.db.selectFrom("scim_groups").select(["group_id", "display_name"]).where("tenant_uid", "=", tenantUid).where("group_id", "in", groupIds).execute();
  }
}
