// Realistic file events made from a seed: "50 cloud uploads by alice in the last day" in one call. Pure: the same
// input (seed, user, kind, window, the clock's now, overrides) gives the same events, ids included. Each event is made
// from its own index, so a shorter run is the start of a longer one. The events are partial v2 events: ingest stores
// them as given (sparseEvent), sets risk.severity from the score, and decides risk.trusted (and untrustedValues) by
// the tenant's trusted activities.
//
// A kind is a scenario: it sets event.action, event.vector, the observer, source and destination, the process, and
// the risk indicators (names from the catalogue, risk-indicators.ts) whose weights add up to risk.score. Endpoint
// kinds happen on one of the user's devices (deviceUid, hostname, operating system); without one, those are null.
import { seededUint32, sfc32 } from "../../ids.js";
import { isoInstant as iso } from "../../iso-instant.js";

type Event = Record<string, unknown>;

export const GENERATED_KINDS = [
  "cloud-upload",
  "cloud-sync",
  "removable-media",
  "email",
  "messaging-upload",
  "code-repository-upload",
  "cloud-share",
  "print",
  "file-created",
  "file-modified",
  "file-deleted",
] as const;
export type GeneratedKind = (typeof GENERATED_KINDS)[number];

export interface GeneratorDevice {
  guid: string;
  hostname: string;
  /** The agent's os name: win, mac, linux. */
  osName: string;
  osVersion: string | null;
}

export interface GeneratorUser {
  uid: string;
  username: string;
  email: string | null;
  devices: GeneratorDevice[];
}

export interface GeneratorInput {
  user: GeneratorUser;
  kind: GeneratedKind;
  /** Events fall in (now - within, now], in ms. */
  within: number;
  now: number;
  seed: number | string;
  /** A partial v2 event merged into each: objects key by key, anything else replaced. */
  overrides?: Event;
}

/** Number.toString(16) costs microseconds a call; the hashes and ids are made of many. */
const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

