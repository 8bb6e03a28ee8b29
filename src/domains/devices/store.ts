// Queries for devices and their backup usage, always scoped to one tenant (and an org admin's subtree).
import { sql, type Kysely } from "kysely";
import type { Database, DevicesTable, Flag, NewDevice } from "../../db/schema.js";
import { inJsonList, inList, isPostgres, orderLikeSqlite } from "../../db/dialect.js";
import { atOrAfter } from "../../db/page-boundaries.js";
import { jsonObject } from "../../db/json-projection.js";
import { compiledOnce, perObject, perShape, preparedQuery, preparedSmallRows, runCompiled } from "../../db/prepared.js";
import { jsonTextsOf, type Projection } from "../../projection.js";
import type { Scope } from "../access/scope.js";
import type { AlertLevel } from "./alert-level.js";

// What registering a device reads, shared with fixture loading, which prepares the same SQL on its connection.
export const ORG_DEVICE_LIMIT = compiledOnce((db, orgId: number) => db.selectFrom("orgs").select(["device_limit_per_user", "parent_org_id"]).where("org_id", "=", orgId));
/**
 * A user's active devices: what the org's device limit counts. By the tenant too, so that devices_by_user finds them;
 * by the user's id alone, SQLite read every device of every tenant.
 */
const activeDevicesOf = (db: Kysely<Database>, tenantUid: string, userId: number) =>
  db.selectFrom("devices").where("tenant_uid", "=", tenantUid).where("user_id", "=", userId).where("active", "=", 1);
export const ACTIVE_DEVICE_COUNT = compiledOnce((db, tenantUid: string, userId: number) => activeDevicesOf(db, tenantUid, userId).select((eb) => eb.fn.countAll<number>().as("n")));
export const ACTIVE_DEVICE_IDS = compiledOnce((db, tenantUid: string, userId: number) => activeDevicesOf(db, tenantUid, userId).select("computer_id"));

/** The os names devices register with (a fixture's and the registration API's osName). */
export const DEVICE_OS_NAMES = ["win", "mac", "linux"] as const;

export interface OrgDeviceLimit {
  device_limit_per_user: number | null;
  parent_org_id: number | null;
}

export interface DeviceFilter {
  active?: boolean;
  blocked?: boolean;
  orgIds?: number[];
  userUid?: string;
  /** Partial guid, hostname or name. */
  q?: string;
}

/** An order for a page of devices; without one, pages follow computerId (the legacy wire's order). */
export interface DeviceSort {
  key: "name" | "osHostname" | "osName" | "lastConnected";
  desc: boolean;
}

const SORT_FIELDS = { name: "name", osHostname: "os_hostname", osName: "os_name", lastConnected: "last_connected" } as const satisfies Record<DeviceSort["key"], keyof DevicesTable>;
const sortColumn = (key: DeviceSort["key"]) => sql.ref(`d.${SORT_FIELDS[key]}`);

/** Where a page starts: the sort column's value (null without a sort) and the computer id, which breaks ties. */
export type DeviceKey = readonly [sortValue: string | null, computerId: number];

/**
 * Whether a page can start from a known device: in ascending order of a column that is never null (a row-value
 * range of the order's index; a null would compare as unknown). Other orders skip from the list's start.
 */
export const startsFromKey = (sort: { key: string; desc: boolean } | undefined, notNull: ReadonlySet<string>): boolean => !sort || (!sort.desc && notNull.has(sort.key));

const NOT_NULL_SORTS: ReadonlySet<string> = new Set(["name", "osHostname", "osName"]);

/** Whether pages of devices in this order start from a device's key (`DeviceStore.page`'s `from`). */
export const deviceKeyed = (sort: DeviceSort | undefined) => startsFromKey(sort, NOT_NULL_SORTS);

/** A device's key in this order. */
export const deviceKeyOf = (row: DeviceKeyRow, sort: DeviceSort | undefined): DeviceKey => [sort ? (row[SORT_FIELDS[sort.key]] ?? null) : null, row.computer_id];

