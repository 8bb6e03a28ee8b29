// The data tables a reset, a snapshot and a tenant copy walk, in an order that inserts parents before children.
// Each engine reads its own catalog (sqlite-state.ts, postgres-state.ts); the rules of what is state are here.

/** Not state: the schema's own bookkeeping, and the signing keys (tokens stay valid across a reset). */
export const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock", "signing_keys", "emulator_state", "emulator_faults", "emulator_images", "emulator_nodes"]);

export interface TableInfo {
  name: string;
  /** Stored columns an insert may name (generated ones are computed by the engine). */
  columns: string[];
}

/** Parents before children (a table's foreign keys to itself aside). */
export function orderTables(names: string[], parents: Map<string, string[]>): string[] {
  const ordered: string[] = [];
  const visit = (n: string) => {
    if (ordered.includes(n)) return;
    for (const p of parents.get(n) ?? []) if (p !== n && names.includes(p)) visit(p);
    ordered.push(n);
  };
  names.forEach(visit);
  return ordered;
}

/** What reset, snapshots, tenant copies and state comparisons need of the engine under the tenant. */
export interface StateEngine {
  /** Data tables, parents first. */
  tables(): Promise<TableInfo[]>;
  /**
   * Keeps the whole state as it is now under a name (replacing an image of that name). On PostgreSQL the names are
   * the database's, so every node sees the same baseline and snapshots.
   */
  saveImage(name: string, savedAt: string): Promise<void>;
  /** Back to an image's data tables, in one transaction; what SKIPPED names stays as it is. False: no such image. */
  restoreImage(name: string): Promise<boolean>;
  dropImage(name: string): Promise<boolean>;
  images(): Promise<{ name: string; savedAt: string }[]>;
  /** Runs a plan of reads and inserts (tenant-copy.ts) in one transaction. */
  run<T>(plan: RowPlan<T>): Promise<T>;
  /** Removes a tenant and everything in it; false when there is none. */
  deleteTenant(tenantUid: string): Promise<boolean>;
  /** Every data table's rows and the id counters, for comparing states (a test checks refused requests change none). */
  dump(): Promise<{ table: string; rows: unknown[][] }[]>;
  /** Lets go of what this process holds (SQLite: the image files; PostgreSQL's images stay for the other nodes). */
  close(): Promise<void>;
}

export type Row = Record<string, unknown>;

/**
 * A read: `where` is SQL with `?` for each of `args` (it may end in an `order by` and a `limit`). Each row read also
 * has its `rowid`, the engine's insertion order (never a column an insert writes), to read a table a page at a time.
 */
export interface RowsStep {
  rows: string;
  where: string;
  args: unknown[];
}
/** An insert of the row's defined values; answers the new row's integer key (0 for a table without one). */
export interface InsertStep {
  insert: string;
  row: Row;
}

/**
 * A tenant's rows of a table written again as another tenant's, in the order they were made, by the database alone
 * (INSERT … SELECT): `without` names the columns the copies leave to the table (their own ids). Answers how many.
 */
export interface CopyStep {
  copy: string;
  from: string;
  to: string;
  without: string[];
}

/** A statement of the plan's own over rows it copied (`?` for each of `args`, in SQL both engines read); answers how many rows it changed. */
export interface StatementStep {
  statement: string;
  args: unknown[];
}

/**
 * The same plan runs synchronously on SQLite (inside one of its transactions) and asynchronously on PostgreSQL: a
 * generator yields each step and is resumed with its answer.
 */
export type RowPlan<T> = Generator<RowsStep | InsertStep | CopyStep | StatementStep, T, unknown>;

export const rows = (table: string, where: string, ...args: unknown[]): RowsStep => ({ rows: table, where, args });
export const insert = (table: string, row: Row): InsertStep => ({ insert: table, row });
export const copyRows = (table: string, from: string, to: string, ...without: string[]): CopyStep => ({ copy: table, from, to, without });
export const statement = (text: string, ...args: unknown[]): StatementStep => ({ statement: text, args });
