// The v1 wire shape of a user (field names and casing as py42 and code42cli read them).
import type { components } from "../../generated/openapi.js";
import { looksLikeEmail } from "./rules.js";
import { scimAttributesOf } from "./scim-attributes.js";
import { userStatus } from "./status.js";
import type { ListedUser } from "./list-store.js";
import type { UserWithOrg } from "./store.js";

export type WireUser = components["schemas"]["User"];

export function presentUser(u: ListedUser, roleNames?: string[]): WireUser {
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
  if (roleNames) user.roles = roleNames;
  return user;
}

/** The SCIM attributes an identity provider set on the user (shape inferred: py42 does not read it). */
export function presentScimData(u: UserWithOrg) {
  return { userId: u.user_uid, username: u.username, ...scimAttributesOf(u) };
}
