// Org settings (issue #21): what an org sets for itself, each row one setting; an org without a row for a setting
// inherits its parent's, and the tenant's defaults stand above the root. `kind` keeps apart the org's `settings`
// (quotas, backup alert reporting, destinations, web restore limits; JSON values) and the key/value packets of
// /api/v1/OrgSetting (string values, lockable). The device limit and app visibility stay the orgs columns they were.
import type { Kysely } from "kysely";
import { int } from "./types.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("org_settings")
    .addColumn("tenant_uid", "text", (c) => c.notNull().references("tenants.tenant_uid").onDelete("cascade"))
    .addColumn("org_id", int(db), (c) => c.notNull().references("orgs.org_id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("locked", int(db), (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("org_settings_pk", ["org_id", "kind", "name"])
    .execute();
}

