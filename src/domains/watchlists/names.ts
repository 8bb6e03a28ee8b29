// The watchlist types and the names Code42 shows for them. No imports: the console's browser bundle reads them too.
/** The types a tenant has one watchlist of; CUSTOM ones are as many as made. HIGH_RISK_EMPLOYEE is the legacy list's. */
export const BUILT_IN_TYPES = [
  "DEPARTING_EMPLOYEE",
  "HIGH_RISK_EMPLOYEE",
  "NEW_EMPLOYEE",
  "FLIGHT_RISK",
  "PERFORMANCE_CONCERNS",
  "HIGH_IMPACT_EMPLOYEE",
  "ELEVATED_ACCESS_PRIVILEGES",
  "POOR_SECURITY_PRACTICES",
  "CONTRACT_EMPLOYEE",
  "SUSPICIOUS_SYSTEM_ACTIVITY",
] as const;
export type BuiltInType = (typeof BUILT_IN_TYPES)[number];
export const CUSTOM = "CUSTOM";

/** How Code42 names a built-in watchlist where it shows one by name (an alert's watchlists); CUSTOM ones by title. */
export const WATCHLIST_NAMES: Readonly<Record<BuiltInType, string>> = {
  DEPARTING_EMPLOYEE: "Departing Employees",
  HIGH_RISK_EMPLOYEE: "High Risk Employees",
  NEW_EMPLOYEE: "New Employees",
  FLIGHT_RISK: "Flight Risk",
  PERFORMANCE_CONCERNS: "Performance Concerns",
  HIGH_IMPACT_EMPLOYEE: "High Impact Employees",
  ELEVATED_ACCESS_PRIVILEGES: "Elevated Access Privileges",
  POOR_SECURITY_PRACTICES: "Poor Security Practices",
  CONTRACT_EMPLOYEE: "Contract Employees",
  SUSPICIOUS_SYSTEM_ACTIVITY: "Suspicious System Activity",
};
