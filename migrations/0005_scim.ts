// SCIM provisioning: the providers a tenant trusts to keep its users in sync, and the attributes they set.
import { sql, type Kysely } from "kysely";
import { int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("scim_providers")
    .addColumn("provider_id", "text", (c) => c.primaryKey())
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("auth_type", "text", (c) => c.notNull().check(sql`auth_type in ('BEARER', 'BASIC')`))
    // Bearer: the token's hash. Basic: the password's hash, with the username beside it.
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("basic_username", "text")
    .addColumn("org_id", int(db), (c) => c.notNull().references("orgs.org_id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  // The enterprise extension's costCenter and organization have no other home on the Code42 user.
  await db.schema.alterTable("users").addColumn("cost_center", "text").execute();
  await db.schema.alterTable("users").addColumn("organization", "text").execute();
}
