// The detection-list API's rules: who may call, what exists, what each operation changes (one transaction each).
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, DetectionList } from "../../db/schema.js";
import type { Projection } from "../../projection.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { actorOf, record } from "../auditlog/recorder.js";
import { DomainError } from "../errors.js";
import { DetectionLists, type ProfileInit, scimSnapshot, withCloudUsernames, without } from "./rules.js";
import { EntrySearch } from "./search-store.js";
import { DetectionListStore, type EntryRow, type Filter, type FilterWindow, type ProfileRow, type SortKey } from "./store.js";
import { utcDate } from "./timestamps.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const userNotFound = (user: string) => new DomainError("USER_NOT_FOUND", `Could not find user: ${user}`, { user });
const notOnList = (userId: string) => new DomainError("NOT_ON_LIST", `User ${userId} is not on the list`, { userId });
const forbidden = (reason: string) => new DomainError("FORBIDDEN", reason);

export interface SearchRequest {
  filterType?: Filter;
  pgSize?: number;
  pgNum?: number;
  srtKey?: SortKey | null;
  srtDirection?: "ASC" | "DESC" | null;
}

/** A search as it was applied: the request with its defaults filled in. */
export interface AppliedSearch {
  filterType: Filter;
  pgSize: number;
  pgNum: number;
  srtKey: SortKey;
  srtDirection: "ASC" | "DESC";
}

export interface SearchResult extends AppliedSearch {
  /** The page's entries, in the applied order, as JSON text of the projection the search was given. */
  entries: string[];
  /** How many entries pass each filter the list reports on, in the list's order. */
  counts: { filterType: Filter; count: number }[];
}

/** Which rollups each list reports, in the service's order (no LEAVING_TODAY for high risk). */
const ROLLUPS: Record<DetectionList, Filter[]> = {
  DEPARTING_EMPLOYEE: ["OPEN", "LEAVING_TODAY", "EXFILTRATION_24_HOURS", "EXFILTRATION_30_DAYS"],
  HIGH_RISK_EMPLOYEE: ["OPEN", "EXFILTRATION_24_HOURS", "EXFILTRATION_30_DAYS"],
};

