// file_events: rows in, pages and counts out. The where clause, order and cursor seek come compiled (query.ts).
import { sql, type Kysely, type RawBuilder } from "kysely";
import type { ChangeCounter } from "../../db/open.js";
import type { Database, FileEventsTable } from "../../db/schema.js";
import { UntilChange } from "../../db/until-change.js";
import { mayBeExposure } from "./v1-derived.js";

type Sql = RawBuilder<unknown>;
type Event = Record<string, unknown>;

const INSERT_CHUNK = 500;

const at = (e: Event, path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Event)[k] : undefined), e);
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * The row of a completed event whose @timestamp and event.inserted are ISO instants already normalized to ms, for
 * the tenant's user it belongs to (null: no user of the tenant).
 */
export function rowOf(tenantUid: string, e: Event, ts: string, inserted: string, userUid: string | null): FileEventsTable {
  const score = at(e, "risk.score");
  const trusted = at(e, "risk.trusted");
  const size = at(e, "file.sizeInBytes");
  return {
    tenant_uid: tenantUid,
    event_id: String(at(e, "event.id")),
    ts,
    inserted,
    user_email: text(at(e, "user.email")),
    device_uid: text(at(e, "user.deviceUid")),
    hostname: text(at(e, "source.name")),
    action: text(at(e, "event.action")),
    file_name: text(at(e, "file.name")),
    file_path: text(at(e, "file.directory")),
    md5: text(at(e, "file.hash.md5")),
    sha256: text(at(e, "file.hash.sha256")),
    destination_category: text(at(e, "destination.category")),
    risk_score: typeof score === "number" ? score : null,
    risk_severity: text(at(e, "risk.severity")),
    trusted: typeof trusted === "boolean" ? Number(trusted) : null,
    event_json: JSON.stringify(e),
    user_uid: userUid,
    exposure: mayBeExposure(e) ? 1 : 0,
    size_bytes: typeof size === "number" ? size : null,
  };
}

export class FileEventStore {
  /** Counts of a query over a tenant, until the next write: a cursor's every page answers the same totalCount. */
  private readonly counts: UntilChange<number> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    changes?: ChangeCounter,
  ) {
    this.counts = changes && new UntilChange(changes);
  }

  async tenantExists(tenantUid: string): Promise<boolean> {
    return (await this.db.selectFrom("tenants").select("tenant_uid").where("tenant_uid", "=", tenantUid).executeTakeFirst()) !== undefined;
  }

  /**
   * The tenant's users these events name, keyed by the user.id or the lower-cased user.email given: a user.id that
   * is a user's uid wins; otherwise the user whose username or e-mail the address is.
   */
  async usersNamed(tenantUid: string, ids: string[], emails: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const rows = await this.db.selectFrom("users").select("user_uid").where("tenant_uid", "=", tenantUid).where("user_uid", "in", ids.slice(i, i + INSERT_CHUNK)).execute();
      for (const r of rows) found.set(r.user_uid, r.user_uid);
    }
    // A username is the sign-in name (indexed, case-blind): it wins over another user's e-mail, read only for the rest.
    const byEmail: string[] = [];
    for (let i = 0; i < emails.length; i += INSERT_CHUNK) {
      const chunk = emails.slice(i, i + INSERT_CHUNK);
      const rows = await this.db.selectFrom("users").select(["user_uid", "username"]).where("tenant_uid", "=", tenantUid).where("username", "in", chunk).execute();
      for (const r of rows) found.set(r.username.toLowerCase(), r.user_uid);
      byEmail.push(...chunk.filter((e) => !found.has(e)));
    }
    for (let i = 0; i < byEmail.length; i += INSERT_CHUNK) {
      const chunk = byEmail.slice(i, i + INSERT_CHUNK);
      const rows = await this.db.selectFrom("users").select(["user_uid", sql<string>`lower(email)`.as("email")]).where("tenant_uid", "=", tenantUid).where(sql`lower(email)`, "in", chunk).execute();
      for (const r of rows) found.set(r.email, r.user_uid);
    }
    return found;
  }

  /** The ids among these the tenant holds already. */
  async existingIds(tenantUid: string, ids: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const rows = await this.db.selectFrom("file_events").select("event_id").where("tenant_uid", "=", tenantUid).where("event_id", "in", ids.slice(i, i + INSERT_CHUNK)).execute();
      found.push(...rows.map((r) => r.event_id));
    }
    return found;
  }

  /** In chunks: the caller's transaction makes them all or none. */
  async insert(rows: FileEventsTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await this.db.insertInto("file_events").values(rows.slice(i, i + INSERT_CHUNK)).execute();
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

  async page(tenantUid: string, where: Sql, seek: Sql, order: Sql, limit: number, offset: number): Promise<{ eventId: string; event: Event }[]> {
    const { rows } = await sql<{ event_id: string; event_json: string }>`select fe.event_id, fe.event_json from file_events fe
      where fe.tenant_uid = ${tenantUid} and ${where} and ${seek} order by ${order} limit ${limit} offset ${offset}`.execute(this.db);
    return rows.map((r) => ({ eventId: r.event_id, event: JSON.parse(r.event_json) as Event }));
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
