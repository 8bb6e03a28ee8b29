// An empty database with every migration applied, written by `npm run build` (dist/schema.json): an in-memory
// database replays its statements instead of running the migrations through Kysely (~10 ms of a start-up). The
// migrator still runs after it: it finds everything applied, or applies what the image does not have yet.
// A replay, not SQLite's deserialize: a deserialized database is capped at 1 GiB, and a 1M-user tenant is larger.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { packageRoot } from "../paths.js";

export const schemaImageFile = join(packageRoot, "dist", "schema.json");
/** Kysely's own table of the migrations it applied: the image is current when it holds them all. */
const MIGRATION_TABLE = "kysely_migration";

interface SchemaImage {
  /** CREATE statements of tables, indexes and triggers, in the order SQLite keeps them (their creation order). */
  statements: string[];
  /** The rows the migrations left (the migrator's own bookkeeping), per table. */
  rows: Record<string, unknown[][]>;
}

/**
 * The image, if it holds every one of these migrations; else null (the migrations run). Asked of the image itself,
 * not of the migration files' times: an installed package has only the compiled migrations, in its bundle.
 */
export function readSchemaImage(migrationNames: string[]): SchemaImage | null {
  let image: SchemaImage;
  try {
    image = JSON.parse(readFileSync(schemaImageFile, "utf8")) as SchemaImage;
  } catch {
    return null;
  }
  const applied = new Set((image.rows[MIGRATION_TABLE] ?? []).map((row) => row[0]));
  return migrationNames.every((name) => applied.has(name)) ? image : null;
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
