// Device lifecycle rules shared by every way in: registration (fixtures, and the Code42 app signing in on a device)
// under the org's device limit, replacing a device, cold storage on deactivation.
import type { Kysely } from "kysely";
import { AuthStore } from "../../auth/store.js";
import type { Clock } from "../../clock.js";
import type { Database, NewDevice } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { record, type AuditActor } from "../auditlog/recorder.js";
import { OrgSettingsStore } from "../orgs/settings-store.js";
import { OrgStore } from "../orgs/store.js";
import { UserStore } from "../users/store.js";
import { DomainError } from "../errors.js";
import { DeviceStore, type BackupRow, type DeviceRow, type OrgDeviceLimit } from "./store.js";

const deviceLimitReached = (limit: number) =>
  new DomainError("DEVICE_LIMIT_REACHED", `The user already has ${limit} active devices, the organization's limit`);

/** What registering needs of a store: DeviceStore, or fixture loading's prepared statements. */
export interface DeviceWrites {
  orgDeviceLimit(orgId: number): Promise<OrgDeviceLimit | undefined>;
  activeDeviceCount(tenantUid: string, userId: number): Promise<number>;
  insert(device: NewDevice): Promise<number>;
  insertBackup(row: BackupRow): Promise<unknown>;
}

/** Seed 003: an org may cap the active devices per user; the nearest org up the tree with a cap (-1: none) decides. */
async function deviceLimit(devices: Pick<DeviceWrites, "orgDeviceLimit">, orgId: number): Promise<number | null> {
  for (let id: number | null = orgId; id !== null; ) {
    const org = await devices.orgDeviceLimit(id);
    if (!org) return null;
    if (org.device_limit_per_user !== null) return org.device_limit_per_user < 0 ? null : org.device_limit_per_user;
    id = org.parent_org_id;
  }
  return null;
}

/** `device`: the device about to be active, of its user in its tenant. */
export async function enforceDeviceLimit(
  devices: Pick<DeviceWrites, "orgDeviceLimit" | "activeDeviceCount">,
  device: { tenant_uid: string; user_id: number },
  orgId: number,
): Promise<void> {
  const limit = await deviceLimit(devices, orgId);
  if (limit !== null && (await devices.activeDeviceCount(device.tenant_uid, device.user_id)) >= limit) throw deviceLimitReached(limit);
}

export async function registerDevice(devices: DeviceWrites, orgId: number, device: NewDevice, backups: Omit<BackupRow, "computer_id">[]): Promise<number> {
  if (device.active !== 0) await enforceDeviceLimit(devices, device, orgId);
  const computerId = await devices.insert(device);
  for (const b of backups) await devices.insertBackup({ ...b, computer_id: computerId });
  return computerId;
}

/** The day a device's archives leave cold storage: its org's archiveHoldDays (inherited or its own) after now. */
export async function holdExpiry(db: Kysely<Database>, owner: { tenant_uid: string; org_id: number }, nowMs: number): Promise<string> {
  const days = (await new OrgSettingsStore(db).effective(owner.tenant_uid, owner.org_id)).archiveHoldDays;
  return new Date(nowMs + days * 86_400_000).toISOString().slice(0, 10);
}

/** A deactivated user's devices are deactivated and their archives placed in cold storage. */
export async function deactivateDevicesOf(db: Kysely<Database>, user: { user_id: number; tenant_uid: string; org_id: number }, nowMs: number): Promise<void> {
  const devices = new DeviceStore(db);
  const ids = await devices.activeDeviceIds(user.tenant_uid, user.user_id);
  for (const id of ids) await devices.update(id, { active: 0 }, new Date(nowMs).toISOString());
  await devices.coldStore(ids, await holdExpiry(db, user, nowMs));
}

/** What the Code42 app reports of its device when it registers. */
export interface AgentReport {
  name: string;
  osHostname?: string;
  osName: string;
  osVersion?: string | null;
  productVersion?: string;
}

/**
 * What an agent reports that neither a registration nor a fixture names: the same for both, so that a registered
 * device exported (GET /_emulator/state) loads back as it was.
 */
export const AGENT_DEFAULTS = {
  os_arch: "amd64",
  address: "192.0.2.10:4242",
  remote_address: "198.51.100.7",
  java_version: "11.0.4",
  build_version: 26,
  time_zone: "UTC",
  model_info: null,
  computer_ext_ref: null,
  notes: null,
} as const;
export const DEFAULT_PRODUCT_VERSION = "8.8.1";
/** The service a device registers under unless a fixture names another: the Code42 app's. */
export const DEFAULT_SERVICE = "CrashPlan";
/** The hostname of a device that reports none: its name, as a host name. */
export const hostnameFor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** The user a device registers for. */
export interface DeviceOwner {
  tenant_uid: string;
  user_id: number;
  user_uid: string;
  username: string;
  org_id: number;
}

