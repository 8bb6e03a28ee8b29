// Queries for agents: the devices a scope reaches, with the type and health issues worked out in SQL, so that
// filters, sorting and counts over them need no second pass.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { dialectOf, orderLikeSqlite } from "../../db/dialect.js";
import type { Database } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { LAST_COMBINED_MAJOR, NOT_CONNECTING_AFTER_MS, type AgentHealthIssue, type AgentType } from "./agents.js";
import { CODE42_APP_SERVICE } from "./hostname.js";
import { DeviceStore } from "./store.js";

export interface AgentFilter {
  userUid?: string;
  type?: AgentType;
  active?: boolean;
  /** No health issue (true), or at least one (false). */
  healthy?: boolean;
  /** At least one of these issues; a name the emulator never raises matches nothing. */
  anyOfIssues?: string[];
  /** Whose health changed at or after this instant (became NOT_CONNECTING then). */
  healthModifiedSince?: string;
  connectedSince?: string;
  notConnectedSince?: string;
  /** The emulator keeps no serial numbers: any value matches nothing. */
  serialNumber?: string;
  /** Device os names (win, mac, linux). */
  osNames?: string[];
}

export type AgentSortKey = "name" | "userUid" | "agentType" | "osHostname" | "lastConnected" | "osName";
export interface AgentSort {
  key: AgentSortKey;
  desc: boolean;
}

// The version's major number: SQLite's cast reads the leading integer of "8.8.1" (0 when there is none); PostgreSQL's
// refuses such text, so there the leading digits are taken by a pattern.
const SQLITE_MAJOR = sql<number>`cast(d.product_version as integer)`;
const POSTGRES_MAJOR = sql<number>`coalesce(cast(substring(d.product_version from '^[[:space:]]*([+-]?[0-9]+)') as bigint), 0)`;
const agentTypeOf = (major: RawBuilder<number>) =>
  sql<AgentType>`(case when lower(d.service) <> ${CODE42_APP_SERVICE} then 'CODE42AAT' when ${major} <= ${LAST_COMBINED_MAJOR} then 'COMBINED' else 'CODE42' end)`;
const AGENT_TYPE = { sqlite: agentTypeOf(SQLITE_MAJOR), postgres: agentTypeOf(POSTGRES_MAJOR) };
const MISSING_FULL_DISK_ACCESS = sql<number>`(d.os_name = 'mac' and d.full_disk_access = 'false')`;
const notConnecting = (asOf: number) => sql<number>`(d.last_connected is null or d.last_connected < ${new Date(asOf - NOT_CONNECTING_AFTER_MS).toISOString()})`;
const NOTHING = { sqlite: sql<boolean>`0`, postgres: sql<boolean>`false` };

/** Sort keys other than agentType (an expression per engine, the store's own). */
const SORT_EXPRESSIONS: Record<Exclude<AgentSortKey, "agentType">, RawBuilder<unknown>> = {
  name: sql`d.name`,
  userUid: sql`u.user_uid`,
  osHostname: sql`d.os_hostname`,
  lastConnected: sql`d.last_connected`,
  osName: sql`d.os_name`,
};

export class AgentStore {
  private readonly agentType: RawBuilder<AgentType>;
  private readonly nothing: RawBuilder<boolean>;

  constructor(private readonly db: Kysely<Database>) {
    this.agentType = AGENT_TYPE[dialectOf(db)];
    this.nothing = NOTHING[dialectOf(db)];
  }

  /** The scope's devices with agent_type and one 0/1 column per health issue, as of `asOf` (ms). */
  private agents(scope: Scope, asOf: number) {
    const issues: Record<AgentHealthIssue, ReturnType<typeof notConnecting>> = { NOT_CONNECTING: notConnecting(asOf), MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS: MISSING_FULL_DISK_ACCESS };
    const query = new DeviceStore(this.db)
      .scoped(scope)
      .select([this.agentType.as("agent_type"), issues.NOT_CONNECTING.as("not_connecting"), MISSING_FULL_DISK_ACCESS.as("missing_full_disk_access")]);
    return { query, issues };
  }

  private filtered(scope: Scope, f: AgentFilter, asOf: number) {
    let { query: q, issues } = this.agents(scope, asOf);
    const anyIssue = sql<boolean>`(${issues.NOT_CONNECTING} or ${issues.MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS})`;
    if (f.userUid !== undefined) q = q.where("u.user_uid", "=", f.userUid);
    if (f.type !== undefined) q = q.where(sql<boolean>`${this.agentType} = ${f.type}`);
    if (f.active !== undefined) q = q.where("d.active", "=", f.active ? 1 : 0);
    if (f.healthy !== undefined) q = q.where(f.healthy ? sql<boolean>`not ${anyIssue}` : anyIssue);
    if (f.anyOfIssues !== undefined) {
      const known = f.anyOfIssues.filter((i): i is AgentHealthIssue => Object.hasOwn(issues, i)).map((i) => issues[i]);
      q = q.where(known.length ? sql<boolean>`(${sql.join(known, sql` or `)})` : this.nothing);
    }
    if (f.healthModifiedSince !== undefined)
      q = q.where(sql<boolean>`${issues.NOT_CONNECTING} and d.last_connected >= ${new Date(Date.parse(f.healthModifiedSince) - NOT_CONNECTING_AFTER_MS).toISOString()}`);
    if (f.connectedSince !== undefined) q = q.where("d.last_connected", ">=", f.connectedSince);
    if (f.notConnectedSince !== undefined) q = q.where((eb) => eb.or([eb("d.last_connected", "is", null), eb("d.last_connected", "<", f.notConnectedSince!)]));
    if (f.serialNumber !== undefined) q = q.where(this.nothing);
    if (f.osNames !== undefined) q = q.where("d.os_name", "in", f.osNames.length ? f.osNames : [""]);
    return q;
  }

  page(scope: Scope, f: AgentFilter, sort: AgentSort, pgNum: number, pgSize: number, asOf: number) {
    return this.filtered(scope, f, asOf)
      .orderBy(sort.key === "agentType" ? this.agentType : SORT_EXPRESSIONS[sort.key], orderLikeSqlite(this.db, sort.desc))
      .orderBy("d.computer_id")
      .limit(pgSize)
      .offset((pgNum - 1) * pgSize)
      .execute();
  }

  async count(scope: Scope, f: AgentFilter, asOf: number): Promise<number> {
    const row = await this.filtered(scope, f, asOf)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  find(scope: Scope, guid: string, asOf: number) {
    return this.agents(scope, asOf).query.where("d.guid", "=", guid).executeTakeFirst();
  }
}

export type AgentRow = NonNullable<Awaited<ReturnType<AgentStore["find"]>>>;
