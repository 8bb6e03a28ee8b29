// Users and their roles -> the v1 and v3 wire shapes (field names and casing as py42 and code42cli read them).
import type { components } from "../../../generated/openapi.js";
import { CATALOGUE_DATES } from "../../../domains/roles/catalogue.js";
import { looksLikeEmail } from "../../../domains/users/rules.js";
import { scimAttributesOf } from "../../../domains/users/scim-attributes.js";
import type { GrantableRole, HeldRole, UserPage, UserRecord } from "../../../domains/users/service.js";
import { userStatus } from "../../../domains/users/status.js";
import type { UserWithOrg } from "../../../domains/users/store.js";

type Schemas = components["schemas"];
export type WireUser = Schemas["User"];
export type WireUserRole = Schemas["UserRole"];
export type WireRole = Schemas["Role"];

export function presentUser(u: UserRecord): WireUser {
  const user: WireUser = {
    userId: u.user_id,
    userUid: u.user_uid,
    status: userStatus(u),
    username: u.username,
    email: u.email,
    firstName: u.first_name,
    lastName: u.last_name,
    quotaInBytes: u.quota_in_bytes,
    orgId: u.org_id,
    orgUid: u.org_uid,
    orgName: u.org_name,
    userExtRef: u.user_ext_ref,
    notes: u.notes,
    active: u.active === 1,
    blocked: u.blocked === 1,
    emailPromo: u.email_promo === 1,
    invited: u.invited === 1,
    orgType: u.org_type,
    usernameIsAnEmail: looksLikeEmail(u.username),
    creationDate: u.creation_date,
    modificationDate: u.modification_date,
    passwordReset: u.password_reset === 1,
    localAuthenticationOnly: false,
    licenses: [],
  };
  if (u.roleNames) user.roles = u.roleNames;
  return user;
}

export function presentUserPage(page: UserPage) {
  return { totalCount: page.totalCount, users: page.users.map(presentUser) };
}

/** The SCIM attributes an identity provider set on the user (shape inferred: py42 does not read it). */
export function presentScimData(u: UserWithOrg) {
  return { userId: u.user_uid, username: u.username, ...scimAttributesOf(u) };
}

export function presentUserRole({ role, since }: HeldRole): WireUserRole {
  return {
    roleId: role.roleId,
    roleName: role.roleName,
    creationDate: CATALOGUE_DATES.creationDate,
    modificationDate: since,
    permissionIds: role.permissions.map((p) => p.permission),
  };
}

/** A role of the console's Available Roles. */
export function presentRole({ role, holders }: GrantableRole): WireRole {
  return {
    roleId: role.roleId,
    roleName: role.roleName,
    numberOfUsers: holders,
    ...CATALOGUE_DATES,
    permissions: role.permissions,
  };
}
