// Queries for SCIM: providers, a provider's view of the tenant's users (those it provisioned and has not deleted),
// and its pushed groups with their members.
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { jsonObjectOnce } from "../../db/json-projection.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import type { Database } from "../../db/schema.js";
import type { Projection } from "../../projection.js";
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

/** A filter compiled by filter.ts, over users as u. */
type Where = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/** The users a provider provisioned and has not deleted, as u. */
const ownedBy = (db: Kysely<Database>, tenantUid: string, providerId: string) => db.selectFrom("users as u").where("u.tenant_uid", "=", tenantUid).where("u.scim_provider_id", "=", providerId).where("u.scim_deleted_at", "is", null);

/** A projection of users as SQLite writes it: the user's columns, and users_url, bound once for the page. */
const writtenBy = jsonObjectOnce<ScimUser>((field) => sql.ref(field === "users_url" ? "given.users_url" : `u.${field}`));

/** A page of the provider's users (ScimStore.ownedPage), each written as `projection` writes them. */
function pageJsonQuery(db: Kysely<Database>, projection: Projection<ScimUser>, filter: Where | undefined, usersUrl: string, tenantUid: string, providerId: string, fromUserId: number | null, limit: number, skip: number) {
  let q = ownedBy(db, tenantUid, providerId).innerJoin(sql<{ users_url: string }>`(select ${usersUrl} as users_url)`.as("given"), (join) => join.onTrue());
  if (filter) q = q.where(filter);
  if (fromUserId !== null) q = q.where("u.user_id", ">=", fromUserId);
  return q.select(["u.user_id", writtenBy(projection).as("json")]).orderBy("u.user_id").limit(limit).offset(skip);
}

/** The unfiltered pages compiled once per projection, from the start or from a user. */
const unfilteredPages = perObject((projection: Projection<ScimUser>) =>
  perShape((shape) =>
    preparedQuery((db, usersUrl: string, tenantUid: string, providerId: string, fromUserId: number, limit: number, skip: number) =>
      pageJsonQuery(db, projection, undefined, usersUrl, tenantUid, providerId, shape === "from" ? fromUserId : null, limit, skip),
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
  async ownedCount(p: Provider, filter: Where | undefined): Promise<number> {
    const q = filter ? this.owned(p).where(filter) : this.owned(p);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  }

  /** `limit` of the provider's users the filter keeps, in creation order from `fromUserId` (the start when null), after `skip`. */
  ownedPage(p: Provider, filter: Where | undefined, fromUserId: number | null, skip: number, limit: number) {
    let q = filter ? this.owned(p).where(filter) : this.owned(p);
    if (fromUserId !== null) q = q.where("u.user_id", ">=", fromUserId);
    return q.select(SCIM_USER_COLUMNS).orderBy("u.user_id").limit(limit).offset(skip).execute();
  }

  /** `ownedPage`, each user written by SQLite as `projection` writes them, under the provider's Users URL `usersUrl`. */
  ownedPageJson(p: Provider, filter: Where | undefined, fromUserId: number | null, skip: number, limit: number, projection: Projection<ScimUser>, usersUrl: string) {
    if (filter) return pageJsonQuery(this.db, projection, filter, usersUrl, p.tenant_uid, p.provider_id, fromUserId, limit, skip).execute();
    return unfilteredPages(projection)(fromUserId === null ? "start" : "from")(this.db, usersUrl, p.tenant_uid, p.provider_id, fromUserId ?? 0, limit, skip);
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
    const pushed = await this.owned(p).innerJoin("scim_group_members as m", "m.user_id", "u.user_id").select(["m.group_id as groupId", "u.user_uid as userUid", "u.username"]).orderBy("u.user_id").execute();
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
