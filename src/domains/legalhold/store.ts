// Queries for legal-hold policies, matters, memberships and events, always scoped to one tenant.
import { sql, type Kysely, type RawBuilder, type SqlBool } from "kysely";
import { inJsonList, isPostgres } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import { atOrAfter } from "../../db/page-boundaries.js";
import { jsonTextOf, type Projection } from "../../projection.js";
import type { Database, Flag, LegalHoldsTable } from "../../db/schema.js";

export type ActiveState = "ACTIVE" | "INACTIVE" | "ALL";

/** Where a page of memberships starts: their order is creation date, then membership uid. */
export type MembershipKey = readonly [creationDate: string, membershipUid: string];

export interface MatterFilter {
  active: ActiveState;
  creatorUserUid?: string;
  /** "equals or contains" */
  name?: string;
  holdExtRef?: string;
}

export interface MembershipFilter {
  active: ActiveState;
  membershipUid?: string;
  legalHoldUid?: string;
  userUid?: string;
  /** Partial match on username, email, external reference or last name. */
  user?: string;
}

const activeFlag = (state: ActiveState) => (state === "ACTIVE" ? 1 : 0);

/** The SQL of each field a projection of a membership may read: its matter's and custodian's, as `memberships` names them, and its own. */
const MEMBERSHIP_FIELDS: Record<string, string> = { hold_name: "h.name", username: "u.username", email: "u.email", user_ext_ref: "u.user_ext_ref", first_name: "u.first_name", last_name: "u.last_name" };
const membershipColumn = (field: string) => sql.ref(MEMBERSHIP_FIELDS[field] ?? `m.${field}`);

/**
 * What of a tenant's holds a caller reaches: everything (`null`s), or for an org admin the custodians of their org
 * subtree (`orgIds`) and the matters those custodians are in or that someone there created (`matterUids`).
 */
export interface Reach {
  orgIds: number[] | null;
  matterUids: string[] | null;
}

export const WHOLE_TENANT: Reach = { orgIds: null, matterUids: null };
const none = <T>(ids: T[]) => (ids.length ? ids : [null as T]);

/**
 * SQLite's LIKE, which ignores ASCII case and escapes nothing here; on PostgreSQL an ILIKE without an escape
 * character (its LIKE minds case and escapes with a backslash).
 */
const like = (db: Kysely<Database>, column: RawBuilder<unknown>, pattern: unknown): RawBuilder<SqlBool> =>
  isPostgres(db) ? sql<SqlBool>`${column} ilike ${pattern} escape ''` : sql<SqlBool>`${column} like ${pattern}`;

/** Memberships with their matter's name and the custodian's identity: of custodians in the orgs of `orgIds` (JSON) when `inOrgs`. */
function membershipRows(db: Kysely<Database>, tenantUid: string, inOrgs: boolean, orgIds: unknown) {
  const q = db
    .selectFrom("legal_hold_memberships as m")
    .innerJoin("legal_holds as h", "h.legal_hold_uid", "m.legal_hold_uid")
    .innerJoin("users as u", (j) => j.onRef("u.tenant_uid", "=", "m.tenant_uid").onRef("u.user_uid", "=", "m.user_uid"))
    .selectAll("m")
    .select(["h.name as hold_name", "u.username", "u.email", "u.user_ext_ref", "u.first_name", "u.last_name"])
    .where("m.tenant_uid", "=", tenantUid);
  return inOrgs ? q.where(inJsonList(db, sql`u.org_id`, orgIds, "bigint")) : q;
}

const MEMBERSHIP_FILTERS = ["membershipUid", "legalHoldUid", "userUid", "user"] as const satisfies readonly (keyof MembershipFilter)[];

/** Which conditions a page of memberships has (a prepared query cannot change its own). */
const membershipShape = (reach: Reach, f: MembershipFilter, from: MembershipKey | null) =>
  [reach.orgIds ? "orgs" : "tenant", from ? "from" : "", f.active === "ALL" ? "" : "active", ...MEMBERSHIP_FILTERS.filter((k) => f[k] !== undefined)].join(" ");

/** Every value a page of memberships can bind, in a fixed order; a query binds those its shape reads. */
type MembershipArgs = [tenantUid: string, orgIds: string, fromDate: string, fromUid: string, active: Flag, membershipUid: string, legalHoldUid: string, userUid: string, pattern: string, limit: number, offset: number];

