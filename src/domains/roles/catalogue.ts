// The roles a Code42 tenant offers. Ids and names are the ones py42, code42cli and the seeds use.
export interface RoleDefinition {
  roleId: string;
  roleName: string;
  permissions: { permission: string; description: string }[];
}

/** The catalogue is fixed, so when its roles were made and last changed is too. */
export const CATALOGUE_DATES = { creationDate: "2019-01-10T20:29:51.343Z", modificationDate: "2022-01-14T17:30:29.227Z" };

export const CUSTOMER_CLOUD_ADMIN = "customer-cloud-admin";
export const ORG_ADMIN = "org-admin";
export const DESKTOP_USER = "desktop-user";

export const ROLE_CATALOGUE: readonly RoleDefinition[] = [
  {
    roleId: CUSTOMER_CLOUD_ADMIN,
    roleName: "Customer Cloud Admin",
    permissions: [{ permission: "admin.customer.all", description: "Administer the whole tenant" }],
  },
  {
    roleId: ORG_ADMIN,
    roleName: "Org Admin",
    permissions: [{ permission: "admin.org.all", description: "Administer the user's organization and its children" }],
  },
  {
    roleId: DESKTOP_USER,
    roleName: "Desktop User",
    permissions: [{ permission: "desktop.login", description: "Sign in to the Code42 app" }],
  },
  {
    roleId: "proe-user",
    roleName: "PROe User",
    permissions: [{ permission: "desktop.login", description: "Sign in to the Code42 app" }],
  },
  {
    roleId: "alert-emails",
    roleName: "Alert Emails",
    permissions: [{ permission: "admin.receives_alert.email", description: "Receives automated backup reports and alerts by email" }],
  },
  {
    roleId: "security-center-user",
    roleName: "Security Center User",
    permissions: [{ permission: "securitycenter.view", description: "View security events" }],
  },
  {
    roleId: "legal-hold-administrator",
    roleName: "Legal Hold Administrator",
    permissions: [{ permission: "legalhold.manage", description: "Create and manage legal hold matters" }],
  },
];

/** Finds a role by id or by name, as py42's add_role does. */
export function findRole(idOrName: string): RoleDefinition | undefined {
  const key = idOrName.toLowerCase();
  return ROLE_CATALOGUE.find((r) => r.roleId === key || r.roleName.toLowerCase() === key);
}
