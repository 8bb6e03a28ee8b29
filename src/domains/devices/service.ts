// The rules for devices: who sees which, what block, deactivate and deauthorize do, the org's device limit.
import type { Kysely } from "kysely";
import type { ChangeCounter } from "../../db/open.js";
import { PageBoundaries } from "../../db/page-boundaries.js";
import { UntilChange } from "../../db/until-change.js";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { requireAdmin, scopeOf, subtree, type Scope } from "../access/scope.js";
import { activeLegalHold, inActiveLegalHold } from "../legalhold/holds.js";
import { OrgStore } from "../orgs/store.js";
import { AgentStore, agentKeyed, agentKeyOf, type AgentFilter, type AgentRow, type AgentSort } from "./agent-store.js";
import { daysAgo, daysBeforeMidnight } from "./agents.js";
import { effectiveSettings } from "../orgs/effective-settings.js";
import { alertLevel, backupAlertLevel, type AlertIntervals, type AlertLevel } from "./alert-level.js";
import { enforceDeviceLimit, holdExpiry } from "./registration.js";
import { DeviceStore, deviceKeyed, deviceKeyOf, type ArchiveRow, type BackupRow, type DeviceFilter, type DeviceKey, type DeviceKeyRow, type DeviceRow, type DeviceSort, type LeveledDevice } from "./store.js";
import type { Projection } from "../../projection.js";

export type DeviceRef = { computerId: number } | { guid: string };

export interface ListRequest extends Omit<DeviceFilter, "orgIds"> {
  orgUid?: string;
  pgNum: number;
  pgSize: number;
  /** Without one, computerId order. */
  sort?: DeviceSort;
}

/** What GET /v1/agents filters on, in days where the gateway counts days. */
export interface AgentListRequest extends Omit<AgentFilter, "healthModifiedSince" | "connectedSince" | "notConnectedSince"> {
  healthModifiedInLastDays?: number;
  connectedInLastDays?: number;
  notConnectedInLastDays?: number;
  sort: AgentSort;
  pgNum: number;
  pgSize: number;
}

/** A page whose agents were written as JSON. */
export interface AgentPageJson {
  totalCount: number;
  json: string[];
}

/** A device with its backups (one per destination) and the alert levels they give it now, under its org's intervals. */
export interface DeviceRecord {
  device: DeviceRow;
  backups: BackupRow[];
  alertLevel: AlertLevel;
  /** Each backup's own level, in the order of `backups`. */
  backupAlertLevels: AlertLevel[];
  /** The intervals of the device's org that gave them. */
  alertIntervals: AlertIntervals;
}

export interface DevicePage {
  totalCount: number;
  devices: DeviceRecord[];
}

/** A page whose devices were written as JSON. */
export interface DevicePageJson {
  totalCount: number;
  json: string[];
}

/** A property an agent reports of its device. */
export interface AgentProperty {
  device: DeviceRow;
  name: string;
  value: boolean;
}

const deviceNotFound = () => new DomainError("DEVICE_NOT_FOUND", "Computer not found");
const ownerUnchangeable = () => new DomainError("DEVICE_OWNER_FIXED", "A device cannot be moved to a different user");

/** What PUT /api/v1/Computer/{id} reads of the device sent back. */
export interface DeviceChanges {
  name?: string | null;
  notes?: string | null;
  computerExtRef?: string | null;
  userId?: number | null;
  userUid?: string | null;
}

export class DeviceService {
  private readonly devices: DeviceStore;

