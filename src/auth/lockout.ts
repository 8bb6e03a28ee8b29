// Repeated wrong sign-ins lock a username for a while, on the emulator's clock: a guesser on a shared CI host gets
// five tries, not thousands. Kept per username as typed (lower-cased), whether or not such a user exists, so the
// lock itself tells nothing. A reset clears it; so does DELETE /_emulator/sign-in-locks.
import type { Clock } from "../clock.js";

export const SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_LOCK_MS = 15 * 60_000;

export interface SignInLock {
  username: string;
  failures: number;
  /** ISO time the lock ends, or null while the username is not locked. */
  lockedUntil: string | null;
}

export class SignInLocks {
  private readonly byUsername = new Map<string, { failures: number; until: number | null }>();

  constructor(private readonly clock: Clock) {}

  /** Milliseconds the username stays locked, or 0. */
  lockedFor(username: string): number {
    const until = this.byUsername.get(username.toLowerCase())?.until ?? null;
    return until === null ? 0 : Math.max(0, until - this.clock.now());
  }

  failed(username: string): void {
    const key = username.toLowerCase();
    const entry = this.byUsername.get(key) ?? { failures: 0, until: null };
    if (entry.until !== null && entry.until <= this.clock.now()) [entry.failures, entry.until] = [0, null];
    entry.failures++;
    if (entry.failures >= SIGN_IN_ATTEMPTS) entry.until = this.clock.now() + SIGN_IN_LOCK_MS;
    this.byUsername.set(key, entry);
  }

  succeeded(username: string): void {
    this.byUsername.delete(username.toLowerCase());
  }

  list(): SignInLock[] {
    return [...this.byUsername].map(([username, e]) => ({
      username,
      failures: e.failures,
      lockedUntil: e.until !== null && e.until > this.clock.now() ? new Date(e.until).toISOString() : null,
    }));
  }

  clear(): void {
    this.byUsername.clear();
  }
}
