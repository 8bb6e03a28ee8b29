// An empty database with every migration applied, written by `npm run build` (dist/schema.json): an in-memory
// database replays its statements instead of running the migrations through Kysely (~10 ms of a start-up). The
// migrator still runs after it: it finds everything applied, or applies what the image does not have yet.
// A replay, not SQLite's deserialize: a deserialized database is capped at 1 GiB, and a 1M-user tenant is larger.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { packageRoot } from "../paths.js";

export const schemaImageFile = join(packageRoot, "dist", "schema.json");
const migrationsDir = join(packageRoot, "migrations");

interface SchemaImage {
  /** CREATE statements of tables, indexes and triggers, in the order SQLite keeps them (their creation order). */
  statements: string[];
  /** The rows the migrations left (the migrator's own bookkeeping), per table. */
  rows: Record<string, unknown[][]>;
}

/** The image, if it was written after the last change to a migration; else null (the migrations run). */
export function readSchemaImage(): SchemaImage | null {
  const built = statSync(schemaImageFile, { throwIfNoEntry: false });
  if (!built) return null;
  const current = readdirSync(migrationsDir).every((f) => statSync(join(migrationsDir, f)).mtimeMs <= built.mtimeMs);
  return current ? (JSON.parse(readFileSync(schemaImageFile, "utf8")) as SchemaImage) : null;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function writeSchemaImage(sqlite: BetterSqlite3.Database): void {
  // Automatic indexes have no SQL (their table makes them); sqlite_* tables are SQLite's own.
  const objects = sqlite.prepare("select type, name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by rowid").all() as { type: string; name: string; sql: string }[];
  const rows: SchemaImage["rows"] = {};
  for (const { name } of objects.filter((o) => o.type === "table")) {
    const values = sqlite.prepare(`select * from ${quoted(name)}`).raw(true).all() as unknown[][];
    if (values.length > 0) rows[name] = values;
  }
  writeFileSync(schemaImageFile, JSON.stringify({ statements: objects.map((o) => o.sql), rows } satisfies SchemaImage));
}

/** Makes the image's schema and rows in an empty database, in one transaction. */
export function applySchemaImage(sqlite: BetterSqlite3.Database, image: SchemaImage): void {
  sqlite.transaction(() => {
    for (const statement of image.statements) sqlite.exec(statement);
    for (const [table, values] of Object.entries(image.rows)) {
      const insert = sqlite.prepare(`insert into ${quoted(table)} values (${values[0]!.map(() => "?").join(", ")})`);
      for (const row of values) insert.run(row);
    }
  })();
}
