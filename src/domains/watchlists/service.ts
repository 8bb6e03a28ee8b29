// Watchlists: who may call, what exists, what each operation changes. The legacy detection lists are views of the
// DEPARTING_EMPLOYEE and HIGH_RISK_EMPLOYEE watchlists, so a user included here is on the list there, with the
// profile a list add makes.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { DetectionLists } from "../detectionlists/rules.js";
import { DetectionListStore } from "../detectionlists/store.js";
import { createdAt } from "../detectionlists/timestamps.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { MemberPages } from "./member-pages.js";
import { includedKey, WatchlistStore, type IncludedKey, type RuleKind, type WatchlistRow } from "./store.js";

export { BUILT_IN_TYPES, CUSTOM, WATCHLIST_NAMES, type BuiltInType } from "./names.js";
import { BUILT_IN_TYPES, CUSTOM, type BuiltInType } from "./names.js";

export interface WatchlistRecord {
  watchlistId: string;
  listType: string;
  title: string | null;
  description: string | null;
  stats: { includedUsersCount: number; excludedUsersCount: number; includedDepartmentsCount: number; includedDirectoryGroupsCount: number };
}
export interface WatchlistUserRecord {
  userUid: string;
  username: string;
  /** ISO instant. */
  addedAt: string;
}
export interface WatchlistDepartmentRecord {
  name: string;
  addedAt: string;
}
export interface WatchlistGroupRecord {
  groupId: string;
  /** Null once the provider deleted the group (the watchlist still names it). */
  name: string | null;
  isDeleted: boolean;
  addedAt: string;
}
export interface Paged<T> {
  items: T[];
  totalCount: number;
}
export interface PageQuery {
  /** From 1. */
  page: number;
  pageSize: number;
}

/**
 * Stored instants carry the detection lists' 7 fractional digits; a record is a plain ISO instant, to the millisecond
 * (the digits beyond it dropped, as Date.parse drops them). A member page has a hundred: the usual form is cut to
 * shape rather than parsed.
 */
const STORED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3,}Z$/;
const instant = (stored: string) => (STORED_INSTANT.test(stored) ? `${stored.slice(0, 23)}Z` : new Date(Date.parse(stored)).toISOString());

const record = (w: WatchlistRow): WatchlistRecord => ({
  watchlistId: w.watchlist_id,
  listType: w.list_type,
  title: w.title,
  description: w.description,
  stats: { includedUsersCount: Number(w.included_users), excludedUsersCount: Number(w.excluded), includedDepartmentsCount: Number(w.departments), includedDirectoryGroupsCount: Number(w.groups) },
});

const userRecord = (r: { user_uid: string; username: string; added_at: string }): WatchlistUserRecord => ({ userUid: r.user_uid, username: r.username, addedAt: instant(r.added_at) });

const notFound = (watchlistId: string) => new DomainError("WATCHLIST_NOT_FOUND", `No watchlist with the id ${watchlistId}`, { watchlistId });
const notOnIt = (what: string, watchlistId: string) => new DomainError("WATCHLIST_ENTRY_NOT_FOUND", `${what} is not on watchlist ${watchlistId}`);

/** A rule's name in its audit events' types, and the field naming what changed. */
const RULE_AUDIT: Record<RuleKind, { what: string; field: string }> = {
  excluded: { what: "excluded_users", field: "userUids" },
  departments: { what: "departments", field: "departments" },
  groups: { what: "groups", field: "groupIds" },
};

