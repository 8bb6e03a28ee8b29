// PostgreSQL for tests: C42EMU_TEST_PG names a cluster's admin database (scripts/with-postgres.sh sets it); each
// emulator or migration test gets a database of its own in it, dropped when done.
import pg from "pg";

export const TEST_PG = process.env.C42EMU_TEST_PG;

let made = 0;

export interface TestPostgresDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database in the test cluster. */
export async function freshPostgresDatabase(): Promise<TestPostgresDatabase> {
  if (!TEST_PG) throw new Error("C42EMU_TEST_PG is not set (run under scripts/with-postgres.sh)");
  const name = `c42t_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  await adminQuery(`create database "${name}"`);
  const url = new URL(TEST_PG);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`drop database if exists "${name}" with (force)`) };
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
