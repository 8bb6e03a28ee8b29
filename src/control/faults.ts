// Fault injection: rules that make matching calls slow, fail with the family's error body, throttle or drop.
export type FaultAction =
  | { type: "latency"; ms: number }
  | { type: "status"; status: number; code?: string; message?: string }
  | { type: "throttle"; retryAfterSeconds: number }
  | { type: "drop" };

export interface FaultRule {
  id: number;
  method?: string;
  /** Matched against the path: `*` stands for any characters, e.g. "/svc/api/v2/departingemployee/*". */
  path: string;
  tenantUid?: string;
  action: FaultAction;
  /** Act on the next N matching calls only. */
  times?: number;
  /** Act on every Nth matching call. */
  everyNth?: number;
  /** Act with this probability (seeded, so runs repeat). */
  probability?: number;
  seed?: number;
  matched: number;
  fired: number;
}

export type NewFaultRule = Omit<FaultRule, "id" | "matched" | "fired">;

/**
 * The rules of one emulator (Faults, in memory) or of every node of a cluster (SharedFaults, in PostgreSQL).
 * `match` runs on every emulated call: it answers at once when no rule could fire, and a promise only when a
 * shared rule must be counted in the database.
 */
export interface FaultRules {
  add(rule: NewFaultRule): Promise<FaultRule>;
  list(): Promise<FaultRule[]>;
  remove(id: number): Promise<boolean>;
  clear(): Promise<void>;
  match(method: string, path: string, tenantUid: string | null): FaultAction | null | Promise<FaultAction | null>;
}

export const toRegex = (pattern: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");

/** xorshift32 from a seed: a probability rule fires on the same calls every run. */
export function seededRandom(seed = 42): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

/** The fields a rule's listing shows, as plain JSON. */
export function ruleView(r: FaultRule): FaultRule {
  const { id, method, path, tenantUid, action, times, everyNth, probability, seed, matched, fired } = r;
  return JSON.parse(JSON.stringify({ id, method, path, tenantUid, action, times, everyNth, probability, seed, matched, fired }));
}

/** Whether a rule applies to this call at all (before its counts). */
export const applies = (r: { method?: string; tenantUid?: string; regex: RegExp }, method: string, path: string, tenantUid: string | null): boolean =>
  (!r.method || r.method.toUpperCase() === method) && (!r.tenantUid || r.tenantUid === tenantUid) && r.regex.test(path);

export class Faults implements FaultRules {
  private rules: (FaultRule & { regex: RegExp; random: () => number })[] = [];
  private seq = 0;

  async add(rule: NewFaultRule): Promise<FaultRule> {
    const stored = { ...rule, id: ++this.seq, matched: 0, fired: 0, regex: toRegex(rule.path), random: seededRandom(rule.seed) };
    this.rules.push(stored);
    return ruleView(stored);
  }

  async list(): Promise<FaultRule[]> {
    return this.rules.map(ruleView);
  }

  async remove(id: number): Promise<boolean> {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  async clear(): Promise<void> {
    this.rules = [];
  }

  /** The action for this call, if a rule fires; counts the call against every matching rule. */
  match(method: string, path: string, tenantUid: string | null): FaultAction | null {
    let action: FaultAction | null = null;
    for (const r of this.rules) {
      if (!applies(r, method, path, tenantUid)) continue;
      r.matched++;
      if (r.times !== undefined && r.fired >= r.times) continue;
      if (r.everyNth !== undefined && r.matched % r.everyNth !== 0) continue;
      if (r.probability !== undefined && r.random() >= r.probability) continue;
      r.fired++;
      action ??= r.action;
    }
    return action;
  }
}
