// PostgreSQL through Kysely's own dialect and the pg driver's pool: a tenant shared by several emulator nodes. The
// driver is loaded only here, so the SQLite default never pays for it.
import { Kysely, PostgresDialect } from "kysely";
import type { PoolClient } from "pg";
import { migrate } from "./migrate.js";
import type { ChangeCounter, OpenDatabase } from "./open.js";
import type { Database } from "./schema.js";

export const DEFAULT_POOL_SIZE = 10;

/** int8 (counts, 64-bit columns) and numeric (sums) as numbers, as SQLite answers them; every value here fits. */
const NUMBERS = new Set([20, 1700]);

export async function openPostgres(url: string, poolSize = DEFAULT_POOL_SIZE): Promise<OpenDatabase> {
  const { default: pg } = await import("pg");
  const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (NUMBERS.has(oid) ? Number : pg.types.getTypeParser(oid, format as "text")) };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  // An idle connection the server drops (a restart, a network cut) is reported here; the pool replaces it on the
  // next checkout, and the request that needs it meets the error instead of the process.
  pool.on("error", () => {});
  let writes = 0;
  const changes: ChangeCounter = () => writes;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => counted(await pool.connect(), () => writes++),
        end: () => pool.end(),
      },
    }),
  });
  await migrate(db);
  return { kind: "postgres", db, sqlite: undefined, changes, close: () => db.destroy() };
}

/**
 * A connection that counts the statements which may have changed something (all but reads), commits included, so
 * a cache filled before a transaction committed is stale after it.
 */
function counted(client: PoolClient, wrote: () => void): PoolClient {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key !== "query") {
        const value = Reflect.get(target, key, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async (...args: unknown[]) => {
        const text = typeof args[0] === "string" ? args[0] : ((args[0] as { text?: string })?.text ?? "");
        try {
          return await query(...args);
        } finally {
          if (!/^\s*select\b/i.test(text)) wrote();
        }
      };
    },
  });
}
