// Whether a file event is trusted, by the tenant's trusted activities, as Code42's Data Preferences describe it: an
// event is trusted when its destination's metadata (tab URLs and titles, sync username, shared-with users, email
// recipients; here also the Slack workspace and the Git repository) is on the trusted list, and when it names several
// domains, only if every one is; "www." is ignored. The event's
// trustReason is the SDK's and py42's TrustReason value of the rule that trusted it; an untrusted event lists what
// was not trusted in risk.untrustedValues. Pure: an event (or the parts of it read here) and the activities in.
import type { ActivityActionGroup } from "../trustedactivities/rules.js";

type Event = Record<string, unknown>;

export interface TrustedActivityValue {
  type: string;
  value: string;
  groups: ActivityActionGroup[];
}

export interface UntrustedValues {
  accountNames: string[];
  domains: string[];
  gitRepositoryUris: string[];
  slackWorkspaces: string[];
  urlPaths: string[];
}

export interface Trust {
  trusted: boolean;
  trustReason: string | null;
  untrustedValues: UntrustedValues;
}

/**
 * Reasons Code42 gives from what the emulator does not model (event pairing, managed devices): an event a fixture
 * marks trusted for one of them keeps that, and the list never changes it.
 */
const KEPT_REASONS = new Set(["Event matched with cloud activity", "Event matched with endpoint activity", "Download to a managed device"]);

/** The Git reason is the emulator's: neither client's TrustReason names one. */
const GIT_REASON = "Trusted Git repository";

const obj = (v: unknown): Event => (v && typeof v === "object" && !Array.isArray(v) ? (v as Event) : {});
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => s !== null) : []);
const unique = (values: string[]) => [...new Set(values)];

/** A host as trust compares it: lower case, no trailing dot, no port, no "www.". */
const host = (h: string) => h.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "").replace(/^www\./, "");

