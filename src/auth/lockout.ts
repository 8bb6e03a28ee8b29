// Repeated wrong sign-ins lock a username for a while, on the emulator's clock: a guesser on a shared CI host gets
// five tries, not thousands. Kept per username as typed (lower-cased), whether or not such a user exists, so the
// lock itself tells nothing. A reset clears it; so does DELETE /_emulator/sign-in-locks.
import { sql, type Kysely } from "kysely";
import type { Clock } from "../clock.js";
import type { Database } from "../db/schema.js";

export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_LOCK_MS = 15 * 60_000;

export interface SignInLock {
  username: string;
  failures: number;
  /** ISO time the lock ends, or null while the username is not locked. */
  lockedUntil: string | null;
}

/** Kept in the database (migration 0030): a guess through one node counts on every node. */
export class SignInLocks {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds the username stays locked, or 0. */
  async lockedFor(username: string): Promise<number> {
    const row = await this.db.selectFrom("sign_in_locks").select("until_ms").where("username", "=", username.toLowerCase()).executeTakeFirst();
    return row?.until_ms == null ? 0 : Math.max(0, row.until_ms - this.clock.now());
  }

  /** Counts a failure in one statement, so concurrent guesses are all counted. */
  async failed(username: string): Promise<void> {
    const now = this.clock.now();
    // A lock that has run out starts the count again.
    const failures = sql<number>`case when sign_in_locks.until_ms is not null and sign_in_locks.until_ms <= ${now} then 1 else sign_in_locks.failures + 1 end`;
    await this.db
      .insertInto("sign_in_locks")
      .values({ username: username.toLowerCase(), failures: 1, until_ms: SIGN_IN_ATTEMPTS <= 1 ? now + SIGN_IN_LOCK_MS : null })
      .onConflict((oc) =>
        oc.column("username").doUpdateSet({
          failures,
          // Typed: PostgreSQL reads a bare parameter in a CASE as text.
          until_ms: sql<number | null>`case when (${failures}) >= ${SIGN_IN_ATTEMPTS} then cast(${now + SIGN_IN_LOCK_MS} as bigint) else null end`,
        }),
      )
      .execute();
  }

  async succeeded(username: string): Promise<void> {
    await this.db.deleteFrom("sign_in_locks").where("username", "=", username.toLowerCase()).execute();
  }

  async list(): Promise<SignInLock[]> {
    const now = this.clock.now();
    return (await this.db.selectFrom("sign_in_locks").selectAll().orderBy("username").execute()).map((e) => ({
      username: e.username,
      failures: e.failures,
      lockedUntil: e.until_ms !== null && e.until_ms > now ? new Date(e.until_ms).toISOString() : null,
    }));
  }

  async clear(): Promise<void> {
    await this.db.deleteFrom("sign_in_locks").execute();
  }
}
