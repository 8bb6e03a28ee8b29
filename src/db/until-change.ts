// Values read from the database, kept until the next write anywhere: the change counter says when that happened.
// Coarse (any write drops everything), but never stale, and a read that overlapped a write is not kept.
import type { Kysely, RawBuilder } from "kysely";
import type { ChangeCounter } from "./open.js";

export class UntilChange<V> {
  private stamp = -1;
  private readonly values = new Map<string, V>();

  constructor(
    private readonly changes: ChangeCounter,
    private readonly limit = 256,
  ) {}

  /** The change count any read from now on is at least as new as; what was kept at an older count goes. */
  open(): number {
    const now = this.changes();
    if (now !== this.stamp) {
      this.values.clear();
      this.stamp = now;
    }
    return now;
  }

  /** What is kept for `key` (as of the last `open`). */
  get(key: string): V | undefined {
    return this.values.get(key);
  }

  /** Keeps a value read at `stamp`, unless anything changed since (it might differ now); says whether it did. */
  set(stamp: number, key: string, value: V): boolean {
    if (stamp !== this.open()) return false;
    if (this.values.size >= this.limit && !this.values.has(key)) this.values.delete(this.values.keys().next().value!);
    this.values.set(key, value);
    return true;
  }

  /** The value for `key`: kept, or read (and kept if no write overlapped the read). */
  async through(key: string, read: () => Promise<V>): Promise<V> {
    const stamp = this.open();
    const kept = this.values.get(key);
    if (kept !== undefined) return kept;
    const value = await read();
    this.set(stamp, key, value);
    return value;
  }
}

/** The key of a count of a tenant's rows under a condition: the condition's SQL and parameters, as `db` compiles it. */
export function conditionKey(db: Kysely<any>, tenantUid: string, where: RawBuilder<unknown>): string {
  const compiled = where.compile(db);
  return JSON.stringify([tenantUid, compiled.sql, compiled.parameters]);
}
