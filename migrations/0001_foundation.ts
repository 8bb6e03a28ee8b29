// Tenants, organizations, users, their roles, API clients and the token-signing keys.
// On PostgreSQL (as in every migration): integer columns are bigint and numbered keys identities (migrations/types.ts).
import { type Kysely, sql } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { autoId, int, nocase, nocaseType } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL: text that compares without case is citext (migrations/types.ts, nocase).
  if (isPostgres(db)) await sql`create extension if not exists citext`.execute(db);
  await db.schema
    .createTable("tenants")
    .addColumn("tenant_uid", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("registration_key", "text", (c) => c.notNull())
    .addColumn("deployment_model", "text", (c) => c.notNull().defaultTo("PUBLIC"))
    .addColumn("maintenance_mode", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("orgs")
    .addColumn("org_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("org_uid", "text", (c) => c.notNull())
    .addColumn("org_guid", "text", (c) => c.notNull())
    .addColumn("org_name", "text", (c) => c.notNull())
    .addColumn("org_ext_ref", "text")
    .addColumn("notes", "text")
    .addColumn("parent_org_id", int(db), (c) => c.references("orgs.org_id"))
    .addColumn("active", int(db), (c) => c.notNull().defaultTo(1))
    .addColumn("blocked", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("type", "text", (c) => c.notNull().defaultTo("ENTERPRISE"))
    .addColumn("classification", "text", (c) => c.notNull().defaultTo("BASIC"))
    .addColumn("registration_key", "text", (c) => c.notNull())
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addColumn("modification_date", "text", (c) => c.notNull())
    .addColumn("deactivation_date", "text")
    .addUniqueConstraint("orgs_tenant_uid_org_uid", ["tenant_uid", "org_uid"])
    .addUniqueConstraint("orgs_tenant_uid_org_guid", ["tenant_uid", "org_guid"])
    .execute();
  await db.schema.createIndex("orgs_tenant_parent").on("orgs").columns(["tenant_uid", "parent_org_id"]).execute();

  await db.schema
    .createTable("users")
    .addColumn("user_id", int(db), autoId(db))
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("user_uid", "text", (c) => c.notNull())
    .addColumn("org_id", int(db), (c) => c.notNull().references("orgs.org_id"))
    // Usernames compare case-insensitively, as sign-in does.
    .addColumn("username", nocaseType(db), nocase(db, (c) => c.notNull()))
    .addColumn("email", "text")
    .addColumn("first_name", "text")
    .addColumn("last_name", "text")
    .addColumn("password_hash", "text")
    .addColumn("totp_secret", "text")
    .addColumn("active", int(db), (c) => c.notNull().defaultTo(1))
    .addColumn("blocked", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("invited", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("password_reset", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("email_promo", int(db), (c) => c.notNull().defaultTo(0))
    .addColumn("notes", "text")
    .addColumn("user_ext_ref", "text")
    .addColumn("quota_in_bytes", int(db), (c) => c.notNull().defaultTo(-1))
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addColumn("modification_date", "text", (c) => c.notNull())
    .addColumn("last_login_date", "text")
    .addUniqueConstraint("users_tenant_uid_user_uid", ["tenant_uid", "user_uid"])
    .addUniqueConstraint("users_tenant_uid_username", ["tenant_uid", "username"])
    .execute();
  // Sign-in looks a username up across tenants before it knows the tenant.
  await db.schema.createIndex("users_username").on("users").column("username").execute();
  await db.schema.createIndex("users_tenant_org").on("users").columns(["tenant_uid", "org_id"]).execute();

  await db.schema
    .createTable("user_roles")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("user_id", int(db), (c) => c.notNull().references("users.user_id").onDelete("cascade"))
    .addColumn("role_id", "text", (c) => c.notNull())
    .addColumn("creation_date", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("user_roles_pk", ["user_id", "role_id"])
    .execute();

  await db.schema
    .createTable("api_clients")
    .addColumn("client_id", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("roles", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("signing_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("private_pem", "text", (c) => c.notNull())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}
