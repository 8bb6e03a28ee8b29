// Hot queries are built and compiled by Kysely once, with placeholders where the arguments go, and afterwards only
// bound and run: building and compiling a query cost more CPU than SQLite's part of a primary-key read.
import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { Database } from "./schema.js";

/** Stands where an argument goes while the query compiles; Kysely carries it into the parameters as a value. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query shape whose compiled SQL is kept. `build` must use its arguments only as values (not as identifiers,
 * literals or to decide the query's shape): it runs once, with placeholders. The compiled query runs on whichever
 * connection or transaction it is given, through Kysely, so it queues behind an open transaction like any other.
 */
export function preparedQuery<A extends unknown[], Row>(build: (db: Kysely<Database>, ...args: A) => Compilable<Row>) {
  let compiled: CompiledQuery<Row> | null = null;
  return async (db: Kysely<Database>, ...args: A): Promise<Row[]> => {
    compiled ??= build(db, ...(Array.from({ length: build.length - 1 }, (_, i) => new Placeholder(i)) as A)).compile();
    const parameters = compiled.parameters.map((p) => (p instanceof Placeholder ? args[p.index] : p));
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
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
