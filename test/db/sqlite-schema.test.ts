// The SQLite schema that the migrations make, statement for statement as sqlite_master keeps it. Migrations that also
// run on PostgreSQL branch on the dialect; this proves the SQLite side of every branch still writes the same schema.
// sqlite-schema.json was dumped before the migrations learnt PostgreSQL; it changes only with a new migration.
import { readFileSync } from "node:fs";
import { databaseAt } from "../helpers/migrations.js";
import { migrations } from "../../migrations/index.js";

it("a fresh, fully migrated SQLite database has the schema it had before the migrations learnt PostgreSQL", async () => {
  const last = Object.keys(migrations).at(-1)!;
  const { sqlite, db } = await databaseAt(last);
  try {
    const dump = sqlite.prepare("select type, name, tbl_name, sql from sqlite_master order by type, name").all();
    expect(dump).toEqual(JSON.parse(readFileSync(new URL("./sqlite-schema.json", import.meta.url), "utf8")));
  } finally {
    await db.destroy();
  }
});
