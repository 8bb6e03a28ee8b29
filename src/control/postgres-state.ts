// Reset, snapshots and tenant copies on PostgreSQL. An image is a schema holding a copy of every data table and the
// id sequences' positions; restoring empties the live tables in one TRUNCATE and copies the image back, in one
// transaction, so every node sees the old state or the new one. Triggers that keep derived rows are held off
// while a table fills (its rows come from the image, derived ones included), which ALTER TABLE allows the tables'
// owner; no superuser setting is needed.
import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";
import { generatedKeys, ROWID } from "../db/postgres-keys.js";
import type { Database } from "../db/schema.js";
import { orderTables, SKIPPED, type CopyStep, type InsertStep, type Row, type RowPlan, type RowsStep, type StateEngine, type TableInfo } from "./tables.js";

const IMAGE_PREFIX = "c42emu_image_";

interface Catalog {
  tables: TableInfo[];
  /** Table → its generated integer key (answered by an insert), if any. */
  keys: Map<string, string>;
  hasRowid: Set<string>;
  /** Tables with triggers of their own. */
  triggered: Set<string>;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function readCatalog(db: Kysely<Database>): Promise<Catalog> {
  const names = (
    await sql<{ name: string }>`select relname as name from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' order by relname`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const fks = (
    await sql<{ child: string; parent: string }>`select c.relname as child, p.relname as parent from pg_constraint f
      join pg_class c on c.oid = f.conrelid join pg_class p on p.oid = f.confrelid
      where f.contype = 'f' and f.connamespace = current_schema()::regnamespace`.execute(db)
  ).rows;
  const parents = new Map<string, string[]>();
  for (const { child, parent } of fks) parents.set(child, [...(parents.get(child) ?? []), parent]);
  const columns = (
    await sql<{ table_name: string; column_name: string; is_generated: string }>`select table_name, column_name, is_generated
      from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
  ).rows;
  const keys = await generatedKeys(db);
  const hasRowid = new Set<string>();
  const stored = new Map<string, string[]>();
  for (const c of columns) {
    if (c.column_name === ROWID) hasRowid.add(c.table_name);
    else if (c.is_generated !== "ALWAYS") stored.set(c.table_name, [...(stored.get(c.table_name) ?? []), c.column_name]);
  }
  const triggered = new Set(
    (
      await sql<{ name: string }>`select distinct c.relname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace`.execute(db)
    ).rows.map((r) => r.name),
  );
  return { tables: orderTables(names, parents).map((name) => ({ name, columns: stored.get(name) ?? [] })), keys, hasRowid, triggered };
}

const raw = <R>(db: Kysely<Database>, text: string, parameters: unknown[] = []) => db.executeQuery<R>(CompiledQuery.raw(text, parameters));

/** `?` placeholders (the plans' own SQL has no other question marks) as PostgreSQL's numbered ones. */
const numbered = (where: string) => {
  let n = 0;
  return where.replace(/\?/g, () => `$${++n}`);
};

async function readRows(trx: Transaction<Database>, step: RowsStep): Promise<Row[]> {
  // The insertion-order column comes with the rows, as SQLite's rowid does; an insert leaves it to the table.
  return (await raw<Row>(trx, `select * from ${q(step.rows)} where ${numbered(step.where)}`, step.args)).rows;
}

async function insertRow(trx: Transaction<Database>, catalog: Catalog, columns: string[], { insert: table, row }: InsertStep): Promise<number> {
  const cols = columns.filter((c) => row[c] !== undefined);
  const key = catalog.keys.get(table);
  const text = `insert into ${q(table)} (${cols.map(q).join(", ")}) values (${cols.map((_, i) => `$${i + 1}`).join(", ")})${key ? ` returning ${q(key)} as id` : ""}`;
  const result = await raw<{ id: number }>(trx, text, cols.map((c) => row[c]));
  return key ? Number(result.rows[0]!.id) : 0;
}

async function copyRows(trx: Transaction<Database>, catalog: Catalog, columns: string[], { copy: table, from, to, without }: CopyStep): Promise<number> {
  const cols = columns.filter((c) => !without.includes(c));
  const values = cols.map((c) => (c === "tenant_uid" ? "$1" : q(c)));
  const order = catalog.hasRowid.has(table) ? ` order by ${q(ROWID)}` : "";
  const result = await raw(trx, `insert into ${q(table)} (${cols.map(q).join(", ")}) select ${values.join(", ")} from ${q(table)} where tenant_uid = $2${order}`, [to, from]);
  return Number(result.numAffectedRows ?? 0);
}

export function postgresState(db: Kysely<Database>): StateEngine {
  // The schema is final once the database is open (migrations run first).
  let known: Promise<Catalog> | undefined;
  const catalog = () => (known ??= readCatalog(db));
  /** The image's schema, once the registry row naming it is gone (in the caller's transaction). */
  const forget = async (trx: Kysely<Database>, name: string): Promise<string | undefined> =>
    (await trx.deleteFrom("emulator_images").where("name", "=", name).returning("image").executeTakeFirst())?.image;

  return {
    tables: async () => (await catalog()).tables,

    async saveImage(name, savedAt) {
      const { tables } = await catalog();
      const image = `${IMAGE_PREFIX}${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
      // One snapshot of every table: a write between two tables' copies is in both or in neither.
      await db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute(async (trx) => {
          await raw(trx, `create schema ${q(image)}`);
          for (const { name: table } of tables) await raw(trx, `create unlogged table ${q(image)}.${q(table)} as select * from ${q(table)}`);
          await raw(trx, `create unlogged table ${q(image)}."__sequences" as select sequencename as name, last_value from pg_sequences where schemaname = current_schema()`);
          const replaced = await forget(trx, name);
          await trx.insertInto("emulator_images").values({ name, image, saved_at: savedAt }).execute();
          if (replaced) await raw(trx, `drop schema if exists ${q(replaced)} cascade`);
        });
    },

    async restoreImage(name) {
      const { tables, hasRowid, triggered } = await catalog();
      return db.transaction().execute(async (trx) => {
        // Read in the restoring transaction, and locked: a node replacing or dropping it waits for the restore.
        const found = await trx.selectFrom("emulator_images").select("image").where("name", "=", name).forUpdate().executeTakeFirst();
        if (!found) return false;
        const { image } = found;
        await raw(trx, `truncate table ${tables.map((t) => q(t.name)).join(", ")}`);
        for (const { name, columns } of tables) {
          const list = [...(hasRowid.has(name) ? [ROWID] : []), ...columns].map(q).join(", ");
          if (triggered.has(name)) await raw(trx, `alter table ${q(name)} disable trigger user`);
          await raw(trx, `insert into ${q(name)} (${list}) overriding system value select ${list} from ${q(image)}.${q(name)}`);
          if (triggered.has(name)) await raw(trx, `alter table ${q(name)} enable trigger user`);
        }
        // Ids given after a restore are the image's next ones.
        await raw(trx, `select setval(format('%I', s.name), coalesce(s.last_value, 1), s.last_value is not null) from ${q(image)}."__sequences" s`);
        return true;
      });
    },

    async dropImage(name) {
      return db.transaction().execute(async (trx) => {
        const image = await forget(trx, name);
        if (image) await raw(trx, `drop schema if exists ${q(image)} cascade`);
        return image !== undefined;
      });
    },

    async images() {
      return (await db.selectFrom("emulator_images").select(["name", "saved_at"]).orderBy("saved_at").orderBy("name").execute()).map((r) => ({ name: r.name, savedAt: r.saved_at }));
    },

    async run(plan) {
      const cat = await catalog();
      const columns = new Map(cat.tables.map((t) => [t.name, t.columns]));
      return db.transaction().execute(async (trx) => {
        let answer: unknown;
        for (;;) {
          const next = plan.next(answer);
          if (next.done) return next.value;
          const step = next.value;
          if ("rows" in step) answer = await readRows(trx, step);
          else if ("copy" in step) answer = await copyRows(trx, cat, columns.get(step.copy)!, step);
          else if ("statement" in step) answer = Number((await raw(trx, numbered(step.statement), step.args)).numAffectedRows ?? 0);
          else answer = await insertRow(trx, cat, columns.get(step.insert)!, step);
        }
      });
    },

    async deleteTenant(tenantUid) {
      const { tables } = await catalog();
      return db.transaction().execute(async (trx) => {
        if ((await raw(trx, "select 1 from tenants where tenant_uid = $1", [tenantUid])).rows.length === 0) return false;
        await raw(trx, "delete from device_backups where computer_id in (select computer_id from devices where tenant_uid = $1)", [tenantUid]);
        for (const { name, columns } of [...tables].reverse()) if (columns.includes("tenant_uid")) await raw(trx, `delete from ${q(name)} where tenant_uid = $1`, [tenantUid]);
        return true;
      });
    },

    async dump() {
      const { tables, hasRowid } = await catalog();
      const sorted = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort().map((r) => JSON.parse(r) as unknown[]);
      const dumps = [];
      for (const { name, columns } of tables) {
        // In the order the rows were made, as SQLite's table scan gives them (a comparison can tell a row appended
        // from one changed); sorted where a table has no such order.
        const order = hasRowid.has(name) ? ` order by ${q(ROWID)}` : "";
        const result = await db.executeQuery<Row>(CompiledQuery.raw(`select ${columns.map(q).join(", ")} from ${q(name)}${order}`));
        const rows = result.rows.map((r) => columns.map((c) => r[c]));
        dumps.push({ table: name, rows: order ? rows : sorted(rows) });
      }
      const sequences = await raw<Row>(db, "select sequencename, last_value from pg_sequences where schemaname = current_schema() order by sequencename");
      return [...dumps, { table: "sequences", rows: sequences.rows.map((r) => [r.sequencename, r.last_value]) }];
    },

    // The images are the cluster's: another node may restore them after this one stops.
    async close() {},
  };
}
