// Reset, snapshots and tenant copies on SQLite: an image file of the database (images.ts), restored by attaching it
// and copying every data table back in one transaction. Kept as rows in JavaScript arrays, the baseline of a
// 100k-user tenant took 185 MiB of heap; as a file it takes none. Everything here runs synchronously, so a call's
// work is done when it returns, whatever its promise; but the copy of an image's file, which goes on behind
// (images.ts), and which every call on images waits for.
import type BetterSqlite3 from "better-sqlite3";
import { notingWrites } from "../db/unnoted-writes.js";
import { ImageFiles } from "./images.js";
import { orderTables, SKIPPED, type CopyStep, type InsertStep, type Row, type RowPlan, type RowsStep, type StateEngine, type TableInfo } from "./tables.js";

function readDataTables(sqlite: BetterSqlite3.Database): TableInfo[] {
  const names = (sqlite.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").all() as { name: string }[])
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const parents = new Map(names.map((n) => [n, (sqlite.prepare(`pragma foreign_key_list("${n}")`).all() as { table: string }[]).map((f) => f.table)]));
  return orderTables(names, parents).map((name) => ({
    name,
    // hidden 2 and 3 are generated columns: SQLite computes them, an insert may not name them.
    columns: (sqlite.prepare(`pragma table_xinfo("${name}")`).all() as { name: string; hidden: number }[]).filter((c) => c.hidden === 0).map((c) => c.name),
  }));
}

/** Runs a plan's steps as they come, synchronously. */
export function runSync<T>(sqlite: BetterSqlite3.Database, tables: TableInfo[], plan: RowPlan<T>): T {
  const columns = new Map(tables.map((t) => [t.name, t.columns]));
  // A copy reads and inserts rows of a few shapes hundreds of thousands of times: each shape is prepared once
  // (preparing it each time, and collecting the statements after, was most of a large tenant's copy).
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepared = (text: string) => statements.get(text) ?? statements.set(text, sqlite.prepare(text)).get(text)!;
  const readRows = ({ rows: table, where, args }: RowsStep): Row[] => prepared(`select *, rowid as "rowid" from "${table}" where ${where}`).all(...args) as Row[];
  const insertRow = ({ insert: table, row }: InsertStep): number => {
    const cols = columns.get(table)!.filter((c) => row[c] !== undefined);
    const statement = prepared(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) values (${cols.map(() => "?").join(", ")})`);
    return Number(statement.run(...cols.map((c) => row[c])).lastInsertRowid);
  };
  const copyRows = ({ copy: table, from, to, without }: CopyStep): number => {
    const cols = columns.get(table)!.filter((c) => !without.includes(c));
    const values = cols.map((c) => (c === "tenant_uid" ? "?" : `"${c}"`));
    return prepared(`insert into "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) select ${values.join(", ")} from "${table}" where tenant_uid = ? order by rowid`).run(to, from).changes;
  };
  let answer: unknown;
  for (;;) {
    const next = plan.next(answer);
    if (next.done) return next.value;
    const step = next.value;
    answer = "rows" in step ? readRows(step) : "copy" in step ? copyRows(step) : "statement" in step ? prepared(step.statement).run(...step.args).changes : insertRow(step);
  }
}

const WRITES = ["insert", "update", "delete"] as const;

/**
 * The column each table's rowid goes by: its INTEGER PRIMARY KEY, or `rowid` itself. Images (VACUUM INTO) and
 * restores keep rowids, so a row is the same row in the database and in the images it was saved to.
 */
function rowidColumns(sqlite: BetterSqlite3.Database, tables: TableInfo[]): Map<string, string> {
  return new Map(
    tables.map(({ name }) => {
      const keys = (sqlite.prepare(`pragma table_info("${name}")`).all() as { name: string; type: string; pk: number }[]).filter((c) => c.pk > 0);
      return [name, keys.length === 1 && keys[0]!.type.toUpperCase() === "INTEGER" ? keys[0]!.name : "rowid"];
    }),
  );
}

/** The columns a restore writes, the rowid among them. */
const restoredColumns = (columns: string[], rowid: string) => (rowid === "rowid" ? ["rowid", ...columns] : columns).map((c) => `"${c}"`).join(", ");

/** The temporary table a data table's written rowids are noted in. */
const notes = (table: string) => `temp."written:${table}"`;

/**
 * The rows written since the database was last the same as an image (saved or restored), by table and rowid: a
 * temporary trigger per table and kind of write appends their rowids to a temporary table of the table's own, so
 * restoring that image again puts back only those rows. A test that blocked one user or opened one case in a
 * 100k-user tenant no longer has whole tables rewritten to undo it. The rows the schema's triggers write are noted
 * as theirs are (triggers fire the temporary ones too). The notes have no key: a row written twice is noted twice,
 * which the restore's `in` sets aside, and a write pays an append, not a lookup (a lookup in one keyed table of
 * every note made a 100k-user tenant's copy twice as slow). Nothing may write with REPLACE: the rows it deletes fire
 * no trigger, so they would not be put back.
 *
 * Each image keeps its own mark in the notes (the last note of each table when the database was that image), so a
 * snapshot saved after the reset baseline leaves the baseline's undo as it was: the reset after it puts back what
 * was written since the reset, the snapshot's restore what was written since the snapshot.
 */
class WrittenRows {
  /** Per image, by the tables' order: the last note when the database was the image, or WHOLE. No marks: unknown. */
  private readonly marks = new Map<string, number[]>();
  private readonly tops: BetterSqlite3.Statement;
  /** Per table: its notes before a number, and all of them. */
  private readonly before: BetterSqlite3.Statement[];
  private readonly clear: BetterSqlite3.Statement[];

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly tables: TableInfo[],
  ) {
    // Temporary tables and statement journals in memory (which drops any temporary object, and there is none yet). A
    // statement on a table with triggers that may fail halfway keeps the pages it changes in a statement journal;
    // once one outgrew 64 KiB in a transaction, every later statement of it wrote its pages to a file, which made
    // each row of a bulk insert (a large tenant's copy) cost four times as much. Set here, not when the database is
    // opened: the start-up load, before these triggers, peaked 130 MiB higher with it at 1M users.
    sqlite.pragma("temp_store = memory");
    // Temporary: the triggers and their tables belong to this connection, never to the database file.
    for (const { name } of tables) {
      sqlite.exec(`create temp table if not exists ${notes(name)} (id integer)`);
      for (const write of WRITES) this.watch(name, write);
    }
    this.tops = sqlite.prepare(`select ${tables.map(({ name }) => `(select coalesce(max(rowid), 0) from ${notes(name)})`).join(", ")}`).raw();
    this.before = tables.map(({ name }) => sqlite.prepare(`delete from ${notes(name)} where rowid < ?`));
    this.clear = tables.map(({ name }) => sqlite.prepare(`delete from ${notes(name)}`));
    notingWrites(sqlite, (table) => this.unnoted(table));
  }

  /**
   * Inserts into the table go unnoted until the answer is called: every image's restore rewrites it whole. A load
   * inside another finds them unnoted already and leaves the noting to it.
   */
  private unnoted(table: string): () => void {
    const trigger = `written_insert_${table}`;
    if (!this.sqlite.prepare("select 1 from temp.sqlite_master where type = 'trigger' and name = ?").get(trigger)) return () => {};
    const i = this.tables.findIndex((t) => t.name === table);
    for (const mark of this.marks.values()) mark[i] = WHOLE;
    this.sqlite.exec(`drop trigger temp."${trigger}"`);
    return () => this.watch(table, "insert");
  }

  private watch(table: string, write: (typeof WRITES)[number]): void {
    // An update may change the rowid: both rows are noted then.
    const note =
      write === "insert"
        ? `insert into ${notes(table)} (id) values (new.rowid);`
        : write === "delete"
          ? `insert into ${notes(table)} (id) values (old.rowid);`
          : `insert into ${notes(table)} (id) values (old.rowid); insert into ${notes(table)} (id) select new.rowid where new.rowid <> old.rowid;`;
    this.sqlite.exec(`create temp trigger if not exists "written_${write}_${table}" after ${write} on main."${table}" begin ${note} end`);
  }

  /** Runs `empty` with these tables' delete triggers off: SQLite empties a table without one in a single truncation. */
  withoutDeleteTriggers(tables: string[], empty: () => void): void {
    for (const table of tables) this.sqlite.exec(`drop trigger if exists temp."written_delete_${table}"`);
    try {
      empty();
    } finally {
      for (const table of tables) this.watch(table, "delete");
    }
  }

  /** The tables with rows written since the database was the image; undefined when that is not known. */
  tablesSince(image: string): Set<string> | undefined {
    const mark = this.marks.get(image);
    if (!mark) return undefined;
    const tops = this.tops.get() as number[];
    return new Set(this.tables.filter((_, i) => mark[i] === WHOLE || tops[i]! > mark[i]!).map((t) => t.name));
  }

  /**
   * Many rows of the table were written since the image, most of its rows (a load, say): emptying it and filling it
   * again is faster than visiting each of them in every index.
   */
  mostly(table: string, image: string): boolean {
    const mark = this.markOf(table, image);
    if (mark === WHOLE) return true;
    return this.sqlite.prepare(`select n >= 1000 and n * 2 >= (select count(*) from main."${table}") from (select count(*) as n from ${notes(table)} where rowid > ?)`).pluck().get(mark) === 1;
  }

  /** SQL true of the rows of `table` written since the image. */
  rows(table: string, image: string): string {
    return `rowid in (select id from ${notes(table)} where rowid > ${this.markOf(table, image)})`;
  }

  private markOf(table: string, image: string): number {
    return this.marks.get(image)![this.tables.findIndex((t) => t.name === table)]!;
  }

  /** The database is the image `name` now (saved or restored); `emptied` tables were emptied without notes. */
  are(name: string, emptied: Iterable<string> = []): void {
    const gone = new Set(emptied);
    // The rows an emptied table lost are in no note: another image's restore must rewrite that table whole.
    for (const [image, mark] of this.marks) if (image !== name) this.tables.forEach((t, i) => gone.has(t.name) && (mark[i] = WHOLE));
    this.marks.set(name, this.tops.get() as number[]);
    this.trim();
  }

  dropped(name: string): void {
    this.marks.delete(name);
    this.trim();
  }

  /** Notes no image's undo reads any more are dropped: those before every image's mark. */
  private trim(): void {
    const marks = [...this.marks.values()];
    this.tables.forEach((_, i) => {
      const kept = marks.map((mark) => mark[i]!).filter((m) => m !== WHOLE);
      // The last note before the marks stays, so that new notes never take the numbers of the old ones.
      if (!kept.length) this.clear[i]!.run();
      else this.before[i]!.run(Math.min(...kept));
    });
  }
}

