// The programmatic API for test suites: start an emulator in-process (port 0 by default), steer it, close it. It
// offers what the HTTP control plane offers, in the same terms (durations such as "31m", fixtures as YAML or JSON).
// Its types are the package's whole public surface (bundled into dist/index.d.ts): they name nothing of the
// emulator's internals or of its dependencies, so a strict TypeScript project compiles against them as they are.
import type { SignInLock } from "./auth/lockout.js";
import type { EmulatorConfig } from "./config.js";
import type { CoverageRow } from "./control/coverage.js";
import type { FaultRule, NewFaultRule } from "./control/faults.js";
import type { JournalEntry, JournalFilter } from "./control/journal.js";
import { exportState } from "./control/state.js";
import type { TenantCopy } from "./control/tenant-copy.js";
import { parseDuration } from "./duration.js";
import type { FixtureDocument } from "./fixtures/format.js";
import { startServer } from "./server.js";

export type { SignInLock } from "./auth/lockout.js";
export type { EmulatorConfig } from "./config.js";
export type { CoverageRow } from "./control/coverage.js";
export type { FaultAction, FaultRule, NewFaultRule } from "./control/faults.js";
export type { JournalEntry, JournalFilter } from "./control/journal.js";
export type { TenantCopy } from "./control/tenant-copy.js";
export type { FixtureDocument } from "./fixtures/format.js";

export type StartOptions = Partial<EmulatorConfig>;

/** A point in time: epoch milliseconds, an ISO 8601 string, or a Date. */
export type Instant = number | string | Date;
/** A length of time: milliseconds, or a duration as the control plane takes it ("500ms", "30s", "31m", "2h", "7d"). */
export type Duration = number | string;

export interface OutboxMessage {
  kind: string;
  to: string;
  subject: string;
  body: string;
  link: string | null;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:38123 */
  url: string;
  /** The first tenant of the loaded fixtures. */
  tenantUid: string;
  /** The first user with a password in that tenant (the default fixture: test.user@example.com / password). */
  admin: { username: string; password: string };
  control: {
    /** Back to the loaded fixtures (data, clock, faults, journal): `POST /_emulator/reset`. */
    reset(): Promise<void>;
    /**
     * Adds fixture content, as `POST /_emulator/fixtures` does: a document, or its YAML or JSON text. With
     * `baseline: true` a reset returns to it. Resolves to the uids of the document's tenants.
     */
    loadFixture(fixture: FixtureDocument | string, options?: { baseline?: boolean }): Promise<string[]>;
    /** The whole state as a fixture document that loads back to the same state: `GET /_emulator/state`. */
    state(options?: { includeCredentials?: boolean }): Promise<FixtureDocument>;
    clock: {
      /** Epoch milliseconds, as the emulator sees them. */
      now(): number;
      set(at: Instant): Promise<void>;
      advance(by: Duration): Promise<void>;
      freeze(): Promise<void>;
      unfreeze(): Promise<void>;
      readonly frozen: boolean;
    };
    faults: { add(rule: NewFaultRule): Promise<FaultRule>; list(): Promise<FaultRule[]>; remove(id: number): Promise<boolean>; clear(): Promise<void> };
    journal: { list(filter?: JournalFilter): JournalEntry[]; clear(): void };
    coverage: { report(): { operations: number; exercised: number; rows: CoverageRow[] }; clear(): void };
    snapshots: { save(name: string): Promise<void>; restore(name: string): Promise<boolean>; list(): Promise<{ name: string; savedAt: string }[]>; delete(name: string): Promise<boolean> };
    /** A copy of a tenant (default: the first) with suffixed usernames: one per parallel worker. */
    copyTenant(tenantUid?: string, suffix?: string): Promise<TenantCopy>;
    /** Removes a tenant and everything in it; false if there was none. */
    deleteTenant(tenantUid: string): Promise<boolean>;
    outbox: { list(tenantUid?: string): Promise<OutboxMessage[]>; clear(tenantUid?: string): Promise<void> };
    /** Usernames with failed sign-ins (five in a row lock one for 15 minutes): `GET/DELETE /_emulator/sign-in-locks`. */
    signInLocks: { list(): Promise<SignInLock[]>; clear(): Promise<void> };
  };
  close(): Promise<void>;
}

function instant(at: Instant): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === "string" ? Date.parse(at) : at;
  if (!Number.isFinite(ms)) throw new Error(`not a point in time: ${String(at)}`);
  return ms;
}

const duration = (by: Duration) => (typeof by === "string" ? parseDuration(by) : by);

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const running = await startServer({ port: 0, logLevel: "silent", ...options });
  const { control, clock, database, spec } = running;
  const firstTenant = running.fixtureTenants[0];
  const tenant = firstTenant?.tenantUid
    ? await database.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", firstTenant.tenantUid).executeTakeFirst()
    : await database.db.selectFrom("tenants").select("tenant_uid").orderBy("created_at").executeTakeFirst();
  const tenantUid = tenant?.tenant_uid ?? "";
  const admin = firstTenant?.admin;
  return {
    url: running.url,
    tenantUid,
    admin: { username: admin?.username ?? "", password: admin?.password ?? "" },
    control: {
      reset: () => control.reset(),
      loadFixture: (fixture, { baseline = false } = {}) => control.load(fixture, baseline),
      state: ({ includeCredentials = false } = {}) => exportState(database.db, includeCredentials),
      clock: {
        now: () => clock.now(),
        set: (at) => control.moveClock((c) => c.set(instant(at))),
        advance: (by) => control.moveClock((c) => c.advance(duration(by))),
        freeze: () => control.moveClock((c) => c.freeze()),
        unfreeze: () => control.moveClock((c) => c.unfreeze()),
        get frozen() {
          return clock.frozen;
        },
      },
      faults: { add: (r) => control.faults.add(r), list: () => control.faults.list(), remove: (id) => control.faults.remove(id), clear: () => control.faults.clear() },
      journal: { list: (f) => control.journal.list(f), clear: () => control.journal.clear() },
      coverage: { report: () => control.coverage.report(spec), clear: () => control.coverage.clear() },
      snapshots: {
        save: async (name) => void (await control.saveSnapshot(name)),
        restore: (name) => control.restoreSnapshot(name),
        list: () => control.listSnapshots(),
        delete: (name) => control.deleteSnapshot(name),
      },
      copyTenant: async (uid = tenantUid, suffix) => {
        const copy = await control.copyTenant(uid, suffix);
        if (!copy) throw new Error(`no tenant ${uid}`);
        return copy;
      },
      deleteTenant: (uid) => control.deleteTenant(uid),
      outbox: {
        list: async (t) => (await control.outbox(t)).map((m) => ({ kind: m.kind, to: m.to_address, subject: m.subject, body: m.body, link: m.link })),
        clear: (t) => control.clearOutbox(t),
      },
      signInLocks: { list: () => control.signInLocks.list(), clear: () => control.signInLocks.clear() },
    },
    close: running.close,
  };
}
