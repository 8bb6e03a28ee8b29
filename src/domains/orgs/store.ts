// Queries for organizations, always scoped to one tenant.
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.js";

export class OrgStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The org joined with its parent's uid and guid. */
  private withParent() {
    return this.db
      .selectFrom("orgs as o")
      .leftJoin("orgs as p", "p.org_id", "o.parent_org_id")
      .selectAll("o")
      .select(["p.org_uid as parent_org_uid", "p.org_guid as parent_org_guid"]);
  }

  byId(tenantUid: string, orgId: number) {
    return this.withParent().where("o.tenant_uid", "=", tenantUid).where("o.org_id", "=", orgId).executeTakeFirst();
  }

  /** A page of the tenant's orgs, root orgs first (py42 takes orgs[0] as the top-level org). */
  page(tenantUid: string, pgNum: number, pgSize: number) {
    return this.withParent()
      .where("o.tenant_uid", "=", tenantUid)
      .orderBy((eb) => eb("o.parent_org_id", "is not", null))
      .orderBy("o.org_id")
      .limit(pgSize)
      .offset((pgNum - 1) * pgSize)
      .execute();
  }

  async count(tenantUid: string): Promise<number> {
    const row = await this.db
      .selectFrom("orgs")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("tenant_uid", "=", tenantUid)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

export type OrgWithParent = NonNullable<Awaited<ReturnType<OrgStore["byId"]>>>;
