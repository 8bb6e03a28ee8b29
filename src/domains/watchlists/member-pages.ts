// A watchlist's members page by page. When its included users are its only rule (the built-in lists, most custom
// ones), the members are those of them it does not exclude, a range of their index. Otherwise who is a member is
// worked out from every rule (included users, departments, directory groups, less the excluded), so even one page
// reads them all in order. On SQLite that ordered list is kept until the next write and each page is a slice of it: a
// client walking the members pays for the list once. On PostgreSQL nothing is kept across calls (another node may
// have written), so the database cuts the page itself.
import type { Kysely } from "kysely";
import { inJsonList, isPostgres } from "../../db/dialect.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { preparedQuery } from "../../db/prepared.js";
import type { Database } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { includedKey, members, WatchlistStore, type IncludedKey, type WatchlistRow } from "./store.js";

// Lists of members kept at once: a client walking one list, or a few (a list of a million users holds a few tens
// of MB).
const KEPT_LISTS = 4;

export interface MemberRow {
  user_uid: string;
  username: string;
  added_at: string;
}

/** A watchlist's members in page order (by when a rule brought them in, then user id), as two arrays. */
interface MemberList {
  userUids: string[];
  addedAt: string[];
}

const allMembers = preparedQuery((db, tenantUid: string, watchlistId: string) => members(db, tenantUid, watchlistId).orderBy("added_at").orderBy("m.user_uid"));

/** The page is cut before the usernames are looked up: only its own members are joined to their users. */
const membersPage = preparedQuery((db, tenantUid: string, watchlistId: string, limit: number, offset: number) =>
  db
    .selectFrom(members(db, tenantUid, watchlistId).orderBy("added_at").orderBy("m.user_uid").limit(limit).offset(offset).as("m"))
    .crossJoin("users as u")
    .select(["m.user_uid", "u.username", "m.added_at"])
    .where("u.tenant_uid", "=", tenantUid)
    .whereRef("u.user_uid", "=", "m.user_uid")
    .orderBy("m.added_at")
    .orderBy("m.user_uid"),
);

/** The usernames of a page's members, named by a JSON list of user uids. */
const usernamesOf = preparedQuery((db, tenantUid: string, userUids: string) =>
  db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", tenantUid).where(inJsonList(db, "user_uid", userUids, "text")),
);

const membersCount = preparedQuery((db, tenantUid: string, watchlistId: string) =>
  db.selectFrom(members(db, tenantUid, watchlistId).as("m")).select((eb) => eb.fn.countAll<number>().as("n")),
);

export class MemberPages {
  private readonly lists: UntilChange<MemberList>;
  /** Where pages of the members of a watchlist that only includes users start. */
  private readonly starts: PageBoundaries<IncludedKey>;
  private readonly store: WatchlistStore;

  constructor(
    private readonly db: Kysely<Database>,
    changes: ChangeCounter,
  ) {
    this.lists = new UntilChange(changes, KEPT_LISTS);
    this.starts = new PageBoundaries(changes);
    this.store = new WatchlistStore(db);
  }

  /** `w`: the tenant's watchlist, with its rules' counts. */
  async page(tenantUid: string, w: WatchlistRow, limit: number, offset: number): Promise<{ rows: MemberRow[]; total: number }> {
    const watchlistId = w.watchlist_id;
    if (Number(w.departments) === 0 && Number(w.groups) === 0) {
      const rows = await this.starts.page(
        JSON.stringify([tenantUid, watchlistId]),
        offset,
        limit,
        (from, skip, n) => this.store.includedUsers(tenantUid, watchlistId, n, skip, from, true),
        includedKey,
      );
      const excluded = Number(w.excluded) === 0 ? 0 : await this.store.excludedIncluded(tenantUid, watchlistId);
      return { rows, total: Number(w.included_users) - excluded };
    }
    if (isPostgres(this.db)) {
      const [rows, [count]] = await Promise.all([membersPage(this.db, tenantUid, watchlistId, limit, offset), membersCount(this.db, tenantUid, watchlistId)]);
      return { rows, total: Number(count?.n ?? 0) };
    }
    const kept = await this.lists.through(`${tenantUid} ${watchlistId}`, () => this.read(tenantUid, watchlistId));
    const userUids = kept.userUids.slice(offset, offset + limit);
    const usernames = new Map(userUids.length === 0 ? [] : (await usernamesOf(this.db, tenantUid, JSON.stringify(userUids))).map((u) => [u.user_uid, u.username]));
    // A user deleted since the list was kept (by a write this read overlapped) is left out of the page.
    const rows = userUids.flatMap((user_uid, i) => {
      const username = usernames.get(user_uid);
      return username === undefined ? [] : [{ user_uid, username, added_at: kept.addedAt[offset + i]! }];
    });
    return { rows, total: kept.userUids.length };
  }

  /** Every member in page order; a department's members share one `addedAt` string. */
  private async read(tenantUid: string, watchlistId: string): Promise<MemberList> {
    const rows = await allMembers(this.db, tenantUid, watchlistId);
    const times = new Map<string, string>();
    const list: MemberList = { userUids: new Array(rows.length), addedAt: new Array(rows.length) };
    rows.forEach((r, i) => {
      list.userUids[i] = r.user_uid;
      let at = times.get(r.added_at);
      if (at === undefined) times.set(r.added_at, (at = r.added_at));
      list.addedAt[i] = at;
    });
    return list;
  }
}
