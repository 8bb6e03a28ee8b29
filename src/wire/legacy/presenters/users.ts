// Users and their roles -> the v1 and v3 wire shapes (field names and casing as py42 and code42cli read them).
import type { components } from "../../../generated/openapi.js";
import { CATALOGUE_DATES } from "../../../domains/roles/catalogue.js";
import { LOOKS_LIKE_EMAIL } from "../../../domains/users/rules.js";
import { scimAttributesOf } from "../../../domains/users/scim-attributes.js";
import type { GrantableRole, HeldRole, UserPage, UserPageJson, UserRecord } from "../../../domains/users/service.js";
import { USER_STATUS } from "../../../domains/users/status.js";
import type { ListedUser } from "../../../domains/users/list-store.js";
import { JsonTexts } from "../../../http/json-text.js";
import { fieldsOf, projector, type Projection } from "../../../projection.js";
import type { UserWithOrg } from "../../../domains/users/store.js";

type Schemas = components["schemas"];
export type WireUser = Schemas["User"];
export type WireUserRole = Schemas["UserRole"];
export type WireRole = Schemas["Role"];

const { value, flag, computed, constant } = fieldsOf<ListedUser>();

/** A user as the v1 wire writes it, without roles: one declaration for a single user and for a page SQLite writes (projection.ts). */
export const LEGACY_USER: Projection<ListedUser, Omit<WireUser, "roles">> = {
  userId: value("user_id"),
  userUid: value("user_uid"),
  status: computed(USER_STATUS, "active", "blocked"),
  username: value("username"),
  email: value("email"),
  firstName: value("first_name"),
  lastName: value("last_name"),
  quotaInBytes: value("quota_in_bytes"),
  orgId: value("org_id"),
  orgUid: value("org_uid"),
  orgName: value("org_name"),
  userExtRef: value("user_ext_ref"),
  notes: value("notes"),
  active: flag("active"),
  blocked: flag("blocked"),
  emailPromo: flag("email_promo"),
  invited: flag("invited"),
  orgType: value("org_type"),
  usernameIsAnEmail: computed(LOOKS_LIKE_EMAIL, "username"),
  creationDate: value("creation_date"),
  modificationDate: value("modification_date"),
  passwordReset: flag("password_reset"),
  localAuthenticationOnly: constant(false),
  licenses: constant([]),
};

const presentListedUser = projector(LEGACY_USER);

export function presentUser(u: UserRecord): WireUser {
  const user: WireUser = presentListedUser(u);
  if (u.roleNames) user.roles = u.roleNames;
  return user;
}

export function presentUserPage(page: UserPage) {
  return { totalCount: page.totalCount, users: page.users.map(presentUser) };
}

/** A page whose users SQLite wrote as JSON. */
export const presentUserPageJson = ({ totalCount, json }: UserPageJson) => ({ totalCount, users: new JsonTexts(json) });

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