class Rng {
  constructor(private readonly next: () => number) {}
  static of(seed: string): Rng {
    return new Rng(seededUint32(seed));
  }
  /** The i-th of a run's generators, seeded by number (no string to hash per event); warmed up past its seeding. */
  static at(base: readonly number[], i: number): Rng {
    const next = sfc32(base[0]! ^ i, base[1]! ^ Math.imul(i, 0x9e3779b9), base[2]!, base[3]!);
    for (let k = 0; k < 12; k++) next();
    return new Rng(next);
  }
  float(): number {
    return this.next() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.float() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.float() < p;
  }
  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i += 2) s += HEX_BYTES[this.next() & 0xff];
    return s.length === n ? s : s.slice(0, n);
  }
  digits(n: number): string {
    let s = String(1 + this.int(9));
    while (s.length < n) s += String(this.int(10));
    return s;
  }
  /** Log-uniform in [lo, hi]: sizes spread over orders of magnitude as files' do. */
  logBetween(lo: number, hi: number): number {
    return Math.round(Math.exp(Math.log(lo) + this.float() * (Math.log(hi) - Math.log(lo))));
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[this.int(4)]}${h.slice(17, 20)}-${h.slice(20)}`;
  }
}

// --- files ---------------------------------------------------------------------------------------------------------

interface FileType {
  ext: string;
  /** file.category as the SDK's FileCategory names it. */
  category: string;
  mime: string;
  /** The catalogue's file-category indicator, and the weight it is given here. */
  indicator: string;
  weight: number;
  minBytes: number;
  maxBytes: number;
}

const type = (ext: string, category: string, mime: string, indicator: string, weight: number, minBytes: number, maxBytes: number): FileType => ({ ext, category, mime, indicator, weight, minBytes, maxBytes });
const DOCUMENT = type("docx", "Document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Document", 1, 12_000, 5_000_000);
const SPREADSHEET = type("xlsx", "Spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Spreadsheet", 2, 8_000, 20_000_000);
const CSV = type("csv", "Spreadsheet", "text/csv", "Spreadsheet", 2, 2_000, 50_000_000);
const PRESENTATION = type("pptx", "Presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "Presentation", 1, 200_000, 60_000_000);
const PDF = type("pdf", "Pdf", "application/pdf", "PDF", 1, 40_000, 20_000_000);
const ZIP = type("zip", "Archive", "application/zip", "Zip", 3, 500_000, 2_000_000_000);
const IMAGE = type("png", "Image", "image/png", "Image", 0, 20_000, 8_000_000);
const PYTHON = type("py", "SourceCode", "text/x-python", "Source code", 3, 500, 120_000);
const JAVA = type("java", "SourceCode", "text/x-java", "Source code", 3, 800, 200_000);
const VIDEO = type("mp4", "Video", "video/mp4", "Video", 0, 5_000_000, 3_000_000_000);

const OFFICE_FILES = [DOCUMENT, DOCUMENT, SPREADSHEET, SPREADSHEET, CSV, PRESENTATION, PDF, PDF, ZIP, IMAGE, VIDEO];
const PRINTED_FILES = [DOCUMENT, SPREADSHEET, PRESENTATION, PDF, PDF, IMAGE];
const SOURCE_FILES = [PYTHON, JAVA];

const BUSINESS_NAMES = [
  "customer_list", "Q3_forecast", "salary_bands", "product_roadmap", "board_deck", "contract_draft", "pricing_model",
  "design_spec", "employee_directory", "patent_notes", "acquisition_plan", "sales_pipeline", "budget_2026",
  "vendor_contacts", "quarterly_report", "offer_letter", "network_diagram", "incident_report", "marketing_plan",
  "investor_update",
];
const NAME_SUFFIXES = ["", "", "", "_v2", "_final", "_draft", " (1)", "_copy"];
const SOURCE_NAMES = ["main", "auth_service", "billing", "payment_gateway", "crypto_utils", "models", "api_client", "scheduler", "pricing_engine", "license_check"];
const REPOSITORIES = ["billing-service", "web-app", "data-pipeline", "mobile-client", "infrastructure", "ml-models"];
const FOLDERS = ["Documents/", "Downloads/", "Desktop/", "Documents/Projects/", "Documents/Finance/", "Documents/Customers/"];

interface GeneratedFile {
  type: FileType;
  name: string;
  size: number;
  md5: string;
  sha256: string;
  /** Days before the event the file was made, and last changed. */
  createdDaysAgo: number;
  modifiedDaysAgo: number;
  repository: string;
}

function makeFile(rng: Rng, types: readonly FileType[]): GeneratedFile {
  const t = rng.pick(types);
  const base = t.category === "SourceCode" ? rng.pick(SOURCE_NAMES) : rng.pick(BUSINESS_NAMES) + rng.pick(NAME_SUFFIXES);
  const createdDaysAgo = rng.float() * 400;
  return {
    type: t,
    name: `${base}.${t.ext}`,
    size: rng.logBetween(t.minBytes, t.maxBytes),
    md5: rng.hex(32),
    sha256: rng.hex(64),
    createdDaysAgo,
    modifiedDaysAgo: rng.float() * createdDaysAgo,
    repository: rng.pick(REPOSITORIES),
  };
}

// --- places ----------------------------------------------------------------------------------------------------------

type Os = "win" | "mac" | "linux";
const osOf = (d: GeneratorDevice | undefined): Os => (d?.osName === "mac" || d?.osName === "linux" ? d.osName : "win");
const OS_NAMES: Record<Os, string> = { win: "Windows", mac: "Mac OS X", linux: "Linux" };
const home = (os: Os, local: string) => (os === "win" ? `C:/Users/${local}/` : os === "mac" ? `/Users/${local}/` : `/home/${local}/`);
const BROWSERS: Record<Os, string[]> = {
  win: ["C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe", "C:\\Program Files\\Mozilla Firefox\\firefox.exe"],
  mac: ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome", "/Applications/Safari.app/Contents/MacOS/Safari", "/Applications/Firefox.app/Contents/MacOS/firefox"],
  linux: ["/opt/google/chrome/chrome", "/usr/lib/firefox/firefox"],
};
const FILE_MANAGERS: Record<Os, string> = { win: "C:\\Windows\\explorer.exe", mac: "/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder", linux: "/usr/bin/nautilus" };
const GIT: Record<Os, string> = { win: "C:\\Program Files\\Git\\mingw64\\bin\\git.exe", mac: "/usr/bin/git", linux: "/usr/bin/git" };
const OFFICE_APPS: Record<Os, string> = {
  win: "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE",
  mac: "/Applications/Microsoft Word.app/Contents/MacOS/Microsoft Word",
  linux: "/usr/lib/libreoffice/program/soffice.bin",
};

interface Destination {
  name: string;
  category: string;
  domain: string;
  url: string;
  /** The catalogue's destination indicator, and its weight here. */
  indicator: string;
  weight: number;
}
const dest = (name: string, category: string, domain: string, path: string, weight: number, indicator = `${name} upload`): Destination => ({ name, category, domain, url: `https://${domain}${path}`, indicator, weight });
const CLOUD_STORAGE = [
  dest("Dropbox", "Cloud Storage", "www.dropbox.com", "/home", 5),
  dest("Google Drive", "Cloud Storage", "drive.google.com", "/drive/my-drive", 5),
  dest("Box", "Cloud Storage", "app.box.com", "/folder/0", 5),
  dest("OneDrive", "Cloud Storage", "onedrive.live.com", "/", 5),
  dest("Mega", "Cloud Storage", "mega.nz", "/fm", 5),
  dest("WeTransfer", "Cloud Storage", "wetransfer.com", "/", 5),
  dest("iCloud", "Cloud Storage", "www.icloud.com", "/iclouddrive/", 5),
];
const SYNC_APPS: { destination: Destination; folder: string; process: Record<Os, string> }[] = [
  { destination: CLOUD_STORAGE[0]!, folder: "Dropbox/", process: { win: "C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe", mac: "/Applications/Dropbox.app/Contents/MacOS/Dropbox", linux: "/usr/bin/dropbox" } },
  { destination: CLOUD_STORAGE[1]!, folder: "Google Drive/", process: { win: "C:\\Program Files\\Google\\Drive File Stream\\GoogleDriveFS.exe", mac: "/Applications/Google Drive.app/Contents/MacOS/Google Drive", linux: "/usr/bin/google-drive-ocamlfuse" } },
  { destination: CLOUD_STORAGE[2]!, folder: "Box/", process: { win: "C:\\Program Files\\Box\\Box\\Box.exe", mac: "/Applications/Box.app/Contents/MacOS/Box", linux: "/usr/bin/box" } },
  { destination: CLOUD_STORAGE[3]!, folder: "OneDrive/", process: { win: "C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe", mac: "/Applications/OneDrive.app/Contents/MacOS/OneDrive", linux: "/usr/bin/onedrive" } },
];
const MESSAGING = [
  dest("Slack", "Messaging", "app.slack.com", "/client", 3),
  dest("Discord", "Messaging", "discord.com", "/channels/@me", 3),
  dest("Telegram", "Messaging", "web.telegram.org", "/k/", 3),
  dest("WhatsApp", "Messaging", "web.whatsapp.com", "/", 3),
  dest("Microsoft Teams", "Messaging", "teams.microsoft.com", "/", 3),
];
const CODE_REPOSITORIES = [
  dest("GitHub", "Source Code Repository", "github.com", "", 5),
  dest("GitLab", "Source Code Repository", "gitlab.com", "", 5),
  dest("Bitbucket", "Source Code Repository", "bitbucket.org", "", 5),
];
const CLOUD_SERVICES = [
  { observer: "GoogleDrive", name: "Google Drive", detector: "Corporate Google Drive", url: (id: string) => `https://drive.google.com/file/d/${id}/view` },
  { observer: "OneDrive", name: "OneDrive", detector: "Corporate OneDrive", url: (id: string) => `https://contoso-my.sharepoint.com/personal/_layouts/15/Doc.aspx?sourcedoc=${id}` },
  { observer: "Box", name: "Box", detector: "Corporate Box", url: (id: string) => `https://app.box.com/file/${id}` },
];
const MAIL_SERVICES = [
  { observer: "Office365", name: "Microsoft Office 365", detector: "Corporate Office 365", indicator: "Sent from corporate Microsoft Office 365" },
  { observer: "Gmail", name: "Gmail", detector: "Corporate Gmail", indicator: "Sent from corporate Gmail" },
];
const PERSONAL_MAIL = ["gmail.com", "yahoo.com", "outlook.com", "proton.me", "icloud.com"];
const REMOVABLE_MEDIA = [
  { vendor: "SanDisk", name: "Ultra USB 3.0", capacity: 64_023_257_088 },
  { vendor: "Kingston", name: "DataTraveler 3.0", capacity: 31_042_043_904 },
  { vendor: "Samsung", name: "Portable SSD T7", capacity: 1_000_204_886_016 },
  { vendor: "Western Digital", name: "My Passport 25E2", capacity: 2_000_365_289_472 },
];
const PRINTERS = ["HP LaserJet M607 - 4th Floor", "Canon iR-ADV C5535 - Reception", "Brother HL-L2350DW (Home)", "Microsoft Print to PDF"];
const SUBJECTS = ["fyi", "for later", "docs", "(no subject)", "as discussed", "backup"];

