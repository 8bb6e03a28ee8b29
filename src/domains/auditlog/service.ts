// The audit log's reads: a Customer Cloud Admin searches the tenant's events by time range, actor, event type and
// resource (the incydr SDK's and py42's filters), counts them, and exports them through a download token that names
// the search (stateless: the token is the query, bound to the tenant).
import { sql, type Kysely, type SelectQueryBuilder } from "kysely";
import type { Principal } from "../../auth/principal.js";
import { isPostgres } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";

export interface AuditQuery {
  actorIds?: string[] | null;
  actorNames?: string[] | null;
  actorIpAddresses?: string[] | null;
  eventTypes?: string[] | null;
  resourceIds?: string[] | null;
  userTypes?: string[] | null;
  /** The users an event is about (py42's affected users): a user event's resource, and the userName it records. */
  affectedUserIds?: string[] | null;
  affectedUserNames?: string[] | null;
  /** Epoch seconds, either end open. */
  startTime?: number | null;
  endTime?: number | null;
}

export interface AuditEventRecord {
  type: string;
  at: string;
  actorId: string;
  actorName: string;
  actorType: string;
  actorAgent: string | null;
  actorIpAddress: string | null;
  resourceId: string | null;
  details: Record<string, unknown>;
}

const EXPORT_LIMIT = 100_000;

export class AuditLogService {
  constructor(private readonly db: Kysely<Database>) {}

  private authorize(caller: Principal): string {
    if (!caller.roles.has(CUSTOMER_CLOUD_ADMIN)) throw new DomainError("FORBIDDEN", "The Customer Cloud Admin role is required for the audit log");
    return caller.tenantUid;
  }

  private filtered(tenantUid: string, q: AuditQuery) {
    if (q.startTime != null && q.endTime != null && q.startTime > q.endTime) throw new DomainError("AUDIT_QUERY_INVALID", "The date range ends before it starts");
    const iso = (s: number) => new Date(s * 1000).toISOString();
    const pg = isPostgres(this.db);
    let s: SelectQueryBuilder<Database, "audit_events", object> = this.db.selectFrom("audit_events").where("tenant_uid", "=", tenantUid);
    const any = (values: string[] | null | undefined, column: "actor_id" | "actor_name" | "actor_ip" | "resource_id" | "actor_type") => {
      if (values?.length) s = s.where(column, "in", values);
    };
    any(q.actorIds, "actor_id");
    any(q.actorNames, "actor_name");
    any(q.actorIpAddresses, "actor_ip");
    // A type is named in full ("audit_log::logged_in/1") or by its name alone ("logged_in"), as Code42's document and
    // code42cli's help name them and the incydr SDK's tests send them.
    if (q.eventTypes?.length) {
      const types = q.eventTypes;
      // PostgreSQL has no instr, and its substr refuses a negative length: the name between "::" and "/" by split_part.
      const name = pg ? sql<string>`split_part(split_part(type, '::', 2), '/', 1)` : sql<string>`substr(type, instr(type, '::') + 2, instr(type, '/') - instr(type, '::') - 2)`;
      s = s.where((eb) => eb.or([eb("type", "in", types), eb(name, "in", types)]));
    }
    any(q.resourceIds, "resource_id");
    any(q.userTypes?.map((t) => t.toUpperCase()), "actor_type");
    if (q.affectedUserIds?.length) s = s.where("resource_id", "in", q.affectedUserIds);
    const names = q.affectedUserNames;
    if (names?.length) s = s.where(pg ? sql<string>`details::jsonb ->> 'userName'` : sql<string>`json_extract(details, '$.userName')`, "in", names);
    if (q.startTime != null) s = s.where("at", ">=", iso(q.startTime));
    if (q.endTime != null) s = s.where("at", "<=", iso(q.endTime));
    return s;
  }

  /** A page (from 0, as the SDK numbers them), newest first. */
  async search(caller: Principal, q: AuditQuery, page: number, pageSize: number): Promise<AuditEventRecord[]> {
    const rows = await this.filtered(this.authorize(caller), q).selectAll().orderBy("at", "desc").orderBy("event_id", "desc").limit(pageSize).offset(page * pageSize).execute();
    return rows.map((r) => ({
      type: r.type,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      actorType: r.actor_type,
      actorAgent: r.actor_agent,
      actorIpAddress: r.actor_ip,
      resourceId: r.resource_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
    }));
  }

  async count(caller: Principal, q: AuditQuery): Promise<number> {
    const row = await this.filtered(this.authorize(caller), q).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Every matching event, newest first, up to Code42's export limit (its console and API export at most 100,000). */
  exportAll(caller: Principal, q: AuditQuery): Promise<AuditEventRecord[]> {
    return this.search(caller, q, 0, EXPORT_LIMIT);
  }

  /** A token naming the search, for redeem. */
  exportToken(caller: Principal, q: AuditQuery): string {
    const tenantUid = this.authorize(caller);
    return Buffer.from(JSON.stringify({ t: tenantUid, q })).toString("base64url");
  }

  async redeem(caller: Principal, token: string): Promise<AuditEventRecord[]> {
    const tenantUid = this.authorize(caller);
    let parsed: { t?: unknown; q?: unknown } | undefined;
    try {
      parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { t?: unknown; q?: unknown };
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.t !== tenantUid || typeof parsed.q !== "object" || parsed.q === null) throw new DomainError("DOWNLOAD_TOKEN_INVALID", "The download token is unknown");
    return this.exportAll(caller, parsed.q as AuditQuery);
  }
}
