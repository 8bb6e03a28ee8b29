// file_events: rows in, pages and counts out. The where clause, order and cursor seek come compiled (query.ts).
import { completed, completedJson } from "./completed.js";
import { inList } from "../../db/dialect.js";
import type BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, FileEventsTable } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { mayBeExposure } from "./v1-derived.js";

type Sql = RawBuilder<unknown>;
type Event = Record<string, unknown>;


// Keyed by the row type, so a column added to file_events that the insert leaves out fails to compile.
const COLUMNS: Record<keyof FileEventsTable, true> = {
  tenant_uid: true, event_id: true, ts: true, inserted: true, user_email: true, device_uid: true, hostname: true, action: true, file_name: true,
  file_path: true, md5: true, sha256: true, destination_category: true, risk_score: true, risk_severity: true, trusted: true, event_json: true,
  user_uid: true, exposure: true, size_bytes: true,
};
const INSERT_COLUMNS = Object.keys(COLUMNS);
// SQLite keeps the event's JSON as JSONB (completed.ts).
const INSERT_EVENT = `insert into file_events (${INSERT_COLUMNS.join(", ")}) values (${INSERT_COLUMNS.map((c) => (c === "event_json" ? "jsonb(@event_json)" : `@${c}`)).join(", ")})`;
const inserts = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement<[FileEventsTable]>>();

/** FileEventStore.insert on a SQLite connection (a fixture's rows are written on the one they hold). */
export function insertEventRow(connection: BetterSqlite3.Database, row: FileEventsTable): boolean {
  let insert = inserts.get(connection);
  if (!insert) inserts.set(connection, (insert = connection.prepare(INSERT_EVENT)));
  try {
    insert.run(row);
    return true;
  } catch (e) {
    if (brokeKey(e)) return false;
    throw e;
  }
}