/** A table an image's restore rewrites whole: rows of it were lost without a note since the database was the image. */
const WHOLE = -1;

export function sqliteState(sqlite: BetterSqlite3.Database): StateEngine {
  // The schema is final once the database is open (migrations run first), and a reset reads it every time.
  let known: TableInfo[] | undefined;
  const tables = () => (known ??= readDataTables(sqlite));
  let rowidsKnown: Map<string, string> | undefined;
  const rowids = () => (rowidsKnown ??= rowidColumns(sqlite, tables()));
  let tracked: WrittenRows | undefined;
  const written = () => (tracked ??= new WrittenRows(sqlite, tables()));
  const files = new ImageFiles();
  const named = new Map<string, { file: string; savedAt: string; copied: Promise<void> }>();

  return {
    tables: async () => tables(),
    // Each waits for an image still being copied: until then the database is not in its own journal mode.
    saveImage: async (name, savedAt) => {
      await files.settled();
      const replaced = named.get(name);
      named.set(name, { ...files.save(sqlite), savedAt });
      if (replaced) files.drop(replaced.file);
      written().are(name);
    },
    restoreImage: async (name) => {
      await files.settled();
      const image = named.get(name);
      if (!image) return false;
      await image.copied;
      const w = written();
      w.are(name, restoreImage(sqlite, tables(), rowids(), image.file, w, name));
      return true;
    },
    dropImage: async (name) => {
      await files.settled();
      const image = named.get(name);
      if (image) files.drop(image.file);
      written().dropped(name);
      return named.delete(name);
    },
    images: async () => [...named].map(([name, { savedAt }]) => ({ name, savedAt })),
    run: async (plan) => sqlite.transaction(() => runSync(sqlite, tables(), plan))(),
    deleteTenant: async (tenantUid) =>
      sqlite.transaction(() => {
        if (!sqlite.prepare("select 1 from tenants where tenant_uid = ?").get(tenantUid)) return false;
        sqlite.pragma("defer_foreign_keys = ON");
        sqlite.prepare("delete from device_backups where computer_id in (select computer_id from devices where tenant_uid = ?)").run(tenantUid);
        for (const { name, columns } of [...tables()].reverse()) if (columns.includes("tenant_uid")) sqlite.prepare(`delete from "${name}" where tenant_uid = ?`).run(tenantUid);
        return true;
      })(),
    dump: async () => [
      ...tables().map(({ name, columns }) => ({
        table: name,
        rows: sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(", ")} from "${name}"`).raw().all() as unknown[][],
      })),
      { table: "sqlite_sequence", rows: sqlite.prepare("select name, seq from sqlite_sequence").raw().all() as unknown[][] },
    ],
    close: async () => {
      await files.settled();
      files.close();
    },
  };
}

/**
 * Back to the image `name` in `file`: only the rows written since the database was that image, of the tables they
 * were written to, when `written` knows them; every row of every data table otherwise. The schema's triggers are
 * dropped meanwhile and made again after, in the same transaction, as PostgreSQL's are disabled: the image's rows are
 * consistent as they are, and a trigger fired by a row put back would write rows that are not. Answers the tables
 * emptied and filled again whole.
 */
function restoreImage(sqlite: BetterSqlite3.Database, tables: TableInfo[], rowids: Map<string, string>, file: string, written: WrittenRows, image: string): Set<string> {
  const only = written.tablesSince(image);
  let whole = new Set<string>();
  sqlite.prepare("attach database ? as image").run(file);
  // The image is consistent as a whole. Without foreign-key checks, emptying a table is one truncation instead of
  // a visit to every row, and no row is checked against its parents again (the pragma is ignored inside a transaction).
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
  sqlite.pragma("foreign_keys = OFF");
  try {
    sqlite.transaction(() => {
      const rewritten = only ? tables.filter((t) => only.has(t.name)) : tables;
      const triggers = sqlite
        .prepare(`select name, sql from main.sqlite_master where type = 'trigger' and tbl_name in (${rewritten.map(() => "?").join(", ")})`)
        .all(...rewritten.map((t) => t.name)) as { name: string; sql: string }[];
      for (const { name } of triggers) sqlite.exec(`drop trigger main."${name}"`);
      // The tables emptied and filled again; of the others, only the rows written are put back.
      whole = new Set(rewritten.map((t) => t.name).filter((table) => !only || written.mostly(table, image)));
      const which = (table: string) => (whole.has(table) ? "" : ` where ${written.rows(table, image)}`);
      written.withoutDeleteTriggers([...whole], () => [...rewritten].reverse().forEach(({ name }) => sqlite.prepare(`delete from main."${name}"${which(name)}`).run()));
      for (const { name: table, columns } of rewritten) {
        // In rowid order, as the rows were made, and with their rowids: the next restore finds them by rowid.
        const list = restoredColumns(columns, rowids.get(table)!);
        sqlite.prepare(`insert into main."${table}" (${list}) select ${list} from image."${table}"${which(table)} order by rowid`).run();
      }
      for (const { sql } of triggers) sqlite.exec(sql);
      // After the rows: inserting them moved the counters, so ids given after a restore are the image's next ones.
      sqlite.prepare("delete from main.sqlite_sequence").run();
      sqlite.prepare("insert into main.sqlite_sequence (name, seq) select name, seq from image.sqlite_sequence").run();
    })();
  } finally {
    sqlite.pragma(`foreign_keys = ${foreignKeys}`);
    sqlite.exec("detach database image");
  }
  return whole;
}