export interface Registration {
  device: DeviceRow;
  backups: BackupRow[];
  replacedGuid: string | null;
}

/**
 * The user a deployment tool (seed 003: MECM, Jamf) registers a device for, by the key of its deployment policy and the
 * username its user detection found on the device: enrolled already, active, in the key's org or below.
 */
export async function deploymentOwner(db: Kysely<Database>, registrationKey: string, username: string): Promise<DeviceOwner> {
  const orgs = new OrgStore(db);
  const keyed = await orgs.byRegistrationKey(registrationKey);
  if (keyed.length === 0) throw new DomainError("REGISTRATION_KEY_INVALID", "Invalid registration key");
  const users = new UserStore(db);
  for (const org of keyed) {
    const uid = await users.uidOf(org.tenant_uid, username);
    const user = uid === undefined ? undefined : await users.byUid(org.tenant_uid, uid);
    if (!user?.active || user.blocked || !(await new AuthStore(db).orgChainOpen(user.org_id))) continue;
    if ((await orgs.subtreeIds(org.tenant_uid, org.org_id)).includes(user.org_id))
      return { tenant_uid: user.tenant_uid, user_id: user.user_id, user_uid: user.user_uid, username: user.username, org_id: user.org_id };
  }
  throw new DomainError("USER_NOT_FOUND", `No active user ${username} in the organization of this registration key`);
}

/**
 * The Code42 app signing in on a device: a new device of the owner, in the owner's org and under its device limit.
 * A replacement (the console's "replace device") takes over the archives of the owner's device it replaces, which is
 * deactivated first, so it never counts against the limit. All or nothing, audited.
 */
export async function signInDevice(
  db: Kysely<Database>,
  clock: Clock,
  ids: IdGenerator,
  owner: DeviceOwner,
  agent: AgentReport,
  how: { replaceGuid?: string; actor: AuditActor; method: "PASSWORD" | "REGISTRATION_KEY" },
): Promise<Registration> {
  const now = clock.isoNow();
  return db.transaction().execute(async (trx) => {
    const devices = new DeviceStore(trx);
    const own = { kind: "self", tenantUid: owner.tenant_uid, userId: owner.user_id } as const;
    const replaced = how.replaceGuid === undefined ? undefined : await devices.find(own, { guid: how.replaceGuid });
    if (how.replaceGuid !== undefined && !replaced) throw new DomainError("DEVICE_NOT_FOUND", `The user has no device ${how.replaceGuid}`);
    if (replaced?.active) await devices.update(replaced.computer_id, { active: 0 }, now);
    // A new device has no archive until its first backup (control plane: backup activity), so it is not in alert.
    const computerId = await registerDevice(devices, owner.org_id, newDevice(owner, ids.uid(), agent, now), []);
    if (replaced) {
      await devices.moveBackups(replaced.computer_id, computerId);
      await devices.coldStore([computerId], null);
    }
    const device = (await devices.find(own, { computerId }))!;
    await record(trx, {
      tenantUid: owner.tenant_uid,
      actor: how.actor,
      type: "audit_log::device_registered/1",
      at: now,
      resourceId: device.guid,
      details: { deviceGuid: device.guid, deviceName: device.name, userUid: owner.user_uid, username: owner.username, orgUid: device.org_uid, method: how.method, replacedDeviceGuid: replaced?.guid ?? null },
    });
    return { device, backups: await devices.backups([computerId]), replacedGuid: replaced?.guid ?? null };
  });
}

function newDevice(owner: DeviceOwner, guid: string, agent: AgentReport, now: string): NewDevice {
  return {
    ...AGENT_DEFAULTS,
    tenant_uid: owner.tenant_uid,
    guid,
    user_id: owner.user_id,
    name: agent.name,
    os_hostname: agent.osHostname ?? hostnameFor(agent.name),
    os_name: agent.osName,
    os_version: agent.osVersion ?? null,
    product_version: agent.productVersion ?? DEFAULT_PRODUCT_VERSION,
    service: DEFAULT_SERVICE,
    active: 1,
    blocked: 0,
    deauthorized: 0,
    full_disk_access: null,
    creation_date: now,
    modification_date: now,
    last_connected: now,
    login_date: now,
  };
}
