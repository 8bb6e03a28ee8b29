// Deep pages without the walk: OFFSET makes SQLite step over every skipped entry (~50 ms at offset 500,000), so
// where pages of a search started is remembered, and a later page starts from the nearest known entry before it.
// Whatever any write does to the order, the next read of the change counter drops everything (UntilChange).
import { sql, type RawBuilder } from "kysely";
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
  private open(): number {
    return this.searches.open();
  }

  /** The known page start nearest at or before `offset`. */
  private nearest(search: string, offset: number): { offset: number; key: K } | null {
    let best: { offset: number; key: K } | null = null;
    for (const [at, key] of this.searches.get(search) ?? []) if (at <= offset && (!best || at > best.offset)) best = { offset: at, key };
    return best;
  }

  /**
   * A page of `size` rows at `offset`, read from the nearest known start: `read(from, skip, limit)` reads `limit`
   * rows of the list from the entry known by `from` (its start when null), after skipping `skip`; `keyOf` tells a
   * row's key. One row more than the page is read: it is where the next page starts. A null `search` is an order
   * no page can start from a key in: it is read from its start.
   */
  async page<R>(search: string | null, offset: number, size: number, read: (from: K | null, skip: number, limit: number) => Promise<R[]>, keyOf: (row: R) => K): Promise<R[]> {
    if (search === null) return read(null, offset, size);
    const stamp = this.open();
    const from = this.nearest(search, offset);
    const rows = await read(from?.key ?? null, offset - (from?.offset ?? 0), size + 1);
    const starts: [number, K][] = [];
    if (rows.length > 0) starts.push([offset, keyOf(rows[0]!)]);
    if (rows.length > size) starts.push([offset + size, keyOf(rows[size]!)]);
    this.remember(stamp, search, starts);
    return rows.slice(0, size);
  }

  /** Keeps where entries stand, unless anything changed since `stamp` (they might stand elsewhere now). */
  private remember(stamp: number, search: string, starts: [offset: number, key: K][]): void {
    const known = this.searches.get(search) ?? new Map<number, K>();
    if (!this.searches.set(stamp, search, known)) return;
    for (const [offset, key] of starts) if (offset > 0 && known.size < STARTS_PER_SEARCH) known.set(offset, key);
  }
}

/**
 * Rows at or after a page start in an ascending order of these columns: one row-value comparison, which SQLite and
 * PostgreSQL both read as a range of the order's index (an OR of the columns' cases would be a scan).
 */
export const atOrAfter = (columns: RawBuilder<unknown>[], key: readonly unknown[]): RawBuilder<boolean> => sql<boolean>`(${sql.join(columns)}) >= (${sql.join([...key])})`;
