// Whole-database copies for reset and snapshots: an image file of the database (images.ts), restored by attaching
// it and copying every data table back in one transaction. Kept as rows in JavaScript arrays, the baseline of a
// 100k-user tenant took 185 MiB of heap; as a file it takes none.
import type BetterSqlite3 from "better-sqlite3";

/** Rows the triggers keep from other tables: restored last, in place of whatever the triggers made meanwhile. */
const DERIVED = ["watchlist_users", "watchlist_user_counts"];
/** Not state: the schema's own bookkeeping, and the signing keys (tokens stay valid across a reset). */
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock", "signing_keys"]);

interface TableInfo {
  name: string;
  columns: string[];
}

const schemas = new WeakMap<BetterSqlite3.Database, TableInfo[]>();

/** Data tables with their stored (not generated) columns, parents before children. */
export function dataTables(sqlite: BetterSqlite3.Database): TableInfo[] {
  // The schema is final once the database is open (migrations run first), and a reset reads it every time.
  let tables = schemas.get(sqlite);
  if (!tables) schemas.set(sqlite, (tables = readDataTables(sqlite)));
  return tables;
}

function readDataTables(sqlite: BetterSqlite3.Database): TableInfo[] {
  const names = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const parents = new Map(names.map((n) => [n, (sqlite.prepare(`pragma foreign_key_list("${n}")`).all() as { table: string }[]).map((f) => f.table).filter((t) => t !== n)]));
  const ordered: string[] = [];
  const visit = (n: string) => {
    if (ordered.includes(n)) return;
    for (const p of parents.get(n) ?? []) if (names.includes(p)) visit(p);
    ordered.push(n);
  };
  names.forEach(visit);
  const sorted = [...ordered.filter((n) => !DERIVED.includes(n)), ...DERIVED.filter((n) => names.includes(n))];
  return sorted.map((name) => ({
    name,
    // hidden 2 and 3 are generated columns: SQLite computes them, an insert may not name them.
    columns: (sqlite.prepare(`pragma table_xinfo("${name}")`).all() as { name: string; hidden: number }[]).filter((c) => c.hidden === 0).map((c) => c.name),
  }));
}

/** Every data table's rows, for comparing states (a test checks that refused requests change none). */
export function dumpTables(sqlite: BetterSqlite3.Database): { table: string; rows: unknown[][] }[] {
  const dumps = dataTables(sqlite).map(({ name, columns }) => ({
    table: name,
    rows: sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(", ")} from "${name}"`).raw().all() as unknown[][],
  }));
  return [...dumps, { table: "sqlite_sequence", rows: sqlite.prepare("select name, seq from sqlite_sequence").raw().all() as unknown[][] }];
}

/** Back to an image's data tables; what SKIPPED names stays as it is. */
export function restoreImage(sqlite: BetterSqlite3.Database, file: string): void {
  const tables = dataTables(sqlite);
  sqlite.prepare("attach database ? as image").run(file);
  // The image is consistent as a whole. Without foreign-key checks, emptying a table is one truncation instead of
  // a visit to every row, and no row is checked against its parents again (the pragma is ignored inside a transaction).
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
  sqlite.pragma("foreign_keys = OFF");
  try {
    sqlite.transaction(() => {
      for (const { name } of [...tables].reverse()) sqlite.prepare(`delete from main."${name}"`).run();
      for (const { name, columns } of tables) {
        // The triggers have made rows here by now: cleared, so the image's rows go in as they were.
        if (DERIVED.includes(name)) sqlite.prepare(`delete from main."${name}"`).run();
        const list = columns.map((c) => `"${c}"`).join(", ");
        // In rowid order, as the rows were made: rowids are given anew, their order is what readers rely on.
        sqlite.prepare(`insert into main."${name}" (${list}) select ${list} from image."${name}" order by rowid`).run();
      }
      // After the rows: inserting them moved the counters, so ids given after a restore are the image's next ones.
      sqlite.prepare("delete from main.sqlite_sequence").run();
      sqlite.prepare("insert into main.sqlite_sequence (name, seq) select name, seq from image.sqlite_sequence").run();
    })();
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys}`);
    sqlite.exec("detach database image");
  }
}
