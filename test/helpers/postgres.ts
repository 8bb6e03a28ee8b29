// PostgreSQL for tests. C42EMU_PG_CLUSTER names a cluster's admin database (scripts/with-postgres.sh sets it): the
// tests that need PostgreSQL (migrations on both engines, several nodes) make databases of their own in it.
// C42EMU_TEST_PG (with-postgres.sh --emulators) names the same and also puts every test emulator on PostgreSQL, so
// the whole suite runs a second time on that engine.
import pg from "pg";

/** Every test emulator on PostgreSQL. */
export const TEST_PG = process.env.C42EMU_TEST_PG;
/** A cluster to make databases in, whichever engine the emulators use. */
export const PG_CLUSTER = process.env.C42EMU_PG_CLUSTER ?? TEST_PG;

/**
 * `describe` for tests that need a PostgreSQL cluster: skipped with the reason when there is none, except under CI,
 * which always provides one (a skip there would hide a failure).
 */
export function describeOnPostgres(name: string, fn: () => void): void {
  if (PG_CLUSTER) return describe(name, fn);
  if (process.env.CI) throw new Error("C42EMU_PG_CLUSTER is not set: .ci/run runs the suite under scripts/with-postgres.sh");
  describe.skip(`${name} (skipped: no PostgreSQL; run under scripts/with-postgres.sh)`, fn);
}

let made = 0;

export interface TestPostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database in the test cluster. */
export async function freshPostgresDatabase(): Promise<TestPostgresDatabase> {
  if (!PG_CLUSTER) throw new Error("C42EMU_PG_CLUSTER is not set (run under scripts/with-postgres.sh)");
  const name = `c42t_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(PG_CLUSTER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists "${name}" with (force)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_CLUSTER });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