export class DetectionListService {
  private readonly store: DetectionListStore;
  private readonly entries: EntrySearch;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    changes: ChangeCounter,
  ) {
    this.store = new DetectionListStore(db);
    this.entries = new EntrySearch(db, changes);
  }

  /**
   * Seed article: the APIs need a Customer Cloud Admin, and tenantId must be the caller's own tenant. Where the
   * published document leaves it optional (setalertstate), none given means the caller's.
   */
  private authorize(caller: Principal, tenantId: string | undefined): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw forbidden("The Customer Cloud Admin role is required for detection lists");
    if (tenantId !== undefined && tenantId !== caller.tenantUid) throw forbidden(`Not authorized for tenant ${tenantId}`);
    return caller.tenantUid;
  }

  private write<T>(work: (lists: DetectionLists, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new DetectionLists(new DetectionListStore(trx), this.clock), trx));
  }

  /** A list's membership changed: the tenant's audit trail, in the change's transaction. */
  private audit(trx: Kysely<Database>, caller: Principal, tenantUid: string, added: boolean, list: DetectionList, userUid: string): Promise<void> {
    const type = added ? "audit_log::detection_list_user_added/1" : "audit_log::detection_list_user_removed/1";
    return record(trx, { tenantUid, actor: actorOf(caller), type, at: this.clock.isoNow(), resourceId: userUid, details: { detectionList: list } });
  }

  private async profileOrFail(store: DetectionListStore, tenantUid: string, userId: string): Promise<ProfileRow> {
    const profile = await store.profile(tenantUid, userId);
    if (!profile) throw userNotFound(userId);
    return profile;
  }

  // --- profiles -------------------------------------------------------------------------------------------

  createProfile(caller: Principal, tenantId: string, userName: string, init: ProfileInit): Promise<ProfileRow> {
    const tenantUid = this.authorize(caller, tenantId);
    return this.write(async (lists) => {
      const user = await lists.store.user(tenantUid, { username: userName });
      if (!user) throw userNotFound(userName);
      if (await lists.store.profile(tenantUid, user.user_uid)) throw new DomainError("PROFILE_EXISTS", `User already exists: ${userName}`, { user: userName });
      await lists.createProfile(tenantUid, user, init);
      return (await lists.store.profile(tenantUid, user.user_uid))!;
    });
  }

  profileById(caller: Principal, tenantId: string, userId: string): Promise<ProfileRow> {
    const tenantUid = this.authorize(caller, tenantId);
    return this.profileOrFail(this.store, tenantUid, userId);
  }

  async profileByUsername(caller: Principal, tenantId: string, username: string): Promise<ProfileRow> {
    const tenantUid = this.authorize(caller, tenantId);
    const user = await this.store.user(tenantUid, { username });
    const profile = user && (await this.store.profile(tenantUid, user.user_uid));
    if (!profile) throw userNotFound(username);
    return profile;
  }

  /** Applies a change to one profile and answers the profile as it now is. */
  private changeProfile(caller: Principal, tenantId: string, userId: string, change: (p: ProfileRow, store: DetectionListStore) => Promise<unknown>): Promise<ProfileRow> {
    const tenantUid = this.authorize(caller, tenantId);
    return this.write(async ({ store }) => {
      await change(await this.profileOrFail(store, tenantUid, userId), store);
      return (await store.profile(tenantUid, userId))!;
    });
  }

  refresh(caller: Principal, tenantId: string, userId: string) {
    return this.changeProfile(caller, tenantId, userId, async (p, store) => {
      const user = (await store.user(p.tenant_uid, { userUid: p.user_uid }))!;
      await store.updateProfile(p.tenant_uid, p.user_uid, { scim: JSON.stringify(scimSnapshot(user)) });
    });
  }

  addCloudUsernames(caller: Principal, tenantId: string, userId: string, names: string[]) {
    return this.changeProfile(caller, tenantId, userId, (p, store) =>
      store.updateProfile(p.tenant_uid, p.user_uid, { cloud_usernames: JSON.stringify(withCloudUsernames(JSON.parse(p.cloud_usernames), names)) }),
    );
  }

  removeCloudUsernames(caller: Principal, tenantId: string, userId: string, names: string[]) {
    return this.changeProfile(caller, tenantId, userId, (p, store) =>
      store.updateProfile(p.tenant_uid, p.user_uid, { cloud_usernames: JSON.stringify(without(JSON.parse(p.cloud_usernames), names)) }),
    );
  }

  /** A risk factor is the user's inclusion in the watchlist of its name. */
  addRiskFactors(caller: Principal, tenantId: string, userId: string, factors: string[]) {
    return this.changeProfile(caller, tenantId, userId, (p, store) => new DetectionLists(store, this.clock).addRiskFactors(p.tenant_uid, p.user_uid, factors));
  }

  removeRiskFactors(caller: Principal, tenantId: string, userId: string, factors: string[]) {
    return this.changeProfile(caller, tenantId, userId, (p, store) => store.removeRiskFactors(p.tenant_uid, p.user_uid, factors));
  }

  updateNotes(caller: Principal, tenantId: string, userId: string, notes: string | null) {
    return this.changeProfile(caller, tenantId, userId, (p, store) => store.updateProfile(p.tenant_uid, p.user_uid, { notes }));
  }

  // --- lists ----------------------------------------------------------------------------------------------

  /**
   * Adds a Code42 user to a list; like the console, creates the user's profile when there is none yet. A departure
   * date given is the profile's end date; without one, the departing entry shows the end date the profile has.
   */
  add(caller: Principal, list: DetectionList, tenantId: string, userId: string, departureDate: string | null): Promise<EntryRow> {
    const tenantUid = this.authorize(caller, tenantId);
    return this.write(async (lists, trx) => {
      const user = await lists.store.user(tenantUid, { userUid: userId });
      if (!user) throw userNotFound(userId);
      if (await lists.store.entry(tenantUid, list, userId)) throw new DomainError("ALREADY_ON_LIST", `User ${userId} is already on the list`, { userId });
      const departing = list === "DEPARTING_EMPLOYEE";
      if (!(await lists.store.profile(tenantUid, userId))) await lists.createProfile(tenantUid, user, departing ? { endDate: departureDate } : {});
      else if (departing && departureDate !== null) await lists.store.updateProfile(tenantUid, userId, { end_date: departureDate });
      await lists.addEntry(tenantUid, list, userId);
      await this.audit(trx, caller, tenantUid, true, list, userId);
      return (await lists.store.entry(tenantUid, list, userId))!;
    });
  }

  async get(caller: Principal, list: DetectionList, tenantId: string, userId: string): Promise<EntryRow> {
    const tenantUid = this.authorize(caller, tenantId);
    const entry = await this.store.entry(tenantUid, list, userId);
    if (!entry) throw notOnList(userId);
    return entry;
  }

  async remove(caller: Principal, list: DetectionList, tenantId: string, userId: string): Promise<void> {
    const tenantUid = this.authorize(caller, tenantId);
    await this.write(async ({ store }, trx) => {
      if (!(await store.deleteEntry(tenantUid, list, userId))) throw notOnList(userId);
      await this.audit(trx, caller, tenantUid, false, list, userId);
    });
  }

  updateDepartureDate(caller: Principal, tenantId: string, userId: string, departureDate: string | null): Promise<EntryRow> {
    const tenantUid = this.authorize(caller, tenantId);
    return this.write(async ({ store }) => {
      if (!(await store.holdEntry(tenantUid, "DEPARTING_EMPLOYEE", userId))) throw notOnList(userId);
      // The profile's end date; a trigger copies it to the entry.
      await store.updateProfile(tenantUid, userId, { end_date: departureDate });
      return (await store.entry(tenantUid, "DEPARTING_EMPLOYEE", userId))!;
    });
  }

  async search(caller: Principal, list: DetectionList, tenantId: string, req: SearchRequest, projection: Projection<EntryRow>): Promise<SearchResult> {
    const tenantUid = this.authorize(caller, tenantId);
    const filterType = req.filterType ?? "OPEN";
    const pgSize = req.pgSize ?? 100;
    const pgNum = req.pgNum ?? 1;
    // Unsorted requests (py42's high-risk default) come newest first; a named key without a direction ascends.
    const srtKey = req.srtKey ?? "CREATED_AT";
    const srtDirection = req.srtDirection ?? (req.srtKey ? "ASC" : "DESC");
    const window = this.window();
    const [entries, ...counts] = await Promise.all([
      this.entries.page({ tenantUid, list, filter: filterType, window, sort: srtKey, direction: srtDirection === "ASC" ? "asc" : "desc", limit: pgSize, offset: (pgNum - 1) * pgSize }, projection),
      ...ROLLUPS[list].map((f) => this.entries.count(tenantUid, list, f, window)),
    ]);
    return {
      entries,
      counts: ROLLUPS[list].map((f, i) => ({ filterType: f, count: counts[i]! })),
      filterType,
      pgSize,
      pgNum,
      srtKey,
      srtDirection,
    };
  }

  setAlertState(caller: Principal, list: DetectionList, tenantId: string | undefined, enabled: boolean) {
    return this.store.setAlerts(this.authorize(caller, tenantId), list, enabled);
  }

  /** "Today" and the exfiltration windows, by the emulator clock. */
  private window(): FilterWindow {
    const now = this.clock.now();
    return {
      today: utcDate(now),
      nowIso: new Date(now).toISOString(),
      since24h: new Date(now - DAY_MS).toISOString(),
      since30d: new Date(now - 30 * DAY_MS).toISOString(),
    };
  }
}
