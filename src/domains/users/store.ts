// Queries for single users, always within one tenant; list-store.ts walks the users in reach.
import { sql, type Kysely } from "kysely";
import { inJsonList, isPostgres } from "../../db/dialect.js";
import { preparedQuery } from "../../db/prepared.js";
import type { Database, NewUser, UserRow, UsersTable } from "../../db/schema.js";

export interface UserFilter {
  username?: string;
  email?: string;
  active?: boolean;
  blocked?: boolean;
  /** Invited by email, whether or not they have signed in since. */
  invited?: boolean;
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
    | "city" | "state" | "country" | "cost_center" | "organization" | "street_address" | "postal_code"
    | "scim_provider_id" | "scim_deleted_at" | "deprovision_at"
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
    totp_last_step: null,
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
    street_address: null,
    postal_code: null,
    scim_provider_id: null,
    scim_deleted_at: null,
    deprovision_at: null,
    parent_actor_uid: null,
    ...fields,
  };
}

export class UserStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The earliest deprovisioning deadline of any tenant, if one is pending. */
  async earliestDeprovision(): Promise<string | null> {
    const row = await this.db.selectFrom("users").select((eb) => eb.fn.min("deprovision_at").as("at")).where("deprovision_at", "is not", null).executeTakeFirst();
    return row?.at ?? null;
  }

  /**
   * The users whose deprovisioning deadline has come. On PostgreSQL they are locked for the caller's transaction, and
   * a user another node is deactivating right now is skipped (its deadline is gone once that node commits), so two
   * nodes never deactivate one user twice.
   */
  deprovisionsDue(at: string) {
    const due = this.db.selectFrom("users").select(["user_id", "tenant_uid", "user_uid", "org_id", "active"]).where("deprovision_at", "<=", at);
    return (isPostgres(this.db) ? due.forUpdate().skipLocked() : due).execute();
  }

  /** The user joined with the org columns its wire shape shows. */
  private withOrg() {
    return this.db
      .selectFrom("users as u")
      .innerJoin("orgs as o", "o.org_id", "u.org_id")
      .selectAll("u")
      .select(["o.org_uid", "o.org_guid", "o.org_name", "o.type as org_type"]);
  }

  byId(tenantUid: string, userId: number) {
    return this.withOrg().where("u.tenant_uid", "=", tenantUid).where("u.user_id", "=", userId).executeTakeFirst();
  }

  /** The uid of the tenant's user of that username (exactly as given). */
  async uidOf(tenantUid: string, username: string): Promise<string | undefined> {
    return (await this.db.selectFrom("users").select("user_uid").where("tenant_uid", "=", tenantUid).where("username", "=", username).executeTakeFirst())?.user_uid;
  }

  /** Usernames by uid: of the users named, else of every user of the tenant. */
  async usernames(tenantUid: string, userUids?: readonly string[]): Promise<Map<string, string>> {
    if (userUids && !userUids.length) return new Map();
    let q = this.db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", tenantUid);
    if (userUids) q = q.where("user_uid", "in", userUids);
    return new Map((await q.execute()).map((u) => [u.user_uid, u.username]));
  }

  byUid(tenantUid: string, userUid: string) {
    return this.withOrg().where("u.tenant_uid", "=", tenantUid).where("u.user_uid", "=", userUid).executeTakeFirst();
  }

  async insert(user: NewUser): Promise<number> {
    const row = await this.db.insertInto("users").values(user).returning("user_id").executeTakeFirstOrThrow();
    return row.user_id;
  }

  async update(userId: number, patch: UserPatch, modifiedAt: string): Promise<void> {
    await this.db.updateTable("users").set({ ...patch, modification_date: modifiedAt }).where("user_id", "=", userId).execute();
  }

  /**
   * Whether another user of the tenant has this username. Called in the transaction that then writes the name: SQLite
   * runs one writing transaction at a time, so nothing comes between the check and the write; PostgreSQL runs them
   * side by side, so there the name is locked first (lockUsernames), unless the caller has locked it in this
   * transaction already.
   */
  async usernameTaken(tenantUid: string, username: string, exceptUserId?: number, locked = false): Promise<boolean> {
    if (!locked) await this.lockUsernames(tenantUid, [username]);
    let q = this.db.selectFrom("users").select("user_id").where("tenant_uid", "=", tenantUid).where("username", "=", username);
    if (exceptUserId !== undefined) q = q.where("user_id", "!=", exceptUserId);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /**
   * On PostgreSQL, locks these usernames of the tenant (case aside, as the citext column compares them) until the
   * transaction ends: a second writer of one of them waits, and its check then sees the first one's row. Taken in one
   * statement, in a fixed order, so two writers of several names cannot deadlock. Nothing to do on SQLite.
   */
  async lockUsernames(tenantUid: string, usernames: string[]): Promise<void> {
    if (!isPostgres(this.db) || usernames.length === 0) return;
    await sql`select count(pg_advisory_xact_lock(hashtext(${tenantUid}), k)) from (select distinct hashtext(lower(u)) as k from unnest(cast(${usernames} as text[])) as u order by k) as names`.execute(this.db);
  }

  async roleIds(userId: number): Promise<string[]> {
    const rows = await this.db.selectFrom("user_roles").select("role_id").where("user_id", "=", userId).orderBy("role_id").execute();
    return rows.map((r) => r.role_id);
  }

  /** Role ids of many users at once, for a page shown with incRoles. */
  async roleIdsOf(userIds: number[]): Promise<Map<number, string[]>> {
    const map = new Map<number, string[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    for (const r of await rolesOf(this.db, JSON.stringify(userIds))) map.get(r.user_id)!.push(r.role_id);
    return map;
  }

  /** A new user's first role: nothing to replace, unlike setRoles. */
  async addRole(tenantUid: string, userId: number, roleId: string, at: string): Promise<void> {
    await this.db.insertInto("user_roles").values({ tenant_uid: tenantUid, user_id: userId, role_id: roleId, creation_date: at }).execute();
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

/** The ids go as one JSON array: one statement, compiled once, whatever the page size. */
const rolesOf = preparedQuery((db, userIdsJson: string) =>
  db
    .selectFrom("user_roles")
    .select(["user_id", "role_id"])
    .where(inJsonList(db, sql`user_id`, userIdsJson, "bigint"))
    .orderBy("role_id"),
);

export type UserWithOrg = NonNullable<Awaited<ReturnType<UserStore["byId"]>>>;
