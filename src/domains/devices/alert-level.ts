// A device's backup alert level, as the console, the Computer API and the user export all report it: the time since
// the last completed backup against the warning and critical intervals of the device's org (its reporting settings,
// inherited: orgs/settings.ts).
import type { BackupRow } from "./store.js";

const DAY_MS = 86_400_000;

/** 0 OK, 1 warning, 2 critical. */
export type AlertLevel = 0 | 1 | 2;

/** An org's backup alert intervals, in days (its effective warnInDays and alertInDays). */
export interface AlertIntervals {
  warnInDays: number;
  alertInDays: number;
}

const completedAt = (b: Pick<BackupRow, "last_completed_backup">) => (b.last_completed_backup ? Date.parse(b.last_completed_backup) : 0);

/** The instants at which a backup completed at `last` turns warning and then critical. */
export function thresholds(last: number, iv: AlertIntervals): [warning: number, critical: number] {
  return [last + iv.warnInDays * DAY_MS, last + iv.alertInDays * DAY_MS];
}

function levelSince(last: number, now: number, iv: AlertIntervals): AlertLevel {
  const [warning, critical] = thresholds(last, iv);
  return now >= critical ? 2 : now >= warning ? 1 : 0;
}

/** One destination's level (a backup never completed counts from the epoch: critical). */
export const backupAlertLevel = (b: Pick<BackupRow, "last_completed_backup">, now: number, iv: AlertIntervals): AlertLevel => levelSince(completedAt(b), now, iv);

/** The device's level: how long since the last completed backup to any destination; 0 without a destination. */
export function alertLevel(backups: Pick<BackupRow, "last_completed_backup">[], now: number, iv: AlertIntervals): AlertLevel {
  if (backups.length === 0) return 0;
  return levelSince(Math.max(0, ...backups.map(completedAt)), now, iv);
}
