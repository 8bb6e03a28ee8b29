// Migration 0018 adds the tenants' saved searches: one id per tenant (a copy of a tenant keeps its ids), the version,
// clause and sort direction held to what the wires can answer, and a tenant's searches gone with it.
import { databaseAt } from "../helpers/migrations.js";

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

it("keeps searches per tenant, refuses values the wires cannot answer, and goes with its tenant", async () => {
  const { sqlite, db, migrator } = await databaseAt("0017_file_events");
  try {
    for (const t of ["ta", "tb"]) sqlite.prepare(`insert into tenants (tenant_uid, name, registration_key, created_at) values (?, ?, 'k', '2026-01-01')`).run(t, t.toUpperCase());
    const { error } = await migrator.migrateTo("0018_saved_searches");
    expect(error).toBeUndefined();
    const insert = (...args: Parameters<typeof search>) => {
      const [statement, values] = search(...args);
      return () => sqlite.prepare(statement).run(...values);
    };

    insert("ta", "s1")();
    insert("ta", "s2", { api_version: 1 })();
    // The same id in another tenant (a tenant copy), but never twice in one.
    insert("tb", "s1")();
    expect(insert("ta", "s1")).toThrow(/UNIQUE constraint failed/);
    expect(insert("ta", "s3", { api_version: 3 })).toThrow(/CHECK constraint failed/);
    expect(insert("ta", "s3", { group_clause: "XOR" })).toThrow(/CHECK constraint failed/);
    expect(insert("ta", "s3", { srt_dir: "ASC" })).toThrow(/CHECK constraint failed/);
    expect(insert("nope", "s3")).toThrow(/FOREIGN KEY constraint failed/);

    sqlite.prepare("delete from tenants where tenant_uid = 'ta'").run();
    expect(sqlite.prepare("select tenant_uid, search_id from saved_searches").all()).toEqual([{ tenant_uid: "tb", search_id: "s1" }]);
  } finally {
    await db.destroy();
  }
});
