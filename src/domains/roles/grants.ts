// Which roles a caller may hand out: one rule for the console's Available Roles and for every role write.
import type { Principal } from "../../auth/principal.js";
import type { Scope } from "../access/scope.js";
import { ROLE_CATALOGUE, type RoleDefinition } from "./catalogue.js";

/**
 * Seed "Users reference": "Admins can only grant roles to users if the admin user account is assigned the role." A
 * Customer Cloud Admin (the whole tenant in reach) holds them all; someone who administers no one grants none.
 */
export function grantableRoles(caller: Principal, scope: Scope): RoleDefinition[] {
  if (scope.kind === "tenant") return [...ROLE_CATALOGUE];
  if (scope.kind === "self") return [];
  return ROLE_CATALOGUE.filter((r) => caller.roles.has(r.roleId));
}
