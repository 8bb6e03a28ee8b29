// An org's usage over its whole hierarchy (the org and every org below it): what the console's org counts and the
// MSP article's billing step read (seed 002, step 7: "charged based on the number of users with a computer that has
// data protected by Code42"), computed from the tenant as it is now.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { alertLevel } from "../devices/alert-level.js";
import { effectiveSettings } from "./effective-settings.js";
import { UsageStore } from "./usage-store.js";

export interface OrgUsage {
  /** Orgs below the org, at any depth. */
  orgCount: number;
  /** Active users. */
  userCount: number;
  /** Active devices. */
  computerCount: number;
  /** Active devices with an archive at some destination. */
  backupComputerCount: number;
  /** Active users with an active device whose archives hold data: the users the subscription charges for. */
  billableUserCount: number;
  /** Bytes stored in every archive, cold storage included. */
  archiveBytes: number;
  /** Bytes billed: the archives of active devices (not those in cold storage). */
  billableBytes: number;
  /** Active devices with archives in the warning or critical state of their org's intervals. */
  warningCount: number;
  criticalCount: number;
}

const empty = (): OrgUsage => ({ orgCount: 0, userCount: 0, computerCount: 0, backupComputerCount: 0, billableUserCount: 0, archiveBytes: 0, billableBytes: 0, warningCount: 0, criticalCount: 0 });

/** The usage of each of these orgs of a tenant, by org id. */
export async function orgUsage(db: Kysely<Database>, clock: Clock, tenantUid: string, orgIds: readonly number[]): Promise<Map<number, OrgUsage>> {
  const out = new Map<number, OrgUsage>();
  if (orgIds.length === 0) return out;
  const store = new UsageStore(db);
  const [orgs, users, devices] = await Promise.all([store.orgs(tenantUid), store.activeUsers(tenantUid), store.devices(tenantUid)]);
  const children = new Map<number, number[]>();
  for (const o of orgs) if (o.parent_org_id !== null) children.set(o.parent_org_id, [...(children.get(o.parent_org_id) ?? []), o.org_id]);
  const active = devices.filter((d) => d.active === 1);
  const settings = await effectiveSettings(db, tenantUid, active.map((d) => d.org_id));
  const now = clock.now();
  for (const id of orgIds) {
    const tree = new Set<number>();
    for (const stack = [id]; stack.length; ) {
      const o = stack.pop()!;
      tree.add(o);
      stack.push(...(children.get(o) ?? []));
    }
    const u = empty();
    u.orgCount = tree.size - 1;
    for (const o of tree) u.userCount += users.get(o) ?? 0;
    const billable = new Set<number>();
    for (const d of devices) {
      if (!tree.has(d.org_id)) continue;
      u.archiveBytes += Number(d.archive_bytes ?? 0);
      if (d.active !== 1) continue;
      u.computerCount++;
      u.billableBytes += Number(d.billable_bytes ?? 0);
      if (!d.archives) continue;
      u.backupComputerCount++;
      if (Number(d.archive_bytes) > 0 && d.user_active === 1) billable.add(d.user_id);
      const level = alertLevel([{ last_completed_backup: d.last_completed_backup }], now, settings.get(d.org_id)!);
      if (level === 1) u.warningCount++;
      if (level === 2) u.criticalCount++;
    }
    u.billableUserCount = billable.size;
    out.set(id, u);
  }
  return out;
}
