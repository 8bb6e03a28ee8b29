// Users and roles -> the gateway's shapes (Code42's document of 2024-09-13; the incydr SDK's users models). The
// gateway names a user by its userUid and keeps the legacy wire's numeric ids as legacyUserId and legacyOrgId.
import type { components } from "../../../generated/openapi.js";
import { CATALOGUE_DATES, type RoleDefinition } from "../../../domains/roles/catalogue.js";
import type { HeldRole, RoleChange, UserPageJson } from "../../../domains/users/service.js";
import type { ListedUser } from "../../../domains/users/list-store.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";
import { jsonParts, JsonTexts } from "../../../http/json-text.js";

type Schemas = components["schemas"];

const { value, text, flag } = fieldsOf<ListedUser>();

/** A user as the gateway writes it: one declaration for a single user and for a page SQLite writes (projection.ts). */
export const GATEWAY_USER: Projection<ListedUser, Schemas["GatewayUser"]> = {
  legacyUserId: text("user_id"),
  userId: value("user_uid"),
  username: value("username"),
  firstName: value("first_name"),
  lastName: value("last_name"),
  legacyOrgId: text("org_id"),
  orgId: value("org_uid"),
  orgGuid: value("org_guid"),
  orgName: value("org_name"),
  notes: value("notes"),
  active: flag("active"),
  blocked: flag("blocked"),
  creationDate: value("creation_date"),
  modificationDate: value("modification_date"),
};

export const presentGatewayUser = projector(GATEWAY_USER);

/** A page whose users SQLite wrote as JSON. */
export const presentGatewayUserPageJson = ({ totalCount, json }: UserPageJson) => jsonParts({ totalCount, users: new JsonTexts(json) });

export function presentGatewayUserRole({ role, since }: HeldRole) {
  return { roleId: role.roleId, roleName: role.roleName, creationDate: CATALOGUE_DATES.creationDate, modificationDate: since, permissionIds: role.permissions.map((p) => p.permission) };
}

export function presentGatewayRole(role: RoleDefinition): Schemas["GatewayRole"] {
  return { roleId: role.roleId, roleName: role.roleName, ...CATALOGUE_DATES, permissions: role.permissions };
}

export function presentRoleChange(change: RoleChange) {
  return { processedReplacementRoleIds: change.roleIds, newlyAssignedRolesIds: change.granted, unassignedRolesIds: change.removed, ignoredRolesIds: [] };
}
