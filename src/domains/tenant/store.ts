// Queries for the tenant record.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export class TenantStore {
  constructor(private readonly db: Kysely<Database>) {}

  get(tenantUid: string) {
    return this.db.selectFrom("tenants").selectAll().where("tenant_uid", "=", tenantUid).executeTakeFirst();
  }

  async exists(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", tenantUid).executeTakeFirst()) !== undefined;
  }
}
