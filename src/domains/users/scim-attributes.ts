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

/** Only the attributes that are set (the wire leaves the others out). */
export function setScimAttributesOf(u: ScimColumns): Partial<Record<keyof ReturnType<typeof scimAttributesOf>, string>> {
  return Object.fromEntries(Object.entries(scimAttributesOf(u)).filter(([, v]) => v !== null && v !== "")) as Partial<Record<keyof ReturnType<typeof scimAttributesOf>, string>>;
}