// --- events ----------------------------------------------------------------------------------------------------------

interface Indicator {
  name: string;
  weight: number;
}

interface Context {
  rng: Rng;
  input: GeneratorInput;
  email: string;
  local: string;
  /** The user's personal address and account handle (the same on every event of the user). */
  personal: { email: string; handle: string };
  device: GeneratorDevice | undefined;
  networks: Map<string, DeviceNetwork>;
  os: Os;
  ts: number;
  file: GeneratedFile;
}

const DAY = 86_400_000;

/** Where a device is on the network, the same on each of its events. */
interface DeviceNetwork {
  domain: string;
  ip: string;
  privateIp: string;
  operatingSystem: string;
}

function networkOf(d: GeneratorDevice, email: string): DeviceNetwork {
  const net = Rng.of(`device:${d.guid}`);
  return {
    domain: `${d.hostname}.${email.split("@")[1] ?? "example.com"}`,
    ip: `203.0.113.${1 + net.int(254)}`,
    privateIp: `10.${net.int(256)}.${net.int(256)}.${1 + net.int(254)}`,
    operatingSystem: [OS_NAMES[osOf(d)], d.osVersion].filter(Boolean).join(" "),
  };
}

function endpoint(c: Context, executable: string | null): Event {
  const d = c.device;
  const n = d && c.networks.get(d.guid)!;
  return {
    user: { email: c.email, id: c.input.user.uid, deviceUid: d?.guid ?? null },
    source: d && n ? { category: "Device", name: d.hostname, domain: n.domain, ip: n.ip, privateIp: [n.privateIp], operatingSystem: n.operatingSystem } : { category: "Device" },
    process: { executable, owner: c.local },
  };
}

