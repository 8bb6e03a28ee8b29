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
