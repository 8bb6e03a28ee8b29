// The legacy wire's org settings, keyed by operationId: py42's get_settings / update_settings (GET and PUT
// /api/v1/OrgSetting/{orgId}, PUT /api/v1/Org/{orgId}), and how an org change body is read, field by field: each one
// is applied or refused, none dropped (the v3 updateOrg reads its body the same way).
import type { Request } from "express";
import type { Clock } from "../../clock.js";
import { DomainError } from "../../domains/errors.js";
import type { OrgRef } from "../../domains/orgs/service.js";
import type { OrgChange, OrgSettingsService, OrgSettingsView } from "../../domains/orgs/settings-service.js";
import { DESTINATIONS, settingValue, type Group, type SettingName, type SettingsChange } from "../../domains/orgs/settings.js";
import type { OrgWithParent } from "../../domains/orgs/store.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope } from "../../http/envelopes.js";
import { notFound } from "../../http/errors.js";
import type { HandlerTable } from "../../http/handlers.js";
import { isTrue } from "../../http/query.js";
import { presentInheritDto, presentOrgSettings, presentPackets } from "./presenters/org-settings.js";
import { presentOrg } from "./presenters/orgs.js";

/** Legacy `/api/v1/Org/{x}` and `/api/v1/OrgSetting/{x}`: a numeric orgId unless idType=orgUid says it is an orgUid. */
export function v1Ref(req: Request): OrgRef {
  const id = String(req.params.orgId);
  if (req.query.idType === "orgUid") return { orgUid: id };
  if (!/^\d+$/.test(id)) throw notFound("SYSTEM", "Organization not found");
  return { orgId: Number(id) };
}

const invalid = (message: string) => new DomainError("ORG_SETTING_INVALID", message);

/** The org as a single-org GET answers it: with its settings when asked (incSettings, incInheritedOrgInfo). */
export async function orgAsAsked(req: Request, settings: OrgSettingsService, org: OrgWithParent) {
  const withSettings = isTrue(req.query.incSettings);
  const withInherit = isTrue(req.query.incInheritedOrgInfo);
  if (!withSettings && !withInherit) return presentOrg(org);
  return presentWith(await settings.view(callerOf(req), { orgId: org.org_id }), withSettings, withInherit);
}

function presentWith(view: OrgSettingsView, withSettings: boolean, withInherit: boolean) {
  return { ...presentOrg(view.org), ...(withSettings ? presentOrgSettings(view) : {}), ...(withInherit ? { orgInheritDto: presentInheritDto(view) } : {}) };
}

