// Queries for agents: the devices a scope reaches, with the type and health issues worked out in SQL, so that
// filters, sorting and counts over them need no second pass.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { dialectOf, inJsonList, isPostgres, orderLikeSqlite } from "../../db/dialect.js";
import { jsonObject } from "../../db/json-projection.js";
import { perObject, perShape, preparedQuery } from "../../db/prepared.js";
import { jsonTextOf, type Projection } from "../../projection.js";
import { atOrAfter } from "../../db/page-boundaries.js";
import type { Database, Flag } from "../../db/schema.js";
import type { Scope } from "../access/scope.js";
import { AGENT_HEALTH_ISSUES, LAST_COMBINED_MAJOR, NOT_CONNECTING_AFTER_MS, type AgentHealthIssue, type AgentType } from "./agents.js";
import { CODE42_APP_SERVICE } from "./hostname.js";
import { scopeArgs, scopedDevices, scopeKindOf, startsFromKey, type DeviceKey, type ScopeArgs } from "./store.js";

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
/** Whether an agent last connected before this instant (an ISO text), or never. */
const notConnecting = (before: unknown) => sql<number>`(d.last_connected is null or d.last_connected < ${before})`;
const notConnectingBefore = (asOf: number) => new Date(asOf - NOT_CONNECTING_AFTER_MS).toISOString();
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

const FILTERS = ["userUid", "type", "active", "healthy", "anyOfIssues", "healthModifiedSince", "connectedSince", "notConnectedSince", "serialNumber", "osNames"] as const satisfies readonly (keyof AgentFilter)[];

/**
 * Which conditions a query has (a prepared query cannot change its own): the scope's kind, the filters set, whether
 * healthy ones are asked for, and which of the issues asked about the emulator raises.
 */
const filterShape = (scope: Scope, f: AgentFilter) =>
  [
    scope.kind,
    ...FILTERS.filter((k) => f[k] !== undefined),
    ...(f.healthy === false ? ["unhealthy"] : []),
    ...AGENT_HEALTH_ISSUES.filter((i) => f.anyOfIssues?.includes(i)).map((i) => `issue:${i}`),
  ].join(" ");

/** Every value the conditions can take, in a fixed order; a query binds those its shape reads. Lists go as JSON. */
type FilterArgs = [...ScopeArgs, notConnectingBefore: string, userUid: string, type: string, active: Flag, healthModifiedFrom: string, connectedSince: string, notConnectedSince: string, osNames: string];
const filterArgs = (scope: Scope, f: AgentFilter, asOf: number): FilterArgs => [
  ...scopeArgs(scope),
  notConnectingBefore(asOf),
  f.userUid ?? "",
  f.type ?? "",
  f.active ? 1 : 0,
  // An agent became NOT_CONNECTING that long after it last connected.
  f.healthModifiedSince === undefined ? "" : notConnectingBefore(Date.parse(f.healthModifiedSince)),
  f.connectedSince ?? "",
  f.notConnectedSince ?? "",
  JSON.stringify(f.osNames ?? []),
];

/** The agent type and the health issues' 0/1 columns as SQL, with the instant NOT_CONNECTING is counted from. */
const computedColumns = (db: Kysely<Database>, before: unknown) => ({
  agent_type: AGENT_TYPE[dialectOf(db)],
  not_connecting: notConnecting(before),
  missing_full_disk_access: MISSING_FULL_DISK_ACCESS,
});

/** The scope's devices with agent_type and one 0/1 column per health issue. */
function agents(db: Kysely<Database>, kind: Scope["kind"], scope: ScopeArgs, before: unknown) {
  const c = computedColumns(db, before);
  return scopedDevices(db, kind, scope).select([c.agent_type.as("agent_type"), c.not_connecting.as("not_connecting"), c.missing_full_disk_access.as("missing_full_disk_access")]);
}

function filteredAgents(db: Kysely<Database>, has: Set<string>, [tenantUid, scopeOrgIds, selfUserId, before, userUid, type, active, healthModifiedFrom, connectedSince, notConnectedSince, osNames]: FilterArgs) {
  const c = computedColumns(db, before);
  const issues: Record<AgentHealthIssue, RawBuilder<number>> = { NOT_CONNECTING: c.not_connecting, MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS: c.missing_full_disk_access };
  const anyIssue = sql<boolean>`(${issues.NOT_CONNECTING} or ${issues.MISSING_MACOS_PERMISSION_FULL_DISK_ACCESS})`;
  let q = agents(db, scopeKindOf(has), [tenantUid, scopeOrgIds, selfUserId], before);
  if (has.has("userUid")) q = q.where("u.user_uid", "=", userUid);
  if (has.has("type")) q = q.where(sql<boolean>`${c.agent_type} = ${type}`);
  if (has.has("active")) q = q.where("d.active", "=", active);
  if (has.has("healthy")) q = q.where(has.has("unhealthy") ? anyIssue : sql<boolean>`not ${anyIssue}`);
  if (has.has("anyOfIssues")) {
    const known = AGENT_HEALTH_ISSUES.filter((i) => has.has(`issue:${i}`)).map((i) => issues[i]);
    q = q.where(known.length ? sql<boolean>`(${sql.join(known, sql` or `)})` : NOTHING[dialectOf(db)]);
  }
  if (has.has("healthModifiedSince")) q = q.where(sql<boolean>`${issues.NOT_CONNECTING} and d.last_connected >= ${healthModifiedFrom}`);
  if (has.has("connectedSince")) q = q.where("d.last_connected", ">=", connectedSince);
  if (has.has("notConnectedSince")) q = q.where((eb) => eb.or([eb("d.last_connected", "is", null), eb("d.last_connected", "<", notConnectedSince)]));
  if (has.has("serialNumber")) q = q.where(NOTHING[dialectOf(db)]);
  if (has.has("osNames")) q = q.where(inJsonList(db, sql`d.os_name`, osNames, "text"));
  return q;
}

