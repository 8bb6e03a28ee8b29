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

const toRegex = (pattern: string) => new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");

export class Faults {
  private rules: (FaultRule & { regex: RegExp; random: () => number })[] = [];
  private seq = 0;

  add(rule: NewFaultRule): FaultRule {
    let state = (rule.seed ?? 42) >>> 0 || 1;
    // xorshift32: seeded, so a probability rule fires on the same calls every run.
    const random = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 4294967296;
    };
    const stored = { ...rule, id: ++this.seq, matched: 0, fired: 0, regex: toRegex(rule.path), random };
    this.rules.push(stored);
    return this.view(stored);
  }

  list(): FaultRule[] {
    return this.rules.map((r) => this.view(r));
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length < before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The action for this call, if a rule fires; counts the call against every matching rule. */
  match(method: string, path: string, tenantUid: string | null): FaultAction | null {
    let action: FaultAction | null = null;
    for (const r of this.rules) {
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (r.tenantUid && r.tenantUid !== tenantUid) continue;
      if (!r.regex.test(path)) continue;
      r.matched++;
      if (r.times !== undefined && r.fired >= r.times) continue;
      if (r.everyNth !== undefined && r.matched % r.everyNth !== 0) continue;
      if (r.probability !== undefined && r.random() >= r.probability) continue;
      r.fired++;
      action ??= r.action;
    }
    return action;
  }

  private view(r: FaultRule): FaultRule {
    const { id, method, path, tenantUid, action, times, everyNth, probability, seed, matched, fired } = r;
    return JSON.parse(JSON.stringify({ id, method, path, tenantUid, action, times, everyNth, probability, seed, matched, fired }));
  }
}