export class WatchlistService {
  private readonly store: WatchlistStore;
  private readonly memberPages: MemberPages;
  // Where pages of a watchlist's included users start, so a client walking them does not skip from the start each time.
  private readonly included: PageBoundaries<IncludedKey>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes: ChangeCounter,
  ) {
    this.store = new WatchlistStore(db);
    this.memberPages = new MemberPages(db, changes);
    this.included = new PageBoundaries(changes);
  }

  /** Watchlists are an administrator's, as the detection lists before them. */
  private authorize(caller: Principal): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for watchlists");
    return caller.tenantUid;
  }

  private async find(store: WatchlistStore, tenantUid: string, watchlistId: string): Promise<WatchlistRow> {
    const w = await store.one(tenantUid, watchlistId);
    if (!w) throw notFound(watchlistId);
    return w;
  }

  private async mustExist(store: WatchlistStore, tenantUid: string, watchlistId: string): Promise<void> {
    if (!(await store.exists(tenantUid, watchlistId))) throw notFound(watchlistId);
  }

  private write<T>(work: (store: WatchlistStore, trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((trx) => work(new WatchlistStore(trx), trx));
  }

  /** The tenant's audit trail of a change to a watchlist, in the change's transaction. */
  private audit(trx: Kysely<Database>, caller: Principal, what: string, watchlistId: string, details: Record<string, unknown> = {}): Promise<void> {
    return audit(trx, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: `audit_log::watchlist_${what}/1`, at: this.clock.isoNow(), resourceId: watchlistId, details: { watchlistId, ...details } });
  }

  private now(): string {
    return createdAt(this.clock.now());
  }

  // --- watchlists -----------------------------------------------------------------------------------------------

  async list(caller: Principal, q: PageQuery & { userUid?: string }): Promise<Paged<WatchlistRecord>> {
    const tenantUid = this.authorize(caller);
    const { rows, total } = await this.store.page(tenantUid, q.pageSize, (q.page - 1) * q.pageSize, q.userUid);
    return { items: rows.map(record), totalCount: total };
  }

  async get(caller: Principal, watchlistId: string): Promise<WatchlistRecord> {
    return record(await this.find(this.store, this.authorize(caller), watchlistId));
  }

  /** A watchlist of a built-in type (one per tenant), or a CUSTOM one with a title. */
  create(caller: Principal, input: { listType: string; title?: string | null; description?: string | null }): Promise<WatchlistRecord> {
    const tenantUid = this.authorize(caller);
    const { listType } = input;
    const title = input.title?.trim() || null;
    if (listType === CUSTOM) {
      if (!title) throw new DomainError("WATCHLIST_INVALID", "A CUSTOM watchlist needs a title");
    } else if (!(BUILT_IN_TYPES as readonly string[]).includes(listType)) {
      throw new DomainError("WATCHLIST_INVALID", `Unknown watchlist type: ${listType}`);
    } else if (title) {
      throw new DomainError("WATCHLIST_INVALID", `Only a CUSTOM watchlist has a title, not a ${listType} one`);
    }
    return this.write(async (store, trx) => {
      const made = this.now();
      let watchlistId: string;
      if (listType === CUSTOM) {
        watchlistId = this.ids.uuid();
        await store.insert({ tenant_uid: tenantUid, watchlist_id: watchlistId, list_type: CUSTOM, title, description: input.description ?? null, created_at: made });
      } else {
        const existing = await store.ofType(tenantUid, listType);
        if (existing) throw new DomainError("WATCHLIST_EXISTS", `The tenant has a ${listType} watchlist already: ${existing}`, { watchlistId: existing });
        watchlistId = await store.ensure(tenantUid, listType, made);
        if (input.description != null) await store.update(tenantUid, watchlistId, { description: input.description });
      }
      await this.audit(trx, caller, "created", watchlistId, { listType });
      return record((await store.one(tenantUid, watchlistId))!);
    });
  }

  /** Sets the fields given (a title only on a CUSTOM watchlist). */
  update(caller: Principal, watchlistId: string, changes: { title?: string | null; description?: string | null }): Promise<WatchlistRecord> {
    const tenantUid = this.authorize(caller);
    return this.write(async (store, trx) => {
      const w = await this.find(store, tenantUid, watchlistId);
      const set: { title?: string; description?: string | null } = {};
      if (changes.title !== undefined) {
        const title = changes.title?.trim();
        if (w.list_type !== CUSTOM) throw new DomainError("WATCHLIST_INVALID", `Only a CUSTOM watchlist has a title, not a ${w.list_type} one`);
        if (!title) throw new DomainError("WATCHLIST_INVALID", "A CUSTOM watchlist needs a title");
        set.title = title;
      }
      if (changes.description !== undefined) set.description = changes.description;
      if (Object.keys(set).length) await store.update(tenantUid, watchlistId, set);
      await this.audit(trx, caller, "updated", watchlistId, { changed: Object.keys(set) });
      return record((await store.one(tenantUid, watchlistId))!);
    });
  }

  /** The watchlist with its rules: a built-in type's legacy list reads empty until the type is used again. */
  async delete(caller: Principal, watchlistId: string): Promise<void> {
    const tenantUid = this.authorize(caller);
    await this.write(async (store, trx) => {
      if (!(await store.delete(tenantUid, watchlistId))) throw new DomainError("WATCHLIST_NOT_FOUND", `No watchlist with the id ${watchlistId}`, { watchlistId });
      await this.audit(trx, caller, "deleted", watchlistId);
    });
  }

  // --- included users ---------------------------------------------------------------------------------------------

  async includedUsers(caller: Principal, watchlistId: string, q: PageQuery): Promise<Paged<WatchlistUserRecord>> {
    const tenantUid = this.authorize(caller);
    const w = await this.find(this.store, tenantUid, watchlistId);
    const rows = await this.included.page(
      JSON.stringify([tenantUid, watchlistId]),
      (q.page - 1) * q.pageSize,
      q.pageSize,
      (from, skip, limit) => this.store.includedUsers(tenantUid, watchlistId, limit, skip, from),
      includedKey,
    );
    return { items: rows.map(userRecord), totalCount: Number(w.included_users) };
  }

  async includedUser(caller: Principal, watchlistId: string, userUid: string): Promise<WatchlistUserRecord> {
    const tenantUid = this.authorize(caller);
    await this.mustExist(this.store, tenantUid, watchlistId);
    const row = await this.store.includedUser(tenantUid, watchlistId, userUid);
    if (!row) throw notOnIt(`User ${userUid}`, watchlistId);
    return userRecord(row);
  }

  /** Includes each user not included yet, with the profile a detection-list add makes; all or none. */
  addIncludedUsers(caller: Principal, watchlistId: string, userUids: string[]): Promise<void> {
    const tenantUid = this.authorize(caller);
    return this.write(async (store, trx) => {
      await this.mustExist(store, tenantUid, watchlistId);
      await this.knownUsers(store, tenantUid, userUids);
      const lists = new DetectionLists(new DetectionListStore(trx), this.clock);
      const at = this.now();
      for (const userUid of new Set(userUids)) {
        if (await store.includedUser(tenantUid, watchlistId, userUid)) continue;
        if (!(await lists.store.profile(tenantUid, userUid))) await lists.createProfile(tenantUid, (await lists.store.user(tenantUid, { userUid }))!);
        await store.includeUser(tenantUid, watchlistId, userUid, at);
      }
      await this.audit(trx, caller, "included_users_added", watchlistId, { userUids: [...new Set(userUids)] });
    });
  }

  removeIncludedUsers(caller: Principal, watchlistId: string, userUids: string[]): Promise<void> {
    const tenantUid = this.authorize(caller);
    return this.write(async (store, trx) => {
      await this.mustExist(store, tenantUid, watchlistId);
      if (userUids.length) await store.removeIncludedUsers(tenantUid, watchlistId, userUids);
      await this.audit(trx, caller, "included_users_removed", watchlistId, { userUids });
    });
  }

  // --- excluded users ---------------------------------------------------------------------------------------------

  async excludedUsers(caller: Principal, watchlistId: string, q: PageQuery): Promise<Paged<WatchlistUserRecord>> {
    const { rows, total } = await this.rulePage(caller, "excluded", watchlistId, q);
    const names = await this.usernames(this.authorize(caller), rows.map((r) => r.value));
    return { items: rows.map((r) => ({ userUid: r.value, username: names.get(r.value) ?? r.value, addedAt: instant(r.added_at) })), totalCount: total };
  }

  async excludedUser(caller: Principal, watchlistId: string, userUid: string): Promise<WatchlistUserRecord> {
    const row = await this.ruleValue(caller, "excluded", watchlistId, userUid, `User ${userUid}`);
    const names = await this.usernames(this.authorize(caller), [userUid]);
    return { userUid, username: names.get(userUid) ?? userUid, addedAt: instant(row.added_at) };
  }

  addExcludedUsers(caller: Principal, watchlistId: string, userUids: string[]): Promise<void> {
    return this.addRuleValues(caller, "excluded", watchlistId, userUids, (store, tenantUid) => this.knownUsers(store, tenantUid, userUids));
  }

  removeExcludedUsers(caller: Principal, watchlistId: string, userUids: string[]): Promise<void> {
    return this.removeRuleValues(caller, "excluded", watchlistId, userUids);
  }

  // --- departments ------------------------------------------------------------------------------------------------

  async departments(caller: Principal, watchlistId: string, q: PageQuery): Promise<Paged<WatchlistDepartmentRecord>> {
    const { rows, total } = await this.rulePage(caller, "departments", watchlistId, q);
    return { items: rows.map((r) => ({ name: r.value, addedAt: instant(r.added_at) })), totalCount: total };
  }

  async department(caller: Principal, watchlistId: string, name: string): Promise<WatchlistDepartmentRecord> {
    const row = await this.ruleValue(caller, "departments", watchlistId, name, `Department ${name}`);
    return { name, addedAt: instant(row.added_at) };
  }

  /** Departments are names as providers write them: any name may be included before a user carries it. */
  addDepartments(caller: Principal, watchlistId: string, names: string[]): Promise<void> {
    return this.addRuleValues(caller, "departments", watchlistId, names, async () => {
      if (names.some((n) => !n.trim())) throw new DomainError("WATCHLIST_REFERENCE_INVALID", "A department name may not be empty");
    });
  }

  removeDepartments(caller: Principal, watchlistId: string, names: string[]): Promise<void> {
    return this.removeRuleValues(caller, "departments", watchlistId, names);
  }

  // --- directory groups -----------------------------------------------------------------------------------------------

  async groups(caller: Principal, watchlistId: string, q: PageQuery): Promise<Paged<WatchlistGroupRecord>> {
    const { rows, total } = await this.rulePage(caller, "groups", watchlistId, q);
    const names = await this.groupNames(this.authorize(caller), rows.map((r) => r.value));
    return { items: rows.map((r) => groupRecord(r.value, names, r.added_at)), totalCount: total };
  }

  async group(caller: Principal, watchlistId: string, groupId: string): Promise<WatchlistGroupRecord> {
    const row = await this.ruleValue(caller, "groups", watchlistId, groupId, `Directory group ${groupId}`);
    return groupRecord(groupId, await this.groupNames(this.authorize(caller), [groupId]), row.added_at);
  }

  /** Groups the tenant's providers pushed, by their SCIM id. */
  addGroups(caller: Principal, watchlistId: string, groupIds: string[]): Promise<void> {
    return this.addRuleValues(caller, "groups", watchlistId, groupIds, async (store, tenantUid) => {
      const known = new Set((await store.groups(tenantUid, groupIds)).map((g) => g.group_id));
      const unknown = groupIds.find((id) => !known.has(id));
      if (unknown !== undefined) throw new DomainError("WATCHLIST_REFERENCE_INVALID", `No directory group with the id ${unknown}`, { groupId: unknown });
    });
  }

  removeGroups(caller: Principal, watchlistId: string, groupIds: string[]): Promise<void> {
    return this.removeRuleValues(caller, "groups", watchlistId, groupIds);
  }

  // --- members ----------------------------------------------------------------------------------------------------

  async members(caller: Principal, watchlistId: string, q: PageQuery): Promise<Paged<WatchlistUserRecord>> {
    const tenantUid = this.authorize(caller);
    const w = await this.find(this.store, tenantUid, watchlistId);
    const { rows, total } = await this.memberPages.page(tenantUid, w, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(userRecord), totalCount: total };
  }

  async member(caller: Principal, watchlistId: string, userUid: string): Promise<WatchlistUserRecord> {
    const tenantUid = this.authorize(caller);
    await this.mustExist(this.store, tenantUid, watchlistId);
    const row = await this.store.member(tenantUid, watchlistId, userUid);
    if (!row) throw notOnIt(`User ${userUid}`, watchlistId);
    return userRecord(row);
  }

  // --- shared by the rules --------------------------------------------------------------------------------------------

  private async rulePage(caller: Principal, kind: RuleKind, watchlistId: string, q: PageQuery) {
    const tenantUid = this.authorize(caller);
    const w = await this.find(this.store, tenantUid, watchlistId);
    const rows = await this.store.rulePage(kind, tenantUid, watchlistId, q.pageSize, (q.page - 1) * q.pageSize);
    return { rows, total: Number(w[kind]) };
  }

  private async ruleValue(caller: Principal, kind: RuleKind, watchlistId: string, value: string, what: string) {
    const tenantUid = this.authorize(caller);
    await this.mustExist(this.store, tenantUid, watchlistId);
    const row = await this.store.ruleValue(kind, tenantUid, watchlistId, value);
    if (!row) throw notOnIt(what, watchlistId);
    return row;
  }

  private addRuleValues(caller: Principal, kind: RuleKind, watchlistId: string, values: string[], check: (store: WatchlistStore, tenantUid: string) => Promise<void>): Promise<void> {
    const tenantUid = this.authorize(caller);
    return this.write(async (store, trx) => {
      await this.mustExist(store, tenantUid, watchlistId);
      await check(store, tenantUid);
      await store.addRuleValues(kind, tenantUid, watchlistId, [...new Set(values)], this.now());
      await this.audit(trx, caller, `${RULE_AUDIT[kind].what}_added`, watchlistId, { [RULE_AUDIT[kind].field]: [...new Set(values)] });
    });
  }

  private removeRuleValues(caller: Principal, kind: RuleKind, watchlistId: string, values: string[]): Promise<void> {
    const tenantUid = this.authorize(caller);
    return this.write(async (store, trx) => {
      await this.mustExist(store, tenantUid, watchlistId);
      await store.removeRuleValues(kind, tenantUid, watchlistId, values);
      await this.audit(trx, caller, `${RULE_AUDIT[kind].what}_removed`, watchlistId, { [RULE_AUDIT[kind].field]: values });
    });
  }

  /** Refuses the first id that is not a user of the tenant. */
  private async knownUsers(store: WatchlistStore, tenantUid: string, userUids: string[]): Promise<void> {
    const known = new Set((await store.users(tenantUid, userUids)).map((u) => u.user_uid));
    const unknown = userUids.find((id) => !known.has(id));
    if (unknown !== undefined) throw new DomainError("WATCHLIST_REFERENCE_INVALID", `No user with the id ${unknown}`, { userId: unknown });
  }

  private async usernames(tenantUid: string, userUids: string[]): Promise<Map<string, string>> {
    return new Map((await this.store.users(tenantUid, userUids)).map((u) => [u.user_uid, u.username]));
  }

  private async groupNames(tenantUid: string, groupIds: string[]): Promise<Map<string, string>> {
    return new Map((await this.store.groups(tenantUid, groupIds)).map((g) => [g.group_id, g.display_name]));
  }
}

function groupRecord(groupId: string, names: Map<string, string>, addedAt: string): WatchlistGroupRecord {
  const name = names.get(groupId) ?? null;
  return { groupId, name, isDeleted: name === null, addedAt: instant(addedAt) };
}
