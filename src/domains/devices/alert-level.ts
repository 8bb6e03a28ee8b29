// A device's backup alert level, as the console, the Computer API and the user export all report it.
import type { BackupRow } from "./store.js";

const DAY_MS = 86_400_000;
/** The warning and critical intervals the default org settings use (minutesUntilWarning 7200, UntilSevere 14400). */
const WARNING_MS = 5 * DAY_MS;
const CRITICAL_MS = 10 * DAY_MS;

/** 0 OK, 1 warning, 2 critical. */
export type AlertLevel = 0 | 1 | 2;

/** How long since the last completed backup to any destination. */
export function alertLevel(backups: BackupRow[], now: number): AlertLevel {
  const last = Math.max(0, ...backups.map((b) => (b.last_completed_backup ? Date.parse(b.last_completed_backup) : 0)));
  if (backups.length === 0) return 0;
  const age = now - last;
  return age >= CRITICAL_MS ? 2 : age >= WARNING_MS ? 1 : 0;
}
