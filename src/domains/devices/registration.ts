// Device lifecycle rules shared by every way in: the org's device limit on registration, cold storage on deactivation.
import type { Kysely } from "kysely";
import type { Database, NewDevice } from "../../db/schema.js";
import { OrgSettingsStore } from "../orgs/settings-store.js";
import { DomainError } from "../errors.js";
import { DeviceStore, type BackupRow, type OrgDeviceLimit } from "./store.js";

const deviceLimitReached = (limit: number) =>
  new DomainError("DEVICE_LIMIT_REACHED", `The user already has ${limit} active devices, the organization's limit`);

/** What registering needs of a store: DeviceStore, or fixture loading's prepared statements. */
export interface DeviceWrites {
  orgDeviceLimit(orgId: number): Promise<OrgDeviceLimit | undefined>;
  activeDeviceCount(userId: number): Promise<number>;
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

export async function enforceDeviceLimit(devices: Pick<DeviceWrites, "orgDeviceLimit" | "activeDeviceCount">, userId: number, orgId: number): Promise<void> {
  const limit = await deviceLimit(devices, orgId);
  if (limit !== null && (await devices.activeDeviceCount(userId)) >= limit) throw deviceLimitReached(limit);
}

export async function registerDevice(devices: DeviceWrites, orgId: number, device: NewDevice, backups: Omit<BackupRow, "computer_id">[]): Promise<number> {
  if (device.active !== 0) await enforceDeviceLimit(devices, device.user_id, orgId);
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
  const ids = await devices.activeDeviceIds(user.user_id);
  for (const id of ids) await devices.update(id, { active: 0 }, new Date(nowMs).toISOString());
  await devices.coldStore(ids, await holdExpiry(db, user, nowMs));
}
