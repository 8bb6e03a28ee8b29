// The one legal-hold question other areas ask: is this user an active custodian of an active matter?
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { LegalHoldStore } from "./store.js";

export function inActiveLegalHold(db: Kysely<Database>, tenantUid: string, userUid: string): Promise<boolean> {
  return new LegalHoldStore(db).inActiveHold(tenantUid, userUid);
}

/** Seed 003: holds are checked before deactivating (py42 raises Py42ActiveLegalHoldError). */
export const activeLegalHold = (what: string) => new DomainError("ACTIVE_LEGAL_HOLD", `Cannot deactivate ${what}: it is in an active legal hold`);
