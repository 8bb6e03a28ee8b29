// The one word for a user's (or an org's) state, as the console's tabs, the user API and the CSV export all use it.
import { flagsFunction } from "../../db/sql-functions.js";

export type UserStatus = "Active" | "Blocked" | "Deactivated";

export function userStatus(u: { active: number; blocked: number }): UserStatus {
  if (!u.active) return "Deactivated";
  return u.blocked ? "Blocked" : "Active";
}

/** userStatus of the columns active and blocked, in SQL too (a page SQLite writes). */
export const USER_STATUS = flagsFunction("user_status", (active: number, blocked: number) => userStatus({ active, blocked }));