function fileOf(c: Context, directory: string | null, extra: Event = {}): Event {
  const f = c.file;
  return {
    name: f.name,
    directory,
    category: f.type.category,
    categoryByBytes: f.type.category,
    categoryByExtension: f.type.category,
    mimeType: f.type.mime,
    mimeTypeByBytes: f.type.mime,
    mimeTypeByExtension: f.type.mime,
    sizeInBytes: f.size,
    owner: c.local,
    created: iso(c.ts - Math.round(f.createdDaysAgo * DAY)),
    modified: iso(c.ts - Math.round(f.modifiedDaysAgo * DAY)),
    hash: { md5: f.md5, sha256: f.sha256 },
    ...extra,
  };
}

const localDirectory = (c: Context) => `${home(c.os, c.local)}${c.file.type.category === "SourceCode" ? `Projects/${c.file.repository}/src/` : c.rng.pick(FOLDERS)}`;

/** What a kind adds to the event, and its destination's indicator (none: the event is not scored). */
type KindBuilder = (c: Context) => { event: Event; indicator?: Indicator };

const browserUpload =
  (destinations: Destination[]): KindBuilder =>
  (c) => {
    const d = c.rng.pick(destinations);
    return {
      event: {
        event: { action: "application-read", observer: "Endpoint", vector: "UPLOADED" },
        ...endpoint(c, c.rng.pick(BROWSERS[c.os])),
        file: fileOf(c, localDirectory(c)),
        destination: { category: d.category, name: d.name, domains: [d.domain], tabs: [{ title: `${d.name} - ${c.file.name}`, url: d.url }] },
      },
      indicator: { name: d.indicator, weight: d.weight },
    };
  };

