// The v1 user list and the CSV export walk a tenant's users in user_id order. users_tenant_org orders them by org
// first, so every page sorted all of the tenant's users (~20 ms at 100k, whatever the page size). This index keeps
// them in user_id order per tenant, with the columns the scope and the common filters read, so a page reads only the
// entries it shows and a count reads the index alone.
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("users_by_tenant").on("users").columns(["tenant_uid", "user_id", "org_id", "active", "blocked"]).execute();
}