/** The unique index of an event's tenant and id (migration 0032), which a bulk load builds after its rows. */
export const FILE_EVENT_KEY = "file_events_key";
/** Whether SQLite refused a write or an index build for two events of one tenant and id (the only unique index). */
export const brokeKey = (e: unknown): boolean => (e as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE";

/** Rows a PostgreSQL insert stores at once (20 parameters a row, well under its 65,535). */
const WRITE_BATCH = 500;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const part = (v: unknown): Event => (v !== null && typeof v === "object" ? (v as Event) : {});

/**
 * The row of an event as stored (sparseEvent) whose @timestamp and event.inserted are ISO instants already normalized
 * to ms, for the tenant's user it belongs to (null: no user of the tenant).
 */
export function rowOf(tenantUid: string, e: Event, ts: string, inserted: string, userUid: string | null): FileEventsTable {
  const [event, user, file, risk] = [part(e.event), part(e.user), part(e.file), part(e.risk)];
  const hash = part(file.hash);
  return {
    tenant_uid: tenantUid,
    event_id: String(event.id),
    ts,
    inserted,
    user_email: text(user.email),
    device_uid: text(user.deviceUid),
    hostname: text(part(e.source).name),
    action: text(event.action),
    file_name: text(file.name),
    file_path: text(file.directory),
    md5: text(hash.md5),
    sha256: text(hash.sha256),
    destination_category: text(part(e.destination).category),
    risk_score: typeof risk.score === "number" ? risk.score : null,
    risk_severity: text(risk.severity),
    trusted: typeof risk.trusted === "boolean" ? Number(risk.trusted) : null,
    event_json: JSON.stringify(e),
    user_uid: userUid,
    exposure: mayBeExposure(e) ? 1 : 0,
    size_bytes: typeof file.sizeInBytes === "number" ? file.sizeInBytes : null,
  };
}

export interface NamedUser {
  user_id: number;
  user_uid: string;
  username: string;
  email: string | null;
}

export class FileEventStore {
  /** Counts of a query over a tenant, until the next write: a cursor's every page answers the same totalCount. */
  private readonly counts: UntilChange<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    changes?: ChangeCounter,
    private readonly connection?: BetterSqlite3.Database,
  ) {
    this.counts = changes && new UntilChange(changes);
  }

  async tenantExists(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", tenantUid).executeTakeFirst()) !== undefined;
  }

  /**
   * The tenant's user an event names: the user whose uid its user.id is, else the one whose username, then whose
   * e-mail, is its (lower-cased) user.email (a username is the sign-in name: it wins over another user's e-mail).
   */
  async userNamed(tenantUid: string, id: string | null, email: string | null): Promise<string | null> {
    return (await this.userBy(tenantUid, [["user_uid", id], ["username", email], ["email", email]]))?.user_uid ?? null;
  }

  /**
   * The tenant's user that the first of these names names, tried in their order (a null one skipped). A username and
   * a uid answer from their unique indexes; an e-mail, given lower-cased, may be several users': the first made.
   */
  async userBy(tenantUid: string, names: [key: "username" | "user_uid" | "email", value: string | null][]): Promise<NamedUser | undefined> {
    const users = this.db.selectFrom("users").select(["user_id", "user_uid", "username", "email"]).where("tenant_uid", "=", tenantUid);
    for (const [key, value] of names) {
      if (value === null) continue;
      const found = await (key === "email" ? users.where(sql`lower(email)`, "=", value).orderBy("user_id").limit(1) : users.where(key, "=", value)).executeTakeFirst();
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Stores one event's row, through a statement prepared on the connection and bound to the row's own keys (through
   * the query builder, each insert made garbage, its query, parameters and promise, that cost more to collect than
   * SQLite took to store the row). False when the tenant holds an event of that id already.
   */
  async insert(row: FileEventsTable): Promise<boolean> {
    if (!this.connection) {
      // PostgreSQL: no connection of its own to prepare on; the key decides, as SQLite's constraint does.
      const result = await this.db.insertInto("file_events").values(row).onConflict((oc) => oc.columns(["tenant_uid", "event_id"]).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows) === 1;
    }
    return insertEventRow(this.connection, row);
  }

  /**
   * A writer of rows one at a time, which answers a row the tenant held already (or was given twice) when it finds
   * one. SQLite stores each row as it is added (insert). PostgreSQL is bound by round trips rather than by the rows:
   * there rows are stored WRITE_BATCH at a time, so a refused row is found when its batch is (at latest by end()).
   */
  writer(): { add(row: FileEventsTable): Promise<FileEventsTable | undefined>; end(): Promise<FileEventsTable | undefined> } {
    if (this.connection) return { add: async (row) => ((await this.insert(row)) ? undefined : row), end: async () => undefined };
    const batch: FileEventsTable[] = [];
    const flush = async (): Promise<FileEventsTable | undefined> => {
      if (!batch.length) return undefined;
      const rows = batch.splice(0);
      const stored = await this.db.insertInto("file_events").values(rows).onConflict((oc) => oc.columns(["tenant_uid", "event_id"]).doNothing()).returning("event_id").execute();
      if (stored.length === rows.length) return undefined;
      // The first refused in the order given: one the tenant held (not stored), or the second of two of one id.
      const ids = new Set(stored.map((r) => r.event_id));
      const seen = new Set<string>();
      for (const row of rows) {
        if (!ids.has(row.event_id) || seen.has(row.event_id)) return row;
        seen.add(row.event_id);
      }
      return undefined;
    };
    return {
      add: async (row) => (batch.push(row) >= WRITE_BATCH ? flush() : undefined),
      end: flush,
    };
  }

  /** The newest row's rowid: events stored after this call come after it (storedSince). */
  async lastRowid(): Promise<number> {
    return Number((await this.db.selectFrom("file_events").select(sql<number>`coalesce(max(rowid), 0)`.as("n")).executeTakeFirstOrThrow()).n);
  }

  async storedSince(tenantUid: string, eventId: string, rowid: number): Promise<boolean> {
    const row = await this.db.selectFrom("file_events").select(sql<number>`rowid`.as("rid")).where("tenant_uid", "=", tenantUid).where("event_id", "=", eventId).executeTakeFirst();
    return row !== undefined && row.rid > rowid;
  }

  /**
   * The first event stored after `rowid` whose id its tenant held already, the one a key kept row by row would have
   * refused, and whether the event it repeats was stored after `rowid` too (SQLite: a bulk load's key is built after
   * its rows, bulkLoad).
   */
  async firstTwin(rowid: number): Promise<{ eventId: string; twiceSince: boolean } | undefined> {
    const { rows } = await sql<{ event_id: string; first: number }>`select event_id, first from (
        select event_id, rowid as r, min(rowid) over (partition by tenant_uid, event_id) as first from file_events)
      where r > first and r > ${rowid} order by r limit 1`.execute(this.db);
    return rows[0] && { eventId: rows[0].event_id, twiceSince: rows[0].first > rowid };
  }

  /** Every tenant's events. */
  async total(): Promise<number> {
    return Number((await this.db.selectFrom("file_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  }

  async count(tenantUid: string, where: Sql): Promise<number> {
    const read = async () => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from file_events fe where fe.tenant_uid = ${tenantUid} and ${where}`.execute(this.db);
      return Number(rows[0]?.n ?? 0);
    };
    if (!this.counts) return read();
    const compiled = where.compile(this.db);
    return this.counts.through(JSON.stringify([tenantUid, compiled.sql, compiled.parameters]), read);
  }

  /**
   * The page's events, complete v2 JSON (SQLite writes it from the stored event: no object per event is made only to
   * be written, and the garbage of those was most of a page's time). The rows are found first and read after: asked
   * for the JSON in the same statement, SQLite (which has no statistics) walks the tenant's time index and reads every
   * event in the range to test its user, where for the rows alone it takes the index that holds both (one user's
   * week at 100k events: 42 ms against 0.1).
   */
  async page(tenantUid: string, where: Sql, seek: Sql, order: Sql, limit: number, offset: number): Promise<{ eventId: string; json: string }[]> {
    const { rows: found } = await sql<{ rid: number }>`select fe.rowid as rid from file_events fe
      where fe.tenant_uid = ${tenantUid} and ${where} and ${seek} order by ${order} limit ${limit} offset ${offset}`.execute(this.db);
    if (!found.length) return [];
    const { rows } = await sql<{ rid: number; event_id: string; json: string }>`select rowid as rid, event_id, ${completedJson(this.db, sql.ref("event_json"))} as json
      from file_events where ${inList(this.db, "rowid", found.map((r) => r.rid))}`.execute(this.db);
    const byRow = new Map(rows.map((r) => [r.rid, r]));
    return found.map(({ rid }) => {
      const { event_id: eventId, json } = byRow.get(rid)!;
      return { eventId, json: completed(this.db, json) };
    });
  }

  /** The sort value of one event (found: false when the tenant holds no such event). */
  async sortValueOf(tenantUid: string, eventId: string, key: Sql): Promise<{ found: boolean; value: unknown }> {
    const { rows } = await sql<{ v: unknown }>`select ${key} as v from file_events fe where fe.tenant_uid = ${tenantUid} and fe.event_id = ${eventId}`.execute(this.db);
    return rows.length ? { found: true, value: rows[0]!.v } : { found: false, value: null };
  }

  /** How many matching events hold each value of a term, the largest first (a list term counts each element). */
  async groupCounts(tenantUid: string, where: Sql, from: Sql | null, value: Sql, size: number): Promise<{ value: unknown; docCount: number }[]> {
    const source = from === null ? sql`file_events fe` : sql`file_events fe, ${from}`;
    const { rows } = await sql<{ v: unknown; n: number }>`select ${value} as v, count(distinct fe.event_id) as n from ${source}
      where fe.tenant_uid = ${tenantUid} and ${where} and ${value} is not null group by 1 order by n desc, v asc limit ${size}`.execute(this.db);
    return rows.map((r) => ({ value: r.v, docCount: Number(r.n) }));
  }
}

/** The tenant's user each event's `user` names (userNamed's rules), each user.id and e-mail asked for once. */
export class UsersNamed {
  private readonly known = new Map<string, string | null>();

  constructor(
    private readonly store: FileEventStore,
    private readonly tenantUid: string,
  ) {}

  async of(user: unknown): Promise<string | null> {
    const u = (user ?? {}) as Event;
    const id = typeof u.id === "string" ? u.id : null;
    const email = typeof u.email === "string" ? u.email.toLowerCase() : null;
    const key = `${id}\u0000${email}`;
    let uid = this.known.get(key);
    if (uid === undefined) {
      uid = await this.store.userNamed(this.tenantUid, id, email);
      this.known.set(key, uid);
    }
    return uid;
  }
}
