// Queries for SCIM: providers, a provider's view of the tenant's users (those it provisioned and has not deleted),
// and its pushed groups with their members.
import { sql, type Compilable, type Kysely } from "kysely";
import { jsonObjectOnce } from "../../db/json-projection.js";
import { compiledOnce, perObject, perShape, preparedQuery, runCompiled } from "../../db/prepared.js";
import type { Database } from "../../db/schema.js";
import type { Projection } from "../../projection.js";
import { perFilterShape, type FilterSql } from "./filter.js";
import type { Provider } from "./providers.js";

/** A member of a group, by the group it belongs to (a role id or a pushed group's id). */
export interface MemberRow {
  groupId: string;
  userUid: string;
  username: string;
}

export interface NewGroup {
  groupId: string;
  displayName: string;
  externalId: string | null;
  userIds: number[];
}

/**
 * What a SCIM User resource shows of a user, and the id a page of them is ordered by. A page reads only these:
 * better-sqlite3 hands each value over on its own, and all of a user's columns cost a page more than finding its rows.
 */
const SCIM_USER_COLUMNS = [
  "u.user_id",
  "u.user_uid",
  "u.user_ext_ref",
  "u.username",
  "u.first_name",
  "u.last_name",
  "u.display_name",
  "u.email",
  "u.active",
  "u.blocked",
  "u.title",
  "u.street_address",
  "u.city",
  "u.state",
  "u.postal_code",
  "u.country",
  "u.department",
  "u.division",
  "u.cost_center",
  "u.organization",
  "u.employment_type",
  "u.manager_uid",
  "u.manager_display_name",
  "u.creation_date",
  "u.modification_date",
] as const;

/**
 * The users a provider provisioned and has not deleted, as u, that the filter (bound to `filterArgs`) keeps. Queries
 * over them are prepared once per filter shape: `filterArgs` are the last arguments, as many as the filter binds.
 */
function ownedBy(db: Kysely<Database>, tenantUid: string, providerId: string, filter?: FilterSql, filterArgs: readonly unknown[] = []) {
  const q = db.selectFrom("users as u").where("u.tenant_uid", "=", tenantUid).where("u.scim_provider_id", "=", providerId).where("u.scim_deleted_at", "is", null);
  return filter ? q.where(filter.where(filterArgs)) : q;
}

/**
 * The provider's users in its pushed groups, in creation order. From the groups to their members and users by key
 * (CROSS JOIN keeps that order): from the users, SQLite read every group membership of the database for each user,
 * since no index of memberships starts with the user.
 */
export const PUSHED_MEMBERS = compiledOnce((db, tenantUid: string, providerId: string) =>
  db
    .selectFrom("scim_groups as g")
    .crossJoin("scim_group_members as m")
    .crossJoin("users as u")
    .select(["m.group_id as groupId", "u.user_uid as userUid", "u.username"])
    .where("g.provider_id", "=", providerId)
    .whereRef("m.group_id", "=", "g.group_id")
    .whereRef("u.user_id", "=", "m.user_id")
    .where("u.tenant_uid", "=", tenantUid)
    .where("u.scim_provider_id", "=", providerId)
    .where("u.scim_deleted_at", "is", null)
    .orderBy("u.user_id"),
);

/** How many arguments a query over a filter's users takes: `fixed`, and the filter's values. */
const arity = (fixed: number, filter: FilterSql | undefined) => fixed + (filter?.args.length ?? 0);

const countQuery = perFilterShape((filter) =>
  preparedQuery((db, tenantUid: string, providerId: string, ...filterArgs: unknown[]) => ownedBy(db, tenantUid, providerId, filter, filterArgs).select((eb) => eb.fn.countAll<number>().as("n")), arity(2, filter)),
);

/**
 * `limit` of the users a filter keeps, in creation order, from `fromUserId` when the shape is "from", after `skip`;
 * what is selected is the caller's.
 */
function pageQueries<Row>(select: (users: ReturnType<typeof ownedBy>) => Compilable<Row>) {
  return perFilterShape((filter) =>
    perShape((start) =>
      preparedQuery((db, tenantUid: string, providerId: string, fromUserId: number, limit: number, skip: number, ...filterArgs: unknown[]) => {
        const users = ownedBy(db, tenantUid, providerId, filter, filterArgs);
        return select((start === "from" ? users.where("u.user_id", ">=", fromUserId) : users).orderBy("u.user_id").limit(limit).offset(skip));
      }, arity(5, filter)),
    ),
  );
}

const pageQuery = pageQueries((users) => users.select(SCIM_USER_COLUMNS));

/** A projection of users as SQLite writes it: the user's columns, and users_url, bound once for the page. */
const writtenBy = jsonObjectOnce<ScimUser>((field) => sql.ref(field === "users_url" ? "given.users_url" : `u.${field}`));

/** Pages of users, each written as `projection` writes them under the Users URL the page binds first. */
const pageJsonQuery = perObject((projection: Projection<ScimUser>) =>
  perFilterShape((filter) =>
    perShape((start) =>
      preparedQuery((db, usersUrl: string, tenantUid: string, providerId: string, fromUserId: number, limit: number, skip: number, ...filterArgs: unknown[]) => {
        const users = ownedBy(db, tenantUid, providerId, filter, filterArgs).innerJoin(sql<{ users_url: string }>`(select ${usersUrl} as users_url)`.as("given"), (join) => join.onTrue());
        return (start === "from" ? users.where("u.user_id", ">=", fromUserId) : users).select(["u.user_id", writtenBy(projection).as("json")]).orderBy("u.user_id").limit(limit).offset(skip);
      }, arity(6, filter)),
    ),
  ),
);