  // A client walks the devices page by page; counting them all is most of a page's work, and true until a write.
  private readonly counts: UntilChange<number>;
  private readonly boundaries: PageBoundaries<DeviceKey>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    changes: ChangeCounter,
  ) {
    this.devices = new DeviceStore(db);
    this.counts = new UntilChange(changes);
    this.boundaries = new PageBoundaries(changes);
  }

  private async find(scope: Scope, ref: DeviceRef): Promise<DeviceRow> {
    const device = await this.devices.find(scope, ref);
    if (!device) throw deviceNotFound();
    return device;
  }

  /** Each device's backups, and the alert levels they give it now under its org's intervals. */
  private async levels(tenantUid: string, rows: DeviceKeyRow[]): Promise<Omit<DeviceRecord, "device">[]> {
    const backups = await this.devices.backups(rows.map((r) => r.computer_id));
    const now = this.clock.now();
    const settings = rows.length ? await effectiveSettings(this.db, tenantUid, rows.map((r) => r.org_id)) : new Map();
    return rows.map((device) => {
      const own = backups.filter((b) => b.computer_id === device.computer_id);
      const iv = settings.get(device.org_id)!;
      return { backups: own, alertLevel: alertLevel(own, now, iv), backupAlertLevels: own.map((b) => backupAlertLevel(b, now, iv)), alertIntervals: { warnInDays: iv.warnInDays, alertInDays: iv.alertInDays } };
    });
  }

  private async records(rows: DeviceRow[]): Promise<DeviceRecord[]> {
    if (rows.length === 0) return [];
    return (await this.levels(rows[0]!.tenant_uid, rows)).map((levels, i) => ({ device: rows[i]!, ...levels }));
  }

  /** The devices a list request holds: its scope, and the filter that decides its count and where its pages start. */
  private async listed(caller: Principal, req: ListRequest): Promise<{ scope: Scope; filter: DeviceFilter }> {
    const scope = await scopeOf(this.db, caller);
    const { orgUid, pgNum: _n, pgSize: _s, sort: _o, ...rest } = req;
    const filter: DeviceFilter = rest;
    if (orgUid !== undefined) {
      const org = await new OrgStore(this.db).byUid(scope.tenantUid, orgUid);
      // The body py42 maps to Py42OrgNotFoundError for devices.
      if (!org) throw new DomainError("ORG_REFERENCE_INVALID", `Unable to find org: ${orgUid}`);
      filter.orgIds = await subtree(this.db, scope.tenantUid, org.org_id);
    }
    return { scope, filter };
  }

  /** A page of the list, its devices read by `read` (the store's page or pageKeys), and the list's count. */
  private page<Row extends DeviceKeyRow>(scope: Scope, filter: DeviceFilter, { pgNum, pgSize, sort }: ListRequest, read: (from: DeviceKey | null, skip: number, limit: number) => Promise<Row[]>) {
    return Promise.all([
      this.boundaries.page(deviceKeyed(sort) ? JSON.stringify(["devices", scope, filter, sort]) : null, (pgNum - 1) * pgSize, pgSize, read, (row) => deviceKeyOf(row, sort)),
      this.counts.through(JSON.stringify(["devices", scope, filter]), () => this.devices.count(scope, filter)),
    ]);
  }

  async list(caller: Principal, req: ListRequest): Promise<DevicePage> {
    const { scope, filter } = await this.listed(caller, req);
    const [rows, totalCount] = await this.page(scope, filter, req, (from, skip, limit) => this.devices.page(scope, filter, req.sort, from, skip, limit));
    return { totalCount, devices: await this.records(rows) };
  }

  /** `list`, each device (with its alert level) written as `projection` shapes it. */
  async listJson(caller: Principal, req: ListRequest, projection: Projection<LeveledDevice>): Promise<DevicePageJson> {
    const { scope, filter } = await this.listed(caller, req);
    const [keys, totalCount] = await this.page(scope, filter, req, (from, skip, limit) => this.devices.pageKeys(scope, filter, req.sort, from, skip, limit));
    const levels = await this.levels(scope.tenantUid, keys);
    return { totalCount, json: await this.devices.json(projection, keys.map((k, i) => [k.computer_id, levels[i]!.alertLevel])) };
  }

  async get(caller: Principal, ref: DeviceRef): Promise<DeviceRecord> {
    const device = await this.find(await scopeOf(this.db, caller), ref);
    return (await this.records([device]))[0]!;
  }

  /** An admin acting on a device in reach. */
  private async administered(caller: Principal, ref: DeviceRef) {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    return this.find(scope, ref);
  }

  /**
   * py42's update_settings PUTs the whole device back; what the emulator keeps of it is the name, notes and ext ref.
   * The owner it sends back must be the device's own (seed "Add users from the Code42 console": a computer added to a
   * user "cannot be moved to a different user account"), or nothing is saved.
   */
  async update(caller: Principal, ref: DeviceRef, body: DeviceChanges): Promise<DeviceRecord> {
    const device = await this.administered(caller, ref);
    if ((body.userId != null && body.userId !== device.user_id) || (body.userUid != null && body.userUid !== device.user_uid)) throw ownerUnchangeable();
    await this.devices.update(
      device.computer_id,
      {
        ...(body.name ? { name: body.name } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.computerExtRef !== undefined ? { computer_ext_ref: body.computerExtRef } : {}),
      },
      this.clock.isoNow(),
    );
    return this.get(caller, ref);
  }

  async setBlocked(caller: Principal, ref: DeviceRef, blocked: boolean): Promise<void> {
    const device = await this.administered(caller, ref);
    await this.devices.update(device.computer_id, { blocked: blocked ? 1 : 0 }, this.clock.isoNow());
  }

  async deauthorize(caller: Principal, ref: DeviceRef): Promise<void> {
    const device = await this.administered(caller, ref);
    await this.devices.update(device.computer_id, { deauthorized: 1 }, this.clock.isoNow());
  }

  /** Deactivation puts the device's archives in cold storage; refused while its user is in an active legal hold. */
  async setActive(caller: Principal, ref: DeviceRef, active: boolean): Promise<void> {
    const device = await this.administered(caller, ref);
    if (Boolean(device.active) === active) return;
    await this.switchActive([device], active);
  }

  /**
   * Several devices by guid, all or none: answers the guids outside the caller's reach (and then changes nothing),
   * else switches each, under the same rules as one (legal holds, the org's device limit).
   */
  async setActiveByGuids(caller: Principal, guids: string[], active: boolean): Promise<string[]> {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const wanted = [...new Set(guids)];
    const found = await this.devices.byGuids(scope, wanted);
    const known = new Set(found.map((d) => d.guid));
    const missing = wanted.filter((g) => !known.has(g));
    if (missing.length === 0) await this.switchActive(found.filter((d) => Boolean(d.active) !== active), active);
    return missing;
  }

  private async switchActive(devices: DeviceRow[], active: boolean): Promise<void> {
    if (!active)
      for (const device of devices)
        if (await inActiveLegalHold(this.db, device.tenant_uid, device.user_uid)) throw activeLegalHold(`the device with ID ${device.computer_id}`);
    await this.db.transaction().execute(async (trx) => {
      const store = new DeviceStore(trx);
      for (const device of devices) {
        if (active) await enforceDeviceLimit(store, device, device.org_id);
        await store.update(device.computer_id, { active: active ? 1 : 0, deauthorized: 0 }, this.clock.isoNow());
        await store.coldStore([device.computer_id], active ? null : await holdExpiry(trx, device, this.clock.now()));
      }
    });
  }

  /** A page of agents, each written as `projection` shapes it. */
  async agentsJson(caller: Principal, req: AgentListRequest, projection: Projection<AgentRow>): Promise<AgentPageJson> {
    const scope = await scopeOf(this.db, caller);
    const now = this.clock.now();
    const { healthModifiedInLastDays: modified, connectedInLastDays: connected, notConnectedInLastDays: notConnected, sort, pgNum, pgSize, ...rest } = req;
    const filter: AgentFilter = {
      ...rest,
      ...(modified !== undefined ? { healthModifiedSince: daysAgo(now, modified) } : {}),
      ...(connected !== undefined ? { connectedSince: daysBeforeMidnight(now, connected) } : {}),
      ...(notConnected !== undefined ? { notConnectedSince: daysBeforeMidnight(now, notConnected) } : {}),
    };
    const agents = new AgentStore(this.db);
    // Health issues are worked out as of now: a count, or where a page starts, holds for this instant only when the filter asks about them.
    const asOf = filter.healthy !== undefined || filter.anyOfIssues !== undefined ? now : null;
    const [rows, totalCount] = await Promise.all([
      this.boundaries.page(
        agentKeyed(sort) ? JSON.stringify(["agents", scope, filter, sort, asOf]) : null,
        (pgNum - 1) * pgSize,
        pgSize,
        (from, skip, limit) => agents.pageJson(projection, scope, filter, sort, from, skip, limit, now),
        (row) => agentKeyOf(row, sort),
      ),
      this.counts.through(JSON.stringify(["agents", scope, filter, asOf]), () => agents.count(scope, filter, now)),
    ]);
    return { totalCount, json: rows.map((r) => r.json) };
  }

  async agent(caller: Principal, guid: string): Promise<AgentRow> {
    const row = await new AgentStore(this.db).find(await scopeOf(this.db, caller), guid, this.clock.now());
    if (!row) throw deviceNotFound();
    return row;
  }

  /** Agent properties: fullDiskAccess is reported by macOS agents only; anything else is a 404 (code42cli relies on it). */
  async agentState(caller: Principal, guid: string, property: string): Promise<AgentProperty> {
    const device = await this.find(await scopeOf(this.db, caller), { guid });
    if (property !== "fullDiskAccess" || device.os_name !== "mac" || device.full_disk_access === null)
      throw new DomainError("DEVICE_STATE_UNKNOWN", `No ${property} state reported by device ${guid}`);
    return { device, name: property, value: device.full_disk_access === "true" };
  }

  async upgrade(caller: Principal, guid: string): Promise<void> {
    await this.administered(caller, { guid });
  }

  async archives(caller: Principal, deviceGuid: string, pgNum: number, pgSize: number): Promise<ArchiveRow[]> {
    const rows = await this.devices.archivesOf(await scopeOf(this.db, caller), deviceGuid);
    return rows.slice((pgNum - 1) * pgSize, pgNum * pgSize);
  }

  async setArchiveHold(caller: Principal, archiveGuid: string, date: string): Promise<void> {
    const scope = await scopeOf(this.db, caller);
    requireAdmin(scope);
    const archive = await this.devices.archive(scope, archiveGuid);
    if (!archive) throw new DomainError("ARCHIVE_NOT_FOUND", "Archive not found");
    if (!archive.cold_storage) throw new DomainError("ARCHIVE_NOT_COLD", "The archive is not in cold storage");
    await this.devices.setArchiveHold(archive, date);
  }
}
