// PostgreSQL through Kysely's own dialect and the pg driver's pool: a tenant shared by several emulator nodes. The
// driver is loaded only here, so the SQLite default never pays for it.
import { Kysely, PostgresDialect, sql } from "kysely";
import { migrate } from "./migrate.js";
import type { ChangeCounter, OpenDatabase } from "./open.js";
import type { Database } from "./schema.js";

/** int8 (counts, 64-bit columns) and numeric (sums) as numbers, as SQLite answers them; every value here fits. */
const NUMBERS = new Set([20, 1700]);

export async function openPostgres(url: string, poolSize: number, onUpgrade?: (pending: string[]) => void): Promise<OpenDatabase> {
  const { default: pg } = await import("pg");
  const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (NUMBERS.has(oid) ? Number : pg.types.getTypeParser(oid, format as "text")) };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle connection the server drops (a restart, a network cut) is reported here; the pool replaces it on the
  // next checkout, and the request that needs it meets the error instead of the process.
  pool.on("error", () => {});
  // Another node's write is invisible to this process, so nothing read may be kept for a later request: the counter
  // moves on every call, and each cache keyed by it (UntilChange and its users) reads through.
  let calls = 0;
  const changes: ChangeCounter = () => ++calls;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrate(db, onUpgrade);
  return { kind: "postgres", db, sqlite: undefined, changes, close: () => db.destroy() };
}

/**
 * The database's collation when it sorts text otherwise than SQLite does (by code point: C or C.UTF-8); undefined
 * when it sorts the same. Lists sorted by name would then come out in another order than on SQLite.
 */
export async function foreignCollation(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ collation: string }>`select datcollate as collation from pg_database where datname = current_database()`.execute(db);
  const collation = rows[0]?.collation ?? "";
  return /^(C|POSIX)(\.utf-?8)?$/i.test(collation) ? undefined : collation;
}
