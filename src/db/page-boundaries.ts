// Deep pages without the walk: OFFSET makes SQLite step over every skipped entry (~50 ms at offset 500,000), so
// where pages of a search started is remembered, and a later page starts from the nearest known entry before it.
// Whatever any write does to the order, the next read of the change counter drops everything (UntilChange).
import type { ChangeCounter } from "./open.js";
import { UntilChange } from "./until-change.js";

// Bounds: a walk of a million entries in pages of 100 leaves 10,000 starts; searches differ by tenant, list,
// filter, sort and direction.
const STARTS_PER_SEARCH = 20_000;
const SEARCHES = 256;

/** `K` is whatever a page start is known by: a list entry's sort key, a user id in the v1 user list. */
export class PageBoundaries<K> {
  private readonly searches: UntilChange<Map<number, K>>;

  constructor(changes: ChangeCounter) {
    this.searches = new UntilChange(changes, SEARCHES);
  }

  /** The change count the caller's reads are at least as new as; pass it back to `remember`. */
  open(): number {
    return this.searches.open();
  }

  /** The known page start nearest at or before `offset`. */
  nearest(search: string, offset: number): { offset: number; key: K } | null {
    let best: { offset: number; key: K } | null = null;
    for (const [at, key] of this.searches.get(search) ?? []) if (at <= offset && (!best || at > best.offset)) best = { offset: at, key };
    return best;
  }

  /** Keeps where entries stand, unless anything changed since `stamp` (they might stand elsewhere now). */
  remember(stamp: number, search: string, starts: [offset: number, key: K][]): void {
    const known = this.searches.get(search) ?? new Map<number, K>();
    if (!this.searches.set(stamp, search, known)) return;
    for (const [offset, key] of starts) if (offset > 0 && known.size < STARTS_PER_SEARCH) known.set(offset, key);
  }
}
