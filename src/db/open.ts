// Opens the database (SQLite in a temporary file, in memory or in a WAL file, or PostgreSQL by URL), wraps it in
// Kysely and brings the schema up to date.
import { accessSync, constants, statSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteStatement } from "kysely";
import { defaultConfig, TEMPORARY_DB } from "../config.js";
import { isPostgresUrl, type DialectKind } from "./dialect.js";
import { migrate } from "./migrate.js";
import { openPostgres } from "./postgres.js";
import { withRowObjects } from "./row-objects.js";
import { withSqlFunctions } from "./sql-functions.js";
import { ownTempDir } from "./temp-dir.js";
import type { Database } from "./schema.js";

export interface OpenDatabase {
  kind: DialectKind;
  db: Kysely<Database>;
  /** The SQLite connection under `db`; undefined on PostgreSQL. */
  sqlite: BetterSqlite3.Database | undefined;
  changes: ChangeCounter;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL: connections in the pool. */
  poolSize?: number;
  /** SQLite in a file (named or temporary): the page cache. */
  cacheMiB?: number;
  /** Told the migrations an existing database is about to run. */
  onUpgrade?: (pending: string[]) => void;
}

/**
 * A number that moves whenever a row is inserted, updated or deleted anywhere in the database, through any handle
 * (SQLite's total_changes() of the one connection, triggers included). Caches of data read from the database keep
 * the number they were filled at and are stale once it moved: coarse, but never wrong, and a few µs to ask.
 */
export type ChangeCounter = () => number;

function changeCounter(sqlite: BetterSqlite3.Database): ChangeCounter {
  const statement = sqlite.prepare("select total_changes()").pluck();
  return () => statement.get() as number;
}

const STATEMENT_CACHE_LIMIT = 500;
const BOUND_LIMIT = /\blimit \?/gi;
// The temporary database's pages: four times SQLite's default, so a load writes, and an index build or a long page
// reads, a quarter of the pages (each through a system call and a copy into the page cache).
const TEMPORARY_PAGE_BYTES = 16384;

const connections = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

/** The connection under a database from openDatabase: bulk writes (fixture loading) prepare statements on it directly. */
export function sqliteOf(db: Kysely<Database>): BetterSqlite3.Database {
  const sqlite = connections.get(db);
  if (!sqlite) throw new Error("not a database opened by openDatabase()");
  return sqlite;
}

