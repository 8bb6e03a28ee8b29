// A random RFC 4122 v4 uuid made by SQLite, for ids a migration gives rows it creates (the app's ids come from
// src/ids.ts; a migration must not depend on the app's code).
import { sql } from "kysely";

export const RANDOM_UUID = sql.raw(
  `lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
   substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`,
);
