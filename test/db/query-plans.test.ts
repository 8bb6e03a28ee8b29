// Reads that run once per write must find their rows by an index: a read that walks a whole table costs nothing on
// a small tenant and grows with the database. The device limit's reads once found a user's devices by the user's id
// alone, reading every device of every tenant: a 100k-user fixture whose org caps devices took 4 minutes to load,
// not 8 seconds, and each registration under a cap read all devices.
import type BetterSqlite3 from "better-sqlite3";
import { openDatabase, type OpenDatabase } from "../../src/db/open.js";
import type { CompiledShape } from "../../src/db/prepared.js";
import { ACTIVE_DEVICE_COUNT, ACTIVE_DEVICE_IDS } from "../../src/domains/devices/store.js";

let opened: OpenDatabase;
let sqlite: BetterSqlite3.Database;
beforeAll(async () => {
  opened = await openDatabase(":memory:");
  if (opened.kind !== "sqlite") throw new Error("SQLite expected");
  sqlite = opened.sqlite;
});
afterAll(() => opened?.close());

/** SQLite's plan of a compiled query, a line a step. */
const planOf = <A extends unknown[]>(shape: CompiledShape<A, unknown>, ...args: A): string[] =>
  (sqlite.prepare(`explain query plan ${shape.query.sql}`).all(shape.parameters(args)) as { detail: string }[]).map((row) => row.detail);

describe("the device limit's reads", () => {
  it.each([
    ["counting a user's active devices", ACTIVE_DEVICE_COUNT],
    ["listing a user's active devices", ACTIVE_DEVICE_IDS],
  ])("%s searches devices_by_user", (_, query) => {
    expect(planOf(query(opened.db), "b3e7c0de-5eed-4b1e-9a11-000000000042", 7)).toEqual(["SEARCH devices USING INDEX devices_by_user (tenant_uid=? AND user_id=?)"]);
  });
});
