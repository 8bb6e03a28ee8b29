// Queries for user risk profiles: every Code42 user of the tenant has one, made of the user's SCIM attributes and,
// once anything was set on it, the stored profile (notes, cloud aliases, start and end dates) the detection lists
// share. A user without a stored profile reads as an empty one.
import { sql, type Compilable, type Kysely } from "kysely";
import { isPostgres } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import type { Database, Flag } from "../../db/schema.js";
import type { Projection } from "../../projection.js";
import { SCIM_COLUMNS } from "../detectionlists/store.js";

export interface RiskProfileFilter {
  managerId?: string;
  title?: string;
  division?: string;
  department?: string;
  employmentType?: string;
  country?: string;
  /** The user's state. */
  region?: string;
  /** The user's city. */
  locality?: string;
  active?: boolean;
  /** Deprovisioned by its identity provider. */
  deleted?: boolean;
  /** Code42's support users: the emulator has none. */
  supportUser?: boolean;
}

const EQUALS = {
  managerId: "u.manager_uid",
  title: "u.title",
  division: "u.division",
  department: "u.department",
  employmentType: "u.employment_type",
  country: "u.country",
  region: "u.state",
  locality: "u.city",
} as const;

/** The tenant's users, each with its stored profile if it has one (actors are read through it too). */
export const joined = (db: Kysely<Database>, tenantUid: string) =>
  db
    .selectFrom("users as u")
    .leftJoin("detection_profiles as p", (j) => j.onRef("p.tenant_uid", "=", "u.tenant_uid").onRef("p.user_uid", "=", "u.user_uid"))
    .where("u.tenant_uid", "=", tenantUid);

type Joined = ReturnType<typeof joined>;

/** A user's cloud aliases as JSON text: those stored with the profile, or the username alone (as a profile starts). */
export const cloudAliases = (db: Kysely<Database>) =>
  sql<string>`coalesce(nullif(p.cloud_usernames, ''), ${isPostgres(db) ? sql`json_build_array(u.username)::text` : sql`json_array(u.username)`})`;

const EQUALS_KEYS = Object.keys(EQUALS) as (keyof typeof EQUALS)[];

/** Which conditions a filter makes (a prepared query cannot change its own): the fields set, and how `deleted` is. */
const shapeOf = (f: RiskProfileFilter) =>
  [...EQUALS_KEYS.filter((k) => f[k] !== undefined), ...(f.active !== undefined ? ["active"] : []), ...(f.deleted === undefined ? [] : [f.deleted ? "deleted" : "kept"]), ...(f.supportUser ? ["support"] : [])].join(" ");

/** Every value the conditions can take, in a fixed order; a query binds those its shape reads. */
type Args = [tenantUid: string, managerId: string, title: string, division: string, department: string, employmentType: string, country: string, region: string, locality: string, active: Flag];
const argsOf = (tenantUid: string, f: RiskProfileFilter) => [tenantUid, ...EQUALS_KEYS.map((k) => f[k] ?? ""), f.active ? 1 : 0] as Args;

/** The profiles of one shape's conditions. */
function filtered(db: Kysely<Database>, has: Set<string>, [tenantUid, ...values]: Args): Joined {
  let q = joined(db, tenantUid);
  EQUALS_KEYS.forEach((key, i) => {
    if (has.has(key)) q = q.where(sql.ref(EQUALS[key]), "=", values[i]!);
  });
  if (has.has("active")) q = q.where("u.active", "=", values[EQUALS_KEYS.length] as Flag);
  if (has.has("deleted")) q = q.where("u.scim_deleted_at", "is not", null);
  if (has.has("kept")) q = q.where("u.scim_deleted_at", "is", null);
  // Nobody (PostgreSQL's WHERE takes a boolean, SQLite's any number).
  if (has.has("support")) q = q.where(isPostgres(db) ? sql<boolean>`false` : sql<boolean>`0`);
  return q;
}

