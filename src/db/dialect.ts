// Which SQL engine a Kysely instance talks to. SQLite (better-sqlite3) is the embedded default; PostgreSQL serves a
// tenant shared by several emulator nodes. Stores and migrations branch on it only where the SQL must differ.
import { PostgresAdapter, type Kysely } from "kysely";

export type DialectKind = "sqlite" | "postgres";

/** A `--db` value that names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A `--db` value as logs show it: a URL without its password. */
export function shownDb(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return "postgres://…";
  }
}

const kinds = new WeakMap<object, DialectKind>();

export function dialectOf(db: Kysely<any>): DialectKind {
  const adapter = db.getExecutor().adapter;
  let kind = kinds.get(adapter);
  if (!kind) kinds.set(adapter, (kind = adapter instanceof PostgresAdapter ? "postgres" : "sqlite"));
  return kind;
}

export const isPostgres = (db: Kysely<any>): boolean => dialectOf(db) === "postgres";
