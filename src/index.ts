// The programmatic API for test suites: start an emulator in-process (port 0 by default), steer it, close it.
import type { Clock } from "./clock.js";
import type { EmulatorConfig } from "./config.js";
import type { JournalEntry, JournalFilter } from "./control/journal.js";
import type { FaultRule, NewFaultRule } from "./control/faults.js";
import type { TenantCopy } from "./control/tenant-copy.js";
import { startServer, type RunningEmulator } from "./server.js";

export type { EmulatorConfig } from "./config.js";
export type { FaultRule, NewFaultRule } from "./control/faults.js";
export type { JournalEntry, JournalFilter } from "./control/journal.js";
export type { TenantCopy } from "./control/tenant-copy.js";

export type StartOptions = Partial<EmulatorConfig>;

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:38123 */
  url: string;
  /** The first tenant of the loaded fixtures. */
  tenantUid: string;
  /** The first user with a password in that tenant (the default fixture: test.user@example.com / password). */
  admin: { username: string; password: string };
  control: {
    /** Back to the loaded fixtures (data, clock, faults, journal). */
    reset(): void;
    clock: Pick<Clock, "now" | "set" | "advance" | "freeze" | "unfreeze">;
    faults: { add(rule: Omit<NewFaultRule, never>): FaultRule; list(): FaultRule[]; remove(id: number): boolean; clear(): void };
    journal: { list(filter?: JournalFilter): JournalEntry[]; clear(): void };
    snapshots: { save(name: string): void; restore(name: string): boolean; list(): { name: string; savedAt: string }[]; delete(name: string): boolean };
    /** A copy of a tenant (default: the first) with suffixed usernames: one per parallel worker. */
    copyTenant(tenantUid?: string, suffix?: string): TenantCopy;
    outbox: { list(tenantUid?: string): Promise<{ kind: string; to: string; subject: string; body: string; link: string | null }[]>; clear(tenantUid?: string): Promise<void> };
  };
  close(): Promise<void>;
  /** The running server, database and clock, for anything the control API does not cover. */
  internals: RunningEmulator;
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const running = await startServer({ port: 0, logLevel: "silent", ...options });
  const { control, clock } = running;
  const firstTenant = running.fixtureTenants[0];
  const tenant = firstTenant?.tenantUid
    ? await running.database.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", firstTenant.tenantUid).executeTakeFirst()
    : await running.database.db.selectFrom("tenants").select("tenant_uid").orderBy("created_at").executeTakeFirst();
  const tenantUid = tenant?.tenant_uid ?? "";
  const admin = firstTenant?.admin;
  return {
    url: running.url,
    tenantUid,
    admin: { username: admin?.username ?? "", password: admin?.password ?? "" },
    control: {
      reset: () => control.reset(),
      clock: { now: () => clock.now(), set: (ms) => clock.set(ms), advance: (ms) => clock.advance(ms), freeze: () => clock.freeze(), unfreeze: () => clock.unfreeze() },
      faults: { add: (r) => control.faults.add(r), list: () => control.faults.list(), remove: (id) => control.faults.remove(id), clear: () => control.faults.clear() },
      journal: { list: (f) => control.journal.list(f), clear: () => control.journal.clear() },
      snapshots: {
        save: (name) => void control.saveSnapshot(name),
        restore: (name) => control.restoreSnapshot(name),
        list: () => control.listSnapshots(),
        delete: (name) => control.deleteSnapshot(name),
      },
      copyTenant: (uid = tenantUid, suffix) => {
        const copy = control.copyTenant(uid, suffix);
        if (!copy) throw new Error(`no tenant ${uid}`);
        return copy;
      },
      outbox: {
        list: async (t) => (await control.outbox(t)).map((m) => ({ kind: m.kind, to: m.to_address, subject: m.subject, body: m.body, link: m.link })),
        clear: (t) => control.clearOutbox(t),
      },
    },
    close: running.close,
    internals: running,
  };
}
