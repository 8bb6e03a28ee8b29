// Rows made into objects in JavaScript must be the objects better-sqlite3 would have made: same keys in the same
// order, same values, whatever the column names. (toEqual, not toStrictEqual: under Jest's module sandbox the two
// kinds of rows get their Object prototype from different realms; in the server there is one.)
import BetterSqlite3 from "better-sqlite3";
import { withRowObjects } from "../../src/db/row-objects.js";

const db = new BetterSqlite3(":memory:");
db.exec(`create table t (id integer primary key, name text, "odd name ""x""" text, data blob, n real, big integer);
  insert into t values (1, 'a', 'x', x'0102', 1.5, 9007199254740991), (2, null, 'é😀', null, null, -1)`);

const native = (sql: string, ...params: unknown[]) => db.prepare(sql).all(...params);
const made = (sql: string, ...params: unknown[]) => withRowObjects(db.prepare(sql)).all(params);
const keysOf = (rows: unknown[]) => rows.map((r) => Object.keys(r as object));

describe("withRowObjects", () => {
  it.each([
    "select * from t order by id",
    "select id, name as label, count(*) over () from t order by id",
    "select 1 as a, 2 as b, 3 as a",
    `select "odd name ""x""", 'it''s' as "a key with 'quotes' and \\\\", id as "" from t`,
    "select * from t where id = ?",
    "select name from t where 0",
  ])("%s", (sql) => {
    const params = sql.includes("?") ? [2] : [];
    expect(made(sql, ...params)).toEqual(native(sql, ...params));
    expect(keysOf(made(sql, ...params))).toEqual(keysOf(native(sql, ...params)));
  });

  it("a column named __proto__ is left to better-sqlite3 (an object literal would take it as the prototype)", () => {
    const sql = `select 1 as "__proto__", 2 as b`;
    expect(keysOf(made(sql))).toEqual(keysOf(native(sql)));
    expect(Object.getPrototypeOf(Object.getPrototypeOf(made(sql)[0]))).toBeNull();
  });

  it("iterates and runs like the statement it wraps", () => {
    expect([...withRowObjects(db.prepare("select id, name from t order by id")).iterate([])]).toEqual(native("select id, name from t order by id"));
    expect(withRowObjects(db.prepare("insert into t (id, name) values (?, ?)")).run([3, "c"])).toMatchObject({ changes: 1, lastInsertRowid: 3 });
    expect(made("insert into t (id, name) values (?, ?) returning id, name", 4, "d")).toEqual([{ id: 4, name: "d" }]);
  });
});
