// A database migrated up to (and including) one migration, opened as the emulator opens it (foreign keys on), so a
// test can write rows in an older schema and then run the migrations after it.
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrations } from "../../migrations/index.js";

export async function databaseAt(last: string): Promise<{ sqlite: BetterSqlite3.Database; db: Kysely<unknown>; migrator: Migrator }> {
  const sqlite = new BetterSqlite3(":memory:");
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo(last);
  if (error) throw error;
  return { sqlite, db, migrator };
}
