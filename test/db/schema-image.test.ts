// In-memory databases open from the schema image the build wrote (dist/schema.json): it must be the database the
// migrations make, down to the migrator's own bookkeeping.
import { openDatabase, type OpenDatabase } from "../../src/db/open.js";
import { readSchemaImage } from "../../src/db/schema-image.js";
import { migrations } from "../../migrations/index.js";

const schemaOf = (d: OpenDatabase) => d.sqlite.prepare("select type, name, tbl_name, sql from sqlite_master order by type, name").all();
const appliedOf = (d: OpenDatabase) => d.sqlite.prepare("select name from kysely_migration order by name").pluck().all();

describe("the schema image", () => {
  it("is current after the build, and opens as the database the migrations make", async () => {
    expect(readSchemaImage(Object.keys(migrations))).not.toBeNull();
    const [fromImage, migrated] = await Promise.all([openDatabase(":memory:"), openDatabase(":memory:", { fromImage: false })]);
    try {
      expect(schemaOf(fromImage)).toEqual(schemaOf(migrated));
      expect(appliedOf(fromImage)).toEqual(appliedOf(migrated));
      expect(appliedOf(fromImage).length).toBeGreaterThan(0);
      expect(fromImage.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
      // A database of its own: what one writes, the next one opened does not see.
      fromImage.sqlite.prepare("insert into tenants (tenant_uid, name, registration_key, created_at) values ('t', 'T', 'k', 'now')").run();
      const again = await openDatabase(":memory:");
      expect(again.sqlite.prepare("select count(*) from tenants").pluck().get()).toBe(0);
      await again.close();
    } finally {
      await Promise.all([fromImage.close(), migrated.close()]);
    }
  });

  it("is not used for a migration it does not hold: the migrations run instead", () => {
    expect(readSchemaImage([...Object.keys(migrations), "9999_not_in_the_image"])).toBeNull();
  });
});