const KINDS: Record<GeneratedKind, { files: readonly FileType[]; build: KindBuilder }> = {
  "cloud-upload": { files: OFFICE_FILES, build: browserUpload(CLOUD_STORAGE) },
  "messaging-upload": { files: OFFICE_FILES, build: browserUpload(MESSAGING) },
  "cloud-sync": {
    files: OFFICE_FILES,
    build: (c) => {
      const app = c.rng.pick(SYNC_APPS);
      return {
        event: {
          event: { action: "sync-app-created", observer: "Endpoint", vector: "UPLOADED" },
          ...endpoint(c, app.process[c.os]),
          file: fileOf(c, `${home(c.os, c.local)}${app.folder}`),
          destination: { category: app.destination.category, name: app.destination.name, domains: [app.destination.domain], accountName: c.personal.email },
        },
        indicator: { name: app.destination.indicator, weight: app.destination.weight },
      };
    },
  },
  "removable-media": {
    files: OFFICE_FILES,
    build: (c) => {
      const media = c.rng.pick(REMOVABLE_MEDIA);
      const serial = c.rng.hex(16).toUpperCase();
      const volume = c.rng.pick(["USB", "BACKUP", "UNTITLED", media.vendor.toUpperCase()]);
      const directory = c.os === "win" ? "E:/" : c.os === "mac" ? `/Volumes/${volume}/` : `/media/${c.local}/${volume}/`;
      return {
        event: {
          event: { action: "removable-media-created", observer: "Endpoint", vector: "REMOVABLE_MEDIA_OUT" },
          ...endpoint(c, FILE_MANAGERS[c.os]),
          file: fileOf(c, directory),
          destination: {
            category: "Removable Media",
            name: `${media.vendor} ${media.name}`,
            removableMedia: { vendor: media.vendor, name: media.name, serialNumber: serial, capacity: media.capacity, busType: "USB", mediaName: `${media.vendor} ${media.name} USB Device`, volumeName: [volume], partitionId: [c.rng.uuid()] },
          },
        },
        indicator: { name: "Removable media", weight: 5 },
      };
    },
  },
  "code-repository-upload": {
    files: SOURCE_FILES,
    build: (c) => {
      const d = c.rng.pick(CODE_REPOSITORIES);
      const path = `/${c.personal.handle}/${c.file.repository}.git`;
      const uri = `https://${d.domain}${path}`;
      return {
        event: {
          event: { action: "application-read", observer: "Endpoint", vector: "GIT_PUSH" },
          ...endpoint(c, GIT[c.os]),
          file: fileOf(c, localDirectory(c)),
          destination: { category: d.category, name: d.name, domains: [d.domain], remoteHostname: d.domain },
          git: { eventId: c.rng.uuid(), lastCommitHash: c.rng.hex(40), repositoryUri: uri, repositoryUser: c.personal.handle, repositoryEmail: c.personal.email, repositoryEndpointPath: path },
        },
        indicator: { name: d.indicator, weight: d.weight },
      };
    },
  },
  email: {
    files: OFFICE_FILES,
    build: (c) => {
      const mail = c.rng.pick(MAIL_SERVICES);
      const to = c.personal.email;
      return {
        event: {
          event: { action: "file-emailed", observer: mail.observer, vector: "EMAILED", detectorDisplayName: mail.detector },
          user: { email: c.email, id: c.input.user.uid, deviceUid: null },
          file: fileOf(c, null, { owner: c.email, id: c.rng.hex(24) }),
          source: { category: "Email", name: mail.name, email: { sender: c.email, from: c.email } },
          destination: { category: "Email", name: to.split("@")[1], user: { email: [to] }, email: { recipients: [to], subject: c.rng.pick(SUBJECTS) } },
        },
        indicator: { name: mail.indicator, weight: 3 },
      };
    },
  },
  "cloud-share": {
    files: OFFICE_FILES,
    build: (c) => {
      const service = c.rng.pick(CLOUD_SERVICES);
      const fileId = c.rng.hex(33);
      const publicLink = c.rng.chance(0.4);
      const to = c.personal.email;
      return {
        event: {
          event: { action: "file-shared", observer: service.observer, vector: "SHARED", detectorDisplayName: service.detector, shareType: [publicLink ? "Anyone with the link" : "Shared with specific people"] },
          user: { email: c.email, id: c.input.user.uid, deviceUid: null },
          file: fileOf(c, null, { owner: c.email, id: fileId, url: service.url(fileId), cloudDriveId: `0A${c.rng.hex(17)}`, directoryId: [c.rng.hex(28)] }),
          source: { category: "Cloud Storage", name: service.name },
          destination: { category: "Cloud Storage", name: service.name, user: { email: publicLink ? [] : [to] } },
        },
        indicator: publicLink ? { name: `Public link from corporate ${service.name}`, weight: 7 } : { name: `Shared from corporate ${service.name}`, weight: 3 },
      };
    },
  },
  print: {
    files: PRINTED_FILES,
    build: (c) => ({
      event: {
        event: { action: "file-printed", observer: "Endpoint", vector: "PRINTED" },
        ...endpoint(c, OFFICE_APPS[c.os]),
        file: fileOf(c, localDirectory(c)),
        destination: { printerName: c.rng.pick(PRINTERS), printJobName: c.file.name },
      },
    }),
  },
  "file-created": { files: OFFICE_FILES, build: (c) => local(c, "file-created") },
  "file-modified": { files: OFFICE_FILES, build: (c) => local(c, "file-modified") },
  "file-deleted": { files: OFFICE_FILES, build: (c) => local(c, "file-deleted") },
};

