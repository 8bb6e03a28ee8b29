// Queries for user risk profiles: every Code42 user of the tenant has one, made of the user's SCIM attributes and,
// once anything was set on it, the stored profile (notes, cloud aliases, start and end dates) the detection lists
// share. A user without a stored profile reads as an empty one.
import { sql, type Kysely } from "kysely";
import { isPostgres } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
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

export class RiskProfileStore {
  constructor(private readonly db: Kysely<Database>) {}

  private filtered(tenantUid: string, f: RiskProfileFilter): Joined {
    let q = joined(this.db, tenantUid);
    for (const [key, column] of Object.entries(EQUALS)) {
      const value = f[key as keyof typeof EQUALS];
      if (value !== undefined) q = q.where(sql.ref(column), "=", value);
    }
    if (f.active !== undefined) q = q.where("u.active", "=", f.active ? 1 : 0);
    if (f.deleted !== undefined) q = q.where("u.scim_deleted_at", f.deleted ? "is not" : "is", null);
    // Nobody (PostgreSQL's WHERE takes a boolean, SQLite's any number).
    if (f.supportUser === true) q = q.where(isPostgres(this.db) ? sql<boolean>`false` : sql<boolean>`0`);
    return q;
  }

  private rows(q: Joined) {
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
    ]);
  }

  /** `limit` profiles in user id order from the user `fromUserId` (the list's start when null), after skipping `skip`. */
  page(tenantUid: string, f: RiskProfileFilter, fromUserId: number | null, skip: number, limit: number) {
    let q = this.rows(this.filtered(tenantUid, f));
    if (fromUserId !== null) q = q.where("u.user_id", ">=", fromUserId);
    return q.orderBy("u.user_id").limit(limit).offset(skip).execute();
  }

  async count(tenantUid: string, f: RiskProfileFilter): Promise<number> {
    const row = await this.filtered(tenantUid, f).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  one(tenantUid: string, userUid: string) {
    return this.rows(joined(this.db, tenantUid).where("u.user_uid", "=", userUid)).executeTakeFirst();
  }
}

export type RiskProfileRow = NonNullable<Awaited<ReturnType<RiskProfileStore["one"]>>>;
