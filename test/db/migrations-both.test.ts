// Every migration runs on both engines, from the same files, over rows written before it: the database is migrated one
// step at a time, and after each step every table gets a row (made from the live schema, foreign keys pointing at the
// rows just written: test/helpers/schema-rows.ts) before the next step runs. No migration may fail or lose a row, and
// PostgreSQL must end with what SQLite ends with: the same rows per table and the same copies kept by the triggers.
import { migrations } from "../../migrations/index.js";
import { databaseAt, describeEachEngine, hasPostgres, type Engine } from "../helpers/migrations.js";
import { countRows, tablesOf, writeRound } from "../helpers/schema-rows.js";

interface Walk {
  /** Rows per table after the last step. */
  counts: Record<string, number>;
  /** What the triggers keep, read in one order on both engines. */
  kept: Record<string, unknown[]>;
}

const walked: Partial<Record<Engine, Walk>> = {};

// Copies the triggers keep (counts, display names, totals, a profile's risk factors), without generated ids.
const KEPT: Record<string, string> = {
  watchlist_counts: `select w.tenant_uid, w.list_type, c.entries, (select count(*) from watchlist_users i where i.tenant_uid = w.tenant_uid and i.watchlist_id = w.watchlist_id) as rows
    from watchlists w left join watchlist_user_counts c on c.tenant_uid = w.tenant_uid and c.watchlist_id = w.watchlist_id order by w.tenant_uid, w.list_type`,
  watchlist_users: `select i.tenant_uid, w.list_type, i.user_uid, i.created_at, i.departure_date, i.username, i.display_name, i.num_events, i.total_bytes
    from watchlist_users i join watchlists w on w.tenant_uid = i.tenant_uid and w.watchlist_id = i.watchlist_id order by i.tenant_uid, w.list_type, i.user_uid`,
  profiles: `select tenant_uid, user_uid, risk_factors, start_date, end_date from detection_profiles order by tenant_uid, user_uid`,
  users: `select tenant_uid, user_uid, username, display_name, invited from users order by tenant_uid, user_uid`,
  file_events: `select tenant_uid, user_uid, exposure, size_bytes, user_email, ts from file_events where exposure = 0 order by tenant_uid, event_id`,
  exposures: `select tenant_uid, user_uid, size_bytes, ts from file_events where exposure = 1 order by tenant_uid, user_uid, ts`,
};

async function walk(engine: Engine): Promise<Walk> {
  const d = await databaseAt(null, engine);
  try {
    let round = 0;
    for (const name of Object.keys(migrations)) {
      const tablesBefore = await tablesOf(d);
      const before = await countRows(d, tablesBefore);
      const { error, results } = await d.migrator.migrateTo(name);
      if (error) throw new Error(`${name} failed on ${engine}: ${(error as Error).message}`);
      expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[name, "Success"]]);
      const tables = await tablesOf(d);
      const after = await countRows(d, tables);
      // No migration loses a row of a table it keeps.
      for (const [table, n] of Object.entries(before)) if (table in after) expect({ name, table, rows: Math.min(after[table]!, n) }).toEqual({ name, table, rows: n });
      // Then rows the next migration must carry: one per table, and a second round for the data migrations to group.
      for (let i = 0; i < 2; i++) await writeRound(d, tables, ++round);
    }
    if (engine === "postgres")
      // SQLite's integer is 64-bit and its real 8 bytes: no narrower column on PostgreSQL (migrations/types.ts, int).
      expect(
        await d.raw.all(`select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' and table_name not like 'kysely%' and data_type in ('smallint', 'integer', 'real')`),
      ).toEqual([]);
    const tables = await tablesOf(d);
    const kept: Record<string, unknown[]> = {};
    for (const [key, query] of Object.entries(KEPT)) kept[key] = await d.raw.all(query);
    return { counts: await countRows(d, tables), kept };
  } finally {
    await d.close();
  }
}

describeEachEngine("every migration, over rows of every table written before it", (engine) => {
  it("runs, one step at a time, keeping every row", async () => {
    const w = await walk(engine);
    walked[engine] = w;
    // The triggers kept their counts true, and the risk-factor watchlists (0014) reached the profiles.
    for (const c of w.kept.watchlist_counts as { entries: number | null; rows: number }[]) expect(c.entries ?? 0).toBe(c.rows);
    expect((w.kept.profiles as { risk_factors: string }[]).some((p) => p.risk_factors === '["FLIGHT_RISK"]')).toBe(true);
    expect(w.counts.file_events).toBeGreaterThan(0);
  }, 120_000);
});

(hasPostgres ? it : it.skip)(`PostgreSQL ends with the rows SQLite ends with${hasPostgres ? "" : " (skipped: no PostgreSQL cluster)"}`, () => {
  expect(walked.sqlite && walked.postgres).toBeTruthy();
  expect(walked.postgres!.counts).toEqual(walked.sqlite!.counts);
  for (const key of Object.keys(KEPT)) expect({ key, rows: walked.postgres!.kept[key] }).toEqual({ key, rows: walked.sqlite!.kept[key] });
});