/** Pages of agents as a projection writes each (SQLite writes the JSON), one prepared query per shape and projection. */
const pageJsonQueries = perObject((projection: Projection<AgentRow>) =>
  perShape((shape) => {
    const [conditions, key, direction, from] = shape.split("|") as [string, AgentSortKey, string, string];
    const has = new Set(conditions.split(" "));
    return preparedQuery(
      (db, tenantUid: string, scopeOrgIds: string, selfUserId: number, before: string, userUid: string, type: string, active: Flag, healthModifiedFrom: string, connectedSince: string, notConnectedSince: string, osNames: string, fromValue: string, fromId: number, limit: number, skip: number) => {
        const computed: Partial<Record<keyof AgentRow, RawBuilder<unknown>>> = computedColumns(db, before);
        const columnOf = (field: keyof AgentRow) => computed[field] ?? sql.ref(OWNER_FIELDS[field] ?? `d.${field}`);
        return ordered(db, filteredAgents(db, has, [tenantUid, scopeOrgIds, selfUserId, before, userUid, type, active, healthModifiedFrom, connectedSince, notConnectedSince, osNames]), { key, desc: direction === "desc" }, from ? [fromValue, fromId] : null, skip, limit)
          .clearSelect()
          .select(["d.computer_id", "d.name", "u.user_uid", "d.os_hostname", "d.os_name", jsonObject(projection, columnOf).as("json")]);
      },
    );
  }),
);

const countQuery = perShape((shape) => {
  const has = new Set(shape.split(" "));
  return preparedQuery((db, tenantUid: string, scopeOrgIds: string, selfUserId: number, before: string, userUid: string, type: string, active: Flag, healthModifiedFrom: string, connectedSince: string, notConnectedSince: string, osNames: string) =>
    filteredAgents(db, has, [tenantUid, scopeOrgIds, selfUserId, before, userUid, type, active, healthModifiedFrom, connectedSince, notConnectedSince, osNames])
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n")),
  );
});

/** `limit` agents of `q` in order from the agent known by `from` (the list's start when null; `agentKeyed` orders only), after `skip`. */
function ordered(db: Kysely<Database>, q: ReturnType<typeof filteredAgents>, sort: AgentSort, from: DeviceKey | null, skip: number, limit: number) {
  const order = sort.key === "agentType" ? AGENT_TYPE[dialectOf(db)] : SORT_EXPRESSIONS[sort.key];
  if (from) q = q.where(atOrAfter([order, sql.ref("d.computer_id")], from));
  return q.orderBy(order, orderLikeSqlite(db, sort.desc)).orderBy("d.computer_id").limit(limit).offset(skip);
}

export class AgentStore {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * `limit` agents in order from the agent known by `from` (the list's start when null; `agentKeyed` orders only),
   * after `skip`, each as `projection` writes it (`json`), with their keys in this order. SQLite writes the JSON in
   * the page's query; PostgreSQL answers the rows and they are projected here, to the same bytes.
   */
  async pageJson(projection: Projection<AgentRow>, scope: Scope, f: AgentFilter, sort: AgentSort, from: DeviceKey | null, skip: number, limit: number, asOf: number): Promise<AgentJson[]> {
    const shape = filterShape(scope, f);
    const args = filterArgs(scope, f, asOf);
    if (isPostgres(this.db)) {
      const rows = await ordered(this.db, filteredAgents(this.db, new Set(shape.split(" ")), args), sort, from, skip, limit).execute();
      return rows.map((row) => ({ ...row, json: jsonTextOf(projection, row) }));
    }
    const query = pageJsonQueries(projection)(`${shape}|${sort.key}|${sort.desc ? "desc" : "asc"}|${from ? "from" : ""}`);
    return (await query(this.db, ...args, from?.[0] ?? "", from?.[1] ?? 0, limit, skip)) as AgentJson[];
  }

  async count(scope: Scope, f: AgentFilter, asOf: number): Promise<number> {
    return Number((await countQuery(filterShape(scope, f))(this.db, ...filterArgs(scope, f, asOf)))[0]!.n);
  }

  find(scope: Scope, guid: string, asOf: number) {
    return agents(this.db, scope.kind, scopeArgs(scope), notConnectingBefore(asOf)).where("d.guid", "=", guid).executeTakeFirst();
  }
}

export type AgentRow = NonNullable<Awaited<ReturnType<AgentStore["find"]>>>;
/** An agent written as JSON, with what its key in any keyed order reads. */
export type AgentJson = Pick<AgentRow, "computer_id" | (typeof KEY_FIELDS)[keyof typeof KEY_FIELDS]> & { json: string };