function local(c: Context, action: string): { event: Event } {
  const created = action === "file-created" ? { created: iso(c.ts), modified: iso(c.ts) } : action === "file-modified" ? { modified: iso(c.ts) } : {};
  return {
    event: {
      event: { action, observer: "Endpoint", vector: null },
      ...endpoint(c, action === "file-deleted" ? FILE_MANAGERS[c.os] : OFFICE_APPS[c.os]),
      file: fileOf(c, localDirectory(c), created),
    },
  };
}

/** Off hours: outside 08:00–18:00 UTC, or at a weekend (the emulator knows no one's working hours). */
const offHours = (ms: number) => {
  const d = new Date(ms);
  return d.getUTCHours() < 8 || d.getUTCHours() >= 18 || d.getUTCDay() === 0 || d.getUTCDay() === 6;
};

/** A copy of `base` with `over` merged in: objects key by key, anything else (lists, null, values) replaced. */
export function mergeEvent(base: Event, over: Event): Event {
  const out: Event = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b) ? mergeEvent(b as Event, v as Event) : v;
  }
  return out;
}

/** What names a run: everything that shapes its events except how many there are. */
const runKey = (input: GeneratorInput) => JSON.stringify([input.seed, input.user.uid, input.kind, input.within, input.now, input.overrides ?? null]);

/** Events [from, to) of the run the input names, one at a time (a load holds none of them longer than it takes). */
export function* generateFileEvents(input: GeneratorInput, from: number, to: number): Generator<Event> {
  const key = runKey(input);
  const kind = KINDS[input.kind];
  const email = input.user.email ?? input.user.username;
  const local = email.split("@")[0]!;
  const personalRng = Rng.of(`personal:${input.user.uid}`);
  const handle = `${local.replace(/[^A-Za-z0-9]+/g, "-")}${personalRng.int(100)}`;
  const personal = { email: `${local}${personalRng.int(100)}@${personalRng.pick(PERSONAL_MAIL)}`, handle };
  const networks = new Map(input.user.devices.map((d) => [d.guid, networkOf(d, email)]));
  const words = (name: string) => {
    const next = seededUint32(`${key}#${name}`);
    return [next(), next(), next(), next()];
  };
  const eventSeeds = words("event");
  const fileSeeds = words("file");
  for (let i = from; i < to; i++) {
    const rng = Rng.at(eventSeeds, i);
    const ts = input.now - Math.floor(rng.float() * input.within);
    // Most files appear once; some are an earlier event's file again, as the same file leaves more than once.
    const fileIndex = i > 0 && rng.chance(0.2) ? rng.int(i) : i;
    const file = makeFile(Rng.at(fileSeeds, fileIndex), kind.files);
    const device = input.user.devices.length ? rng.pick(input.user.devices) : undefined;
    const c: Context = { rng, input, email, local, personal, device, networks, os: osOf(device), ts, file };
    const made = kind.build(c);
    const indicators: Indicator[] = [];
    if (made.indicator) {
      indicators.push(made.indicator, { name: file.type.indicator, weight: file.type.weight });
      if (offHours(ts)) indicators.push({ name: "Off hours", weight: 2 });
      if (device && rng.chance(0.15)) indicators.push({ name: "Remote", weight: 2 });
    }
    const ingested = Math.min(ts + 2_000 + rng.int(120_000), input.now);
    const inserted = Math.min(ingested + 500 + rng.int(30_000), input.now);
    const event: Event = {
      ...made.event,
      "@timestamp": iso(ts),
      event: { id: `0_${rng.uuid()}_${rng.digits(18)}_${rng.digits(18)}_${rng.int(1000)}`, ingested: iso(ingested), inserted: iso(inserted), ...(made.event.event as Event) },
      // Whether it is trusted (and what was not) is ingest's to say, by the tenant's trusted activities.
      risk: { score: indicators.reduce((n, r) => n + r.weight, 0), indicators: indicators.map((r) => ({ name: r.name, id: r.name, weight: r.weight })) },
    };
    yield input.overrides ? mergeEvent(event, input.overrides) : event;
  }
}
