// What a rule may hold, checked once for every way a rule is made (fixtures, the control plane, a state export loaded
// back). Criteria are completed to whole objects, every key present and none null: the incydr SDK's models refuse a
// null where they expect a boolean or a number, so a wire presents each part whole or not at all.
import { DomainError } from "../errors.js";
import {
  DEFAULT_V1_KNOBS,
  RULE_SEVERITIES,
  RULE_SOURCES,
  RULE_TYPES,
  UPLOAD_CATEGORIES,
  type CloudSharingMechanisms,
  type FileVolumeFilter,
  type RiskIndicatorFilter,
  type RuleCriteria,
  type RuleEducation,
  type RuleFilters,
  type RuleNotifications,
  type RuleSeverity,
  type RuleSource,
  type RuleType,
  type RuleV1Knobs,
  type RuleVectors,
  type UserFilterMode,
} from "./records.js";

/** A username-filter entry as given: an alias (its user found by username), or an alias and the user it is for. */
export type RuleUserInput = string | { alias: string; user?: string | null; userUid?: string };

/** A rule as a fixture, the control plane or a state export gives it (the fixture format's `alertRules` item). */
export interface RuleInput {
  name: string;
  id?: string;
  type?: string;
  severity?: string;
  enabled?: boolean;
  description?: string | null;
  source?: string;
  users?: { mode: string; criteriaOrder?: number; usernames?: RuleUserInput[] } | null;
  watchlists?: string[];
  watchlistsOrder?: number;
  vectors?: Record<string, unknown> | null;
  filters?: Record<string, unknown> | null;
  notifications?: Record<string, unknown> | null;
  education?: Record<string, unknown> | null;
  alertOnBlockedBrowserActivity?: boolean;
  timeWindow?: number;
  syncedToCloudService?: Partial<RuleV1Knobs["syncedToCloudService"]>;
  googleDrivePublicOnTheWeb?: boolean;
  createdAt?: string;
  createdBy?: string;
  modifiedAt?: string;
  modifiedBy?: string;
}

export const MAX_RULE_NAME = 100;

type Obj = Record<string, unknown>;

const invalid = (rule: string, why: string) => new DomainError("RULE_INVALID", `rule ${rule}: ${why}`);

/** Reads a given rule's parts, each completed; `where` names the rule in refusals. */
export class RuleReader {
  constructor(private readonly where: string) {}

  private fail(why: string): never {
    throw invalid(this.where, why);
  }

  private obj(v: unknown, what: string): Obj {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(`${what} must be an object`);
    return v as Obj;
  }

  private bool(o: Obj, k: string, what: string, fallback = false): boolean {
    const v = o[k];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") this.fail(`${what}.${k} must be true or false`);
    return v;
  }

