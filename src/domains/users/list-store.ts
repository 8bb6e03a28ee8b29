// The queries that walk the users in reach: a page of the v1 user list, its count, and the CSV export's batches.
// Each is compiled once per shape (scope kind, which filters are set, whether it starts from a known user) and then
// only bound: building a query with Kysely cost more than SQLite's part of a page. The users come from the covering
// index users_by_tenant in user_id order, so a page reads the index entries up to its end and the details of its own
// users only; deep pages start from remembered page starts; counts are kept until the next write.
import { sql, type Compilable, type Kysely } from "kysely";
import type { ChangeCounter } from "../../db/open.js";
import { inJsonList, isPostgres, likeNoCase } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import type { Database, Flag } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import type { Scope } from "../access/scope.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { rowMaker } from "../../db/row-objects.js";
import type { UserFilter, UserWithOrg } from "./store.js";

/** What the list and the export show of a user; the rest (SCIM attributes, secrets) is never read for them. */
const LISTED_COLUMNS = [
  "user_id", "user_uid", "org_id", "username", "email", "first_name", "last_name", "display_name", "active", "blocked", "invited",
  "password_reset", "email_promo", "notes", "user_ext_ref", "quota_in_bytes", "creation_date", "modification_date", "last_login_date",
] as const;

export type ListedUser = Pick<UserWithOrg, (typeof LISTED_COLUMNS)[number] | "org_uid" | "org_guid" | "org_name" | "org_type">;

/** The export's filter: the list's, or just the users it names. */
export interface ExportFilter extends UserFilter {
  userUids?: string[];
}

const FILTERS = ["username", "email", "active", "blocked", "invited", "orgIds", "roleId", "q", "userUids"] as const;

/** Which conditions a query has: the scope's kind and the filters that are set. */
const shapeOf = (scope: Scope, f: ExportFilter) => [scope.kind, ...FILTERS.filter((k) => f[k] !== undefined)].join(" ");

/** Every value the conditions can take, in a fixed order; a query binds those its shape reads. Lists go as JSON. */
type Args = [tenantUid: string, scopeOrgIds: string, selfUserId: number, username: string, email: string, active: Flag, blocked: Flag, invited: Flag, orgIds: string, roleId: string, like: string, userUids: string];

