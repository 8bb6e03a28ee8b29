// Whole-database copies for reset and snapshots: every data table's rows, restored in one transaction.
import type BetterSqlite3 from "better-sqlite3";

export interface TableDump {
  table: string;
  columns: string[];
  rows: unknown[][];
}

/** Rows copied by the triggers from other tables: restored last, over whatever the triggers made meanwhile. */
const DERIVED = ["detection_list_entries", "detection_list_counts"];
/** Not state: the schema's own bookkeeping, and the signing keys (tokens stay valid across a reset). */
const SKIPPED = new Set(["kysely_migration", "kysely_migration_lock", "signing_keys"]);

interface TableInfo {
  name: string;
  columns: string[];
}

/** Data tables with their stored (not generated) columns, parents before children. */
export function dataTables(sqlite: BetterSqlite3.Database): TableInfo[] {
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

export function dumpTables(sqlite: BetterSqlite3.Database): TableDump[] {
  const dumps = dataTables(sqlite).map(({ name, columns }) => ({
    table: name,
    columns,
    rows: sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(", ")} from "${name}"`).raw().all() as unknown[][],
  }));
  // The autoincrement counters, so ids given after a restore are the ones given after the dump.
  const seq = sqlite.prepare("select name, seq from sqlite_sequence").raw().all() as unknown[][];
  return [...dumps, { table: "sqlite_sequence", columns: ["name", "seq"], rows: seq }];
}

export function restoreTables(sqlite: BetterSqlite3.Database, dumps: TableDump[]): void {
  const tables = dataTables(sqlite);
  sqlite.transaction(() => {
    sqlite.pragma("defer_foreign_keys = ON");
    for (const { name } of [...tables].reverse()) sqlite.prepare(`delete from "${name}"`).run();
    sqlite.prepare("delete from sqlite_sequence").run();
    for (const dump of dumps) {
      if (dump.rows.length === 0) continue;
      const verb = DERIVED.includes(dump.table) ? "insert or replace" : "insert";
      const insert = sqlite.prepare(`${verb} into "${dump.table}" (${dump.columns.map((c) => `"${c}"`).join(", ")}) values (${dump.columns.map(() => "?").join(", ")})`);
      for (const row of dump.rows) insert.run(...row);
    }
  })();
}