  private int(o: Obj, k: string, what: string, fallback = 0): number {
    const v = o[k];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0) this.fail(`${what}.${k} must be a whole number, 0 or more`);
    return v;
  }

  private strings(o: Obj, k: string, what: string): string[] {
    const v = o[k];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) this.fail(`${what}.${k} must be a list of strings`);
    return v as string[];
  }

  private order = (o: Obj, what: string) => this.int(o, "criteriaOrder", what);

  private oneOf<T extends string>(v: unknown, allowed: readonly T[], what: string, fallback: T): T {
    if (v === undefined || v === null) return fallback;
    const found = allowed.find((a) => typeof v === "string" && a.toLowerCase() === v.toLowerCase());
    if (!found) this.fail(`${what} must be one of ${allowed.join(", ")}`);
    return found;
  }

  type = (v: unknown): RuleType => this.oneOf(v, RULE_TYPES, "type", "FED_COMPOSITE");
  severity = (v: unknown): RuleSeverity => this.oneOf(v, RULE_SEVERITIES, "severity", "HIGH");
  source = (v: unknown): RuleSource => this.oneOf(typeof v === "string" ? v.replace(/\s+/g, "") : v, RULE_SOURCES, "source", "Alerting");
  mode = (v: unknown): UserFilterMode => this.oneOf(v, ["INCLUDE", "EXCLUDE"] as const, "users.mode", "INCLUDE");
  operator = (v: unknown, what: string): "AND" | "OR" => this.oneOf(v, ["AND", "OR"] as const, `${what}.operator`, "AND");

  private mechanisms(v: unknown, what: string): CloudSharingMechanisms | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.obj(v, what);
    return { observeAll: this.bool(o, "observeAll", what), publicLinkShare: this.bool(o, "publicLinkShare", what), directShare: this.bool(o, "directShare", what) };
  }

  vectors(v: unknown): RuleVectors {
    if (v === undefined || v === null) return {};
    const o = this.obj(v, "vectors");
    const known = ["cloudSharing", "download", "email", "fileUpload", "removableMedia"];
    const extra = Object.keys(o).find((k) => !known.includes(k));
    if (extra) this.fail(`vectors.${extra} is not a vector (${known.join(", ")})`);
    const out: RuleVectors = {};
    const part = (k: string) => (o[k] === undefined || o[k] === null ? undefined : this.obj(o[k], `vectors.${k}`));
    const cs = part("cloudSharing");
    if (cs) {
      const w = "vectors.cloudSharing";
      out.cloudSharing = { observeAll: this.bool(cs, "observeAll", w), criteriaOrder: this.order(cs, w) };
      for (const p of ["box", "googleDrive", "oneDrive"] as const) {
        const m = this.mechanisms(cs[p], `${w}.${p}`);
        if (m) out.cloudSharing[p] = m;
      }
    }
    const dl = part("download");
    if (dl) {
      const w = "vectors.download";
      out.download = { observeAll: this.bool(dl, "observeAll", w), salesforce: this.bool(dl, "salesforce", w), box: this.bool(dl, "box", w), googleDrive: this.bool(dl, "googleDrive", w), microsoftOneDrive: this.bool(dl, "microsoftOneDrive", w), criteriaOrder: this.order(dl, w) };
    }
    const em = part("email");
    if (em) out.email = { observeAll: this.bool(em, "observeAll", "vectors.email"), gmail: this.bool(em, "gmail", "vectors.email"), microsoft365: this.bool(em, "microsoft365", "vectors.email"), criteriaOrder: this.order(em, "vectors.email") };
    const up = part("fileUpload");
    if (up) {
      const w = "vectors.fileUpload";
      const upload: NonNullable<RuleVectors["fileUpload"]> = { criteriaOrder: this.order(up, w) };
      for (const c of UPLOAD_CATEGORIES) {
        if (up[c] === undefined || up[c] === null) continue;
        const cat = this.obj(up[c], `${w}.${c}`);
        upload[c] = { observeAll: this.bool(cat, "observeAll", `${w}.${c}`), destinations: this.strings(cat, "destinations", `${w}.${c}`) };
      }
      if (up.advancedSettings !== undefined && up.advancedSettings !== null) upload.advancedSettings = { observeUncategorized: this.bool(this.obj(up.advancedSettings, `${w}.advancedSettings`), "observeUncategorized", `${w}.advancedSettings`) };
      out.fileUpload = upload;
    }
    const rm = part("removableMedia");
    if (rm) out.removableMedia = { isEnabled: this.bool(rm, "isEnabled", "vectors.removableMedia", true), criteriaOrder: this.order(rm, "vectors.removableMedia") };
    return out;
  }

  private indicators(v: unknown, what: string): RiskIndicatorFilter | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.obj(v, what);
    return { categories: this.strings(o, "categories", what), indicators: this.strings(o, "indicators", what), criteriaOrder: this.order(o, what) };
  }

  /** The filters, the scope ones (username, watchlist) answered apart. */
  filters(v: unknown): { filters: RuleFilters; fileVolume: FileVolumeFilter | null; username: Obj | undefined; watchlist: Obj | undefined } {
    if (v === undefined || v === null) return { filters: {}, fileVolume: null, username: undefined, watchlist: undefined };
    const o = this.obj(v, "filters");
    const known = ["fileCategory", "fileName", "fileTypeMismatch", "fileVolume", "riskIndicator", "riskIndicatorExcludes", "riskSeverity", "username", "watchlist"];
    const extra = Object.keys(o).find((k) => !known.includes(k));
    if (extra) this.fail(`filters.${extra} is not a filter (${known.join(", ")})`);
    const part = (k: string) => (o[k] === undefined || o[k] === null ? undefined : this.obj(o[k], `filters.${k}`));
    const filters: RuleFilters = {};
    const fc = part("fileCategory");
    if (fc) filters.fileCategory = { categories: this.strings(fc, "categories", "filters.fileCategory"), criteriaOrder: this.order(fc, "filters.fileCategory") };
    const fn = part("fileName");
    if (fn) filters.fileName = { patterns: this.strings(fn, "patterns", "filters.fileName"), criteriaOrder: this.order(fn, "filters.fileName") };
    const tm = part("fileTypeMismatch");
    if (tm) filters.fileTypeMismatch = { isEnabled: this.bool(tm, "isEnabled", "filters.fileTypeMismatch", true), criteriaOrder: this.order(tm, "filters.fileTypeMismatch") };
    const ri = this.indicators(o.riskIndicator, "filters.riskIndicator");
    if (ri) filters.riskIndicator = ri;
    const rx = this.indicators(o.riskIndicatorExcludes, "filters.riskIndicatorExcludes");
    if (rx) filters.riskIndicatorExcludes = rx;
    const rs = part("riskSeverity");
    if (rs) {
      const w = "filters.riskSeverity";
      filters.riskSeverity = { low: this.bool(rs, "low", w), moderate: this.bool(rs, "moderate", w), high: this.bool(rs, "high", w), critical: this.bool(rs, "critical", w), criteriaOrder: this.order(rs, w) };
    }
    const fv = part("fileVolume");
    const fileVolume = fv
      ? { countGreaterThan: this.int(fv, "countGreaterThan", "filters.fileVolume"), operator: this.operator(fv.operator, "filters.fileVolume"), sizeGreaterThanInBytes: this.int(fv, "sizeGreaterThanInBytes", "filters.fileVolume"), criteriaOrder: this.order(fv, "filters.fileVolume") }
      : null;
    return { filters, fileVolume, username: part("username"), watchlist: part("watchlist") };
  }

  notifications(v: unknown): RuleNotifications | null {
    if (v === undefined || v === null) return null;
    const o = this.obj(v, "notifications");
    const contacts = o.contacts === undefined || o.contacts === null ? [] : o.contacts;
    if (!Array.isArray(contacts)) this.fail("notifications.contacts must be a list");
    return {
      isEnabled: this.bool(o, "isEnabled", "notifications", true),
      contacts: contacts.map((c, i) => {
        const co = this.obj(c, `notifications.contacts[${i}]`);
        if (typeof co.address !== "string") this.fail(`notifications.contacts[${i}].address must be a string`);
        return { isEnabled: this.bool(co, "isEnabled", `notifications.contacts[${i}]`, true), type: "EMAIL" as const, address: co.address };
      }),
    };
  }

  education(v: unknown): RuleEducation | null {
    if (v === undefined || v === null) return null;
    const o = this.obj(v, "education");
    const method = this.oneOf(o.messagingMethod, ["Email", "Slack", "Teams", "ThirdPartyIntegration"] as const, "education.messagingMethod", "Email");
    return { ...(typeof o.lessonId === "string" ? { lessonId: o.lessonId } : {}), messagingMethod: method, isAutoDismissAlertEnabled: this.bool(o, "isAutoDismissAlertEnabled", "education") };
  }

  v1(input: RuleInput): RuleV1Knobs {
    const synced = input.syncedToCloudService ?? {};
    const tw = input.timeWindow ?? DEFAULT_V1_KNOBS.timeWindow;
    if (!Number.isSafeInteger(tw) || tw < 1) this.fail("timeWindow must be a whole number of minutes, 1 or more");
    const out = { ...DEFAULT_V1_KNOBS.syncedToCloudService };
    for (const k of Object.keys(out) as (keyof typeof out)[]) out[k] = this.bool(synced as Obj, k, "syncedToCloudService");
    return { timeWindow: tw, syncedToCloudService: out, googleDrivePublicOnTheWeb: input.googleDrivePublicOnTheWeb ?? false };
  }

  /** The username filter as given by `users` or by the v2 `filters.username` (not both). */
  users(input: RuleInput, username: Obj | undefined): { mode: UserFilterMode; usernames: RuleUserInput[]; order: number } | null {
    if (input.users && username) this.fail("give the username filter as users or as filters.username, not both");
    if (username) return { mode: this.mode(username.mode), usernames: this.strings(username, "usernames", "filters.username"), order: this.order(username, "filters.username") };
    if (!input.users) return null;
    const given = input.users.usernames ?? [];
    if (!Array.isArray(given)) this.fail("users.usernames must be a list");
    for (const [i, u] of given.entries()) {
      const ok =
        typeof u === "string"
          ? u.trim() !== ""
          : u !== null && typeof u === "object" && typeof u.alias === "string" && u.alias.trim() !== "" && (u.user === undefined || u.user === null || typeof u.user === "string") && (u.userUid === undefined || (typeof u.userUid === "string" && u.user === undefined));
      if (!ok) this.fail(`users.usernames[${i}] must be a username or alias, or {alias, user} or {alias, userUid}`);
    }
    return { mode: this.mode(input.users.mode), usernames: given, order: this.int(input.users as Obj, "criteriaOrder", "users") };
  }

  /** The watchlists named by `watchlists` or by the v2 `filters.watchlist` (not both). */
  watchlists(input: RuleInput, watchlist: Obj | undefined): { names: string[]; order: number } {
    if (input.watchlists?.length && watchlist) this.fail("give the watchlists as watchlists or as filters.watchlist, not both");
    if (watchlist) {
      const list = watchlist.watchlists ?? [];
      if (!Array.isArray(list) || list.some((w) => w === null || typeof w !== "object" || typeof (w as Obj).id !== "string")) this.fail("filters.watchlist.watchlists must be a list of {id}");
      return { names: (list as { id: string }[]).map((w) => w.id), order: this.order(watchlist, "filters.watchlist") };
    }
    const names = input.watchlists ?? [];
    if (!Array.isArray(names) || names.some((n) => typeof n !== "string" || !n)) this.fail("watchlists must be a list of watchlist types, titles or ids");
    return { names, order: this.int(input as unknown as Obj, "watchlistsOrder", "rule") };
  }

  name(v: unknown): string {
    if (typeof v !== "string" || !v.trim()) this.fail("a rule needs a name");
    if (v.length > MAX_RULE_NAME) this.fail(`a name is at most ${MAX_RULE_NAME} characters`);
    return v;
  }

  instant(v: string | undefined, what: string): string | undefined {
    if (v === undefined) return undefined;
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/.test(v) || Number.isNaN(Date.parse(v))) this.fail(`${what} must be an instant in UTC (…Z)`);
    return v;
  }
}

/** The criteria kept for a rule, read from what was given. */
export function criteriaOf(r: RuleReader, input: RuleInput, filters: RuleFilters, usersOrder: number, watchlistsOrder: number): RuleCriteria {
  return {
    vectors: r.vectors(input.vectors),
    filters,
    notifications: r.notifications(input.notifications),
    education: r.education(input.education),
    alertOnBlockedBrowserActivity: input.alertOnBlockedBrowserActivity ?? false,
    v1: r.v1(input),
    usersOrder,
    watchlistsOrder,
  };
}