/** A page of memberships of a shape, in creation order. */
function membershipPage(db: Kysely<Database>, has: Set<string>, [tenantUid, orgIds, fromDate, fromUid, active, membershipUid, legalHoldUid, userUid, pattern, limit, offset]: MembershipArgs) {
  let q = membershipRows(db, tenantUid, has.has("orgs"), orgIds);
  if (has.has("from")) q = q.where(atOrAfter([sql.ref("m.creation_date"), sql.ref("m.membership_uid")], [fromDate, fromUid]));
  if (has.has("active")) q = q.where("m.active", "=", active);
  if (has.has("membershipUid")) q = q.where("m.membership_uid", "=", membershipUid);
  if (has.has("legalHoldUid")) q = q.where("m.legal_hold_uid", "=", legalHoldUid);
  if (has.has("userUid")) q = q.where("m.user_uid", "=", userUid);
  if (has.has("user")) q = q.where((eb) => eb.or(["u.username", "u.email", "u.user_ext_ref", "u.last_name"].map((c) => like(db, sql.ref(c), pattern))));
  return q.orderBy("m.creation_date").orderBy("m.membership_uid").limit(limit).offset(offset);
}

/** Pages of memberships as a projection writes each, by SQLite: one prepared query per projection and shape. */
const membershipJsonPages = perObject((projection: Projection<MembershipRow>) =>
  perShape((shape) => {
    const has = new Set(shape.split(" "));
    return preparedQuery((db, tenantUid: string, orgIds: string, fromDate: string, fromUid: string, active: Flag, membershipUid: string, legalHoldUid: string, userUid: string, pattern: string, limit: number, offset: number) =>
      membershipPage(db, has, [tenantUid, orgIds, fromDate, fromUid, active, membershipUid, legalHoldUid, userUid, pattern, limit, offset])
        .clearSelect()
        .select(["m.creation_date", "m.membership_uid", jsonObject(projection, membershipColumn).as("json")]),
    );
  }),
);

export class LegalHoldStore {
  constructor(private readonly db: Kysely<Database>) {}

  policy(tenantUid: string, policyUid: string) {
    return this.db.selectFrom("legal_hold_policies").selectAll().where("tenant_uid", "=", tenantUid).where("policy_uid", "=", policyUid).executeTakeFirst();
  }

  /** All of the tenant's policies, or one page of them. */
  policies(tenantUid: string, page?: { limit: number; offset: number }) {
    const q = this.db.selectFrom("legal_hold_policies").selectAll().where("tenant_uid", "=", tenantUid).orderBy("creation_date").orderBy("policy_uid");
    return (page ? q.limit(page.limit).offset(page.offset) : q).execute();
  }

  insertPolicy(row: Database["legal_hold_policies"]) {
    return this.db.insertInto("legal_hold_policies").values(row).execute();
  }

