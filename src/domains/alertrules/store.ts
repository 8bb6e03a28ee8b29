// Every query of alert rules, their username filters and watchlist scopes, each scoped to one tenant.
import { sql, type Kysely, type Selectable } from "kysely";
import { inList, isPostgres } from "../../db/dialect.js";
import type { AlertRulesTable, Database } from "../../db/schema.js";
import type { AlertRuleRecord, RuleCriteria, RuleSeverity, RuleSource, RuleType, RuleUserEntry, UserFilterMode } from "./records.js";
import { groupBy } from "../../group-by.js";
import { chunks } from "../../chunks.js";

type RuleRow = Selectable<AlertRulesTable>;

export interface RulePageQuery {
  watchlistId: string | null;
  limit: number;
  offset: number;
}

export class AlertRuleStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tenant's enabled rules, oldest first: what the alert engine judges each new file event by. */
  async enabledRules(tenantUid: string): Promise<AlertRuleRecord[]> {
    return this.records(tenantUid, await this.rules(tenantUid).where("enabled", "=", 1).execute());
  }

  /** Every rule of the tenant, oldest first (state export, metadata searches: rules are few). */
  async all(tenantUid: string): Promise<AlertRuleRecord[]> {
    return this.records(tenantUid, await this.rules(tenantUid).execute());
  }

  async page(tenantUid: string, q: RulePageQuery): Promise<AlertRuleRecord[]> {
    let rows = this.rules(tenantUid);
    if (q.watchlistId !== null) {
      const id = q.watchlistId;
      rows = rows.where((eb) =>
        eb.exists(eb.selectFrom("alert_rule_watchlists as w").select("w.rule_id").whereRef("w.tenant_uid", "=", "alert_rules.tenant_uid").whereRef("w.rule_id", "=", "alert_rules.rule_id").where("w.watchlist_id", "=", id)),
      );
    }
    return this.records(tenantUid, await rows.limit(q.limit).offset(q.offset).execute());
  }

  async get(tenantUid: string, ruleId: string): Promise<AlertRuleRecord | undefined> {
    const row = await this.rules(tenantUid).where("rule_id", "=", ruleId).executeTakeFirst();
    return row && (await this.records(tenantUid, [row]))[0];
  }

  /** The rules of these ids the tenant holds, in the order asked (each once). */
  async getMany(tenantUid: string, ruleIds: readonly string[]): Promise<AlertRuleRecord[]> {
    if (!ruleIds.length) return [];
    const found = await this.records(tenantUid, await this.rules(tenantUid).where("rule_id", "in", [...new Set(ruleIds)]).execute());
    const byId = new Map(found.map((r) => [r.id, r]));
    return [...new Set(ruleIds)].flatMap((id) => byId.get(id) ?? []);
  }

  /** Whether another rule of the tenant has this name (names are unique in any case). */
  async nameTaken(tenantUid: string, name: string): Promise<boolean> {
    return (await this.db.selectFrom("alert_rules").select("rule_id").where("tenant_uid", "=", tenantUid).where(sql<boolean>`lower(name) = lower(${name})`).executeTakeFirst()) !== undefined;
  }

  /** Whether the tenant has any rule at all. */
  async any(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("alert_rules").select("rule_id").where("tenant_uid", "=", tenantUid).limit(1).executeTakeFirst()) !== undefined;
  }

  async exists(tenantUid: string, ruleId: string): Promise<boolean> {
    return (await this.db.selectFrom("alert_rules").select("rule_id").where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).executeTakeFirst()) !== undefined;
  }

  async insert(r: AlertRuleRecord): Promise<void> {
    await this.db
      .insertInto("alert_rules")
      .values({
        tenant_uid: r.tenantUid,
        rule_id: r.id,
        name: r.name,
        description: r.description,
        type: r.type,
        severity: r.severity,
        enabled: r.enabled ? 1 : 0,
        system: r.system ? 1 : 0,
        source: r.source,
        user_mode: r.users?.mode ?? null,
        criteria: JSON.stringify({ ...r.criteria, filters: { ...r.criteria.filters, ...(r.fileVolume ? { fileVolume: r.fileVolume } : {}) } }),
        created_at: r.createdAt,
        created_by: r.createdBy,
        modified_at: r.modifiedAt,
        modified_by: r.modifiedBy,
      })
      .execute();
    await this.appendUsers(r.tenantUid, r.id, r.users?.entries ?? []);
    if (r.watchlistIds.length)
      await this.db
        .insertInto("alert_rule_watchlists")
        .values(r.watchlistIds.map((watchlistId, position) => ({ tenant_uid: r.tenantUid, rule_id: r.id, watchlist_id: watchlistId, position })))
        .execute();
  }

  async delete(tenantUid: string, ruleId: string): Promise<boolean> {
    const { numDeletedRows } = await this.db.deleteFrom("alert_rules").where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).executeTakeFirst();
    return numDeletedRows > 0n;
  }

  /** Sets the rules' enabled state; those it changes are marked modified. Answers the ids changed. */
  async setEnabled(tenantUid: string, ruleIds: readonly string[], enabled: boolean, at: string, by: string): Promise<string[]> {
    if (!ruleIds.length) return [];
    const update = this.db
      .updateTable("alert_rules")
      .set({ enabled: enabled ? 1 : 0, modified_at: at, modified_by: by })
      .where("tenant_uid", "=", tenantUid)
      .where("rule_id", "in", [...ruleIds])
      .where("enabled", "=", enabled ? 0 : 1);
    // The changes are audited in this order. SQLite updates in rowid order (the rules' creation); PostgreSQL answers
    // rows as its scan finds them (an updated row has moved), so there they are put in rowid order.
    if (isPostgres(this.db)) return (await update.returning(["rule_id", sql<number>`rowid`.as("rid")]).execute()).sort((a, b) => a.rid - b.rid).map((r) => r.rule_id);
    const changed = await update.returning("rule_id").execute();
    return changed.map((r) => r.rule_id);
  }

  async touch(tenantUid: string, ruleId: string, at: string, by: string): Promise<void> {
    await this.db.updateTable("alert_rules").set({ modified_at: at, modified_by: by }).where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).execute();
  }

  /** Adds the aliases not on the rule yet, after those that are; answers the entries added. */
  async setUserMode(tenantUid: string, ruleId: string, mode: UserFilterMode): Promise<void> {
    await this.db.updateTable("alert_rules").set({ user_mode: mode }).where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).execute();
  }

  async appendUsers(tenantUid: string, ruleId: string, entries: readonly RuleUserEntry[]): Promise<RuleUserEntry[]> {
    if (!entries.length) return [];
    const existing = await this.db.selectFrom("alert_rule_users").select(["alias", "position"]).where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).execute();
    const have = new Set(existing.map((e) => e.alias.toLowerCase()));
    let next = existing.reduce((n, e) => Math.max(n, e.position + 1), 0);
    const added = entries.filter((e) => !have.has(e.alias.toLowerCase()) && have.add(e.alias.toLowerCase()));
    for (const part of chunks(added))
      await this.db
        .insertInto("alert_rule_users")
        .values(part.map((e) => ({ tenant_uid: tenantUid, rule_id: ruleId, alias: e.alias, user_uid: e.userUid, position: next++ })))
        .execute();
    return added;
  }

  /** Removes every alias added for these users; answers how many went. */
  async removeUsers(tenantUid: string, ruleId: string, userUids: readonly string[]): Promise<number> {
    if (!userUids.length) return 0;
    const { numDeletedRows } = await this.db.deleteFrom("alert_rule_users").where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).where(inList(this.db, "user_uid", userUids)).executeTakeFirst();
    return Number(numDeletedRows);
  }

  /** Removes these aliases of these users (an alias matched in any case); answers how many went. */
  async removeAliases(tenantUid: string, ruleId: string, pairs: readonly { userUid: string; alias: string }[]): Promise<number> {
    let n = 0;
    for (const p of pairs) {
      const { numDeletedRows } = await this.db
        .deleteFrom("alert_rule_users")
        .where("tenant_uid", "=", tenantUid)
        .where("rule_id", "=", ruleId)
        .where("user_uid", "=", p.userUid)
        .where(sql<boolean>`lower(alias) = lower(${p.alias})`)
        .executeTakeFirst();
      n += Number(numDeletedRows);
    }
    return n;
  }

  async removeAllUsers(tenantUid: string, ruleId: string): Promise<number> {
    const { numDeletedRows } = await this.db.deleteFrom("alert_rule_users").where("tenant_uid", "=", tenantUid).where("rule_id", "=", ruleId).executeTakeFirst();
    return Number(numDeletedRows);
  }

  private rules(tenantUid: string) {
    return this.db.selectFrom("alert_rules").selectAll().where("tenant_uid", "=", tenantUid).orderBy("created_at").orderBy("rule_id");
  }

  /** The rows as records, with their users and watchlists (two queries for any number of rules). */
  private async records(tenantUid: string, rows: RuleRow[]): Promise<AlertRuleRecord[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.rule_id);
    const [users, watchlists] = await Promise.all([
      this.db.selectFrom("alert_rule_users").select(["rule_id", "alias", "user_uid"]).where("tenant_uid", "=", tenantUid).where("rule_id", "in", ids).orderBy("rule_id").orderBy("position").execute(),
      this.db.selectFrom("alert_rule_watchlists").select(["rule_id", "watchlist_id"]).where("tenant_uid", "=", tenantUid).where("rule_id", "in", ids).orderBy("rule_id").orderBy("position").execute(),
    ]);
    const usersOf = groupBy(users, (u) => u.rule_id);
    const watchlistsOf = groupBy(watchlists, (w) => w.rule_id);
    return rows.map((row) => {
      const criteria = JSON.parse(row.criteria) as RuleCriteria;
      const { fileVolume, ...filters } = criteria.filters;
      return {
        id: row.rule_id,
        tenantUid: row.tenant_uid,
        name: row.name,
        description: row.description,
        type: row.type as RuleType,
        severity: row.severity as RuleSeverity,
        enabled: row.enabled === 1,
        system: row.system === 1,
        source: row.source as RuleSource,
        createdAt: row.created_at,
        createdBy: row.created_by,
        modifiedAt: row.modified_at,
        modifiedBy: row.modified_by,
        criteria: { ...criteria, filters },
        fileVolume: fileVolume ?? null,
        users: row.user_mode === null ? null : { mode: row.user_mode as UserFilterMode, entries: (usersOf.get(row.rule_id) ?? []).map((u) => ({ alias: u.alias, userUid: u.user_uid })) },
        watchlistIds: (watchlistsOf.get(row.rule_id) ?? []).map((w) => w.watchlist_id),
      };
    });
  }
}

/** The store's one function the alert engine needs, as a plain call. */
export function enabledRules(db: Kysely<Database>, tenantUid: string): Promise<AlertRuleRecord[]> {
  return new AlertRuleStore(db).enabledRules(tenantUid);
}
