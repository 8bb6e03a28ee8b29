// Rows as objects, built in JavaScript. better-sqlite3 builds each row object through V8's C++ API, one property at
// a time (~3 µs for a 20-column row: more than SQLite's own part of reading a page of 100 users). In raw mode it
// hands over arrays of values; an object literal compiled once per statement turns each into the same object (same
// keys, same order, same values) for a tenth of that, and V8 gives every row of a statement one shape at once.
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteStatement } from "kysely";

type RowMaker = (values: unknown[]) => Record<string, unknown>;

/** An object of `names` from an array of values in their order, made by an object literal compiled once. */
export function rowMaker(names: readonly string[]): RowMaker {
  // Names are SQL column names and aliases, quoted as JSON: the literal cannot run anything. A repeated name keeps
  // its first place and its last value, as better-sqlite3's objects do.
  return new Function("v", `return { ${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(", ")} };`) as RowMaker;
}

/**
 * The statement as Kysely's driver uses it, reading rows through a row maker. Statements that return nothing are
 * left as they are. The emulator changes its schema only while migrating, before it serves: a statement's columns
 * stay those it was prepared with (a changed count is still caught, and the maker remade).
 */
export function withRowObjects(statement: BetterSqlite3.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  let names = statement.columns().map((c) => c.name);
  // An object literal would take this name as the prototype, not as a key.
  if (names.includes("__proto__")) return statement;
  let make = rowMaker(names);
  statement.raw(true);
  const object = (values: unknown[]) => {
    if (values.length !== names.length) {
      names = statement.columns().map((c) => c.name);
      make = rowMaker(names);
    }
    return make(values);
  };
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(object),
    run: (parameters) => statement.run(parameters),
    iterate: function* (parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield object(values);
    },
  };
}
