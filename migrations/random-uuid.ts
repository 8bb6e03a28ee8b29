// A random RFC 4122 v4 uuid made by the database, for ids a migration gives rows it creates (the app's ids come from
// src/ids.ts; a migration must not depend on the app's code). PostgreSQL has its own (core since 13).
import { sql, type Kysely, type RawBuilder } from "kysely";
import { isPostgres } from "../src/db/dialect.js";

const SQLITE_UUID = sql.raw(
  `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
   substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
);

export const randomUuid = (db: Kysely<any>): RawBuilder<unknown> => (isPostgres(db) ? sql`gen_random_uuid()::text` : SQLITE_UUID);
