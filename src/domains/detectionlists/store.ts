// Queries for profiles, list entries (the included users of the lists' watchlists), alert settings and exposure
// events; always scoped to one tenant.
// A store is bound to one connection or transaction: writes that belong together share one.
import { sql, type Insertable, type Kysely } from "kysely";
import { compiledOnce, preparedQuery, runCompiled } from "../../db/prepared.js";
import { isPostgres } from "../../db/dialect.js";
import type { Database, DetectionList } from "../../db/schema.js";
import { WatchlistStore } from "../watchlists/store.js";

export type Filter = "OPEN" | "LEAVING_TODAY" | "EXFILTRATION_24_HOURS" | "EXFILTRATION_30_DAYS";
export type SortKey = "CREATED_AT" | "DEPARTURE_DATE" | "DISPLAY_NAME" | "NUM_EVENTS" | "TOTAL_BYTES";

export const SORT_COLUMNS = {
  CREATED_AT: "e.created_at",
  DEPARTURE_DATE: "e.departure_date",
  DISPLAY_NAME: "e.display_name",
  NUM_EVENTS: "e.num_events",
  TOTAL_BYTES: "e.total_bytes",
} as const;

/** The SCIM columns of a Code42 user, as a profile snapshots them. */
export const SCIM_COLUMNS = [
  "u.manager_uid",
  "u.manager_username",
  "u.manager_display_name",
  "u.title",
  "u.division",
  "u.department",
  "u.employment_type",
  "u.city",
  "u.state",
  "u.country",
] as const;

export interface FilterWindow {
  today: string;
  nowIso: string;
  since24h: string;
  since30d: string;
}

/**
 * The tenant's watchlist a legacy list is a view of (DEPARTING_EMPLOYEE, HIGH_RISK_EMPLOYEE): none until the list is
 * first used, so the list reads empty.
 */
export const watchlistOf = (db: Kysely<Database>, tenantUid: string, list: DetectionList) =>
  db.selectFrom("watchlists").select("watchlist_id").where("tenant_uid", "=", tenantUid).where("list_type", "=", list);

/** What an item on the wire shows of a list entry (e: an included user of the list's watchlist, with its user's names) and its profile (p). */
const ENTRY_COLUMNS = [
  "e.tenant_uid",
  "e.user_uid",
  "e.created_at",
  "e.departure_date",
  "e.num_events",
  "e.total_bytes",
  "p.notes",
  "p.risk_factors",
  "p.cloud_usernames",
  "p.scim",
  "e.username",
  "e.display_name",
] as const;

/** List entries joined to their profiles, selecting nothing yet. */
export function joinedEntries(db: Kysely<Database>) {
  return db.selectFrom("watchlist_users as e").innerJoin("detection_profiles as p", (j) => j.onRef("p.tenant_uid", "=", "e.tenant_uid").onRef("p.user_uid", "=", "e.user_uid"));
}

/** The column of each field of an entry, for a projection SQLite writes (db/json-projection.ts). */
const entryColumns = new Map(ENTRY_COLUMNS.map((c) => [c.slice(2), sql.ref(c)]));
export const entryColumnOf = (field: keyof EntryRow) => entryColumns.get(field)!;

/** A list entry with its profile and user: what an item on the wire shows. */
export const entriesOf = (db: Kysely<Database>) => joinedEntries(db).select(ENTRY_COLUMNS);

/** One entry: the read behind every `get`. */
const entryQuery = preparedQuery((db, tenantUid: string, list: DetectionList, userUid: string) =>
  entriesOf(db).where("e.tenant_uid", "=", tenantUid).where("e.watchlist_id", "=", watchlistOf(db, tenantUid, list)).where("e.user_uid", "=", userUid),
);

/** The user a profile is made for: username, display name and the SCIM attributes it snapshots. */
const PROFILE_USER_COLUMNS = ["u.user_uid", "u.username", "u.display_name", ...SCIM_COLUMNS] as const;

export const PROFILE_USER = compiledOnce((db, tenantUid: string, userUid: string) =>
  db.selectFrom("users as u").select(PROFILE_USER_COLUMNS).where("u.tenant_uid", "=", tenantUid).where("u.user_uid", "=", userUid),
);

