// Backup alerts on the emulator's clock: when a device's backup to a destination goes longer than its org's warning
// or critical interval without completing (org settings warnInDays / alertInDays, inherited), a "backup status"
// email goes to the org's report recipients and to the admins with the Alert Emails role who reach the org (seed 002,
// step 6). One email per recipient per crossing: a threshold crosses when the clock passes it, so loading state,
// recording an old backup or moving the clock back sends nothing, and a backup completed anew arms both again.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import { isPostgres } from "../../db/dialect.js";
import type { ChangeCounter } from "../../db/open.js";
import type { Database } from "../../db/schema.js";
import { OutboxStore, type Message } from "../outbox/store.js";
import { effectiveSettings } from "../orgs/effective-settings.js";
import { OrgSettingsStore } from "../orgs/settings-store.js";
import type { OrgSettingValues } from "../orgs/settings.js";
import { thresholds } from "./alert-level.js";
import { BackupAlertStore, type WatchedBackup } from "./backup-alert-store.js";

/** PostgreSQL: how often a node looks while the clock runs untouched (machine milliseconds). */
const SHARED_LOOK_MS = 1_000;

interface Crossing {
  backup: WatchedBackup;
  level: 1 | 2;
  settings: OrgSettingValues;
}

/** The email for one crossing, to one recipient. */
export function backupAlertMessage({ backup: b, level, settings }: Crossing, to: string): Message {
  const severity = level === 2 ? "Critical" : "Warning";
  const days = level === 2 ? settings.alertInDays : settings.warnInDays;
  return {
    kind: "BACKUP_ALERT",
    to,
    subject: `Code42 backup status: ${severity}: ${b.name} has not completed a backup in ${days} days`,
    body: [
      `${severity}: the device ${b.name} (GUID ${b.guid}) of ${b.username}, in the organization ${b.org_name}, has not completed a backup to ${b.destination_name} in ${days} days.`,
      `Last completed backup: ${b.last_completed_backup}.`,
      `The organization's backup alert intervals: warning after ${settings.warnInDays} days, critical after ${settings.alertInDays} days.`,
    ].join("\n"),
    link: null,
  };
}

/**
 * Asked before every request, like the deprovisioning deadlines: it reads the backups only when something was
 * written since it last did or when the earliest threshold it knows of has passed, and then sends what crossed
 * between the clock's last look and now.
 */
export class BackupAlertWatch {
  private lookedAt: number | null = null;
  private seen = -1;
  private next = Number.POSITIVE_INFINITY;
  private running: Promise<void> = Promise.resolve();
  private sharedSetting = "";
  private sharedAt = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly changes: ChangeCounter,
  ) {}

  /** One look at a time: two requests at once never send a crossing twice. */
  runDue(): Promise<void> {
    this.running = this.running.then(
      () => this.look(),
      () => this.look(),
    );
    return this.running;
  }

  private async look(): Promise<void> {
    const now = this.clock.now();
    if (isPostgres(this.db)) return this.lookShared(now);
    const from = this.lookedAt;
    this.lookedAt = now;
    // The first look, or the clock moved back: nothing crossed, and the thresholds ahead are read again.
    if (from === null || now < from) {
      this.seen = -1;
      return;
    }
    if (this.changes() === this.seen && now < this.next) return;
    const { crossings, next } = await this.crossings(this.db, from, now);
    if (crossings.length) await this.db.transaction().execute((trx) => this.send(trx, crossings, new Date(now).toISOString()));
    this.seen = this.changes();
    this.next = next;
  }

  /**
   * PostgreSQL: the window since the last look is the cluster's (one row), taken and moved on under that row's lock
   * in the transaction that sends, so each crossing is sent once whichever nodes look. A node that finds the row
   * locked leaves the look to the node holding it (the next look covers what comes after).
   */
  private async lookShared(now: number): Promise<void> {
    // Only the clock's passing makes a crossing (a backup recorded sends nothing), so while the clock's setting is the
    // same, one look a second is enough; a clock moved is looked at with the next request.
    const setting = JSON.stringify(this.clock.settings());
    if (setting === this.sharedSetting && Date.now() - this.sharedAt < SHARED_LOOK_MS) return;
    this.sharedSetting = setting;
    this.sharedAt = Date.now();
    await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom("emulator_state").select("backup_alerts_looked_at").where("id", "=", 1).forUpdate().skipLocked().executeTakeFirst();
      if (!row) return;
      await trx.updateTable("emulator_state").set({ backup_alerts_looked_at: now }).where("id", "=", 1).execute();
      const from = row.backup_alerts_looked_at;
      if (from === null || now < from) return;
      const { crossings } = await this.crossings(trx, from, now);
      if (crossings.length) await this.send(trx, crossings, new Date(now).toISOString());
    });
  }

  /** The thresholds the clock passed in (from, now], and the earliest one still ahead. */
  private async crossings(db: Kysely<Database>, from: number, now: number): Promise<{ crossings: Crossing[]; next: number }> {
    const store = new BackupAlertStore(db);
    const crossings: Crossing[] = [];
    let next = Number.POSITIVE_INFINITY;
    const settings = new Map<string, Map<number, OrgSettingValues>>();
    const rows = await store.watched();
    for (const tenantUid of new Set(rows.map((r) => r.tenant_uid)))
      settings.set(tenantUid, await effectiveSettings(db, tenantUid, rows.filter((r) => r.tenant_uid === tenantUid).map((r) => r.org_id)));
    for (const backup of rows) {
      const s = settings.get(backup.tenant_uid)!.get(backup.org_id)!;
      thresholds(Date.parse(backup.last_completed_backup!), s).forEach((at, i) => {
        if (at > from && at <= now) crossings.push({ backup, level: (i + 1) as 1 | 2, settings: s });
        else if (at > now) next = Math.min(next, at);
      });
    }
    return { crossings, next };
  }

  private async send(trx: Kysely<Database>, crossings: Crossing[], at: string): Promise<void> {
    const holders = new Map<string, Awaited<ReturnType<BackupAlertStore["alertEmailHolders"]>>>();
    const lines = new Map<string, number[]>();
    const store = new BackupAlertStore(trx);
    const orgs = new OrgSettingsStore(trx);
    const outbox = new OutboxStore(trx);
    for (const c of crossings) {
      const t = c.backup.tenant_uid;
      if (!holders.has(t)) holders.set(t, await store.alertEmailHolders(t));
      const key = `${t}/${c.backup.org_id}`;
      if (!lines.has(key)) lines.set(key, (await orgs.chain(t, c.backup.org_id)).map((o) => o.org_id));
      const line = lines.get(key)!;
      // An Alert Emails holder hears of their own org and the orgs below it; a cloud admin of the whole tenant.
      const admins = holders.get(t)!.filter((h) => h.whole_tenant || line.includes(h.org_id)).map((h) => h.email ?? h.username);
      for (const to of new Set([...c.settings.recipients, ...admins])) await outbox.send(t, backupAlertMessage(c, to), at);
    }
  }
}
