// Which SQL engine a Kysely instance talks to. SQLite (better-sqlite3) is the embedded default; PostgreSQL serves a
// tenant shared by several emulator nodes. Stores and migrations branch on it only where the SQL must differ.
import { PostgresAdapter, sql, type Kysely, type OrderByItemBuilder, type RawBuilder } from "kysely";
import { TEMPORARY_DB } from "../config.js";

export type DialectKind = "sqlite" | "postgres";

/** A `--db` value that names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** A `--db` value as logs show it: a URL without its password. */
export function shownDb(location: string): string {
  if (location === TEMPORARY_DB) return "a temporary file";
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

/** `expr` is one of `values`: SQLite reads a JSON list (one parameter whatever its length), PostgreSQL an array. */
export function inList(db: Kysely<any>, expr: RawBuilder<unknown> | string, values: readonly unknown[]): RawBuilder<boolean> {
  const x = typeof expr === "string" ? sql.ref(expr) : expr;
  return isPostgres(db) ? sql<boolean>`${x} = any(${[...values]})` : sql<boolean>`${x} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * `expr` is one of the values of `json`, a JSON array bound as one text parameter: for queries compiled once with
 * placeholders (compiledOnce), which cannot bind an array of their own length. PostgreSQL unpacks it to `type`.
 */
export function inJsonList(db: Kysely<any>, expr: RawBuilder<unknown> | string, json: unknown, type: "bigint" | "text"): RawBuilder<boolean> {
  const x = typeof expr === "string" ? sql.ref(expr) : expr;
  return isPostgres(db)
    ? sql<boolean>`${x} in (select value::${sql.raw(type)} from jsonb_array_elements_text(cast(${json} as jsonb)) as value)`
    : sql<boolean>`${x} in (select value from json_each(${json}))`;
}

/**
 * An ORDER BY direction whose NULLs sort as SQLite's do, as the smallest value (first ascending, last descending);
 * PostgreSQL's NULLs are the largest. Unchanged SQL on SQLite.
 */
export function orderLikeSqlite(db: Kysely<any>, desc: boolean): (ob: OrderByItemBuilder) => OrderByItemBuilder {
  if (!isPostgres(db)) return desc ? (ob) => ob.desc() : (ob) => ob.asc();
  return desc ? (ob) => ob.desc().nullsLast() : (ob) => ob.asc().nullsFirst();
}

/** `needle` occurs in `haystack` (case as given). */
export function contains(db: Kysely<any>, haystack: RawBuilder<unknown>, needle: unknown): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`strpos(${haystack}, ${needle}) > 0` : sql<boolean>`instr(${haystack}, ${needle}) > 0`;
}

/**
 * A LIKE that ignores ASCII case, as SQLite's does (its patterns escape with a backslash here). PostgreSQL's LIKE
 * minds case, so there it is ILIKE.
 */
export function likeNoCase(db: Kysely<any>, expr: RawBuilder<unknown>, pattern: string): RawBuilder<boolean> {
  return isPostgres(db) ? sql<boolean>`${expr} ilike ${pattern} escape '\\'` : sql<boolean>`${expr} like ${pattern} escape '\\'`;
}

/** Socket failures and PostgreSQL's connection and shutdown classes (08, 57P0x). */
const UNAVAILABLE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|08\d{3}|57P0[1-3])$/;

/** Whether an error means the database cannot be reached now (a node answers 503 and recovers with it). */
export function isDatabaseUnavailable(e: unknown): boolean {
  const { code, message } = (e ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string" && UNAVAILABLE.test(code)) return true;
  return typeof message === "string" && /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended/i.test(message);
}
