// Hot queries are built and compiled by Kysely once, with placeholders where the arguments go, and afterwards only
// bound and run: building and compiling a query cost more CPU than SQLite's part of a primary-key read.
import { sql, type Compilable, type CompiledQuery, type Kysely, type SelectQueryBuilder } from "kysely";
import { dialectOf, isPostgres, type DialectKind } from "./dialect.js";
import { rowMaker } from "./row-objects.js";
import type { Database } from "./schema.js";

/** Stands where an argument goes while the query compiles; Kysely carries it into the parameters as a value. */
class Placeholder {
  constructor(readonly index: number) {}
}

/** A query compiled once with placeholders: its SQL, and the parameters for one call's arguments. */
export interface CompiledShape<A extends unknown[], Row> {
  query: CompiledQuery<Row>;
  parameters(args: A): unknown[];
}

/**
 * The query `build` makes, compiled on first use. `build` must use its arguments only as values (not as identifiers,
 * literals or to decide the query's shape): it runs once, with placeholders, `arity` of them (a `build` with a rest
 * parameter names how many). Fixture loading prepares the same SQL on its raw connection, so a bulk insert and the
 * API's are one query.
 */
export function compiledOnce<A extends unknown[], Row>(build: (db: Kysely<Database>, ...args: A) => Compilable<Row>, arity = build.length - 1): (db: Kysely<Database>) => CompiledShape<A, Row> {
  // One per engine: a process may hold a SQLite and a PostgreSQL database, whose SQL differs.
  const shapes: Partial<Record<DialectKind, CompiledShape<A, Row>>> = {};
  return (db) => {
    const kind = dialectOf(db);
    const shape = shapes[kind];
    if (shape) return shape;
    const query = build(db, ...(Array.from({ length: arity }, (_, i) => new Placeholder(i)) as A)).compile();
    return (shapes[kind] = { query, parameters: (args) => query.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p)) });
  };
}

/** Runs a compiledOnce query on `db` (a connection or a transaction, through Kysely, so it queues behind an open one). */
export async function runCompiled<A extends unknown[], Row>(db: Kysely<Database>, shapeOf: (db: Kysely<Database>) => CompiledShape<A, Row>, ...args: A): Promise<Row[]> {
  const { query, parameters } = shapeOf(db);
  return (await db.executeQuery<Row>({ ...query, parameters: parameters(args) })).rows;
}

/** A query shape whose compiled SQL is kept (compiledOnce), as a function of the connection and the arguments. */
export function preparedQuery<A extends unknown[], Row>(build: (db: Kysely<Database>, ...args: A) => Compilable<Row>, arity?: number) {
  const shapeOf = compiledOnce(build, arity);
  return (db: Kysely<Database>, ...args: A): Promise<Row[]> => runCompiled(db, shapeOf, ...args);
}

/**
 * preparedQuery for pages of small rows (keys, ids), whose `columns` it reads: texts and integers (JSON carries them
 * exactly; SQLite would write a real with 15 digits). On SQLite the rows come as one JSON text, each row's values in
 * the columns' order, made into objects here (row-objects.ts): better-sqlite3 makes every value of a row through
 * V8's C++ API, which for a hundred rows of keys cost as much as SQLite's walk of the index. The aggregate takes the
 * rows in the order the query gives them (a subquery with ORDER BY and LIMIT is not flattened into it), as a kept
 * list is read in its order (json-projection.ts). PostgreSQL answers the rows.
 */
export function preparedSmallRows<A extends unknown[], Row>(
  // Any tables: only the rows' type is read.
  build: (db: Kysely<Database>, ...args: A) => SelectQueryBuilder<Database, any, Row>,
  columns: readonly (keyof Row & string)[],
  arity = build.length - 1,
) {
  const rows = compiledOnce(build, arity);
  const asJson = compiledOnce(
    (db: Kysely<Database>, ...args: A) =>
      db.selectFrom(build(db, ...args).as("r")).select(sql<string>`json_group_array(json_array(${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}))`.as("rows")),
    arity,
  );
  const make = rowMaker(columns);
  return async (db: Kysely<Database>, ...args: A): Promise<Row[]> => {
    if (isPostgres(db)) return runCompiled(db, rows, ...args);
    const [page] = await runCompiled(db, asJson, ...args);
    return (JSON.parse(page!.rows) as unknown[][]).map(make) as Row[];
  };
}

/**
 * One prepared query per shape (which conditions a query has: a prepared query cannot change its own), made on
 * first use. Shapes are few: a key for each combination of the conditions, not for their values.
 */
export function perShape<T>(make: (shape: string) => T): (shape: string) => T {
  const made = new Map<string, T>();
  return (shape) => {
    let value = made.get(shape);
    if (value === undefined) made.set(shape, (value = make(shape)));
    return value;
  };
}

/** One value per object (the queries of a wire's projection, projection.ts), made on first use. */
export function perObject<K extends object, T>(make: (key: K) => T): (key: K) => T {
  const made = new WeakMap<K, T>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}
