// Users and roles -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's users models). The
// gateway names a user by its userUid and keeps the legacy wire's numeric ids as legacyUserId and legacyOrgId.
import type { components } from "../../../generated/openapi.js";
import { CATALOGUE_DATES, type RoleDefinition } from "../../../domains/roles/catalogue.js";
import type { HeldRole, RoleChange, UserPage } from "../../../domains/users/service.js";
import type { ListedUser } from "../../../domains/users/list-store.js";

type Schemas = components["schemas"];

export function presentGatewayUser(u: ListedUser): Schemas["GatewayUser"] {
  return {
    legacyUserId: String(u.user_id),
    userId: u.user_uid,
    username: u.username,
    firstName: u.first_name,
    lastName: u.last_name,
    legacyOrgId: String(u.org_id),
    orgId: u.org_uid,
    orgGuid: u.org_guid,
    orgName: u.org_name,
    notes: u.notes,
    active: u.active === 1,
    blocked: u.blocked === 1,
    creationDate: u.creation_date,
    modificationDate: u.modification_date,
  };
}

export const presentGatewayUserPage = (page: UserPage) => ({ totalCount: page.totalCount, users: page.users.map(presentGatewayUser) });

export function presentGatewayUserRole({ role, since }: HeldRole) {
  return { roleId: role.roleId, roleName: role.roleName, creationDate: CATALOGUE_DATES.creationDate, modificationDate: since, permissionIds: role.permissions.map((p) => p.permission) };
}

export function presentGatewayRole(role: RoleDefinition): Schemas["GatewayRole"] {
  return { roleId: role.roleId, roleName: role.roleName, ...CATALOGUE_DATES, permissions: role.permissions };
}

export function presentRoleChange(change: RoleChange) {
  return { processedReplacementRoleIds: change.roleIds, newlyAssignedRolesIds: change.granted, unassignedRolesIds: change.removed, ignoredRolesIds: [] };
}