/** A device with its alert level now: what a wire's projection of a device reads (the gateway's). */
export type LeveledDevice = DeviceRow & { alert_level: AlertLevel };

/** The SQL of each field a projection may read: the owner's and the level's, as the page's query names them, and the device's. */
const OWNER_FIELDS: Partial<Record<keyof LeveledDevice, string>> = { user_uid: "u.user_uid", org_id: "u.org_id", org_uid: "o.org_uid", org_guid: "o.org_guid" };
const columnOf = (field: keyof LeveledDevice) => (field === "alert_level" ? sql`p.value ->> 1` : sql.ref(OWNER_FIELDS[field] ?? `d.${field}`));

/** Devices by id with their levels, `[[computerId, level], …]` as JSON, each written as a projection of it, in that order. */
const jsonQueries = perObject((projection: Projection<LeveledDevice>) =>
  preparedQuery((db, levels: string) =>
    db
      .selectFrom(sql<{ key: number; value: unknown }>`json_each(${levels})`.as("p"))
      .innerJoin("devices as d", (join) => join.on(sql<boolean>`d.computer_id = p.value ->> 0`))
      .innerJoin("users as u", "u.user_id", "d.user_id")
      .innerJoin("orgs as o", "o.org_id", "u.org_id")
      .select(jsonObject(projection, columnOf).as("json"))
      .orderBy(sql`p.key`),
  ),
);

/** A device with its owner's columns. */
const withOwner = (db: Kysely<Database>) =>
  db
    .selectFrom("devices as d")
    .innerJoin("users as u", "u.user_id", "d.user_id")
    .innerJoin("orgs as o", "o.org_id", "u.org_id")
    .selectAll("d")
    .select(["u.user_uid", "u.org_id", "o.org_uid", "o.org_guid"]);

/** A scope's values in a fixed order, whatever its kind: what a prepared query of any scope binds. */
export type ScopeArgs = [tenantUid: string, orgIds: string, selfUserId: number];
export const scopeArgs = (scope: Scope): ScopeArgs => [scope.tenantUid, JSON.stringify(scope.kind === "orgs" ? scope.orgIds : []), scope.kind === "self" ? (scope.userId ?? -1) : -1];

/** The scope's kind a query's shape names (its conditions' words, which start with the kind). */
export const scopeKindOf = (has: ReadonlySet<string>): Scope["kind"] => (has.has("orgs") ? "orgs" : has.has("self") ? "self" : "tenant");

/** The devices a scope of this kind reaches, with their owners' columns (a prepared query's: values only from `args`). */
export function scopedDevices(db: Kysely<Database>, kind: Scope["kind"], [tenantUid, orgIds, selfUserId]: ScopeArgs) {
  let q = withOwner(db).where("d.tenant_uid", "=", tenantUid);
  if (kind === "orgs") q = q.where(inJsonList(db, sql`u.org_id`, orgIds, "bigint"));
  if (kind === "self") q = q.where("u.user_id", "=", selfUserId);
  return q;
}

const FILTERS = ["active", "blocked", "orgIds", "userUid", "q"] as const satisfies readonly (keyof DeviceFilter)[];

/** Which conditions a list query has (a prepared query cannot change its own): the scope's kind and the filters set. */
const filterShape = (scope: Scope, f: DeviceFilter) => [scope.kind, ...FILTERS.filter((k) => f[k] !== undefined)].join(" ");

/** Every value a list's conditions can take, in a fixed order; a query binds those its shape reads. Lists go as JSON. */
type FilterArgs = [...ScopeArgs, active: Flag, blocked: Flag, orgIds: string, userUid: string, like: string];
const filterArgs = (scope: Scope, f: DeviceFilter): FilterArgs => [
  ...scopeArgs(scope),
  f.active ? 1 : 0,
  f.blocked ? 1 : 0,
  JSON.stringify(f.orgIds ?? []),
  f.userUid ?? "",
  f.q === undefined ? "" : `%${f.q}%`,
];

