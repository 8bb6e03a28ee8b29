// The SCIM-provisioned attributes of a Code42 user under the names the wire uses for them (detection-list items,
// the SCIM-data view, fixtures): one mapping for every place that shows them.
import type { UsersTable } from "../../db/schema.js";

export type ScimColumns = Pick<UsersTable, "manager_uid" | "manager_username" | "manager_display_name" | "title" | "division" | "department" | "employment_type" | "city" | "state" | "country">;

export function scimAttributesOf(u: ScimColumns) {
  return {
    managerUid: u.manager_uid,
    managerUsername: u.manager_username,
    managerDisplayName: u.manager_display_name,
    title: u.title,
    division: u.division,
    department: u.department,
    employmentType: u.employment_type,
    city: u.city,
    state: u.state,
    country: u.country,
  };
}

/**
 * Only the attributes that are set (the wire leaves the others out). A loop, not entries filtered: a fixture load
 * takes a snapshot for every user, and the arrays of pairs were a noticeable share of a 1M-user load's garbage.
 */
export function setScimAttributesOf(u: ScimColumns): Partial<Record<keyof ReturnType<typeof scimAttributesOf>, string>> {
  const all = scimAttributesOf(u);
  const set: Partial<Record<keyof typeof all, string>> = {};
  for (const name in all) {
    const value = all[name as keyof typeof all];
    if (value !== null && value !== "") set[name as keyof typeof all] = value;
  }
  return set;
}
