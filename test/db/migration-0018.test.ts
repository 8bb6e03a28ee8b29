// Migration 0018 adds the tenants' saved searches: one id per tenant (a copy of a tenant keeps its ids), the version,
// clause and sort direction held to what the wires can answer, and a tenant's searches gone with it.
import { databaseAt, describeEachEngine, type Engine } from "../helpers/migrations.js";

const search = (tenant: string, id: string, overrides: Record<string, unknown> = {}) => {
  const row: Record<string, unknown> = {
    tenant_uid: tenant,
    search_id: id,
    name: "Uploads",
    notes: null,
    api_version: 2,
    columns: null,
    group_clause: "AND",
    groups: "[]",
    srt_key: null,
    srt_dir: "desc",
    created_by_uid: "u1",
    created_by_username: "ann",
    created_at: "2026-01-01T00:00:00.000Z",
    modified_by_uid: "u1",
    modified_by_username: "ann",
    modified_at: "2026-01-01T00:00:00.000Z",
    ...overrides,
  };
  const columns = Object.keys(row);
  return [`insert into saved_searches (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`, Object.values(row)] as const;
};

// How each engine says it refused a row.
const REFUSED: Record<Engine, Record<"unique" | "check" | "foreignKey", RegExp>> = {
  sqlite: { unique: /UNIQUE constraint failed/, check: /CHECK constraint failed/, foreignKey: /FOREIGN KEY constraint failed/ },
  postgres: { unique: /violates unique constraint/, check: /violates check constraint/, foreignKey: /violates foreign key constraint/ },
};

describeEachEngine("migration 0018", (engine) => {
  it("keeps searches per tenant, refuses values the wires cannot answer, and goes with its tenant", async () => {
    const { raw, migrator, close } = await databaseAt("0017_file_events", engine);
    try {
      for (const t of ["ta", "tb"]) await raw.run(`insert into tenants (tenant_uid, name, registration_key, created_at) values (?, ?, 'k', '2026-01-01')`, t, t.toUpperCase());
      const { error } = await migrator.migrateTo("0018_saved_searches");
      expect(error).toBeUndefined();
      const insert = (...args: Parameters<typeof search>) => {
        const [statement, values] = search(...args);
        return () => raw.run(statement, ...values);
      };
      const refused = REFUSED[engine];

      await insert("ta", "s1")();
      await insert("ta", "s2", { api_version: 1 })();
      // The same id in another tenant (a tenant copy), but never twice in one.
      await insert("tb", "s1")();
      await expect(insert("ta", "s1")()).rejects.toThrow(refused.unique);
      await expect(insert("ta", "s3", { api_version: 3 })()).rejects.toThrow(refused.check);
      await expect(insert("ta", "s3", { group_clause: "XOR" })()).rejects.toThrow(refused.check);
      await expect(insert("ta", "s3", { srt_dir: "ASC" })()).rejects.toThrow(refused.check);
      await expect(insert("nope", "s3")()).rejects.toThrow(refused.foreignKey);

      await raw.run("delete from tenants where tenant_uid = 'ta'");
      expect(await raw.all("select tenant_uid, search_id from saved_searches")).toEqual([{ tenant_uid: "tb", search_id: "s1" }]);
    } finally {
      await close();
    }
  });
});