  /** The matters a custodian in these orgs is in (active or not), or that a user in them created. */
  async mattersReachedFrom(tenantUid: string, orgIds: number[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom("legal_holds as h")
      .select("h.legal_hold_uid")
      .where("h.tenant_uid", "=", tenantUid)
      .where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom("legal_hold_memberships as m")
              .innerJoin("users as u", (j) => j.onRef("u.tenant_uid", "=", "m.tenant_uid").onRef("u.user_uid", "=", "m.user_uid"))
              .select("m.membership_uid")
              // The tenant too: legal_hold_memberships_by_hold starts with it (without, every membership was read).
              .whereRef("m.tenant_uid", "=", "h.tenant_uid")
              .whereRef("m.legal_hold_uid", "=", "h.legal_hold_uid")
              .where("u.org_id", "in", none(orgIds)),
          ),
          eb.exists(
            eb
              .selectFrom("users as c")
              .select("c.user_id")
              .whereRef("c.tenant_uid", "=", "h.tenant_uid")
              .whereRef("c.user_uid", "=", "h.creator_user_uid")
              .where("c.org_id", "in", none(orgIds)),
          ),
        ]),
      )
      .execute();
    return rows.map((r) => r.legal_hold_uid);
  }

  /** Whether the user is an active custodian of an active matter. */
  async inActiveHold(tenantUid: string, userUid: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("legal_hold_memberships as m")
      .innerJoin("legal_holds as h", "h.legal_hold_uid", "m.legal_hold_uid")
      .select("m.membership_uid")
      .where("m.tenant_uid", "=", tenantUid)
      .where("m.user_uid", "=", userUid)
      .where("m.active", "=", 1)
      .where("h.active", "=", 1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Whether a matter has active custodians outside these orgs. */
  async holdsCustodiansOutside(tenantUid: string, legalHoldUid: string, orgIds: number[]): Promise<boolean> {
    const row = await this.memberships(tenantUid, WHOLE_TENANT)
      .where("m.legal_hold_uid", "=", legalHoldUid)
      .where("m.active", "=", 1)
      .where("u.org_id", "not in", none(orgIds))
      .executeTakeFirst();
    return row !== undefined;
  }

  matter(tenantUid: string, legalHoldUid: string, reach: Reach) {
    let q = this.db.selectFrom("legal_holds").selectAll().where("tenant_uid", "=", tenantUid).where("legal_hold_uid", "=", legalHoldUid);
    if (reach.matterUids) q = q.where("legal_hold_uid", "in", none(reach.matterUids));
    return q.executeTakeFirst();
  }

  matterByName(tenantUid: string, name: string) {
    return this.db.selectFrom("legal_holds").selectAll().where("tenant_uid", "=", tenantUid).where("name", "=", name).executeTakeFirst();
  }

  matters(tenantUid: string, reach: Reach, f: MatterFilter, limit: number, offset: number) {
    let q = this.db.selectFrom("legal_holds").selectAll().where("tenant_uid", "=", tenantUid);
    if (reach.matterUids) q = q.where("legal_hold_uid", "in", none(reach.matterUids));
    if (f.active !== "ALL") q = q.where("active", "=", activeFlag(f.active));
    if (f.creatorUserUid !== undefined) q = q.where("creator_user_uid", "=", f.creatorUserUid);
    if (f.name !== undefined) q = q.where(like(this.db, sql.ref("name"), `%${f.name}%`));
    if (f.holdExtRef !== undefined) q = q.where("hold_ext_ref", "=", f.holdExtRef);
    return q.orderBy("creation_date").orderBy("legal_hold_uid").limit(limit).offset(offset).execute();
  }

  insertMatter(row: Database["legal_holds"]) {
    return this.db.insertInto("legal_holds").values(row).execute();
  }

  updateMatter(legalHoldUid: string, patch: Partial<Pick<LegalHoldsTable, "active">>, at: string) {
    return this.db.updateTable("legal_holds").set({ ...patch, last_modified: at }).where("legal_hold_uid", "=", legalHoldUid).execute();
  }

  /** Memberships with their matter's name and the custodian's identity: of custodians in reach. */
  private memberships(tenantUid: string, reach: Reach) {
    return membershipRows(this.db, tenantUid, reach.orgIds !== null, JSON.stringify(reach.orgIds ?? []));
  }

  membership(tenantUid: string, reach: Reach, membershipUid: string) {
    return this.memberships(tenantUid, reach).where("m.membership_uid", "=", membershipUid).executeTakeFirst();
  }

  /** A user's membership of a matter, if the custodian is in reach. */
  membershipOf(tenantUid: string, legalHoldUid: string, userUid: string, reach: Reach = WHOLE_TENANT) {
    return this.memberships(tenantUid, reach).where("m.legal_hold_uid", "=", legalHoldUid).where("m.user_uid", "=", userUid).executeTakeFirst();
  }

  /**
   * `limit` memberships in creation order from the one known by `from` (the start when null), after skipping
   * `offset`, each as `projection` writes it (`json`) with its key. SQLite writes the JSON in the page's query;
   * PostgreSQL answers the rows and they are projected here, to the same bytes.
   */
  async findMemberships(projection: Projection<MembershipRow>, tenantUid: string, reach: Reach, f: MembershipFilter, limit: number, offset: number, from: MembershipKey | null = null): Promise<MembershipJson[]> {
    const shape = membershipShape(reach, f, from);
    const args: MembershipArgs = [tenantUid, JSON.stringify(reach.orgIds ?? []), from?.[0] ?? "", from?.[1] ?? "", activeFlag(f.active), f.membershipUid ?? "", f.legalHoldUid ?? "", f.userUid ?? "", `%${f.user ?? ""}%`, limit, offset];
    if (!isPostgres(this.db)) return membershipJsonPages(projection)(shape)(this.db, ...args);
    const rows = await membershipPage(this.db, new Set(shape.split(" ")), args).execute();
    return rows.map((row) => ({ creation_date: row.creation_date, membership_uid: row.membership_uid, json: jsonTextOf(projection, row) }));
  }

  insertMembership(row: Database["legal_hold_memberships"]) {
    return this.db.insertInto("legal_hold_memberships").values(row).execute();
  }

  setMembershipActive(membershipUid: string, active: boolean) {
    return this.db.updateTable("legal_hold_memberships").set({ active: active ? 1 : 0 }).where("membership_uid", "=", membershipUid).execute();
  }

  insertEvent(row: Database["legal_hold_events"]) {
    return this.db.insertInto("legal_hold_events").values(row).execute();
  }

  /** Events with the custodian's and the actor's identities. */
  /** Of matters in reach, and of custodians in reach (or none). */
  events(tenantUid: string, reach: Reach, f: { legalHoldUid?: string; min?: string; max?: string }, limit: number, offset: number) {
    let q = this.db
      .selectFrom("legal_hold_events as e")
      .leftJoin("users as c", (j) => j.onRef("c.tenant_uid", "=", "e.tenant_uid").onRef("c.user_uid", "=", "e.custodian_user_uid"))
      .leftJoin("users as a", (j) => j.onRef("a.tenant_uid", "=", "e.tenant_uid").onRef("a.user_uid", "=", "e.actor_user_uid"))
      .selectAll("e")
      .select([
        "c.username as c_username",
        "c.first_name as c_first_name",
        "c.last_name as c_last_name",
        "c.user_ext_ref as c_ext_ref",
        "c.email as c_email",
        "a.username as a_username",
        "a.first_name as a_first_name",
        "a.last_name as a_last_name",
        "a.user_ext_ref as a_ext_ref",
        "a.email as a_email",
      ])
      .where("e.tenant_uid", "=", tenantUid);
    if (reach.matterUids) q = q.where("e.legal_hold_uid", "in", none(reach.matterUids));
    if (reach.orgIds) {
      const orgIds = none(reach.orgIds);
      q = q.where((eb) => eb.or([eb("e.custodian_user_uid", "is", null), eb("c.org_id", "in", orgIds)]));
    }
    if (f.legalHoldUid !== undefined) q = q.where("e.legal_hold_uid", "=", f.legalHoldUid);
    if (f.min !== undefined) q = q.where("e.event_date", ">=", f.min);
    if (f.max !== undefined) q = q.where("e.event_date", "<=", f.max);
    return q.orderBy("e.event_date").orderBy("e.event_uid").limit(limit).offset(offset).execute();
  }

  /** Who created something: a user of the tenant, or an API client (kept as "client:<id>"). */
  creator(tenantUid: string, principalUid: string | null) {
    if (!principalUid || principalUid.startsWith("client:")) return Promise.resolve(undefined);
    return this.db
      .selectFrom("users")
      .select(["user_id", "user_uid", "username", "email", "user_ext_ref", "first_name", "last_name"])
      .where("tenant_uid", "=", tenantUid)
      .where("user_uid", "=", principalUid)
      .executeTakeFirst();
  }

  /** The API client that created something (kept as "client:<id>"), or none when a user or nobody did. */
  creatorClient(tenantUid: string, principalUid: string | null) {
    if (!principalUid?.startsWith("client:")) return Promise.resolve(undefined);
    return this.db.selectFrom("api_clients").select(["client_id", "name"]).where("tenant_uid", "=", tenantUid).where("client_id", "=", principalUid.slice("client:".length)).executeTakeFirst();
  }
}

export type MatterRow = NonNullable<Awaited<ReturnType<LegalHoldStore["matter"]>>>;
export type PolicyRow = NonNullable<Awaited<ReturnType<LegalHoldStore["policy"]>>>;
export type MembershipRow = NonNullable<Awaited<ReturnType<LegalHoldStore["membership"]>>>;
/** A membership written as JSON, with its key. */
export type MembershipJson = Pick<MembershipRow, "creation_date" | "membership_uid"> & { json: string };
export type EventRow = Awaited<ReturnType<LegalHoldStore["events"]>>[number];
export type CreatorRow = NonNullable<Awaited<ReturnType<LegalHoldStore["creator"]>>>;
export type CreatorClientRow = NonNullable<Awaited<ReturnType<LegalHoldStore["creatorClient"]>>>;
