// The one legal-hold question other areas ask: is this user an active custodian of an active matter?
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";

export async function inActiveLegalHold(db: Kysely<Database>, tenantUid: string, userUid: string): Promise<boolean> {
  const row = await db
    .selectFrom("legal_hold_memberships as m")
    .innerJoin("legal_holds as h", "h.legal_hold_uid", "m.legal_hold_uid")
    .select("m.membership_uid")
    .where("m.tenant_uid", "=", tenantUid)
    .where("m.user_uid", "=", userUid)
    .where("m.active", "=", 1)
    .where("h.active", "=", 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Seed 003: holds are checked before deactivating (py42 raises Py42ActiveLegalHoldError). */
export const activeLegalHold = (what: string) => new DomainError("ACTIVE_LEGAL_HOLD", `Cannot deactivate ${what}: it is in an active legal hold`);