function filteredDevices(db: Kysely<Database>, has: Set<string>, [tenantUid, scopeOrgIds, selfUserId, active, blocked, orgIds, userUid, like]: FilterArgs) {
  let q = scopedDevices(db, scopeKindOf(has), [tenantUid, scopeOrgIds, selfUserId]);
  if (has.has("active")) q = q.where("d.active", "=", active);
  if (has.has("blocked")) q = q.where("d.blocked", "=", blocked);
  if (has.has("orgIds")) q = q.where(inJsonList(db, sql`u.org_id`, orgIds, "bigint"));
  if (has.has("userUid")) q = q.where("u.user_uid", "=", userUid);
  if (has.has("q")) {
    // SQLite's LIKE ignores ASCII case and escapes nothing here; PostgreSQL's minds case and escapes with a backslash.
    q = isPostgres(db)
      ? q.where(sql<boolean>`(d.guid ilike ${like} escape '' or d.os_hostname ilike ${like} escape '' or d.name ilike ${like} escape '')`)
      : q.where((eb) => eb.or([eb("d.guid", "like", like), eb("d.os_hostname", "like", like), eb("d.name", "like", like)]));
  }
  return q;
}

/** A page's shape: its conditions', the order ("name desc"; none for computerId's) and whether it starts from a key. */
const pageShape = (scope: Scope, f: DeviceFilter, sort: DeviceSort | undefined, from: DeviceKey | null) =>
  `${filterShape(scope, f)}|${sort ? `${sort.key} ${sort.desc ? "desc" : "asc"}` : ""}|${from ? "from" : ""}`;

/** A page of devices in order; one query per shape, which `prepare` makes of the page's query. */
function pageQueries<P>(prepare: (page: (db: Kysely<Database>, ...args: PageArgs) => ReturnType<typeof filteredDevices>, sort: DeviceSort | undefined) => P) {
  return perShape((shape) => {
    const [conditions, order, from] = shape.split("|") as [string, string, string];
    const has = new Set(conditions.split(" "));
    const [key, direction] = order.split(" ") as [DeviceSort["key"] | "", string];
    const sort = key ? { key, desc: direction === "desc" } : undefined;
    return prepare((db, tenantUid, scopeOrgIds, selfUserId, active, blocked, orgIds, userUid, like, fromValue, fromId, limit, skip) => {
      let q = filteredDevices(db, has, [tenantUid, scopeOrgIds, selfUserId, active, blocked, orgIds, userUid, like]);
      if (from) q = q.where(sort ? atOrAfter([sortColumn(sort.key), sql.ref("d.computer_id")], [fromValue, fromId]) : atOrAfter([sql.ref("d.computer_id")], [fromId]));
      if (sort) q = q.orderBy(sortColumn(sort.key), orderLikeSqlite(db, sort.desc));
      return q.orderBy("d.computer_id").limit(limit).offset(skip);
    }, sort);
  });
}

type PageArgs = [tenantUid: string, scopeOrgIds: string, selfUserId: number, active: Flag, blocked: Flag, orgIds: string, userUid: string, like: string, fromValue: string | null, fromId: number, limit: number, skip: number];
// A page query takes its arguments as a rest parameter: how many, said once and checked against PageArgs.
const PAGE_ARITY: PageArgs["length"] = 12;

const pageQuery = pageQueries((page) => preparedQuery(page, PAGE_ARITY));
// A page's keys are small rows: read as one JSON text on SQLite.
const pageKeysQuery = pageQueries((page, sort) => {
  const sorted = sort ? [SORT_FIELDS[sort.key]] : [];
  return preparedSmallRows((db, ...args: PageArgs) => page(db, ...args).clearSelect().select(["d.computer_id", "u.org_id", ...sorted.map((f) => `d.${f}` as const)]), ["computer_id", "org_id", ...sorted], PAGE_ARITY);
});
const countQuery = perShape((shape) => {
  const has = new Set(shape.split(" "));
  return preparedQuery((db, tenantUid: string, scopeOrgIds: string, selfUserId: number, active: Flag, blocked: Flag, orgIds: string, userUid: string, like: string) =>
    filteredDevices(db, has, [tenantUid, scopeOrgIds, selfUserId, active, blocked, orgIds, userUid, like])
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n")),
  );
});

