// Deprovisioning as Code42 documents it for Okta and Entra: a user the provider sets inactive or deletes is blocked
// at once and deactivated when a grace period of 15 minutes has passed on the emulator's clock; set active again
// within it, the user is unblocked and their devices are left alone.
import type { Kysely } from "kysely";
import type { Clock } from "../../clock.js";
import type { ChangeCounter } from "../../db/open.js";
import { flagsFunction } from "../../db/sql-functions.js";
import type { Database } from "../../db/schema.js";
import { deactivateDevicesOf } from "../devices/registration.js";
import { inActiveLegalHold } from "../legalhold/holds.js";
import { UserStore, type UserPatch } from "../users/store.js";

export const DEPROVISION_GRACE_MS = 15 * 60_000;

/** Whether SCIM sees the user as active: a blocked user (deprovisioning, or the console) is not. */
export const scimActive = (u: { active: number; blocked: number }) => u.active === 1 && u.blocked === 0;

/** scimActive as a rule of flags, which SQLite looks up when it writes a page of users (projection.ts). */
export const SCIM_ACTIVE = flagsFunction("scim_active", (active: number, blocked: number) => scimActive({ active, blocked }));

/** What deprovisioning writes on the user at `nowMs`: blocked now, deactivated when the grace period ends. */
export const deprovisioning = (nowMs: number): UserPatch => ({ blocked: 1, deprovision_at: new Date(nowMs + DEPROVISION_GRACE_MS).toISOString() });

/**
 * Deactivates the users whose grace period has ended. Asked before every request, it reads the database only when
 * something was written since it last looked, or when the earliest deadline it knows of has passed, so a tenant with
 * nothing pending pays one counter read a request.
 */
export class DeprovisioningDeadlines {
  private seen = -1;
  private earliest = Number.POSITIVE_INFINITY;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly changes: ChangeCounter,
  ) {}

  async runDue(): Promise<void> {
    if (this.changes() !== this.seen) {
      const next = await new UserStore(this.db).earliestDeprovision();
      this.earliest = next ? Date.parse(next) : Number.POSITIVE_INFINITY;
      this.seen = this.changes();
    }
    if (this.clock.now() < this.earliest) return;
    const now = this.clock.now();
    const at = new Date(now).toISOString();
    await this.db.transaction().execute(async (trx) => {
      const users = new UserStore(trx);
      const due = await users.deprovisionsDue(at);
      for (const u of due) {
        // Put in a legal hold during the grace period: the hold wins, and the user stays blocked, not deactivated.
        if (await inActiveLegalHold(trx, u.tenant_uid, u.user_uid)) {
          await users.update(u.user_id, { deprovision_at: null }, at);
          continue;
        }
        await users.update(u.user_id, { active: 0, deprovision_at: null }, at);
        if (u.active === 1) await deactivateDevicesOf(trx, u, now);
      }
    });
  }
}
