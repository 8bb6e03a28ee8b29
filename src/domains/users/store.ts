// Queries for users, always scoped to one tenant (and, for org admins, to their org subtree).
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Database, NewUser, OrgsTable, UserRow, UsersTable } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";

export interface UserFilter {
  username?: string;
  email?: string;
  active?: boolean;
  blocked?: boolean;
  /** Users in any of these orgs (an org filter already widened to its children). */
  orgIds?: number[];
  roleId?: string;
  /** Matches name, username and email, partially. */
  q?: string;
}

export type UserPatch = Partial<
  Pick<
    UsersTable,
    | "username" | "email" | "first_name" | "last_name" | "password_hash" | "notes" | "user_ext_ref" | "quota_in_bytes" | "active" | "blocked"
    | "org_id" | "totp_secret" | "invited" | "password_reset"
    // SCIM-provisioned attributes
    | "title" | "division" | "department" | "employment_type" | "manager_uid" | "manager_username" | "manager_display_name"
    | "city" | "state" | "country" | "cost_center" | "organization"
  >
>;

/** Every stored column of a new user; user_id only when the caller chooses it. */
export type NewUserRow = Omit<UserRow, "user_id" | "display_name"> & { user_id?: number };

type NewUserFields = Pick<NewUserRow, "tenant_uid" | "user_uid" | "org_id" | "username" | "email" | "first_name" | "last_name" | "password_hash" | "creation_date"> &
  Partial<NewUserRow>;

/**
 * A new user as the console makes one, from the fields its creator decides (the API, SCIM, fixtures): active, no
 * reset pending, no SCIM attributes yet. Fields given as undefined override the defaults, so give null instead.
 */
export function newUserRow(fields: NewUserFields): NewUserRow {
  return {
    totp_secret: null,
    active: 1,
    blocked: 0,
    invited: 0,
    password_reset: 0,
    email_promo: 0,
    notes: null,
    user_ext_ref: null,
    quota_in_bytes: -1,
    modification_date: fields.creation_date,
    last_login_date: null,
    title: null,
    division: null,
    department: null,
    employment_type: null,
    manager_uid: null,
    manager_username: null,
    manager_display_name: null,
    city: null,
    state: null,
    country: null,
    cost_center: null,
    organization: null,
    ...fields,
  };
}

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

  byUid(tenantUid: string, userUid: string) {
    return this.withOrg().where("u.tenant_uid", "=", tenantUid).where("u.user_uid", "=", userUid).executeTakeFirst();
  }

  byUsername(tenantUid: string, username: string) {
    return this.withOrg().where("u.tenant_uid", "=", tenantUid).where("u.username", "=", username).executeTakeFirst();
  }

  private filtered<O>(q: SelectQueryBuilder<Database & { u: UsersTable; o: OrgsTable }, "u" | "o", O>, scope: Scope, f: UserFilter) {
    q = q.where("u.tenant_uid", "=", scope.tenantUid);
    if (scope.kind === "orgs") q = q.where("u.org_id", "in", scope.orgIds.length ? scope.orgIds : [-1]);
    if (scope.kind === "self") q = q.where("u.user_id", "=", scope.userId ?? -1);
    if (f.username !== undefined) q = q.where("u.username", "=", f.username);
    if (f.email !== undefined) q = q.where("u.email", "=", f.email);
    if (f.active !== undefined) q = q.where("u.active", "=", f.active ? 1 : 0);
    if (f.blocked !== undefined) q = q.where("u.blocked", "=", f.blocked ? 1 : 0);
    if (f.orgIds !== undefined) q = q.where("u.org_id", "in", f.orgIds.length ? f.orgIds : [-1]);
    if (f.roleId !== undefined) {
      const roleId = f.roleId;
      q = q.where((eb) => eb.exists(eb.selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "u.user_id").where("r.role_id", "=", roleId)));
    }
    if (f.q !== undefined) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or((["u.username", "u.email", "u.first_name", "u.last_name"] as const).map((c) => sql<boolean>`${sql.ref(c)} like ${like} escape '\\'`)));
    }
    return q;
  }

  page(scope: Scope, f: UserFilter, pgNum: number, pgSize: number) {
    return this.filtered(this.withOrg(), scope, f)
      .orderBy("u.user_id")
      .limit(pgSize)
      .offset((pgNum - 1) * pgSize)
      .execute();
  }

  /** The next batch after a user id: keyset paging for exports that walk the whole list. */
  after(scope: Scope, f: UserFilter & { userUids?: string[] }, afterUserId: number, limit: number) {
    let q = this.filtered(this.withOrg(), scope, f).where("u.user_id", ">", afterUserId);
    if (f.userUids !== undefined) q = q.where("u.user_uid", "in", f.userUids.length ? f.userUids : [""]);
    return q.orderBy("u.user_id").limit(limit).execute();
  }

  async count(scope: Scope, f: UserFilter): Promise<number> {
    const q = this.db.selectFrom("users as u").innerJoin("orgs as o", "o.org_id", "u.org_id").select((eb) => eb.fn.countAll<number>().as("n"));
    const row = await this.filtered(q, scope, f).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(user: NewUser): Promise<number> {
    const row = await this.db.insertInto("users").values(user).returning("user_id").executeTakeFirstOrThrow();
    return row.user_id;
  }

  async update(userId: number, patch: UserPatch, modifiedAt: string): Promise<void> {
    await this.db.updateTable("users").set({ ...patch, modification_date: modifiedAt }).where("user_id", "=", userId).execute();
  }

  async usernameTaken(tenantUid: string, username: string, exceptUserId?: number): Promise<boolean> {
    let q = this.db.selectFrom("users").select("user_id").where("tenant_uid", "=", tenantUid).where("username", "=", username);
    if (exceptUserId !== undefined) q = q.where("user_id", "!=", exceptUserId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async roleIds(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom("user_roles").select("role_id").where("user_id", "=", userId).orderBy("role_id").execute();
    return rows.map((r) => r.role_id);
  }

  /** Role ids of many users at once, for a page shown with incRoles. */
  async roleIdsOf(userIds: number[]): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    const rows = await this.db.selectFrom("user_roles").select(["user_id", "role_id"]).where("user_id", "in", userIds).orderBy("role_id").execute();
    for (const r of rows) map.get(r.user_id)!.push(r.role_id);
    return map;
  }

  async setRoles(tenantUid: string, userId: number, roleIds: string[], at: string): Promise<void> {
    await this.db.deleteFrom("user_roles").where("user_id", "=", userId).where("role_id", "not in", roleIds.length ? roleIds : [""]).execute();
    for (const roleId of roleIds)
      await this.db.insertInto("user_roles").values({ tenant_uid: tenantUid, user_id: userId, role_id: roleId, creation_date: at }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** How many users of the tenant hold each role. */
  async roleCounts(tenantUid: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("user_roles")
      .select(["role_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("tenant_uid", "=", tenantUid)
      .groupBy("role_id")
      .execute();
    return new Map(rows.map((r) => [r.role_id, Number(r.n)]));
  }
}

export type UserWithOrg = NonNullable<Awaited<ReturnType<UserStore["byId"]>>>;