// Read on every batch of the users' export (the console's page of Users figures): the ids go as one JSON array.
const devicesOfUsersQuery = preparedSmallRows(
  (db, tenantUid: string, userIds: string) => db.selectFrom("devices").select(["computer_id", "user_id"]).where("tenant_uid", "=", tenantUid).where(inJsonList(db, sql`user_id`, userIds, "bigint")),
  ["computer_id", "user_id"],
);
const backupsQuery = preparedQuery((db, computerIds: string) => db.selectFrom("device_backups").selectAll().where(inJsonList(db, sql`computer_id`, computerIds, "bigint")).orderBy("destination_guid"));

type DevicePatch = Partial<Pick<DevicesTable, "name" | "notes" | "computer_ext_ref" | "active" | "blocked" | "deauthorized">>;

export class DeviceStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** The devices a scope reaches, with their owners' columns (the agent queries build on it). */
  scoped(scope: Scope) {
    return scopedDevices(this.db, scope.kind, scopeArgs(scope));
  }

  find(scope: Scope, ref: { computerId: number } | { guid: string }) {
    const q = this.scoped(scope);
    return ("computerId" in ref ? q.where("d.computer_id", "=", ref.computerId) : q.where("d.guid", "=", ref.guid)).executeTakeFirst();
  }

  /** The devices of these guids the scope reaches: the guids go as one JSON array, however many there are. */
  byGuids(scope: Scope, guids: string[]) {
    return this.scoped(scope)
      .where(inList(this.db, sql`d.guid`, guids))
      .execute();
  }

  /** `limit` devices in order from the device known by `from` (the list's start when null; `deviceKeyed` orders only), after `skip`. */
  page(scope: Scope, f: DeviceFilter, sort: DeviceSort | undefined, from: DeviceKey | null, skip: number, limit: number) {
    return pageQuery(pageShape(scope, f, sort, from))(this.db, ...filterArgs(scope, f), from?.[0] ?? null, from?.[1] ?? 0, limit, skip);
  }

  /** `page`'s devices by their keys in this order alone, and their orgs (what their alert levels need). */
  pageKeys(scope: Scope, f: DeviceFilter, sort: DeviceSort | undefined, from: DeviceKey | null, skip: number, limit: number): Promise<DeviceKeyRow[]> {
    return pageKeysQuery(pageShape(scope, f, sort, from))(this.db, ...filterArgs(scope, f), from?.[0] ?? null, from?.[1] ?? 0, limit, skip);
  }

  /**
   * The devices of `levels` (`[computerId, level]`, in order) as `projection` writes each. SQLite writes the JSON in
   * the query that reads them; PostgreSQL answers the rows and they are projected here, to the same bytes.
   */
  async json(projection: Projection<LeveledDevice>, levels: [computerId: number, level: AlertLevel][]): Promise<string[]> {
    if (!isPostgres(this.db)) return (await jsonQueries(projection)(this.db, JSON.stringify(levels))).map((r) => r.json);
    const rows = new Map((await withOwner(this.db).where(inList(this.db, sql`d.computer_id`, levels.map(([id]) => id))).execute()).map((r) => [r.computer_id, r]));
    return jsonTextsOf(
      projection,
      levels.flatMap(([id, level]) => {
        const row = rows.get(id);
        return row ? [{ ...row, alert_level: level }] : [];
      }),
    );
  }

  async count(scope: Scope, f: DeviceFilter): Promise<number> {
    return Number((await countQuery(filterShape(scope, f))(this.db, ...filterArgs(scope, f)))[0]!.n);
  }

  async insert(device: NewDevice): Promise<number> {
    return (await this.db.insertInto("devices").values(device).returning("computer_id").executeTakeFirstOrThrow()).computer_id;
  }

  async update(computerId: number, patch: DevicePatch, at: string): Promise<void> {
    await this.db.updateTable("devices").set({ ...patch, modification_date: at }).where("computer_id", "=", computerId).execute();
  }

  /**
   * Devices of many users, for per-user totals. The ids go as one JSON array: one statement however many there are
   * (no limit on bound values), and the tenant lets devices_by_user find each user's devices.
   */
  devicesOfUsers(tenantUid: string, userIds: number[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return devicesOfUsersQuery(this.db, tenantUid, JSON.stringify(userIds));
  }

  backups(computerIds: number[]) {
    if (computerIds.length === 0) return Promise.resolve([]);
    return backupsQuery(this.db, JSON.stringify(computerIds));
  }

  insertBackup(row: Database["device_backups"]) {
    return this.db.insertInto("device_backups").values(row).execute();
  }

  /** Active devices of a user: what the org's device limit counts. */
  async activeDeviceCount(tenantUid: string, userId: number): Promise<number> {
    return Number((await runCompiled(this.db, ACTIVE_DEVICE_COUNT, tenantUid, userId))[0]!.n);
  }

  async activeDeviceIds(tenantUid: string, userId: number): Promise<number[]> {
    return (await runCompiled(this.db, ACTIVE_DEVICE_IDS, tenantUid, userId)).map((r) => r.computer_id);
  }

  /** A replacement device takes over the archives of the one it replaces, with what they hold. */
  async moveBackups(fromComputerId: number, toComputerId: number): Promise<void> {
    await this.db.updateTable("device_backups").set({ computer_id: toComputerId }).where("computer_id", "=", fromComputerId).execute();
    await this.db.updateTable("archive_files").set({ computer_id: toComputerId }).where("computer_id", "=", fromComputerId).execute();
  }

  /** Deactivated devices keep their archives in cold storage until the hold expires. */
  async coldStore(computerIds: number[], expires: string | null): Promise<void> {
    if (computerIds.length === 0) return;
    await this.db
      .updateTable("device_backups")
      .set({ cold_storage: expires === null ? 0 : 1, archive_hold_expire_date: expires })
      .where("computer_id", "in", computerIds)
      .execute();
  }

  archivesOf(scope: Scope, deviceGuid: string) {
    return this.scoped(scope)
      .innerJoin("device_backups as b", "b.computer_id", "d.computer_id")
      .clearSelect()
      .selectAll("b")
      .select(["d.guid as device_guid", "u.user_uid"])
      .where("d.guid", "=", deviceGuid)
      .orderBy("b.archive_guid")
      .execute();
  }

  archive(scope: Scope, archiveGuid: string) {
    return this.scoped(scope)
      .innerJoin("device_backups as b", "b.computer_id", "d.computer_id")
      .clearSelect()
      .selectAll("b")
      .where("b.archive_guid", "=", archiveGuid)
      .executeTakeFirst();
  }

  /** By the archive's key, not its GUID: a tenant copy's archives keep the GUIDs of the tenant they came from. */
  setArchiveHold(archive: { computer_id: number; destination_guid: string }, expires: string) {
    return this.db
      .updateTable("device_backups")
      .set({ archive_hold_expire_date: expires })
      .where("computer_id", "=", archive.computer_id)
      .where("destination_guid", "=", archive.destination_guid)
      .execute();
  }

  /** An org's own device limit and its parent (the limit that applies is found up the tree: registration.ts). */
  async orgDeviceLimit(orgId: number): Promise<OrgDeviceLimit | undefined> {
    return (await runCompiled(this.db, ORG_DEVICE_LIMIT, orgId))[0];
  }
}

export type DeviceRow = NonNullable<Awaited<ReturnType<DeviceStore["find"]>>>;
/** A device known by its key in an order (its sort column, where there is one), and its org. */
export type DeviceKeyRow = Pick<DeviceRow, "computer_id" | "org_id"> & Partial<Pick<DeviceRow, (typeof SORT_FIELDS)[DeviceSort["key"]]>>;
export type BackupRow = Database["device_backups"];
/** A backup with the device and user it belongs to. */
export type ArchiveRow = Awaited<ReturnType<DeviceStore["archivesOf"]>>[number];