export class DetectionListStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The Code42 user behind a profile, looked up by uid or username, with its SCIM attributes. */
  async user(tenantUid: string, by: { userUid: string } | { username: string }) {
    if ("userUid" in by) return (await runCompiled(this.db, PROFILE_USER, tenantUid, by.userUid))[0];
    return this.db.selectFrom("users as u").select(PROFILE_USER_COLUMNS).where("u.tenant_uid", "=", tenantUid).where("u.username", "=", by.username).executeTakeFirst();
  }

  profile(tenantUid: string, userUid: string) {
    return this.db
      .selectFrom("detection_profiles as p")
      .innerJoin("users as u", (j) => j.onRef("u.tenant_uid", "=", "p.tenant_uid").onRef("u.user_uid", "=", "p.user_uid"))
      .select(["p.tenant_uid", "p.user_uid", "p.notes", "p.risk_factors", "p.cloud_usernames", "p.scim", "p.start_date", "p.end_date", "u.username", "u.display_name"])
      .where("p.tenant_uid", "=", tenantUid)
      .where("p.user_uid", "=", userUid)
      .executeTakeFirst();
  }

  insertProfile(row: Insertable<Database["detection_profiles"]>) {
    return this.db.insertInto("detection_profiles").values(row).execute();
  }

  updateProfile(tenantUid: string, userUid: string, patch: Partial<Pick<Database["detection_profiles"], "notes" | "cloud_usernames" | "scim" | "start_date" | "end_date">>) {
    return this.db.updateTable("detection_profiles").set(patch).where("tenant_uid", "=", tenantUid).where("user_uid", "=", userUid).execute();
  }

  async entry(tenantUid: string, list: DetectionList, userUid: string) {
    return (await entryQuery(this.db, tenantUid, list, userUid))[0];
  }

  /**
   * Whether the user is on the list, holding the entry until the transaction ends on PostgreSQL: a change that
   * checks first must not see the entry removed by another node's commit before it writes (SQLite's transactions
   * already run one at a time).
   */
  async holdEntry(tenantUid: string, list: DetectionList, userUid: string): Promise<boolean> {
    const entry = this.db
      .selectFrom("watchlist_users")
      .select("user_uid")
      .where("tenant_uid", "=", tenantUid)
      .where("watchlist_id", "=", watchlistOf(this.db, tenantUid, list))
      .where("user_uid", "=", userUid);
    return (await (isPostgres(this.db) ? entry.forUpdate() : entry).executeTakeFirst()) !== undefined;
  }

  /** Adds an entry, making the list's watchlist first if the tenant has none yet (as the console does). */
  async insertEntry(tenantUid: string, list: DetectionList, userUid: string, createdAt: string) {
    const watchlists = new WatchlistStore(this.db);
    await watchlists.includeUser(tenantUid, await watchlists.ensure(tenantUid, list, createdAt), userUid, createdAt);
  }

  /** Risk factors are inclusions in the watchlists of their names (made on first use), each added in turn. */
  async addRiskFactors(tenantUid: string, userUid: string, factors: string[], createdAtOf: () => string) {
    const watchlists = new WatchlistStore(this.db);
    for (const factor of new Set(factors)) {
      const at = createdAtOf();
      await watchlists.includeUser(tenantUid, await watchlists.ensure(tenantUid, factor, at), userUid, at);
    }
  }

  removeRiskFactors(tenantUid: string, userUid: string, factors: string[]) {
    return new WatchlistStore(this.db).excludeFromTypes(tenantUid, userUid, factors);
  }

  async deleteEntry(tenantUid: string, list: DetectionList, userUid: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom("watchlist_users")
      .where("tenant_uid", "=", tenantUid)
      .where("watchlist_id", "=", watchlistOf(this.db, tenantUid, list))
      .where("user_uid", "=", userUid)
      .executeTakeFirst();
    return res.numDeletedRows > 0n;
  }

  setAlerts(tenantUid: string, list: DetectionList, enabled: boolean) {
    return this.db
      .insertInto("detection_list_settings")
      .values({ tenant_uid: tenantUid, list, alerts_enabled: enabled ? 1 : 0 })
      .onConflict((oc) => oc.columns(["tenant_uid", "list"]).doUpdateSet({ alerts_enabled: enabled ? 1 : 0 }))
      .execute();
  }
}

export type EntryRow = NonNullable<Awaited<ReturnType<DetectionListStore["entry"]>>>;
export type ProfileRow = NonNullable<Awaited<ReturnType<DetectionListStore["profile"]>>>;
export type ScimUserRow = NonNullable<Awaited<ReturnType<DetectionListStore["user"]>>>;
