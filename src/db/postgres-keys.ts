// The integer keys PostgreSQL generates (identity columns), which an insert answers as SQLite answers a rowid.
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";

/** The column PostgreSQL tables have for the order rows were made in (SQLite's implicit rowid); not a key. */
export const ROWID = "rowid";

let keys: Promise<Map<string, string>> | undefined;

/**
 * Table → its generated key column. Read once per process: every database this code opens is migrated to the same
 * schema before anything writes.
 */
export function generatedKeys(db: Kysely<Database>): Promise<Map<string, string>> {
  return (keys ??= sql<{ table_name: string; column_name: string }>`select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and is_identity = 'YES' and column_name <> ${ROWID}`
    .execute(db)
    .then(({ rows }) => new Map(rows.map((r) => [r.table_name, r.column_name]))));
}

/**
 * Moves each identity past the largest key in its table. An insert that gives its own key (fixtures name user and
 * org ids) leaves PostgreSQL's sequence where it was, unlike SQLite's AUTOINCREMENT, and the next generated key
 * would collide.
 */
export async function syncIdentities(db: Kysely<Database>): Promise<void> {
  for (const [table, column] of await generatedKeys(db))
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), m, true) from (select max(${sql.ref(column)}) as m from ${sql.table(table)}) t where m is not null`.execute(db);
}
