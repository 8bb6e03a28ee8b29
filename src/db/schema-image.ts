// An empty database with every migration applied, written by `npm run build` (dist/schema.db): an in-memory
// database opens from it instead of running the migrations' ~100 statements through Kysely (~10 ms of a start-up).
// The migrator still runs after it: it finds everything applied, or applies what the image does not have yet.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { packageRoot } from "../paths.js";

export const schemaImageFile = join(packageRoot, "dist", "schema.db");
const migrationsDir = join(packageRoot, "migrations");

/** The image, if it was written after the last change to a migration; else null (the migrations run). */
export function readSchemaImage(): Buffer | null {
  const built = statSync(schemaImageFile, { throwIfNoEntry: false });
  if (!built) return null;
  const current = readdirSync(migrationsDir).every((f) => statSync(join(migrationsDir, f)).mtimeMs <= built.mtimeMs);
  return current ? readFileSync(schemaImageFile) : null;
}

export function writeSchemaImage(sqlite: BetterSqlite3.Database): void {
  writeFileSync(schemaImageFile, sqlite.serialize());
}