const providerById = preparedQuery((db, providerId: string) => db.selectFrom("scim_providers").selectAll().where("provider_id", "=", providerId));

export class ScimStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every SCIM call looks its provider up first. */
  async provider(providerId: string): Promise<Provider | undefined> {
    return (await providerById(this.db, providerId))[0];
  }

  async orgUidOf(orgId: number): Promise<string> {
    return (await this.db.selectFrom("orgs").select("org_uid").where("org_id", "=", orgId).executeTakeFirstOrThrow()).org_uid;
  }

  private owned(p: Provider) {
    return ownedBy(this.db, p.tenant_uid, p.provider_id);
  }

  /** How many of the provider's users the filter keeps. */
  async ownedCount(p: Provider, filter: FilterSql | undefined): Promise<number> {
    const [row] = await countQuery(filter)(this.db, p.tenant_uid, p.provider_id, ...(filter?.args ?? []));
    return Number(row!.n);
  }

  /** `limit` of the provider's users the filter keeps, in creation order from `fromUserId` (the start when null), after `skip`. */
  ownedPage(p: Provider, filter: FilterSql | undefined, fromUserId: number | null, skip: number, limit: number) {
    return pageQuery(filter)(fromUserId === null ? "start" : "from")(this.db, p.tenant_uid, p.provider_id, fromUserId ?? 0, limit, skip, ...(filter?.args ?? []));
  }

  /** `ownedPage`, each user written by SQLite as `projection` writes them, under the provider's Users URL `usersUrl`. */
  ownedPageJson(p: Provider, filter: FilterSql | undefined, fromUserId: number | null, skip: number, limit: number, projection: Projection<ScimUser>, usersUrl: string) {
    return pageJsonQuery(projection)(filter)(fromUserId === null ? "start" : "from")(this.db, usersUrl, p.tenant_uid, p.provider_id, fromUserId ?? 0, limit, skip, ...(filter?.args ?? []));
  }

  /** The provider's users among these uids. */
  ownedByUid(p: Provider, userUids: string[]) {
    return this.owned(p).select(["u.user_id", "u.user_uid"]).where("u.user_uid", "in", userUids).execute();
  }

  /** A user this provider provisioned and deleted, by username: provisioning the name again brings them back. */
  async deletedByUsername(p: Provider, username: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("users")
      .select("user_uid")
      .where("tenant_uid", "=", p.tenant_uid)
      .where("username", "=", username)
      .where("scim_provider_id", "=", p.provider_id)
      .where("scim_deleted_at", "is not", null)
      .executeTakeFirst();
    return row?.user_uid;
  }

  /** The provider's users holding a role or in one of its pushed groups, in creation order. */
  async members(p: Provider): Promise<MemberRow[]> {
    const holders = await this.owned(p).innerJoin("user_roles as r", "r.user_id", "u.user_id").select(["r.role_id as groupId", "u.user_uid as userUid", "u.username"]).orderBy("u.user_id").execute();
    const pushed = await runCompiled(this.db, PUSHED_MEMBERS, p.tenant_uid, p.provider_id);
    return [...holders, ...pushed];
  }

  pushedGroups(p: Provider) {
    return this.db.selectFrom("scim_groups").selectAll().where("provider_id", "=", p.provider_id).orderBy("created_at").orderBy("group_id").execute();
  }

  async insertGroup(p: Pick<Provider, "tenant_uid" | "provider_id">, g: NewGroup, at: string): Promise<void> {
    await this.db.insertInto("scim_groups").values({ group_id: g.groupId, tenant_uid: p.tenant_uid, provider_id: p.provider_id, display_name: g.displayName, external_id: g.externalId, created_at: at, modified_at: at }).execute();
    await this.setMembers(p, g.groupId, g.userIds);
  }

  async updateGroup(p: Provider, g: NewGroup, at: string): Promise<void> {
    await this.db.updateTable("scim_groups").set({ display_name: g.displayName, external_id: g.externalId, modified_at: at }).where("group_id", "=", g.groupId).execute();
    await this.db.deleteFrom("scim_group_members").where("group_id", "=", g.groupId).execute();
    await this.setMembers(p, g.groupId, g.userIds);
  }

  private async setMembers(p: Pick<Provider, "tenant_uid">, groupId: string, userIds: number[]): Promise<void> {
    for (const userId of userIds) await this.db.insertInto("scim_group_members").values({ group_id: groupId, tenant_uid: p.tenant_uid, user_id: userId }).execute();
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.db.deleteFrom("scim_groups").where("group_id", "=", groupId).execute();
  }
}

/** A user as a SCIM User resource shows them. */
export type ScimUserRow = Awaited<ReturnType<ScimStore["ownedPage"]>>[number];

/** A user with the URL of the provider's Users (the request's host and path), which the resource's location starts with. */
export type ScimUser = ScimUserRow & { users_url: string };
