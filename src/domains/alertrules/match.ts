// Whether one complete v2 file event is what a rule watches for, by one actor. Neither Code42 document says how a
// rule's criteria read an event; this is the emulator's reading (docs/WIRE-DECISIONS.md): the event must be in the
// rule's scope, on one of its vectors (any, when it names none), and pass every filter it has. fileVolume (counts and
// sizes over a time window) is the alert engine's, which sees many events: it is not judged here.
import { RISK_INDICATOR_CATEGORIES } from "../fileevents/risk-indicators.js";
import type { AlertRuleRecord, CloudSharingMechanisms, RiskIndicatorFilter, RuleFilters, RuleVectors, UploadCategory } from "./records.js";

export interface RuleActor {
  userUid: string;
  username: string;
  watchlistIds: ReadonlySet<string>;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
/** Names compared as Code42's consoles show them: any case, spaces and underscores ignored ("Source Code" = "SourceCode"). */
const key = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, "");

export function ruleMatches(rule: AlertRuleRecord, event: Obj, actor: RuleActor): boolean {
  return inScope(rule, event, actor) && onVector(rule.criteria.vectors, event) && passesFilters(rule.criteria.filters, event);
}

/** The rule's users: its username filter (by alias, any case) and its watchlists (a member of one); both when both. */
export function inScope(rule: AlertRuleRecord, event: Obj, actor: RuleActor): boolean {
  if (rule.users) {
    const names = new Set([actor.username, str(obj(event.user).email)].flatMap((n) => (n ? [n.toLowerCase()] : [])));
    const listed = rule.users.entries.some((e) => names.has(e.alias.toLowerCase()));
    if (listed !== (rule.users.mode === "INCLUDE")) return false;
  }
  return !rule.watchlistIds.length || rule.watchlistIds.some((id) => actor.watchlistIds.has(id));
}

/** The destination category each fileUpload category watches (as file events name them). */
const UPLOAD_CATEGORY_NAMES: Record<UploadCategory, string> = {
  cloudStorage: "Cloud Storage",
  email: "Email",
  fileConversionTool: "File Conversion Tool",
  messaging: "Messaging",
  pdfManager: "PDF Manager",
  productivityTool: "Productivity Tool",
  socialMedia: "Social Media",
  sourceCodeRepository: "Source Code Repository",
  webHosting: "Web Hosting",
};

function onVector(v: RuleVectors, event: Obj): boolean {
  const watched = [v.cloudSharing, v.download, v.email, v.fileUpload, v.removableMedia].filter((x) => x !== undefined && x !== null);
  if (!watched.length) return true;
  const e = obj(event.event);
  const action = str(e.action) ?? "";
  const source = obj(event.source);
  const destination = obj(event.destination);
  const provider = [str(e.observer), str(source.name), str(destination.name)].flatMap((n) => (n ? [key(n)] : []));
  const from = (...names: string[]) => names.some((n) => provider.includes(key(n)));

  if (v.removableMedia?.isEnabled && action.startsWith("removable-media-")) return true;
  if (v.email && action === "file-emailed" && (v.email.observeAll || (v.email.gmail && from("Gmail")) || (v.email.microsoft365 && from("Office365", "Microsoft Office 365")))) return true;
  if (v.download && action === "file-downloaded") {
    const d = v.download;
    if (d.observeAll || (d.salesforce && from("Salesforce")) || (d.box && from("Box")) || (d.googleDrive && from("GoogleDrive")) || (d.microsoftOneDrive && from("OneDrive"))) return true;
  }
  if (v.cloudSharing && action === "file-shared") {
    const c = v.cloudSharing;
    const shares = strs(e.shareType).map(key);
    const by = (m: CloudSharingMechanisms | undefined) =>
      m !== undefined && m !== null && (m.observeAll || (m.publicLinkShare && shares.some((s) => s.includes("link") || s.includes("public"))) || (m.directShare && shares.some((s) => s.includes("specificpeople") || s.includes("direct"))));
    if (c.observeAll || (from("Box") && by(c.box)) || (from("GoogleDrive") && by(c.googleDrive)) || (from("OneDrive") && by(c.oneDrive))) return true;
  }
  if (v.fileUpload && isUpload(e, action)) {
    const category = str(destination.category);
    const name = str(destination.name);
    const u = v.fileUpload;
    if (category === null || key(category) === "uncategorized") return u.advancedSettings?.observeUncategorized === true;
    for (const [c, label] of Object.entries(UPLOAD_CATEGORY_NAMES) as [UploadCategory, string][]) {
      const watch = u[c];
      if (!watch || key(label) !== key(category)) continue;
      if (watch.observeAll || (name !== null && watch.destinations.some((d) => key(d) === key(name)))) return true;
    }
  }
  return false;
}

/** A file moved out through a browser or app (not a sync client's copy, which v1's syncedToCloudService watched). */
const isUpload = (e: Obj, action: string) => !action.startsWith("sync-app-") && (str(e.vector) === "UPLOADED" || action === "file-uploaded" || action === "application-read");

const SEVERITY_FLAGS: Record<string, "low" | "moderate" | "high" | "critical"> = { LOW: "low", MODERATE: "moderate", HIGH: "high", CRITICAL: "critical" };

function passesFilters(f: RuleFilters, event: Obj): boolean {
  const file = obj(event.file);
  const risk = obj(event.risk);
  const indicators = (Array.isArray(risk.indicators) ? risk.indicators : []).flatMap((i) => str(obj(i).name) ?? []);
  if (f.fileCategory?.categories.length) {
    const c = str(file.category);
    if (c === null || !f.fileCategory.categories.some((x) => key(x) === key(c))) return false;
  }
  if (f.fileName?.patterns.length) {
    const n = str(file.name);
    if (n === null || !f.fileName.patterns.some((p) => globMatches(p, n))) return false;
  }
  if (f.fileTypeMismatch?.isEnabled && !indicators.some((i) => key(i) === "filemismatch")) return false;
  if (f.riskSeverity) {
    const flag = SEVERITY_FLAGS[(str(risk.severity) ?? "").toUpperCase()];
    if (!flag || !f.riskSeverity[flag]) return false;
  }
  if (f.riskIndicator && (f.riskIndicator.categories.length || f.riskIndicator.indicators.length) && !indicators.some((i) => indicatorIn(f.riskIndicator!, i))) return false;
  if (f.riskIndicatorExcludes && indicators.some((i) => indicatorIn(f.riskIndicatorExcludes!, i))) return false;
  return true;
}

/** The category and subcategory names and ids each catalogue indicator sits under. */
const GROUPS_OF = new Map<string, Set<string>>();
for (const c of RISK_INDICATOR_CATEGORIES)
  for (const s of c.subcategories)
    for (const i of s.standardIndicators) {
      const groups = GROUPS_OF.get(key(i.name)) ?? new Set<string>();
      for (const g of [c.name, c.id, s.name, s.id]) groups.add(key(g));
      GROUPS_OF.set(key(i.name), groups);
    }

function indicatorIn(f: RiskIndicatorFilter, indicator: string): boolean {
  const k = key(indicator);
  if (f.indicators.some((x) => key(x) === k)) return true;
  const groups = GROUPS_OF.get(k);
  return groups !== undefined && f.categories.some((c) => groups.has(key(c)));
}

/** A file-name pattern: `*` any run, `?` one character, in any case, over the whole name. */
export function globMatches(pattern: string, name: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${re}$`, "is").test(name);
}
