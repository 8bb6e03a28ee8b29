// The programmatic API for test suites: start an emulator in-process (port 0 by default) and close it after.
import type { EmulatorConfig } from "./config.js";
import { startServer, type RunningEmulator } from "./server.js";

export type { EmulatorConfig } from "./config.js";

export type StartOptions = Partial<EmulatorConfig>;

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:38123 */
  url: string;
  /** The first tenant of the loaded fixtures. */
  tenantUid: string;
  /** The credentials of that tenant's first user with a password (the default fixture: test.user@example.com). */
  admin: { username: string; password: string };
  close(): Promise<void>;
  /** The running server, database and clock, for what the control plane does not cover yet. */
  internals: RunningEmulator;
}

export async function startEmulator(options: StartOptions = {}): Promise<Emulator> {
  const running = await startServer({ port: 0, logLevel: "silent", ...options });
  const firstTenant = running.fixtures.flatMap((d) => d.tenants ?? [])[0];
  const tenant = firstTenant?.tenantUid
    ? await running.database.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", firstTenant.tenantUid).executeTakeFirst()
    : await running.database.db.selectFrom("tenants").select("tenant_uid").orderBy("created_at").executeTakeFirst();
  const admin = firstTenant?.users?.find((u) => u.password);
  return {
    url: running.url,
    tenantUid: tenant?.tenant_uid ?? "",
    admin: { username: admin?.username ?? "", password: admin?.password ?? "" },
    close: running.close,
    internals: running,
  };
}
