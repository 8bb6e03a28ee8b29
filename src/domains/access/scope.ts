// What a caller may see and change: the whole tenant, an org subtree, or only themselves.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { OrgStore } from "../orgs/store.js";
import { CUSTOMER_CLOUD_ADMIN, ORG_ADMIN } from "../roles/catalogue.js";

export type Scope =
  | { kind: "tenant"; tenantUid: string }
  /** An org admin: their org and every org below it (seed "Instructions for Code42 Organization Administrators"). */
  | { kind: "orgs"; tenantUid: string; orgIds: number[] }
  | { kind: "self"; tenantUid: string; userId: number | null };

/** The ids of an org and all its descendants. */
export function subtree(db: Kysely<Database>, tenantUid: string, orgId: number): Promise<number[]> {
  return new OrgStore(db).subtreeIds(tenantUid, orgId);
}

export async function scopeOf(db: Kysely<Database>, caller: Principal): Promise<Scope> {
  if (caller.roles.has(CUSTOMER_CLOUD_ADMIN)) return { kind: "tenant", tenantUid: caller.tenantUid };
  if (caller.kind === "user" && caller.roles.has(ORG_ADMIN)) return { kind: "orgs", tenantUid: caller.tenantUid, orgIds: await subtree(db, caller.tenantUid, caller.orgId) };
  return { kind: "self", tenantUid: caller.tenantUid, userId: caller.kind === "user" ? caller.userId : null };
}

export const isAdmin = (scope: Scope) => scope.kind !== "self";

export function requireAdmin(scope: Scope): void {
  if (!isAdmin(scope)) throw new DomainError("FORBIDDEN", "An administrator role is required");
}

/** Whether an org is inside the caller's reach. */
export function orgInScope(scope: Scope, orgId: number): boolean {
  return scope.kind === "tenant" || (scope.kind === "orgs" && scope.orgIds.includes(orgId));
}

/** Whether a user (by id and org) is inside the caller's reach. */
export function userInScope(scope: Scope, user: { user_id: number; org_id: number }): boolean {
  return scope.kind === "self" ? scope.userId === user.user_id : orgInScope(scope, user.org_id);
}
