// Queries for agents: the devices a scope reaches, with the type and health issues worked out in SQL, so that
// filters, sorting and counts over them need no second pass.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { dialectOf, isPostgres, orderLikeSqlite } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import { jsonTextOf, type Projection } from "../../projection.js";
import { atOrAfter } from "../../db/page-boundaries.js";
import type { Database } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { LAST_COMBINED_MAJOR, NOT_CONNECTING_AFTER_MS, type AgentHealthIssue, type AgentType } from "./agents.js";
import { CODE42_APP_SERVICE } from "./hostname.js";
import { DeviceStore, startsFromKey, type DeviceKey } from "./store.js";

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

/** The row's field each sort reads, for the orders a page can start from a key in (columns never null). */
const KEY_FIELDS = { name: "name", userUid: "user_uid", osHostname: "os_hostname", osName: "os_name" } as const;
const KEYED_SORTS: ReadonlySet<string> = new Set(Object.keys(KEY_FIELDS));

/** The SQL of the owner's fields a projection may read, as the agent queries name them. */
const OWNER_FIELDS: Partial<Record<keyof AgentRow, string>> = { user_uid: "u.user_uid", org_id: "u.org_id", org_uid: "o.org_uid", org_guid: "o.org_guid" };

/** Whether pages of agents in this order start from an agent's key (`AgentStore.page`'s `from`). */
export const agentKeyed = (sort: AgentSort) => startsFromKey(sort, KEYED_SORTS);

/** An agent's key in a keyed order. */
export const agentKeyOf = (row: Pick<AgentRow, "computer_id" | (typeof KEY_FIELDS)[keyof typeof KEY_FIELDS]>, sort: AgentSort): DeviceKey => [row[KEY_FIELDS[sort.key as keyof typeof KEY_FIELDS]], row.computer_id];

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

  /** `limit` agents in order from the agent known by `from` (the list's start when null; `agentKeyed` orders only), after `skip`. */
  private page(scope: Scope, f: AgentFilter, sort: AgentSort, from: DeviceKey | null, skip: number, limit: number, asOf: number) {
    const order = sort.key === "agentType" ? this.agentType : SORT_EXPRESSIONS[sort.key];
    let q = this.filtered(scope, f, asOf);
    if (from) q = q.where(atOrAfter([order, sql.ref("d.computer_id")], from));
    return q.orderBy(order, orderLikeSqlite(this.db, sort.desc)).orderBy("d.computer_id").limit(limit).offset(skip);
  }

  /**
   * `page`'s agents as `projection` writes each (`json`), with their keys in this order. SQLite writes the JSON in
   * the page's query; PostgreSQL answers the rows and they are projected here, to the same bytes.
   */
  async pageJson(projection: Projection<AgentRow>, scope: Scope, f: AgentFilter, sort: AgentSort, from: DeviceKey | null, skip: number, limit: number, asOf: number): Promise<AgentJson[]> {
    const q = this.page(scope, f, sort, from, skip, limit, asOf);
    if (isPostgres(this.db)) return (await q.execute()).map((row) => ({ ...row, json: jsonTextOf(projection, row) }));
    const computed: Partial<Record<keyof AgentRow, RawBuilder<unknown>>> = { agent_type: this.agentType, not_connecting: notConnecting(asOf), missing_full_disk_access: MISSING_FULL_DISK_ACCESS };
    const columnOf = (field: keyof AgentRow) => computed[field] ?? sql.ref(OWNER_FIELDS[field] ?? `d.${field}`);
    return (await q
      .clearSelect()
      .select(["d.computer_id", "d.name", "u.user_uid", "d.os_hostname", "d.os_name", jsonObject(projection, columnOf).as("json")])
      .execute()) as AgentJson[];
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
/** An agent written as JSON, with what its key in any keyed order reads. */
export type AgentJson = Pick<AgentRow, "computer_id" | (typeof KEY_FIELDS)[keyof typeof KEY_FIELDS]> & { json: string };
