// Nodes that start together on one empty PostgreSQL database must not each create signing keys, load the fixtures
// and keep a baseline: the first does, under a session advisory lock, and the others wait and find them.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../db/dialect.js";
import type { Database } from "../db/schema.js";

/** An arbitrary, fixed key for pg_advisory_lock ("c42e" as hex). */
const STARTUP_LOCK = 0x63343265;

/** Runs start-up's writes one node at a time (on SQLite, there is one). Holds one pool connection meanwhile. */
export async function oneNodeAtATime<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (!isPostgres(db)) return work();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK})`.execute(conn);
    }
  });
}
