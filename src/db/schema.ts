// The typed shape of the SQLite database, as the migrations leave it. Every domain row carries its tenant.
import type { Generated, Insertable, Selectable } from "kysely";

/** SQLite has no booleans: 0 / 1. */
export type Flag = 0 | 1;

export interface TenantsTable {
  tenant_uid: string;
  name: string;
  registration_key: string;
  deployment_model: string;
  maintenance_mode: Flag;
  created_at: string;
}

export interface OrgsTable {
  org_id: Generated<number>;
  tenant_uid: string;
  org_uid: string;
  org_guid: string;
  org_name: string;
  org_ext_ref: string | null;
  notes: string | null;
  parent_org_id: number | null;
  active: Flag;
  blocked: Flag;
  type: string;
  classification: string;
  registration_key: string;
  creation_date: string;
  modification_date: string;
  deactivation_date: string | null;
}

export interface UsersTable {
  user_id: Generated<number>;
  tenant_uid: string;
  user_uid: string;
  org_id: number;
  username: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  /** scrypt hash; null for users who never set a password (invited, SSO). */
  password_hash: string | null;
  /** Base32 TOTP secret; set means the user signs in with two factors. */
  totp_secret: string | null;
  active: Flag;
  blocked: Flag;
  invited: Flag;
  password_reset: Flag;
  email_promo: Flag;
  notes: string | null;
  user_ext_ref: string | null;
  quota_in_bytes: number;
  creation_date: string;
  modification_date: string;
  last_login_date: string | null;
}

export interface UserRolesTable {
  tenant_uid: string;
  user_id: number;
  role_id: string;
  creation_date: string;
}

export interface ApiClientsTable {
  client_id: string;
  tenant_uid: string;
  name: string;
  secret_hash: string;
  /** JSON array of role ids. */
  roles: string;
  created_at: string;
}

export interface SigningKeysTable {
  kid: string;
  private_pem: string;
  public_jwk: string;
  created_at: string;
}

export interface Database {
  tenants: TenantsTable;
  orgs: OrgsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  api_clients: ApiClientsTable;
  signing_keys: SigningKeysTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type OrgRow = Selectable<OrgsTable>;
export type UserRow = Selectable<UsersTable>;
export type NewOrg = Insertable<OrgsTable>;
export type NewUser = Insertable<UsersTable>;
export type ApiClientRow = Selectable<ApiClientsTable>;
