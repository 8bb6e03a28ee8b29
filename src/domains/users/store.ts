// Queries for users, always scoped to one tenant.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The user joined with the org columns its wire shape shows. */
  private withOrg() {
    return this.db
      .selectFrom("users as u")
      .innerJoin("orgs as o", "o.org_id", "u.org_id")
      .selectAll("u")
      .select(["o.org_uid", "o.org_name", "o.type as org_type"]);
  }

  byId(tenantUid: string, userId: number) {
    return this.withOrg().where("u.tenant_uid", "=", tenantUid).where("u.user_id", "=", userId).executeTakeFirst();
  }

  async roleIds(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom("user_roles").select("role_id").where("user_id", "=", userId).orderBy("role_id").execute();
    return rows.map((r) => r.role_id);
  }
}

export type UserWithOrg = NonNullable<Awaited<ReturnType<UserStore["byId"]>>>;
