// A database migrated up to (and including) one migration, opened as the emulator opens it (foreign keys on), so a
// test can write rows in an older schema and then run the migrations after it. On SQLite (always) and on PostgreSQL
// (a database of its own in the cluster C42EMU_TEST_PG names: scripts/with-postgres.sh).
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrations } from "../../migrations/index.js";
import { describeOnPostgres, freshPostgresDatabase, PG_CLUSTER } from "./postgres.js";

export type Engine = "sqlite" | "postgres";

// As the emulator reads PostgreSQL: int8 (bigint, count(*)) and numeric as numbers, which SQLite's integers are.
pg.types.setTypeParser(20, Number);
pg.types.setTypeParser(1700, Number);

/** Raw SQL on either engine, in SQLite's terms: `?` placeholders, rows as objects. */
export interface Raw {
  /** One or more statements without parameters. */
  exec(text: string): Promise<void>;
  run(text: string, ...params: unknown[]): Promise<void>;
  all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
}

export interface MigratedDatabase {
  engine: Engine;
  db: Kysely<any>;
  migrator: Migrator;
  raw: Raw;
  /** The SQLite connection (SQLite only). */
  sqlite: BetterSqlite3.Database;
  /** The names of the tables and of the triggers, as the engine's catalogue lists them. */
  objects(): Promise<{ tables: string[]; triggers: string[] }>;
  close(): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$n` (outside quoted text). */
function numbered(text: string): string {
  let n = 0;
  let quoted = false;
  let out = "";
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    out += ch === "?" && !quoted ? `$${++n}` : ch;
  }
  return out;
}

export async function databaseAt(last: string): Promise<{ sqlite: BetterSqlite3.Database; db: Kysely<unknown>; migrator: Migrator }>;
export async function databaseAt(last: string | null, engine: Engine): Promise<MigratedDatabase>;
export async function databaseAt(last: string | null, engine: Engine = "sqlite"): Promise<MigratedDatabase> {
  const opened = engine === "sqlite" ? openSqlite() : await openPostgres();
  const migrator = new Migrator({ db: opened.db, provider: { getMigrations: async () => migrations } });
  if (last !== null) {
    const { error } = await migrator.migrateTo(last);
    if (error) {
      await opened.close();
      throw error;
    }
  }
  return Object.assign(opened, { engine, migrator });
}

function openSqlite(): Omit<MigratedDatabase, "engine" | "migrator"> {
  const sqlite = new BetterSqlite3(":memory:");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
  // better-sqlite3's errors are not Errors to Jest's `rejects.toThrow` (their tag is Object): rethrown as one.
  const plain = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(Object.assign(new Error((e as Error).message), { code: (e as { code?: string }).code }));
    }
  };
  const raw: Raw = {
    exec: (text) => plain(() => void sqlite.exec(text)),
    run: (text, ...params) => plain(() => void sqlite.prepare(text).run(...params)),
    all: <T>(text: string, ...params: unknown[]) => plain(() => sqlite.prepare(text).all(...params) as T[]),
  };
  return {
    db,
    raw,
    sqlite,
    async objects() {
      const rows = sqlite.prepare("select type, name from sqlite_master where type in ('table', 'trigger') and name not like 'sqlite_%' order by name").all() as { type: string; name: string }[];
      return { tables: rows.filter((r) => r.type === "table").map((r) => r.name), triggers: rows.filter((r) => r.type === "trigger").map((r) => r.name) };
    },
    close: () => db.destroy(),
  };
}

async function openPostgres(): Promise<Omit<MigratedDatabase, "engine" | "migrator">> {
  const made = await freshPostgresDatabase();
  const pool = new pg.Pool({ connectionString: made.url, max: 2 });
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
  const raw: Raw = {
    exec: async (text) => void (await pool.query(text)),
    run: async (text, ...params) => void (await pool.query(numbered(text), params)),
    all: async <T>(text: string, ...params: unknown[]) => (await pool.query(numbered(text), params)).rows as T[],
  };
  return {
    db,
    raw,
    get sqlite(): never {
      throw new Error("no SQLite connection: this database is PostgreSQL");
    },
    async objects() {
      const tables = (await pool.query("select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1")).rows;
      const triggers = (await pool.query("select distinct trigger_name as name from information_schema.triggers where trigger_schema = 'public' order by 1")).rows;
      return { tables: tables.map((r) => r.name as string), triggers: triggers.map((r) => r.name as string) };
    },
    async close() {
      await db.destroy();
      await made.drop();
    },
  };
}

/** Whether the PostgreSQL cases run: C42EMU_PG_CLUSTER (or C42EMU_TEST_PG) names a cluster. */
export const hasPostgres = Boolean(PG_CLUSTER);

/**
 * `describe` once per engine: SQLite always, PostgreSQL when there is a cluster, else skipped, saying why. Under CI a
 * missing cluster fails instead: CI always starts one, so its absence is a broken machine, not a choice.
 */
export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  describe(`${name} (SQLite)`, () => fn("sqlite"));
  describeOnPostgres(`${name} (PostgreSQL)`, () => fn("postgres"));
}
