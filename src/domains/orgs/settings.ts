// The rules of org settings (issue #21): what an org may set, the tenant's defaults, inheritance down the org tree,
// and how a change is read (py42's OrgSettings sends the whole `settings` back; other callers send only some of it).
import { DomainError } from "../errors.js";

/** A backup destination the tenant can offer its orgs. */
export interface Destination {
  destinationId: number;
  guid: string;
  destinationName: string;
  type: "CLUSTER";
}

/** The tenant's destinations: the Code42 cloud the default fixture's archives are in, and a second region. */
export const DESTINATIONS: readonly Destination[] = [
  { destinationId: 1, guid: "673679195225718785", destinationName: "Code42 Cloud USA West", type: "CLUSTER" },
  { destinationId: 2, guid: "587738803578339329", destinationName: "Code42 Cloud USA East", type: "CLUSTER" },
];

/** An org's effective settings (-1: unlimited). */
export interface OrgSettingValues {
  maxSeats: number;
  maxBytes: number;
  defaultUserMaxBytes: number;
  archiveHoldDays: number;
  warnInDays: number;
  alertInDays: number;
  recipients: string[];
  webRestoreUserLimitMb: number;
  webRestoreAdminLimitMb: number;
  /** Guids of the destinations offered to the org's devices, in catalogue order. */
  destinations: string[];
  /** Guids of the offered destinations a new device starts backing up to by itself. */
  autoStartDestinations: string[];
}

export type SettingName = keyof OrgSettingValues;

/**
 * Settings inherited together: an org sets all of a group or none of it (py42's quota and reporting "inherited" flags,
 * the console's destination defaults). The web restore limits are each their own.
 */
export const GROUPS = {
  quota: ["maxSeats", "maxBytes", "defaultUserMaxBytes", "archiveHoldDays"],
  reporting: ["warnInDays", "alertInDays", "recipients"],
  destinations: ["destinations", "autoStartDestinations"],
  webRestoreUser: ["webRestoreUserLimitMb"],
  webRestoreAdmin: ["webRestoreAdminLimitMb"],
} as const satisfies Record<string, readonly SettingName[]>;

export type Group = keyof typeof GROUPS;
export const GROUP_NAMES = Object.keys(GROUPS) as Group[];

/**
 * The tenant's defaults, above its root orgs: no seat or storage quota, a deactivated device's archives held in cold
 * storage for a year, backup alerts after 5 and 10 days without a backup (as devices/alert-level.ts reports them), web
 * restores of 250 MB (Code42's documented default), every destination offered and the first started by itself.
 */
export const TENANT_DEFAULTS: Readonly<OrgSettingValues> = {
  maxSeats: -1,
  maxBytes: -1,
  defaultUserMaxBytes: -1,
  archiveHoldDays: 365,
  warnInDays: 5,
  alertInDays: 10,
  recipients: [],
  webRestoreUserLimitMb: 250,
  webRestoreAdminLimitMb: 250,
  destinations: DESTINATIONS.map((d) => d.guid),
  autoStartDestinations: [DESTINATIONS[0]!.guid],
};

/** What one org sets itself: some settings, whole groups at a time. */
export type OwnSettings = Partial<OrgSettingValues>;

export const ownsGroup = (own: OwnSettings, g: Group) => GROUPS[g].some((n) => own[n] !== undefined);

/** An org's effective settings from its ancestors' own settings, the root's first. */
export function effective(chain: OwnSettings[]): OrgSettingValues {
  let values: OrgSettingValues = { ...TENANT_DEFAULTS };
  for (const own of chain) for (const g of GROUP_NAMES) if (ownsGroup(own, g)) values = { ...values, ...pick(own, g, values) };
  return values;
}

function pick(own: OwnSettings, g: Group, fallback: OrgSettingValues): OwnSettings {
  return Object.fromEntries(GROUPS[g].map((n) => [n, own[n] ?? fallback[n]]));
}

const invalid = (message: string) => new DomainError("ORG_SETTING_INVALID", message);

/** A change of settings: values for some settings, and for some groups whether the org inherits them. */
export interface SettingsChange {
  values: OwnSettings;
  inherit: Partial<Record<Group, boolean>>;
}

function integer(name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) throw invalid(`${name} must be an integer of at least ${min}${min < 0 ? " (-1: unlimited)" : ""}`);
  return v;
}