const FLAGS: Record<string, Group> = { isUsingQuotaDefaults: "quota", isUsingReportingDefaults: "reporting", isUsingDestinationDefaults: "destinations" };
const VALUES: readonly SettingName[] = ["maxSeats", "maxBytes", "defaultUserMaxBytes", "archiveHoldDays", "warnInDays", "alertInDays", "recipients", "webRestoreUserLimitMb", "webRestoreAdminLimitMb"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An org's `settings` as a change: values, inheritance flags, destinations (each offered, auto-starting or not). */
function settingsChange(body: unknown): SettingsChange {
  if (!isObject(body)) throw invalid("settings must be an object");
  const change: SettingsChange = { values: {}, inherit: {} };
  for (const [key, v] of Object.entries(body)) {
    if (key in FLAGS) {
      if (typeof v !== "boolean") throw invalid(`settings.${key} must be true or false`);
      change.inherit[FLAGS[key]!] = v;
    } else if ((VALUES as readonly string[]).includes(key)) {
      (change.values as Record<string, unknown>)[key] = settingValue(key as SettingName, v);
    } else if (key === "destinations") {
      change.values.destinations = settingValue("destinations", v) as string[];
      const marked = Array.isArray(v) ? v.filter((d) => isObject(d) && "autoStart" in d) : [];
      if (marked.some((d) => typeof (d as { autoStart: unknown }).autoStart !== "boolean")) throw invalid("settings.destinations[].autoStart must be true or false");
      if (marked.length) change.values.autoStartDestinations = settingValue("autoStartDestinations", marked.filter((d) => (d as { autoStart: boolean }).autoStart)) as string[];
    } else if (key === "allDestinations") {
      // The tenant's catalogue, as the org was read: sent back unchanged it says nothing; changed, it cannot be.
      const guids = Array.isArray(v) ? v.map((d) => (isObject(d) ? d.guid : d)) : null;
      if (!same(guids, DESTINATIONS.map((d) => d.guid))) throw invalid("settings.allDestinations is the tenant's list of destinations and cannot be changed");
    } else throw invalid(`settings.${key} is not a setting an organization can change`);
  }
  return change;
}

/** Fields that say which org this is, or its state, which their own operations change: accepted only unchanged. */
const FIXED = ["orgId", "orgUid", "orgGuid", "status", "active", "blocked", "parentOrgId", "parentOrgUid", "parentOrgGuid", "type", "classification", "externalId", "registrationKey"];
/** What the server works out (dates, counts, the inherited views): py42's update_settings sends the org back whole. */
const DERIVED = [
  "creationDate", "modificationDate", "deactivationDate", "hierarchyCounts", "configInheritanceCounts", "settingsInherited", "settingsSummary", "reporting", "customConfig", "orgInheritDto",
  "computerCount", "shareDeviceCount", "backupDeviceCount", "backupComputerCount", "userCount", "licensedUserCount", "orgCount", "planCount",
];

/**
 * An org change body. `echoed`: the whole org as it was read may come back (py42's update_settings), so what the
 * server works out is taken as the description it is; otherwise (the v3 updateOrg) only what can change may be sent.
 */
export function orgChangeOf(body: unknown, org: OrgWithParent, echoed: boolean): OrgChange {
  if (!isObject(body)) throw invalid("The body must be an organization object");
  const current = presentOrg(org) as Record<string, unknown>;
  const change: OrgChange = { fields: {} };
  for (const [key, v] of Object.entries(body)) {
    if (key === "orgName" || key === "orgExtRef" || key === "notes") {
      if (v !== null && typeof v !== "string") throw invalid(`${key} must be a string`);
      if (key === "orgName" && v === "") throw invalid("orgName must not be empty");
      change.fields![key] = v;
    } else if (key === "settings") change.settings = settingsChange(v);
    else if (FIXED.includes(key)) {
      if (!same(v, current[key])) throw invalid(`${key} cannot be changed by updating the organization`);
    } else if (echoed && DERIVED.includes(key)) continue;
    else if (key === "deviceDefaults") throw invalid("deviceDefaults: device backup defaults are not emulated yet");
    else throw invalid(`${key} is not a field of an organization that can be changed`);
  }
  return change;
}

interface PacketBody {
  key: unknown;
  value?: unknown;
  locked?: unknown;
}

function packetsOf(body: unknown): NonNullable<OrgChange["packets"]> {
  const packets = isObject(body) ? body.packets : undefined;
  if (!Array.isArray(packets)) throw invalid("The body must be {\"packets\": [...]}");
  return packets.map((p: PacketBody) => {
    if (!isObject(p)) throw invalid("Each packet must be an object");
    const extra = Object.keys(p).filter((k) => !["key", "value", "locked"].includes(k));
    if (extra.length) throw invalid(`A packet has key, value and locked, not ${extra.join(", ")}`);
    if (typeof p.key !== "string" || !p.key) throw invalid("Each packet needs a key");
    if (!("value" in p)) throw invalid(`Packet ${p.key} needs a value (null: inherit it again)`);
    if (p.locked !== undefined && typeof p.locked !== "boolean") throw invalid(`Packet ${p.key}: locked must be true or false`);
    return { key: p.key, value: p.value, locked: p.locked === true };
  });
}

export function orgSettingHandlers(settings: OrgSettingsService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);
  return {
    getOrgSettingV1: async (req, res) => {
      res.json(v1(req, presentPackets(await settings.view(callerOf(req), v1Ref(req)))));
    },
    putOrgSettingV1: async (req, res) => {
      res.json(v1(req, presentPackets(await settings.change(callerOf(req), v1Ref(req), { packets: packetsOf(req.body) }))));
    },
    updateOrgV1: async (req, res) => {
      res.json(v1(req, presentWith(await settings.change(callerOf(req), v1Ref(req), (org) => orgChangeOf(req.body, org, true)), true, false)));
    },
  };
}