function argsOf(scope: Scope, f: ExportFilter): Args {
  return [
    scope.tenantUid,
    JSON.stringify(scope.kind === "orgs" ? scope.orgIds : []),
    scope.kind === "self" ? (scope.userId ?? -1) : -1,
    f.username ?? "",
    f.email ?? "",
    f.active ? 1 : 0,
    f.blocked ? 1 : 0,
    f.invited ? 1 : 0,
    JSON.stringify(f.orgIds ?? []),
    f.roleId ?? "",
    f.q === undefined ? "" : `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    JSON.stringify(f.userUids ?? []),
  ];
}

/** The users of one shape's conditions, as `f`: the tenant, the scope (an org admin's subtree, or oneself), the filters. */
function inReach(db: Kysely<Database>, shape: Set<string>, [tenantUid, scopeOrgIds, selfUserId, username, email, active, blocked, invited, orgIds, roleId, like, userUids]: Args) {
  let q = db.selectFrom("users as f").where("f.tenant_uid", "=", tenantUid);
  if (shape.has("orgs")) q = q.where(inJsonList(db, sql`f.org_id`, scopeOrgIds, "bigint"));
  if (shape.has("self")) q = q.where("f.user_id", "=", selfUserId);
  if (shape.has("username")) q = q.where("f.username", "=", username);
  if (shape.has("email")) q = q.where("f.email", "=", email);
  if (shape.has("active")) q = q.where("f.active", "=", active);
  if (shape.has("blocked")) q = q.where("f.blocked", "=", blocked);
  if (shape.has("invited")) q = q.where("f.invited", "=", invited);
  if (shape.has("orgIds")) q = q.where(inJsonList(db, sql`f.org_id`, orgIds, "bigint"));
  if (shape.has("roleId")) q = q.where((eb) => eb.exists(eb.selectFrom("user_roles as r").select("r.user_id").whereRef("r.user_id", "=", "f.user_id").where("r.role_id", "=", roleId)));
  if (shape.has("q")) q = q.where((eb) => eb.or((["f.username", "f.email", "f.first_name", "f.last_name"] as const).map((c) => likeNoCase(db, sql.ref(c), like))));
  if (shape.has("userUids")) q = q.where(inJsonList(db, sql`f.user_uid`, userUids, "text"));
  return q;
}

/** The users of a page, by the shape's conditions, in user_id order, joined to their orgs; what is selected is the caller's. */
function pageOf(db: Kysely<Database>, has: Set<string>, args: Args, fromUserId: number, limit: number, offset: number) {
  let ids = inReach(db, has, args).select("f.user_id");
  if (has.has("from")) ids = ids.where("f.user_id", ">=", fromUserId);
  // Given uids are found by the (tenant, uid) index and sorted after; ordered by the index of ids instead, SQLite
  // would walk every user of the tenant testing each against the list (the console asks for a page's uids).
  const byUserId = has.has("userUids") ? sql`+f.user_id` : sql.ref("f.user_id");
  return db
    .selectFrom("users as u")
    .innerJoin("orgs as o", "o.org_id", "u.org_id")
    .where("u.user_id", "in", ids.orderBy(byUserId).limit(limit).offset(offset))
    .orderBy("u.user_id");
}

/**
 * Users in user_id order, from `fromUserId` on when the shape says "from", `offset` skipped: the ids from the index
 * first (ordered, limited), then what `select` reads of those users only, in one statement. One prepared query per
 * shape.
 */
function pageQueries<Row>(select: (page: ReturnType<typeof pageOf>) => Compilable<Row>) {
  return perShape((shape) => {
    const has = new Set(shape.split(" "));
    return preparedQuery(
      (db, tenantUid: string, scopeOrgIds: string, selfUserId: number, username: string, email: string, active: Flag, blocked: Flag, invited: Flag, orgIds: string, roleId: string, like: string, userUids: string, fromUserId: number, limit: number, offset: number) =>
        select(pageOf(db, has, [tenantUid, scopeOrgIds, selfUserId, username, email, active, blocked, invited, orgIds, roleId, like, userUids], fromUserId, limit, offset)),
    );
  });
}

/** The columns shown. */
const pageQuery = pageQueries((page) => page.select(LISTED_COLUMNS.map((c) => `u.${c}` as const)).select(["o.org_uid", "o.org_guid", "o.org_name", "o.type as org_type"]));

/** The SQL of each field a projection may read: the org's, as the page's columns name them, and the user's. */
const ORG_FIELDS: Partial<Record<keyof ListedUser, string>> = { org_uid: "o.org_uid", org_guid: "o.org_guid", org_name: "o.org_name", org_type: "o.type" };
const columnOf = (field: keyof ListedUser) => sql.ref(ORG_FIELDS[field] ?? `u.${field}`);

/** Each user written as a wire's projection of it, by SQLite; one set of queries per projection. */
const jsonPageQueries = perObject((projection: Projection<ListedUser>) => pageQueries((page) => page.select(["u.user_id", jsonObject(projection, columnOf).as("json")])));

const countQuery = perShape((shape) => {
  const has = new Set(shape.split(" "));
  return preparedQuery(
    (db, tenantUid: string, scopeOrgIds: string, selfUserId: number, username: string, email: string, active: Flag, blocked: Flag, invited: Flag, orgIds: string, roleId: string, like: string, userUids: string) =>
      inReach(db, has, [tenantUid, scopeOrgIds, selfUserId, username, email, active, blocked, invited, orgIds, roleId, like, userUids]).select((eb) => eb.fn.countAll<number>().as("n")),
  );
});

/** The v1 user list: pages and counts of the users in reach. */
export class UserList {
  private readonly boundaries: PageBoundaries<number>;
  private readonly counts: UntilChange<number>;

  constructor(
    private readonly db: Kysely<Database>,
    changes: ChangeCounter,
  ) {
    this.boundaries = new PageBoundaries(changes);
    this.counts = new UntilChange(changes);
  }

  page(scope: Scope, f: UserFilter, pgNum: number, pgSize: number): Promise<ListedUser[]> {
    const shape = shapeOf(scope, f);
    const args = argsOf(scope, f);
    return this.boundaries.page(
      `${shape} ${JSON.stringify(args)}`,
      (pgNum - 1) * pgSize,
      pgSize,
      (from, skip, limit) => pageQuery(from === null ? shape : `${shape} from`)(this.db, ...args, from ?? 0, limit, skip),
      (row) => row.user_id,
    );
  }

  /**
   * `page` as `projection` writes each user. SQLite writes the JSON in the page's query; PostgreSQL answers the rows
   * and they are projected here, to the same bytes.
   */
  async pageJson(scope: Scope, f: UserFilter, pgNum: number, pgSize: number, projection: Projection<ListedUser>): Promise<string[]> {
    if (isPostgres(this.db)) return jsonTextsOf(projection, await this.page(scope, f, pgNum, pgSize));
    const shape = shapeOf(scope, f);
    const args = argsOf(scope, f);
    const queries = jsonPageQueries(projection);
    const rows = await this.boundaries.page(
      `${shape} ${JSON.stringify(args)}`,
      (pgNum - 1) * pgSize,
      pgSize,
      (from, skip, limit) => queries(from === null ? shape : `${shape} from`)(this.db, ...args, from ?? 0, limit, skip),
      (row) => row.user_id,
    );
    return rows.map((r) => r.json);
  }

  count(scope: Scope, f: UserFilter): Promise<number> {
    const shape = shapeOf(scope, f);
    const args = argsOf(scope, f);
    return this.counts.through(`${shape} ${JSON.stringify(args)}`, async () => Number((await countQuery(shape)(this.db, ...args))[0]?.n ?? 0));
  }
}

/** What the export reads of a user (every field), in the order SQLite writes their values into a JSON array. */
const EXPORTED_FIELDS = [...LISTED_COLUMNS, ...(Object.keys(ORG_FIELDS) as (keyof ListedUser)[])];
const exportedUser = rowMaker(EXPORTED_FIELDS) as (values: unknown[]) => ListedUser;

/**
 * Each user's values as one JSON array SQLite writes: V8 parses a line of 23 values for less than better-sqlite3
 * makes them one by one through its C++ API (texts, integers and nulls only, so the values are the same).
 */
const exportQuery = pageQueries((page) => page.select(sql<string>`json_array(${sql.join(EXPORTED_FIELDS.map(columnOf))})`.as("values")));

/** The next `limit` users in reach after a user id: the export's batches, each a range of the index. */
export async function usersAfter(db: Kysely<Database>, scope: Scope, f: ExportFilter, afterUserId: number, limit: number): Promise<ListedUser[]> {
  const shape = `${shapeOf(scope, f)} from`;
  if (isPostgres(db)) return pageQuery(shape)(db, ...argsOf(scope, f), afterUserId + 1, limit, 0);
  return (await exportQuery(shape)(db, ...argsOf(scope, f), afterUserId + 1, limit, 0)).map((row) => exportedUser(JSON.parse(row.values)));
}
