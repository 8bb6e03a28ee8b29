// Queries for organizations, always scoped to one tenant (and, for org admins, to their subtree).
import { sql, type Kysely } from "kysely";
import type { Database, NewOrg, OrgsTable } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";

type OrgPatch = Partial<Pick<OrgsTable, "org_name" | "org_ext_ref" | "notes" | "active" | "blocked" | "deactivation_date" | "device_limit_per_user">> & { client_visibility?: string };

/** What an org holds directly: its active users, their active devices, and the orgs just below it. */
export interface OrgCounts {
  users: number;
  computers: number;
  orgs: number;
}

type NewOrgFields = Pick<NewOrg, "tenant_uid" | "org_uid" | "org_guid" | "org_name" | "parent_org_id" | "registration_key" | "creation_date"> & Partial<NewOrg>;

/**
 * A new org as the console makes one, from the fields its creator decides (the API, fixtures): active, an enterprise
 * org of the basic classification unless its parent says otherwise, no device limit of its own.
 */
export function newOrgRow(fields: NewOrgFields): NewOrg {
  return {
    org_ext_ref: null,
    notes: null,
    active: 1,
    blocked: 0,
    type: "ENTERPRISE",
    classification: "BASIC",
    modification_date: fields.creation_date,
    deactivation_date: null,
    device_limit_per_user: null,
    ...fields,
  };
}

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

  byUid(tenantUid: string, orgUid: string) {
    return this.withParent().where("o.tenant_uid", "=", tenantUid).where("o.org_uid", "=", orgUid).executeTakeFirst();
  }

  /** The tenant's first root org: where an API client's users go when no org is named. */
  firstRoot(tenantUid: string) {
    return this.withParent().where("o.tenant_uid", "=", tenantUid).where("o.parent_org_id", "is", null).orderBy("o.org_id").executeTakeFirstOrThrow();
  }

  byGuid(tenantUid: string, orgGuid: string) {
    return this.withParent().where("o.tenant_uid", "=", tenantUid).where("o.org_guid", "=", orgGuid).executeTakeFirst();
  }

  /** The ids of an org and all its descendants. */
  async subtreeIds(tenantUid: string, orgId: number): Promise<number[]> {
    const rows = await sql<{ org_id: number }>`
      with recursive tree(org_id) as (
        select org_id from orgs where tenant_uid = ${tenantUid} and org_id = ${orgId}
        union all
        select o.org_id from orgs o join tree t on o.parent_org_id = t.org_id where o.tenant_uid = ${tenantUid}
      ) select org_id from tree`.execute(this.db);
    return rows.rows.map((r) => r.org_id);
  }

  private visible(scope: Scope, ownOrgId: number | null) {
    let q = this.withParent().where("o.tenant_uid", "=", scope.tenantUid);
    if (scope.kind === "orgs") q = q.where("o.org_id", "in", scope.orgIds.length ? scope.orgIds : [-1]);
    if (scope.kind === "self") q = q.where("o.org_id", "=", ownOrgId ?? -1);
    return q;
  }

  /** Root orgs first: py42 takes orgs[0] as the top-level org, the incydr SDK the first whose parent is not listed. */
  private rootsFirst(scope: Scope, ownOrgId: number | null) {
    return this.visible(scope, ownOrgId)
      .orderBy((eb) => eb("o.parent_org_id", "is not", null))
      .orderBy("o.org_id");
  }

  /** A page of the orgs in reach. */
  page(scope: Scope, ownOrgId: number | null, pgNum: number, pgSize: number) {
    return this.rootsFirst(scope, ownOrgId)
      .limit(pgSize)
      .offset((pgNum - 1) * pgSize)
      .execute();
  }

  /** Every org in reach, only the active or the deactivated ones when `active` is given. */
  all(scope: Scope, ownOrgId: number | null, active?: boolean) {
    let q = this.rootsFirst(scope, ownOrgId);
    if (active !== undefined) q = q.where("o.active", "=", active ? 1 : 0);
    return q.execute();
  }

  /** The counts of these orgs (of every org of the tenant when null), grouped: three queries however many orgs. */
  async counts(tenantUid: string, orgIds: readonly number[] | null): Promise<Map<number, OrgCounts>> {
    if (orgIds?.length === 0) return new Map();
    const n = sql<number>`count(*)`.as("n");
    let users = this.db.selectFrom("users").select(["org_id as id", n]).where("tenant_uid", "=", tenantUid).where("active", "=", 1);
    let computers = this.db
      .selectFrom("devices as d")
      .innerJoin("users as u", "u.user_id", "d.user_id")
      .select(["u.org_id as id", n])
      .where("d.tenant_uid", "=", tenantUid)
      .where("d.active", "=", 1);
    let children = this.db.selectFrom("orgs").select(["parent_org_id as id", n]).where("tenant_uid", "=", tenantUid);
    if (orgIds) {
      users = users.where("org_id", "in", orgIds);
      computers = computers.where("u.org_id", "in", orgIds);
      children = children.where("parent_org_id", "in", orgIds);
    } else children = children.where("parent_org_id", "is not", null);
    const [u, c, o] = await Promise.all([users.groupBy("org_id").execute(), computers.groupBy("u.org_id").execute(), children.groupBy("parent_org_id").execute()]);
    const counts = new Map<number, OrgCounts>();
    const of = (id: number) => counts.get(id) ?? counts.set(id, { users: 0, computers: 0, orgs: 0 }).get(id)!;
    for (const r of u) of(r.id).users = Number(r.n);
    for (const r of c) of(r.id).computers = Number(r.n);
    for (const r of o) of(r.id!).orgs = Number(r.n);
    return counts;
  }

  async count(scope: Scope, ownOrgId: number | null): Promise<number> {
    const row = await this.visible(scope, ownOrgId)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(org: NewOrg): Promise<number> {
    return (await this.db.insertInto("orgs").values(org).returning("org_id").executeTakeFirstOrThrow()).org_id;
  }

  async update(orgId: number, patch: OrgPatch, modifiedAt: string): Promise<void> {
    await this.db.updateTable("orgs").set({ ...patch, modification_date: modifiedAt }).where("org_id", "=", orgId).execute();
  }

  /**
   * The active orgs a deployment's registration key names, in any tenant: the org of the key, or the root orgs of the
   * tenant whose key it is. Oldest first (a tenant copy keeps its source's keys).
   */
  byRegistrationKey(key: string) {
    return this.db
      .selectFrom("orgs")
      .select(["org_id", "tenant_uid"])
      .where("active", "=", 1)
      .where((eb) =>
        eb.or([
          eb("registration_key", "=", key),
          eb.and([eb("parent_org_id", "is", null), eb("tenant_uid", "in", eb.selectFrom("tenants").select("tenant_uid").where("registration_key", "=", key))]),
        ]),
      )
      .orderBy("org_id")
      .execute();
  }
}

export type OrgWithParent = NonNullable<Awaited<ReturnType<OrgStore["byId"]>>>;