/** A URL's host and path (no query or fragment; the scheme optional, as in a URL_PATH value). */
const URL_PARTS = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]+)(?::\d+)?([^?#]*)/i;
/** "about:blank", "data:…": a scheme with no host. */
const HOSTLESS = /^[a-z][a-z0-9+.-]*:(?!\/\/|\d)/i;
function url(u: string): { host: string; path: string } | null {
  const m = HOSTLESS.test(u.trim()) ? null : URL_PARTS.exec(u.trim());
  return m ? { host: host(m[1]!), path: m[2]!.replace(/\/+$/, "") } : null;
}

/** A DOMAIN value trusts its host exactly ("www." aside); "*.example.com" trusts example.com and every subdomain. */
function domainMatches(value: string, h: string): boolean {
  const v = host(value);
  if (v.startsWith("*.")) return h === v.slice(2) || h.endsWith(v.slice(1));
  return h === v;
}

/** A URL_PATH value ("github.com/company") trusts its host's URLs at that path and below. */
function pathMatches(value: string, u: { host: string; path: string }): boolean {
  const v = url(value);
  if (!v || v.host !== u.host) return false;
  const [want, got] = [v.path.toLowerCase(), u.path.toLowerCase()];
  return want === "" || got === want || got.startsWith(`${want}/`);
}

/** "git@github.com:org/repo.git", "https://github.com:8443/org/repo" -> "github.com/org/repo". */
function repository(uri: string): string {
  const bare = uri.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/^[^@/]+@/, "").replace(/\/+$/, "").replace(/\.git$/i, "");
  // After the host: a port and a path (URL), or a colon and a path (scp-like).
  const m = /^([^:/]+)(?::\d+(?=\/)|:)?\/?(.*)$/.exec(bare);
  return m ? [host(m[1]!), m[2]].filter(Boolean).join("/").toLowerCase() : bare.toLowerCase();
}

/** The provider a trusted action may name, for the event's cloud service. */
function providerOf(name: string | null): string | null {
  if (!name) return null;
  const n = name.toLowerCase().replace(/[\s_-]/g, "");
  if (n.includes("dropbox")) return "DROPBOX";
  if (n.includes("onedrive")) return "ONE_DRIVE";
  if (n.includes("googledrive")) return "GOOGLE_DRIVE";
  if (n.includes("icloud")) return "ICLOUD";
  if (n.includes("box")) return "BOX";
  if (n.includes("gmail")) return "GMAIL";
  if (n.includes("office365") || n.includes("outlook")) return "OFFICE_365";
  return null;
}

/** Whether the activity is trusted for the action (and the event's provider, when the action names providers). */
function allows(a: TrustedActivityValue, action: string, provider: string | null): boolean {
  return a.groups.some((g) => g.activityActions.some((x) => x.type === action && (!x.providers?.length || provider === null || x.providers.some((p) => p.name === provider))));
}

const none = (): UntrustedValues => ({ accountNames: [], domains: [], gitRepositoryUris: [], slackWorkspaces: [], urlPaths: [] });
const trusted = (trustReason: string): Trust => ({ trusted: true, trustReason, untrustedValues: none() });
const untrusted = (values: Partial<UntrustedValues>): Trust => ({ trusted: false, trustReason: null, untrustedValues: { ...none(), ...values } });

/**
 * Puts a trust decision on a stored event's risk (as sparseEvent keeps it: no null reason, no empty lists); null
 * leaves the risk as given.
 */
export function markTrust(risk: Record<string, unknown>, trust: Trust | null): void {
  if (!trust) return;
  risk.trusted = trust.trusted;
  if (trust.trustReason === null) delete risk.trustReason;
  else risk.trustReason = trust.trustReason;
  const untrusted = Object.entries(trust.untrustedValues).filter(([, values]) => values.length);
  if (untrusted.length) risk.untrustedValues = Object.fromEntries(untrusted);
  else delete risk.untrustedValues;
}

/** A tenant's activities by type, made once for many events. */
export type TrustList = ReadonlyMap<string, TrustedActivityValue[]>;

export function trustList(activities: TrustedActivityValue[]): TrustList {
  const byType = new Map<string, TrustedActivityValue[]>();
  for (const a of activities) byType.set(a.type, [...(byType.get(a.type) ?? []), a]);
  return byType;
}

const namers = new Map<string, RegExp>();
/** Whether a tab title names the DOMAIN value ("Files - Acme.com"): as a whole name, any subdomain for a wildcard. */
function titleNames(value: string, title: string): boolean {
  let namer = namers.get(value);
  if (!namer) {
    const v = host(value);
    const base = (v.startsWith("*.") ? v.slice(2) : v).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const sub = v.startsWith("*.") ? "(?:[a-z0-9-]+\\.)*" : "(?:www\\.)?";
    if (namers.size >= 10_000) namers.clear();
    namers.set(value, (namer = new RegExp(`(?:^|[^a-z0-9.-])${sub}${base}(?![a-z0-9-]|\\.[a-z0-9])`, "i")));
  }
  return namer.test(title);
}

const SLACK_HOSTS = new Set(["app", "www", "files", "api", "slack-files"]);

/**
 * The event's trust by the list, or null when the list does not decide it: the event's destination offers nothing
 * the list can trust (a removable-media copy, a print), or a fixture marked it trusted for a reason the list does not
 * give (KEPT_REASONS). Reads event.action, event.observer, event.shareType, destination, git.repositoryUri and
 * risk.trusted/trustReason; the first kind of destination the event has decides, in this order: a Git push, an email,
 * a share, a Slack workspace, a cloud sync account, browser tabs and domains.
 */
export function trustOf(e: Event, list: TrustList): Trust | null {
  const risk = obj(e.risk);
  if (risk.trusted === true && typeof risk.trustReason === "string" && KEPT_REASONS.has(risk.trustReason)) return null;
  const event = obj(e.event);
  const dest = obj(e.destination);
  const of = (type: string) => list.get(type) ?? [];
  const domainFor = (action: string, provider: string | null) => (h: string) => of("DOMAIN").some((a) => allows(a, action, provider) && domainMatches(a.value, h));
  const emailDomain = (address: string) => host(address.slice(address.lastIndexOf("@") + 1));

  const repo = str(obj(e.git).repositoryUri);
  if (repo) {
    const r = repository(repo);
    const byRepo = of("GIT_REPOSITORY_URI").some((a) => allows(a, "GIT_PUSH", null) && (r === repository(a.value) || r.startsWith(`${repository(a.value)}/`)));
    return byRepo || domainFor("GIT_PUSH", null)(r.split("/")[0]!) ? trusted(GIT_REASON) : untrusted({ gitRepositoryUris: [repo] });
  }

  const recipients = strs(obj(dest.email).recipients);
  if (recipients.length) {
    const bad = unique(recipients.map(emailDomain).filter((d) => !domainFor("EMAIL", providerOf(str(event.observer)))(d)));
    return bad.length ? untrusted({ domains: bad }) : trusted("Trusted email recipient");
  }

  if (strs(event.shareType).length || event.action === "file-shared") {
    const sharedWith = strs(obj(dest.user).email);
    const bad = unique(sharedWith.map(emailDomain).filter((d) => !domainFor("CLOUD_SHARE", providerOf(str(event.observer)))(d)));
    return sharedWith.length && !bad.length ? trusted("Shared with trusted users") : untrusted({ domains: bad });
  }

  const pages = (Array.isArray(dest.tabs) ? dest.tabs : []).map((t) => {
    const given = str(obj(t).url);
    return { u: given ? url(given) : null, title: str(obj(t).title) };
  });
  const account = str(dest.accountName);
  const isSlack = /slack/i.test(str(dest.name) ?? "");
  const workspaces = unique([
    ...(isSlack && account ? [account] : []),
    ...pages.flatMap((p) => {
      const m = /^([a-z0-9-]+)\.slack\.com$/.exec(p.u?.host ?? "");
      return m && !SLACK_HOSTS.has(m[1]!) ? [m[1]!] : [];
    }),
  ]);
  if (workspaces.length) {
    const bad = workspaces.filter((w) => !of("SLACK").some((a) => a.value.toLowerCase() === w.toLowerCase()));
    return bad.length ? untrusted({ slackWorkspaces: bad }) : trusted("Trusted Slack workspace");
  }

  if (account) {
    const provider = providerOf(str(dest.name));
    const byName = of("ACCOUNT_NAME").some((a) => allows(a, "CLOUD_SYNC", provider) && a.value.toLowerCase() === account.toLowerCase());
    const byDomain = account.includes("@") && domainFor("CLOUD_SYNC", provider)(emailDomain(account));
    return byName || byDomain ? trusted("Trusted sync username") : untrusted({ accountNames: [account] });
  }

  // Browser uploads, tab by tab: a tab is trusted by its URL's domain, by a URL path, or by a trusted domain its title
  // names (the SDK's add_domain: file_upload trusts "if the tab URL or tab title includes this domain"). The
  // destination's domains (the domain section of the tabs' URLs) are read only when no tab has a URL or a title.
  const upload = domainFor("FILE_UPLOAD", null);
  const onPath = (u: { host: string; path: string }) => of("URL_PATH").some((a) => pathMatches(a.value, u));
  const inTitle = (title: string) => of("DOMAIN").some((a) => allows(a, "FILE_UPLOAD", null) && titleNames(a.value, title));
  const seen = pages.filter((p) => p.u || p.title);
  const domains = seen.length ? [] : unique(strs(dest.domains).map(host));
  if (!seen.length && !domains.length) return null;
  type How = "url" | "path" | "title" | null;
  const how = (p: { u: { host: string; path: string } | null; title: string | null }): How =>
    p.u && upload(p.u.host) ? "url" : p.u && onPath(p.u) ? "path" : p.title && inTitle(p.title) ? "title" : null;
  const badPages = seen.filter((p) => how(p) === null);
  const badDomains = domains.filter((d) => !upload(d) && !onPath({ host: d, path: "" }));
  if (!badPages.length && !badDomains.length) {
    const hows = new Set<How>([...seen.map(how), ...domains.map((d): How => (upload(d) ? "url" : "path"))]);
    if (hows.has("path")) return trusted("Trusted specific URL path");
    if (!hows.has("title")) return trusted("Trusted browser URL");
    return trusted(hows.has("url") ? "Trusted browser URL and/or tab title" : "Trusted browser tab title");
  }
  const badUrls = badPages.flatMap((p) => (p.u ? [p.u] : []));
  return untrusted({ domains: unique([...badUrls.map((u) => u.host), ...badDomains]), urlPaths: unique(badUrls.map((u) => `${u.host}${u.path}`)) });
}
