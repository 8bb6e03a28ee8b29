// SCIM as identity providers use it: which provider provisioned a user (only it may change them), deprovisioning
// with Code42's grace period, the work address's street and postal code, and the groups a provider pushes.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../src/db/dialect.js";
import { int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign key: a fixture inserts its users before its providers, and a tenant copy keeps the column as it is.
  await db.schema.alterTable("users").addColumn("scim_provider_id", "text").execute();
  // Deprovisioned (DELETE): no longer a resource of the provider, though Code42 keeps the user.
  await db.schema.alterTable("users").addColumn("scim_deleted_at", "text").execute();
  // Blocked by deprovisioning, and deactivated when the emulator's clock reaches this instant.
  await db.schema.alterTable("users").addColumn("deprovision_at", "text").execute();
  await db.schema.alterTable("users").addColumn("street_address", "text").execute();
  await db.schema.alterTable("users").addColumn("postal_code", "text").execute();
  await sql`create index users_deprovision_at on users (deprovision_at) where deprovision_at is not null`.execute(db);
  // A provider's view of a large tenant: its own users, not a scan of everyone.
  await sql`create index users_by_scim_provider on users (scim_provider_id, user_id) where scim_provider_id is not null`.execute(db);

  await db.schema
    .createTable("scim_groups")
    .addColumn("group_id", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("provider_id", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("external_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("modified_at", "text", (c) => c.notNull())
    .execute();
  // PostgreSQL: the name compared without case is its lower case (the column stays text there too).
  if (isPostgres(db)) await sql`create unique index scim_groups_name on scim_groups (provider_id, lower(display_name))`.execute(db);
  else await sql`create unique index scim_groups_name on scim_groups (provider_id, display_name collate nocase)`.execute(db);
  await db.schema
    .createTable("scim_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("scim_groups.group_id").onDelete("cascade"))
    .addColumn("tenant_uid", "text", (c) => c.notNull())
    .addColumn("user_id", int(db), (c) => c.notNull().references("users.user_id").onDelete("cascade"))
    .addPrimaryKeyConstraint("scim_group_members_pk", ["group_id", "user_id"])
    .execute();
}