/** A destination named by guid, or as the wire shows one ({guid, ...}). */
function destinationGuid(name: string, v: unknown): string {
  const guid = typeof v === "string" ? v : v && typeof v === "object" && typeof (v as { guid?: unknown }).guid === "string" ? (v as { guid: string }).guid : null;
  if (guid === null) throw invalid(`${name} must list destinations by guid`);
  if (!DESTINATIONS.some((d) => d.guid === guid)) throw invalid(`${name}: no destination ${guid}`);
  return guid;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Reads one setting's value, refusing what the setting cannot hold. */
export function settingValue(name: SettingName, v: unknown): OrgSettingValues[SettingName] {
  switch (name) {
    case "maxSeats":
    case "maxBytes":
    case "defaultUserMaxBytes":
    case "webRestoreUserLimitMb":
    case "webRestoreAdminLimitMb":
      return integer(name, v, -1);
    case "archiveHoldDays":
    case "warnInDays":
    case "alertInDays":
      return integer(name, v, 1);
    case "recipients": {
      // py42 sets a single address as a one-item list; the console keeps each address once.
      const list = Array.isArray(v) ? v : [v];
      if (!list.every((r): r is string => typeof r === "string" && EMAIL.test(r))) throw invalid("recipients must be email addresses");
      return [...new Set(list)];
    }
    case "destinations":
    case "autoStartDestinations": {
      if (!Array.isArray(v)) throw invalid(`${name} must be a list of destinations`);
      const guids = new Set(v.map((d) => destinationGuid(name, d)));
      return DESTINATIONS.filter((d) => guids.has(d.guid)).map((d) => d.guid);
    }
  }
}

/** The settings an org would have after a change, checked as a whole: what only the combination can break. */
export function checkCombined(v: OrgSettingValues): void {
  if (v.warnInDays > v.alertInDays) throw invalid(`warnInDays (${v.warnInDays}) must not exceed alertInDays (${v.alertInDays})`);
  if (v.destinations.length === 0) throw invalid("At least one destination must be offered");
  const notOffered = v.autoStartDestinations.filter((g) => !v.destinations.includes(g));
  if (notOffered.length) throw invalid(`A destination that is not offered cannot start by itself: ${notOffered.join(", ")}`);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What an org sets itself after a change. For each group: told to inherit, the org drops its own values (a value sent
 * with that which is neither the org's present one nor the inherited one is refused, never dropped); told not to, or
 * sent a value that differs from the effective one, the org sets the whole group, the values not sent kept as they are.
 */
export function applyChange(own: OwnSettings, inherited: OrgSettingValues, change: SettingsChange): OwnSettings {
  const current = { ...inherited, ...own };
  const next: OwnSettings = { ...own };
  for (const g of GROUP_NAMES) {
    const names = GROUPS[g] as readonly SettingName[];
    const given = names.filter((n) => change.values[n] !== undefined);
    if (change.inherit[g] === true) {
      // The org's values as they were read (py42 sends them back with the flag) say nothing; a new one contradicts it.
      const differing = given.filter((n) => !same(change.values[n], inherited[n]) && !same(change.values[n], current[n]));
      if (differing.length) throw invalid(`${differing.join(", ")}: the organization is told to inherit these settings, and a value of its own was given`);
      for (const n of names) delete next[n];
    } else if (change.inherit[g] === false || given.some((n) => !same(change.values[n], current[n]))) {
      for (const n of names) (next as Record<string, unknown>)[n] = change.values[n] ?? current[n];
    }
  }
  return next;
}

/** Whether two own-settings differ in a group (what it sets, or whether it sets it at all). */
export const groupChanged = (a: OwnSettings, b: OwnSettings, g: Group) => GROUPS[g].some((n) => !same(a[n], b[n]));

// --- OrgSetting packets (the key/value settings of /api/v1/OrgSetting) ---

/** A packet's value: a string as py42 writes them, or the JSON some settings take (exclusion lists). */
export interface Packet {
  value: unknown;
  locked: boolean;
}

/**
 * Two packets are the orgs columns devices and sign-in already obey, under keys of the emulator's choosing: the most
 * active devices per user (seed 003's "up to 4 devices"; "-1" for no limit) and whether the Code42 app is shown to
 * the org's users (VISIBLE or HIDDEN).
 */
export const DEVICE_LIMIT_KEY = "device_limit_per_user";
export const APP_VISIBILITY_KEY = "device_client_visibility";
export const COLUMN_KEYS: readonly string[] = [DEVICE_LIMIT_KEY, APP_VISIBILITY_KEY];

/** A packet's value read for its key; null: the org goes back to inheriting it. */
export function packetValue(key: string, value: unknown, locked: boolean): unknown {
  if (!key || typeof key !== "string") throw invalid("Each packet needs a key");
  if (value === null) return null;
  if (key === DEVICE_LIMIT_KEY || key === APP_VISIBILITY_KEY) {
    if (locked) throw invalid(`${key} cannot be locked`);
    const s = String(value);
    if (key === DEVICE_LIMIT_KEY && !(/^[1-9][0-9]*$/.test(s) || s === "-1")) throw invalid(`${key} must be a positive number of devices, or -1 for no limit`);
    if (key === APP_VISIBILITY_KEY && s !== "VISIBLE" && s !== "HIDDEN") throw invalid(`${key} must be VISIBLE or HIDDEN`);
    return s;
  }
  if (value === undefined) throw invalid(`Packet ${key} needs a value`);
  return value;
}
