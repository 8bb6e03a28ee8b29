// Every query of cases and their file events, each scoped to one tenant.
import { completed, completedJson } from "../fileevents/completed.js";
import { sql, type Kysely, type Selectable } from "kysely";
import { contains, isPostgres } from "../../db/dialect.js";
import type { CasesTable, Database } from "../../db/schema.js";
import { chunks } from "../../chunks.js";

/** A case with its people's usernames as they are now. */
export type CaseRow = Selectable<CasesTable> & { subject_username: string | null; assignee_username: string | null };
export type CaseWrite = Omit<CasesTable, "tenant_uid" | "number">;

/** The column each sort key names. */
export type CaseSortColumn = "name" | "number" | "created_at" | "updated_at" | "status" | "assignee_username" | "subject_username" | "archival_time";

export interface CaseQuery {
  statuses: string[];
  assignee: string | null;
  isAssigned: boolean | null;
  name: string | null;
  subject: string | null;
  lastModifiedBy: string | null;
  createdAt: [string, string] | null;
  updatedAt: [string, string] | null;
  sort: { column: CaseSortColumn; descending: boolean }[];
  page: number;
  pageSize: number;
}

export class CaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  private cases(tenantUid: string) {
    return this.db
      .selectFrom("cases as c")
      .leftJoin("users as s", (j) => j.onRef("s.tenant_uid", "=", "c.tenant_uid").onRef("s.user_uid", "=", "c.subject"))
      .leftJoin("users as a", (j) => j.onRef("a.tenant_uid", "=", "c.tenant_uid").onRef("a.user_uid", "=", "c.assignee"))
      .where("c.tenant_uid", "=", tenantUid);
  }

  private select(tenantUid: string) {
    return this.cases(tenantUid).selectAll("c").select(["s.username as subject_username", "a.username as assignee_username"]);
  }

  async page(tenantUid: string, q: CaseQuery): Promise<{ totalCount: number; rows: CaseRow[] }> {
    let base = this.cases(tenantUid);
    if (q.statuses.length) base = base.where("c.status", "in", q.statuses);
    if (q.assignee !== null) base = base.where("c.assignee", "=", q.assignee);
    if (q.isAssigned !== null) base = base.where("c.assignee", q.isAssigned ? "is not" : "is", null);
    if (q.name !== null) base = base.where(contains(this.db, sql`lower(c.name)`, q.name.toLowerCase()));
    if (q.subject !== null) base = base.where("c.subject", "=", q.subject);
    if (q.lastModifiedBy !== null) base = base.where("c.modified_by_uid", "=", q.lastModifiedBy);
    if (q.createdAt) base = base.where("c.created_at", ">=", q.createdAt[0]).where("c.created_at", "<=", q.createdAt[1]);
    if (q.updatedAt) base = base.where("c.updated_at", ">=", q.updatedAt[0]).where("c.updated_at", "<=", q.updatedAt[1]);
    let rows = base.selectAll("c").select(["s.username as subject_username", "a.username as assignee_username"]);
    for (const { column, descending } of q.sort) {
      const ref =
        column === "assignee_username" ? sql`lower(a.username)` : column === "subject_username" ? sql`lower(s.username)` : column === "name" ? sql`lower(c.name)` : sql.ref(`c.${column}`);
      // Nulls last whichever the direction (no archival time: not archived).
      rows = rows.orderBy(sql`${ref} is null`).orderBy(sql`${ref}`, descending ? "desc" : "asc");
    }
    const [found, count] = await Promise.all([
      rows.orderBy("c.number").limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { totalCount: Number(count.n), rows: found };
  }

  get(tenantUid: string, number: number): Promise<CaseRow | undefined> {
    return this.select(tenantUid).where("c.number", "=", number).executeTakeFirst();
  }

  /** The case of the name (any case), other than `except`. */
  async clash(tenantUid: string, name: string, except?: number): Promise<boolean> {
    let q = this.db.selectFrom("cases").select("number").where("tenant_uid", "=", tenantUid).where(sql<boolean>`lower(name) = lower(${name})`);
    if (except !== undefined) q = q.where("number", "<>", except);
    return (await q.executeTakeFirst()) !== undefined;
  }

  /** The next number of the tenant, taken (never handed out again). */
  async takeNumber(tenantUid: string): Promise<number> {
    const row = await this.db
      .insertInto("case_numbers")
      .values({ tenant_uid: tenantUid, next_number: 2 })
      // PostgreSQL reads a bare next_number here as ambiguous (the row held or the one proposed, `excluded`).
      .onConflict((oc) => oc.column("tenant_uid").doUpdateSet({ next_number: isPostgres(this.db) ? sql`case_numbers.next_number + 1` : sql`next_number + 1` }))
      .returning("next_number")
      .executeTakeFirstOrThrow();
    return row.next_number - 1;
  }

  /** The number the tenant's next case gets (1 before its first). */
  async nextNumber(tenantUid: string): Promise<number> {
    const row = await this.db.selectFrom("case_numbers").select("next_number").where("tenant_uid", "=", tenantUid).executeTakeFirst();
    return row?.next_number ?? 1;
  }

  /** A number given (a fixture's): the next ones come after it. */
  async keepNumber(tenantUid: string, number: number): Promise<void> {
    await this.db
      .insertInto("case_numbers")
      .values({ tenant_uid: tenantUid, next_number: number + 1 })
      // The larger of the two: scalar max on SQLite, greatest on PostgreSQL.
      .onConflict((oc) => oc.column("tenant_uid").doUpdateSet({ next_number: isPostgres(this.db) ? sql`greatest(case_numbers.next_number, ${number + 1})` : sql`max(next_number, ${number + 1})` }))
      .execute();
  }

  async insert(tenantUid: string, number: number, row: CaseWrite): Promise<void> {
    await this.db.insertInto("cases").values({ tenant_uid: tenantUid, number, ...row }).execute();
  }

  async update(tenantUid: string, number: number, row: Partial<CaseWrite>): Promise<void> {
    await this.db.updateTable("cases").set(row).where("tenant_uid", "=", tenantUid).where("number", "=", number).execute();
  }

  async delete(tenantUid: string, number: number): Promise<void> {
    await this.db.deleteFrom("case_file_events").where("tenant_uid", "=", tenantUid).where("case_number", "=", number).execute();
    await this.db.deleteFrom("cases").where("tenant_uid", "=", tenantUid).where("number", "=", number).execute();
  }

  /** Which of the uids are users of the tenant. */
  async usersOf(tenantUid: string, uids: string[]): Promise<Set<string>> {
    if (!uids.length) return new Set();
    const rows = await this.db.selectFrom("users").select("user_uid").where("tenant_uid", "=", tenantUid).where("user_uid", "in", uids).execute();
    return new Set(rows.map((r) => r.user_uid));
  }

  async userByName(tenantUid: string, username: string): Promise<string | undefined> {
    return (await this.db.selectFrom("users").select("user_uid").where("tenant_uid", "=", tenantUid).where("username", "=", username).executeTakeFirst())?.user_uid;
  }

  /** Which of the ids are file events of the tenant. */
  async eventsOf(tenantUid: string, ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await this.db.selectFrom("file_events").select("event_id").where("tenant_uid", "=", tenantUid).where("event_id", "in", part).execute();
      for (const r of rows) found.add(r.event_id);
    }
    return found;
  }

  /** The case's event ids, in the order they were added. */
  async eventIds(tenantUid: string, number: number): Promise<string[]> {
    const rows = await this.db.selectFrom("case_file_events").select("event_id").where("tenant_uid", "=", tenantUid).where("case_number", "=", number).orderBy(sql`rowid`).execute();
    return rows.map((r) => r.event_id);
  }

  /** The case's events, complete v2 events, in the order they were added. */
  async events(tenantUid: string, number: number, eventId?: string): Promise<Record<string, unknown>[]> {
    let q = this.db
      .selectFrom("case_file_events as ce")
      .innerJoin("file_events as fe", (j) => j.onRef("fe.tenant_uid", "=", "ce.tenant_uid").onRef("fe.event_id", "=", "ce.event_id"))
      .select(completedJson(this.db, sql.ref("fe.event_json")).as("json"))
      .where("ce.tenant_uid", "=", tenantUid)
      .where("ce.case_number", "=", number);
    if (eventId !== undefined) q = q.where("ce.event_id", "=", eventId);
    const rows = await q.orderBy(sql`ce.rowid`).execute();
    return rows.map((r) => JSON.parse(completed(this.db, r.json)) as Record<string, unknown>);
  }

  async addEvents(tenantUid: string, number: number, ids: string[], at: string): Promise<void> {
    for (const part of chunks(ids))
      await this.db
        .insertInto("case_file_events")
        .values(part.map((event_id) => ({ tenant_uid: tenantUid, case_number: number, event_id, added_at: at })))
        .onConflict((oc) => oc.doNothing())
        .execute();
  }

  /** Answers whether the case held the event. */
  async removeEvent(tenantUid: string, number: number, eventId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("case_file_events").where("tenant_uid", "=", tenantUid).where("case_number", "=", number).where("event_id", "=", eventId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async removeEvents(tenantUid: string, number: number): Promise<void> {
    await this.db.deleteFrom("case_file_events").where("tenant_uid", "=", tenantUid).where("case_number", "=", number).execute();
  }

  /** Every case of the tenant with its event ids, for the state export. */
  async all(tenantUid: string): Promise<{ row: CaseRow; eventIds: string[] }[]> {
    const rows = await this.select(tenantUid).orderBy("c.number").execute();
    return Promise.all(rows.map(async (row) => ({ row, eventIds: await this.eventIds(tenantUid, row.number) })));
  }
}
