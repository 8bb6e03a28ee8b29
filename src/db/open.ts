// Opens SQLite (in memory or a WAL file), wraps it in Kysely and brings the schema up to date.
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect, type MigrationProvider } from "kysely";
import { migrations } from "../../migrations/index.js";
import type { Database } from "./schema.js";

export interface OpenDatabase {
  db: Kysely<Database>;
  sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function openDatabase(location: string): Promise<OpenDatabase> {
  const sqlite = new BetterSqlite3(location);
  sqlite.pragma("foreign_keys = ON");
  if (location !== ":memory:") {
    sqlite.pragma("journal_mode = WAL");
    // WAL + NORMAL is durable across process crashes; only an OS crash can lose the last commits.
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 5000");
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
  return { db, sqlite, close: () => db.destroy() };
}
