// Brings a database's schema up to date with the migrations in migrations/ (the same files on both engines).
import { Migrator, type Kysely } from "kysely";
import { migrations } from "../../migrations/index.js";
import type { Database } from "./schema.js";

/** On failure the database is closed and the error names the migration. */
export async function migrate(db: Kysely<Database>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
