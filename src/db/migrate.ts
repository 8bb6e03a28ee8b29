// Brings a database's schema up to date with the migrations in migrations/ (the same files on both engines).
import { Migrator, type Kysely } from "kysely";
import { migrations } from "../../migrations/index.js";
import type { Database } from "./schema.js";

/**
 * On failure the database is closed and the error names the migration. `onUpgrade` is told the migrations about to
 * run on a database that already had some (a new one runs them all in a blink): on a large one they can take a while.
 */
export async function migrate(db: Kysely<Database>, onUpgrade?: (pending: string[]) => void): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  if (onUpgrade) {
    const known = await migrator.getMigrations();
    const pending = known.filter((m) => !m.executedAt).map((m) => m.name);
    if (pending.length && pending.length < known.length) onUpgrade(pending);
  }
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    await db.destroy();
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
