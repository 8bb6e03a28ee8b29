// Fault rules shared by every node on one PostgreSQL database: a rule added through one node fires on all, and its
// counts (times, everyNth) are kept in the database, so `times: 1` fires once across the cluster. Each node keeps
// the rules compiled and reloads them when the state row says they changed (ClusterState.refresh); a call no rule
// could match costs nothing more. A probability rule draws from its seed on each node.
import { sql, type Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { applies, ruleView, seededRandom, toRegex, type FaultAction, type FaultRule, type FaultRules, type NewFaultRule } from "../control/faults.js";

interface Loaded {
  id: number;
  rule: NewFaultRule;
  regex: RegExp;
  random: () => number;
}

export class SharedFaults implements FaultRules {
  private rules: Loaded[] = [];
  private version = -1;

  constructor(private readonly db: Kysely<Database>) {}

  /** Reloads the rules when the database's version of them is not the one this node holds. */
  async sync(version: number): Promise<void> {
    if (version === this.version) return;
    const rows = await this.db.selectFrom("emulator_faults").select(["id", "rule"]).orderBy("id").execute();
    this.rules = rows.map((r) => {
      const rule = JSON.parse(r.rule) as NewFaultRule;
      return { id: r.id, rule, regex: toRegex(rule.path), random: seededRandom(rule.seed) };
    });
    this.version = version;
  }

  private bump(db: Kysely<Database>) {
    return db.updateTable("emulator_state").set((eb) => ({ faults_version: eb("faults_version", "+", 1) })).where("id", "=", 1).execute();
  }

  async add(rule: NewFaultRule): Promise<FaultRule> {
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("emulator_faults")
        .values({ rule: JSON.stringify(rule), times: rule.times ?? null, every_nth: rule.everyNth ?? null, matched: 0, fired: 0, last_fired: 0 })
        .returning("id")
        .executeTakeFirstOrThrow();
      await this.bump(trx);
      return row.id;
    });
    return ruleView({ ...rule, id, matched: 0, fired: 0 });
  }

  async list(): Promise<FaultRule[]> {
    const rows = await this.db.selectFrom("emulator_faults").selectAll().orderBy("id").execute();
    return rows.map((r) => ruleView({ ...(JSON.parse(r.rule) as NewFaultRule), id: r.id, matched: r.matched, fired: r.fired }));
  }

  async remove(id: number): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const { numDeletedRows } = await trx.deleteFrom("emulator_faults").where("id", "=", id).executeTakeFirst();
      if (numDeletedRows === 0n) return false;
      await this.bump(trx);
      return true;
    });
  }

  async clear(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("emulator_faults").execute();
      await this.bump(trx);
    });
  }

  match(method: string, path: string, tenantUid: string | null): FaultAction | null | Promise<FaultAction | null> {
    const candidates = this.rules.filter((r) => applies({ ...r.rule, regex: r.regex }, method, path, tenantUid));
    return candidates.length === 0 ? null : this.count(candidates);
  }

  /**
   * Counts the call against every rule it matches, in one statement, so that two nodes never both take a rule's
   * last firing (the row lock orders them); the first rule by id that fired gives the action.
   */
  private async count(candidates: Loaded[]): Promise<FaultAction | null> {
    const ids = candidates.map((r) => r.id);
    // Drawn on this node before the count: a rule whose draw failed is matched but cannot fire.
    const drawn = candidates.filter((r) => r.rule.probability === undefined || r.random() < r.rule.probability).map((r) => r.id);
    // SET reads the row as it was: last_fired keeps this call's outcome for RETURNING, which reads it as it is now.
    const fires = sql<boolean>`(times is null or fired < times) and (every_nth is null or (matched + 1) % every_nth = 0) and id = any(${drawn})`;
    const { rows } = await sql<{ id: number; last_fired: number }>`update emulator_faults
        set matched = matched + 1, fired = fired + case when ${fires} then 1 else 0 end, last_fired = case when ${fires} then 1 else 0 end
        where id = any(${ids}) returning id, last_fired`.execute(this.db);
    const fired = new Set(rows.filter((r) => r.last_fired === 1).map((r) => r.id));
    return candidates.find((r) => fired.has(r.id))?.rule.action ?? null;
  }
}
