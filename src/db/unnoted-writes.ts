// A bulk load's rows, written without a note each. Resets and snapshots note every row written, by a temporary
// trigger per table (control/sqlite-state.ts), so that a restore puts back only those rows; but a load that brings
// most of a table's rows has its table rewritten whole by the next restore, and the notes, a third of the insert's
// cost, are never read.
import type BetterSqlite3 from "better-sqlite3";

/** Stops noting the rows inserted into a table, and answers what notes them again. */
type Unnote = (table: string) => () => void;

const noters = new WeakMap<BetterSqlite3.Database, Unnote>();

/** Whoever notes the rows written on the connection says how to stop. */
export function notingWrites(sqlite: BetterSqlite3.Database, unnote: Unnote): void {
  noters.set(sqlite, unnote);
}

/**
 * Stops noting the rows inserted into `table` and answers what notes them again; meanwhile, and after, the table is
 * rewritten whole by the restore of any image saved before. Call inside the load's transaction: its rollback puts
 * the note back.
 */
export function deferInsertNotes(sqlite: BetterSqlite3.Database, table: string): () => void {
  return noters.get(sqlite)?.(table) ?? (() => {});
}
