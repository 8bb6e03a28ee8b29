// Every query of the trusted activities: one store per tenant, every read scoped to it.
import type { Kysely, Selectable } from "kysely";
import type { Database, TrustedActivitiesTable } from "../../db/schema.js";
import type { ActivityActionGroup } from "./rules.js";

export type TrustedActivityRow = Selectable<TrustedActivitiesTable>;

/** The column each wire's sort key names. */
export type TrustedSortColumn = "activity_id" | "description" | "type" | "updated_by_name" | "updated_at" | "value";

export interface TrustedActivityQuery {
  types: string[];
  sortColumn: TrustedSortColumn;
  descending: boolean;
  page: number;
  pageSize: number;
}

export type TrustedActivityWrite = Omit<TrustedActivitiesTable, "activity_id" | "tenant_uid">;

/** A tenant's trusted values, for marking the file events they match as trusted (the trust filter of searches). */
export async function trustedValues(db: Kysely<Database>, tenantUid: string): Promise<{ type: string; value: string; groups: ActivityActionGroup[] }[]> {
  const rows = await db.selectFrom("trusted_activities").select(["type", "value", "action_groups"]).where("tenant_uid", "=", tenantUid).orderBy("activity_id").execute();
  return rows.map((r) => ({ type: r.type, value: r.value, groups: JSON.parse(r.action_groups) as ActivityActionGroup[] }));
}

export class TrustedActivityStore {
  constructor(private readonly db: Kysely<Database>) {}

  async page(tenantUid: string, q: TrustedActivityQuery): Promise<{ totalCount: number; rows: TrustedActivityRow[] }> {
    let base = this.db.selectFrom("trusted_activities").where("tenant_uid", "=", tenantUid);
    if (q.types.length) base = base.where("type", "in", q.types);
    const dir = q.descending ? "desc" : "asc";
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy(q.sortColumn, dir)
        // Like values fall back to the update time (the document's secondary key), then the id, so pages never overlap.
        .orderBy("updated_at", dir)
        .orderBy("activity_id", dir)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { totalCount: Number(count.n), rows };
  }

  /** Who a fixture's activity is stamped with when it names nobody. */
  firstUser(tenantUid: string): Promise<{ user_uid: string; username: string } | undefined> {
    return this.db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", tenantUid).orderBy("user_id").limit(1).executeTakeFirst();
  }

  get(tenantUid: string, activityId: number): Promise<TrustedActivityRow | undefined> {
    return this.db.selectFrom("trusted_activities").selectAll().where("tenant_uid", "=", tenantUid).where("activity_id", "=", activityId).executeTakeFirst();
  }

  /** The activity of the type trusting the value (any case), other than `except`. */
  async clash(tenantUid: string, type: string, value: string, except?: number): Promise<boolean> {
    let q = this.db
      .selectFrom("trusted_activities")
      .select("activity_id")
      .where("tenant_uid", "=", tenantUid)
      .where("type", "=", type)
      .where((eb) => eb(eb.fn("lower", ["value"]), "=", value.toLowerCase()));
    if (except !== undefined) q = q.where("activity_id", "<>", except);
    return (await q.executeTakeFirst()) !== undefined;
  }

  async insert(tenantUid: string, row: TrustedActivityWrite): Promise<TrustedActivityRow> {
    return this.db.insertInto("trusted_activities").values({ tenant_uid: tenantUid, ...row }).returningAll().executeTakeFirstOrThrow();
  }

  async update(tenantUid: string, activityId: number, row: TrustedActivityWrite): Promise<TrustedActivityRow> {
    return this.db.updateTable("trusted_activities").set(row).where("tenant_uid", "=", tenantUid).where("activity_id", "=", activityId).returningAll().executeTakeFirstOrThrow();
  }

  async delete(tenantUid: string, activityId: number): Promise<void> {
    await this.db.deleteFrom("trusted_activities").where("tenant_uid", "=", tenantUid).where("activity_id", "=", activityId).execute();
  }
}