/**
 * Kysely's SQLite driver prepares every statement anew; a query shape repeats on every request, so the prepared
 * statement is kept and reused (preparing was ~8% of a simple read's CPU). Statements are run to completion
 * synchronously, so one shared statement per SQL text is safe. Their rows are made into objects in JavaScript
 * (row-objects.ts).
 *
 * A LIMIT that is a bound parameter is given to SQLite as an expression (`limit ? + 0`): the SQLite better-sqlite3
 * bundles (built with STAT4) plans `limit ?` with the value bound, so binding the next value expires the statement and
 * every execution prepared it again from its text. An expression is not read for its value: the statement is
 * planned once and kept.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): BetterSqlite3.Database {
  const cache = new Map<string, SqliteStatement>();
  const prepare = sqlite.prepare.bind(sqlite);
  return new Proxy(sqlite, {
    get(target, key, receiver) {
      if (key !== "prepare") {
        const value = Reflect.get(target, key, receiver);
        // Native methods need the real database as `this`.
        return typeof value === "function" ? value.bind(target) : value;
      }
      return (sql: string) => {
        let statement = cache.get(sql);
        if (!statement) {
          statement = withRowObjects(prepare(sql.replace(BOUND_LIMIT, "limit ? + 0")));
          if (cache.size >= STATEMENT_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
          cache.set(sql, statement);
        }
        return statement;
      };
    },
  });
}

/** A database file that cannot be used: the message names it and says why, in terms of what to fix. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly location: string,
    cause: unknown,
  ) {
    super(`${location}: cannot open the database (${whyNot(location, cause)})`, { cause });
  }
}

function whyNot(location: string, cause: unknown): string {
  const code = (cause as { code?: unknown }).code;
  switch (code) {
    case "SQLITE_NOTADB":
      return "the file is not a SQLite database";
    case "SQLITE_CORRUPT":
      return "the database file is corrupt";
    case "SQLITE_READONLY_DIRECTORY":
      return `its directory ${dirname(location)} is not writable, and SQLite keeps its WAL files beside the database`;
    case "SQLITE_BUSY":
    case "SQLITE_LOCKED":
      return "another process holds it locked";
  }
  if (typeof code === "string" && code.startsWith("SQLITE_READONLY")) return "the file is not writable";
  // SQLite's own "unable to open database file" says nothing of why (better-sqlite3 checks only that the directory
  // exists): the file system does.
  const dir = dirname(location);
  try {
    const parent = statSync(dir, { throwIfNoEntry: false });
    if (!parent) return `the directory ${dir} does not exist`;
    if (!parent.isDirectory()) return `${dir} is not a directory`;
    const file = statSync(location, { throwIfNoEntry: false });
    if (file?.isDirectory()) return "it is a directory";
    if (file) accessSync(location, constants.R_OK | constants.W_OK);
    else accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    const { code: denied, path } = e as { code?: string; path?: string };
    if (denied === "EACCES" || denied === "EPERM") return `permission denied on ${path ?? location}`;
  }
  return (cause as Error).message;
}

/** `location`: a `postgres://` URL, a SQLite file, ":memory:", or TEMPORARY_DB. */
export async function openDatabase(location: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  if (isPostgresUrl(location)) return openPostgres(location, options.poolSize ?? defaultConfig.dbPoolSize, options.onUpgrade);
  const named = location !== ":memory:" && location !== TEMPORARY_DB;
  // The temporary database is a file of a directory of the emulator's own: an image of it (reset, snapshots) is
  // then a copy of the file (control/images.ts).
  const temporary = location === TEMPORARY_DB ? ownTempDir("db") : undefined;
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    sqlite = new BetterSqlite3(temporary ? join(temporary.path, "tenant.db") : location);
    sqlite.pragma("foreign_keys = ON");
    // Before the cache's size: SQLite turns a size in KiB into pages at the page size of the time.
    if (temporary) sqlite.pragma(`page_size = ${TEMPORARY_PAGE_BYTES}`);
    // SQLite counts a negative size in KiB.
    if (location !== ":memory:") sqlite.pragma(`cache_size = -${(options.cacheMiB ?? defaultConfig.dbCacheMiB) * 1024}`);
    if (named) {
      // The first write: a file that is not a database, or that this process may not write, fails here.
      sqlite.pragma("journal_mode = WAL");
      // WAL + NORMAL is durable across process crashes; only an OS crash can lose the last commits.
      sqlite.pragma("synchronous = NORMAL");
      sqlite.pragma("busy_timeout = 5000");
    } else if (temporary) {
      // Nothing outlives the process, so nothing is synced. No other process opens the file: the lock is taken once
      // (not on every statement), and the page cache is kept between transactions. The rollback journal stays a
      // file: in memory it held the old copy of every page a large load changed (90k alerts raised over 1M events:
      // +700 MiB).
      sqlite.pragma("synchronous = OFF");
      sqlite.pragma("locking_mode = EXCLUSIVE");
    }
  } catch (e) {
    sqlite?.close();
    temporary?.remove();
    throw named ? new DatabaseOpenError(location, e) : e;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrate(db, options.onUpgrade);
  connections.set(db, sqlite);
  const forgetFunctions = withSqlFunctions(sqlite);
  const close = async () => {
    forgetFunctions();
    await db.destroy();
    temporary?.remove();
  };
  return { kind: "sqlite", db, sqlite, changes: changeCounter(sqlite), close };
}
