// The time step of the last two-factor code a user signed in with: a code is good once (RFC 6238 §5.2).
import { sql, type Kysely } from "kysely";
import { intSql } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column totp_last_step ${intSql(db)}`.execute(db);
}
