// Queries for the tenant record.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";

export interface TenantSummary {
  tenantUid: string;
  name: string;
  createdAt: string;
  counts: { orgs: number; users: number; devices: number };
}

export class TenantStore {
  constructor(private readonly db: Kysely<Database>) {}

  get(tenantUid: string) {
    return this.db.selectFrom("tenants").selectAll().where("tenant_uid", "=", tenantUid).executeTakeFirst();
  }

  async exists(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", tenantUid).executeTakeFirst()) !== undefined;
  }

  /** Every tenant, oldest first (a copy, which keeps its original's date, after it by name), with how much it holds. */
  async summaries(): Promise<TenantSummary[]> {
    const rows = await this.db
      .selectFrom("tenants")
      .select(["tenant_uid", "name", "created_at"])
      .select((eb) => [
        eb.selectFrom("orgs").select(eb.fn.countAll<number>().as("n")).whereRef("orgs.tenant_uid", "=", "tenants.tenant_uid").as("orgs"),
        eb.selectFrom("users").select(eb.fn.countAll<number>().as("n")).whereRef("users.tenant_uid", "=", "tenants.tenant_uid").as("users"),
        eb.selectFrom("devices").select(eb.fn.countAll<number>().as("n")).whereRef("devices.tenant_uid", "=", "tenants.tenant_uid").as("devices"),
      ])
      .orderBy("created_at")
      .orderBy("name")
      .orderBy("tenant_uid")
      .execute();
    return rows.map((r) => ({ tenantUid: r.tenant_uid, name: r.name, createdAt: r.created_at, counts: { orgs: Number(r.orgs), users: Number(r.users), devices: Number(r.devices) } }));
  }

  /**
   * The user the console acts as: the one named, or the tenant's first active, unblocked Customer Cloud Admin (the
   * fixture's admin). Undefined when there is none.
   */
  actingUser(tenantUid: string, username?: string) {
    let q = this.db.selectFrom("users").select(["users.user_uid", "users.username"]).where("users.tenant_uid", "=", tenantUid).where("users.active", "=", 1).where("users.blocked", "=", 0);
    q = username !== undefined
      ? q.where("users.username", "=", username)
      : q.where((eb) => eb.exists(eb.selectFrom("user_roles").select("user_roles.user_id").whereRef("user_roles.user_id", "=", "users.user_id").where("user_roles.role_id", "=", CUSTOMER_CLOUD_ADMIN)));
    return q.orderBy("users.user_id").limit(1).executeTakeFirst();
  }
}