function columns(db: Kysely<Database>, q: Joined) {
  return q.select([
    "u.tenant_uid",
    "u.user_id",
    "u.user_uid",
    "u.username",
    "u.display_name",
    "u.active",
    "u.scim_deleted_at",
    ...SCIM_COLUMNS,
    "p.notes",
    "p.cloud_usernames",
    "p.start_date",
    "p.end_date",
    cloudAliases(db).as("cloud_aliases"),
  ]);
}

/**
 * Pages of the profiles in user id order, from the user `fromUserId` when the shape says "from", `offset` skipped;
 * what `select` reads of them. One prepared query per shape.
 */
function pageQueries<Row>(select: (db: Kysely<Database>, q: Joined) => Compilable<Row>) {
  return perShape((shape) => {
    const has = new Set(shape.split(" "));
    return preparedQuery(
      (db, tenantUid: string, managerId: string, title: string, division: string, department: string, employmentType: string, country: string, region: string, locality: string, active: Flag, fromUserId: number, limit: number, offset: number) => {
        let q = filtered(db, has, [tenantUid, managerId, title, division, department, employmentType, country, region, locality, active]);
        if (has.has("from")) q = q.where("u.user_id", ">=", fromUserId);
        return select(db, q.orderBy("u.user_id").limit(limit).offset(offset));
      },
    );
  });
}

const pageQuery = pageQueries(columns);

const countQuery = perShape((shape) => {
  const has = new Set(shape.split(" "));
  return preparedQuery(
    (db, tenantUid: string, managerId: string, title: string, division: string, department: string, employmentType: string, country: string, region: string, locality: string, active: Flag) =>
      filtered(db, has, [tenantUid, managerId, title, division, department, employmentType, country, region, locality, active]).select((eb) => eb.fn.countAll<number>().as("n")),
  );
});

/** The SQL of a profile's fields, for a projection of it (projection.ts). */
const PROFILE_FIELDS = new Set<keyof RiskProfileRow>(["notes", "cloud_usernames", "start_date", "end_date"]);
const columnOf = (db: Kysely<Database>) => (field: keyof RiskProfileRow) =>
  field === "cloud_aliases" ? cloudAliases(db) : sql.ref(`${PROFILE_FIELDS.has(field) ? "p" : "u"}.${field}`);

/** Each profile written as a wire's projection of it, by SQLite; one set of queries per projection. */
const jsonPageQueries = perObject((projection: Projection<RiskProfileRow>) => pageQueries((db, q) => q.select(["u.user_id", jsonObject(projection, columnOf(db)).as("json")])));

export class RiskProfileStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** `limit` profiles in user id order from the user `fromUserId` (the list's start when null), after skipping `skip`. */
  page(tenantUid: string, f: RiskProfileFilter, fromUserId: number | null, skip: number, limit: number) {
    const shape = shapeOf(f);
    return pageQuery(fromUserId === null ? shape : `${shape} from`)(this.db, ...argsOf(tenantUid, f), fromUserId ?? 0, limit, skip);
  }

  /** `page`, each profile written by SQLite as `projection` shapes it, with its user id (the page starts'). */
  pageJson(tenantUid: string, f: RiskProfileFilter, fromUserId: number | null, skip: number, limit: number, projection: Projection<RiskProfileRow>) {
    const shape = shapeOf(f);
    return jsonPageQueries(projection)(fromUserId === null ? shape : `${shape} from`)(this.db, ...argsOf(tenantUid, f), fromUserId ?? 0, limit, skip);
  }

  async count(tenantUid: string, f: RiskProfileFilter): Promise<number> {
    const [row] = await countQuery(shapeOf(f))(this.db, ...argsOf(tenantUid, f));
    return Number(row?.n ?? 0);
  }

  one(tenantUid: string, userUid: string) {
    return columns(this.db, joined(this.db, tenantUid).where("u.user_uid", "=", userUid)).executeTakeFirst();
  }
}

export type RiskProfileRow = NonNullable<Awaited<ReturnType<RiskProfileStore["one"]>>>;
