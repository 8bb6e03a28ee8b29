// The one word for a user's (or an org's) state, as the console's tabs, the user API and the CSV export all use it.
export type UserStatus = "Active" | "Blocked" | "Deactivated";

export function userStatus(u: { active: number; blocked: number }): UserStatus {
  if (!u.active) return "Deactivated";
  return u.blocked ? "Blocked" : "Active";
}
