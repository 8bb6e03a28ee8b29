// Alert rules: what a tenant's alerts are raised by. No Code42 API creates, edits or deletes a rule (fixtures and the
// control plane make them); the APIs read them, enable and disable them, and change the users of their username
// filters. Read and changed by those who read file events (Customer Cloud Admin, Security Center User); every change
// leaves an audit event in the change's transaction.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { DomainError } from "../errors.js";
import { fileEventReader } from "../fileevents/service.js";
import { BUILT_IN_TYPES } from "../watchlists/service.js";
import { UserStore } from "../users/store.js";
import { WatchlistStore } from "../watchlists/store.js";
import type { AlertRuleRecord, RuleUserEntry } from "./records.js";
import { criteriaOf, RuleReader, type RuleInput, type RuleUserInput } from "./rules.js";
import { searchRuleMetadata, type RuleMetadataQuery } from "./metadata.js";
import { AlertRuleStore } from "./store.js";

/** The most rules one bulk call (enable, disable, the v1 queries) names. */
export const MAX_RULE_IDS = 100;

/** One authority user and aliases, as v1 add-users and remove-user-aliases name them. */
export interface RuleUserBag {
  userIdFromAuthority: string;
  aliases: string[];
}

export class AlertRuleService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // --- reading ----------------------------------------------------------------------------------------------------

  async page(caller: Principal, q: { pageNumber: number; pageSize: number; watchlistId: string | null }): Promise<AlertRuleRecord[]> {
    const tenantUid = fileEventReader(caller, "alert rules");
    if (!Number.isSafeInteger(q.pageNumber) || q.pageNumber < 0) throw new DomainError("RULE_QUERY_INVALID", "PageNumber must be 0 or more");
    if (!Number.isSafeInteger(q.pageSize) || q.pageSize < 1) throw new DomainError("RULE_QUERY_INVALID", "PageSize must be 1 or more");
    // A page is never cut below the size asked (the SDK stops at a short page); offsets beyond the rules answer none.
    const offset = q.pageNumber * q.pageSize;
    if (!Number.isSafeInteger(offset)) return [];
    return new AlertRuleStore(this.db).page(tenantUid, { watchlistId: q.watchlistId, limit: q.pageSize, offset });
  }

  async get(caller: Principal, ruleId: string): Promise<AlertRuleRecord> {
    return this.found(fileEventReader(caller, "alert rules"), ruleId);
  }

  /** Every rule of the caller's tenant, oldest first (rules are few: searches over them filter in memory). */
  async all(caller: Principal): Promise<AlertRuleRecord[]> {
    return new AlertRuleStore(this.db).all(fileEventReader(caller, "alert rules"));
  }

  /** The rules of these ids, in the order named, unknown ids left out (v1's per-type queries). */
  async some(caller: Principal, ruleIds: readonly string[]): Promise<AlertRuleRecord[]> {
    const tenantUid = fileEventReader(caller, "alert rules");
    checkIdCount(ruleIds);
    return new AlertRuleStore(this.db).getMany(tenantUid, ruleIds);
  }

  /** The alerts service's rule list: the tenant's rules filtered, sorted and paged (metadata.ts). */
  async metadata(caller: Principal, q: RuleMetadataQuery): Promise<{ totalCount: number; rules: AlertRuleRecord[] }> {
    return searchRuleMetadata(await this.all(caller), q);
  }

  /** The v1 bodies name the tenant: it must be the caller's. */
  checkTenant(caller: Principal, tenantId: string | null | undefined): void {
    fileEventReader(caller, "alert rules");
    if (tenantId !== undefined && tenantId !== null && tenantId !== caller.tenantUid) throw new DomainError("FORBIDDEN", "The tenantId is not the caller's tenant");
  }

  /** The rule's username filter; a rule without one is refused (RULE_NO_USER_FILTER). */
  async users(caller: Principal, ruleId: string): Promise<AlertRuleRecord & { users: NonNullable<AlertRuleRecord["users"]> }> {
    const rule = await this.get(caller, ruleId);
    if (!rule.users) throw new DomainError("RULE_NO_USER_FILTER", `Rule ${ruleId} has no username filter`);
    return rule as AlertRuleRecord & { users: NonNullable<AlertRuleRecord["users"]> };
  }

  // --- changes ----------------------------------------------------------------------------------------------------

  /** Enables or disables every rule named, or none when one is unknown. Answers the ids whose state changed. */
  async setEnabled(caller: Principal, ruleIds: readonly string[], enabled: boolean): Promise<string[]> {
    const tenantUid = fileEventReader(caller, "alert rules");
    checkIdCount(ruleIds);
    return this.db.transaction().execute(async (trx) => {
      const store = new AlertRuleStore(trx);
      const found = new Set((await store.getMany(tenantUid, ruleIds)).map((r) => r.id));
      const missing = ruleIds.filter((id) => !found.has(id));
      if (missing.length) throw new DomainError("RULE_NOT_FOUND", `No rule with the id ${missing.join(", ")}`, { ruleIds: missing.join(",") });
      const at = this.now();
      const changed = await store.setEnabled(tenantUid, [...found], enabled, at, by(caller));
      for (const id of changed) await this.audit(trx, caller, enabled ? "enabled" : "disabled", id);
      return changed;
    });
  }

  async removeAllUsers(caller: Principal, ruleId: string): Promise<void> {
    await this.changeUsers(caller, ruleId, async (store, tenantUid) => {
      const n = await store.removeAllUsers(tenantUid, ruleId);
      return n ? { what: "users_removed", details: { all: true } } : null;
    });
  }

  /** Adds the aliases under their authority user; aliases the rule holds already are left as they are. */
  /**
   * Adds the users' aliases to the rule's username filter; a rule without one (everyone, or a watchlist's members)
   * gets an INCLUDE filter of them, as the console's "specific users".
   */
  async addUsers(caller: Principal, ruleId: string, bags: readonly RuleUserBag[]): Promise<void> {
    await this.changeUsers(caller, ruleId, async (store, tenantUid, rule) => {
      const entries: RuleUserEntry[] = bags.flatMap((b) => b.aliases.map((alias) => ({ alias, userUid: b.userIdFromAuthority })));
      if (entries.length && !rule.users) await store.setUserMode(tenantUid, ruleId, "INCLUDE");
      const added = await store.appendUsers(tenantUid, ruleId, entries);
      return added.length ? { what: "users_added", details: { users: added.map((e) => ({ userIdFromAuthority: e.userUid, alias: e.alias })) } } : null;
    });
  }

  /** Removes every alias of these authority users; a user the rule does not hold is refused (code42cli reads that 400 as "not currently assigned"). */
  async removeUsers(caller: Principal, ruleId: string, userUids: readonly string[]): Promise<void> {
    await this.changeUsers(caller, ruleId, async (store, tenantUid, rule) => {
      const held = new Set((rule.users?.entries ?? []).flatMap((e) => e.userUid ?? []));
      const absent = userUids.filter((u) => !held.has(u));
      if (absent.length) throw new DomainError("RULE_USER_NOT_ON_RULE", `The rule holds no user ${absent.join(", ")}`);
      const n = await store.removeUsers(tenantUid, ruleId, userUids);
      return n ? { what: "users_removed", details: { userIdsFromAuthority: userUids.filter((u) => held.has(u)) } } : null;
    });
  }

  async removeAliases(caller: Principal, ruleId: string, bags: readonly RuleUserBag[]): Promise<void> {
    await this.changeUsers(caller, ruleId, async (store, tenantUid) => {
      const pairs = bags.flatMap((b) => b.aliases.map((alias) => ({ userUid: b.userIdFromAuthority, alias })));
      const n = await store.removeAliases(tenantUid, ruleId, pairs);
      return n ? { what: "users_removed", details: { users: pairs.map((p) => ({ userIdFromAuthority: p.userUid, alias: p.alias })) } } : null;
    });
  }

  /** A change to a rule's users: refused on an unknown rule and a lens's rule; audited and dated when it changed something. */
  private async changeUsers(
    caller: Principal,
    ruleId: string,
    change: (store: AlertRuleStore, tenantUid: string, rule: AlertRuleRecord) => Promise<{ what: string; details: Record<string, unknown> } | null>,
  ): Promise<void> {
    const tenantUid = fileEventReader(caller, "alert rules");
    await this.db.transaction().execute(async (trx) => {
      const store = new AlertRuleStore(trx);
      const rule = await this.found(tenantUid, ruleId, store);
      if (rule.system) throw new DomainError("RULE_IS_SYSTEM", `Rule ${ruleId} has a source of '${rule.source}': only rules of the source Alerting take user changes`, { ruleSource: rule.source });
      const done = await change(store, tenantUid, rule);
      if (!done) return;
      await store.touch(tenantUid, ruleId, this.now(), by(caller));
      await this.audit(trx, caller, done.what, ruleId, done.details);
    });
  }

  // --- making (fixtures, the control plane, state loads) -------------------------------------------------------------

  /** Makes the given rules in the tenant, all or none; answers them as stored. Not audited: fixtures are the start. */
  async load(tenantUid: string, inputs: readonly RuleInput[]): Promise<AlertRuleRecord[]> {
    return this.inTransaction(async (trx) => {
      const store = new AlertRuleStore(trx);
      const made: AlertRuleRecord[] = [];
      for (const input of inputs) {
        const rule = await this.build(trx, tenantUid, input);
        if (await store.exists(tenantUid, rule.id)) throw new DomainError("RULE_NAME_EXISTS", `rule ${rule.name}: the tenant has a rule ${rule.id} already`);
        if (await store.nameTaken(tenantUid, rule.name)) throw new DomainError("RULE_NAME_EXISTS", `rule ${rule.name}: the tenant has a rule of that name already`);
        await store.insert(rule);
        made.push((await store.get(tenantUid, rule.id))!);
      }
      return made;
    });
  }

  async remove(tenantUid: string, ruleId: string): Promise<boolean> {
    return new AlertRuleStore(this.db).delete(tenantUid, ruleId);
  }

  private async build(db: Kysely<Database>, tenantUid: string, input: RuleInput): Promise<AlertRuleRecord> {
    const where = typeof input?.name === "string" ? input.name : "(no name)";
    const r = new RuleReader(where);
    if (input === null || typeof input !== "object") throw new DomainError("RULE_INVALID", "a rule must be an object");
    const name = r.name(input.name);
    const source = r.source(input.source);
    const { filters, fileVolume, username, watchlist } = r.filters(input.filters);
    const users = r.users(input, username);
    const lists = r.watchlists(input, watchlist);
    const criteria = criteriaOf(r, input, filters, users?.order ?? 0, lists.order);
    const at = instantOf(this.clock.now());
    const createdAt = r.instant(input.createdAt, "createdAt") ?? at;
    const createdBy = input.createdBy ?? "system";
    if (input.id !== undefined && (typeof input.id !== "string" || !input.id.trim() || input.id.length > 40)) throw new DomainError("RULE_INVALID", `rule ${where}: an id is 1 to 40 characters`);
    return {
      id: input.id ?? this.ids.uuid(),
      tenantUid,
      name,
      description: input.description ?? "",
      type: r.type(input.type),
      severity: r.severity(input.severity),
      enabled: input.enabled ?? true,
      system: source !== "Alerting",
      source,
      createdAt,
      createdBy,
      modifiedAt: r.instant(input.modifiedAt, "modifiedAt") ?? createdAt,
      modifiedBy: input.modifiedBy ?? createdBy,
      criteria,
      fileVolume,
      users: users && { mode: users.mode, entries: await this.entries(db, tenantUid, where, users.usernames) },
      watchlistIds: await this.watchlistIds(db, tenantUid, where, lists.names, at),
    };
  }

  /** Username-filter entries: a tenant user's username is that user's alias; any other string an alias on its own. */
  private async entries(db: Kysely<Database>, tenantUid: string, where: string, given: readonly RuleUserInput[]): Promise<RuleUserEntry[]> {
    const out: RuleUserEntry[] = [];
    const seen = new Set<string>();
    for (const u of given) {
      const alias = typeof u === "string" ? u : u.alias;
      if (seen.has(alias.toLowerCase())) continue;
      seen.add(alias.toLowerCase());
      if (typeof u !== "string" && u.userUid !== undefined) {
        out.push({ alias, userUid: u.userUid });
        continue;
      }
      const username = typeof u === "string" ? u : (u.user ?? null);
      const userUid = username === null ? undefined : await new UserStore(db).uidOf(tenantUid, username);
      if (typeof u !== "string" && username !== null && !userUid) throw new DomainError("RULE_INVALID", `rule ${where}: no user "${username}" in the tenant`);
      out.push({ alias, userUid: userUid ?? null });
    }
    return out;
  }

  /** A watchlist named by id, by built-in type (made if the tenant has none yet) or by a CUSTOM watchlist's title. */
  private async watchlistIds(db: Kysely<Database>, tenantUid: string, where: string, names: string[], at: string): Promise<string[]> {
    const store = new WatchlistStore(db);
    const out: string[] = [];
    for (const name of names) {
      let id = (await store.one(tenantUid, name))?.watchlist_id;
      if (!id && (BUILT_IN_TYPES as readonly string[]).includes(name)) id = await store.ensure(tenantUid, name, at);
      id ??= (await db.selectFrom("watchlists").select("watchlist_id").where("tenant_uid", "=", tenantUid).where("list_type", "=", "CUSTOM").where("title", "=", name).executeTakeFirst())?.watchlist_id;
      if (!id) throw new DomainError("RULE_INVALID", `rule ${where}: no watchlist "${name}" in the tenant (an id, a built-in type or a CUSTOM watchlist's title)`);
      if (!out.includes(id)) out.push(id);
    }
    return out;
  }

  private async found(tenantUid: string, ruleId: string, store = new AlertRuleStore(this.db)): Promise<AlertRuleRecord> {
    const rule = await store.get(tenantUid, ruleId);
    if (!rule) throw new DomainError("RULE_NOT_FOUND", `No rule with the id ${ruleId}`, { ruleId });
    return rule;
  }

  /** A fixture's load runs inside the document's transaction already. */
  private inTransaction<T>(run: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  private now(): string {
    return instantOf(this.clock.now());
  }

  private audit(db: Kysely<Database>, caller: Principal, what: string, ruleId: string, details: Record<string, unknown> = {}): Promise<void> {
    return audit(db, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: `alert_rule::${what}/1`, at: this.clock.isoNow(), resourceId: ruleId, details: { ruleId, ...details } });
  }
}

/** A rule's times as Code42's rules service writes them: 7 fractional digits. */
const instantOf = (ms: number) => `${new Date(ms).toISOString().slice(0, 23)}0000Z`;

function checkIdCount(ruleIds: readonly string[]): void {
  if (ruleIds.length > MAX_RULE_IDS) throw new DomainError("RULE_QUERY_INVALID", `At most ${MAX_RULE_IDS} rule ids at once`);
}

/** Who changed a rule, as its modifiedBy says. */
const by = (caller: Principal) => (caller.kind === "user" ? caller.username : caller.clientId);

