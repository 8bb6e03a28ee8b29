// ruleMatches: one complete v2 file event judged against one rule (pure; the alert engine calls it per event and rule).
import { globMatches, ruleMatches } from "../../src/domains/alertrules/match.js";
import { DEFAULT_V1_KNOBS, type AlertRuleRecord, type RuleFilters, type RuleVectors } from "../../src/domains/alertrules/records.js";

function rule(vectors: RuleVectors, filters: RuleFilters = {}, scope: Partial<Pick<AlertRuleRecord, "users" | "watchlistIds">> = {}): AlertRuleRecord {
  return {
    id: "r",
    tenantUid: "t",
    name: "r",
    description: "",
    type: "FED_COMPOSITE",
    severity: "HIGH",
    enabled: true,
    system: false,
    source: "Alerting",
    createdAt: "2024-01-01T00:00:00.0000000Z",
    createdBy: "x",
    modifiedAt: "2024-01-01T00:00:00.0000000Z",
    modifiedBy: "x",
    criteria: { vectors, filters, notifications: null, education: null, alertOnBlockedBrowserActivity: false, v1: DEFAULT_V1_KNOBS, usersOrder: 0, watchlistsOrder: 0 },
    fileVolume: null,
    users: scope.users ?? null,
    watchlistIds: scope.watchlistIds ?? [],
  };
}

const bob = { userUid: "u-bob", username: "bob@example.com", watchlistIds: new Set(["w-departing"]) };
const carol = { userUid: "u-carol", username: "carol@example.com", watchlistIds: new Set<string>() };

const upload = (category: string | null, name: string | null, more: object = {}) => ({
  event: { action: "application-read", vector: "UPLOADED", observer: "Endpoint", shareType: [] },
  user: { email: "bob@example.com" },
  file: { name: "Plan.pdf", category: "Pdf" },
  destination: { category, name },
  source: { name: "Chrome" },
  risk: { severity: "HIGH", indicators: [{ name: "Dropbox upload", weight: 5 }] },
  ...more,
});
const cloudUploads: RuleVectors = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };

describe("ruleMatches", () => {
  it("watches cloud uploads by category, or by named destination", () => {
    expect(ruleMatches(rule(cloudUploads), upload("Cloud Storage", "Dropbox"), bob)).toBe(true);
    expect(ruleMatches(rule(cloudUploads), upload("Messaging", "Slack"), bob)).toBe(false);
    const onlyBox = rule({ fileUpload: { cloudStorage: { observeAll: false, destinations: ["Box"] }, criteriaOrder: 0 } });
    expect(ruleMatches(onlyBox, upload("Cloud Storage", "Dropbox"), bob)).toBe(false);
    expect(ruleMatches(onlyBox, upload("Cloud Storage", "box"), bob)).toBe(true);
    // A sync client's copy is not an upload.
    expect(ruleMatches(rule(cloudUploads), upload("Cloud Storage", "Dropbox", { event: { action: "sync-app-created", vector: "UPLOADED" } }), bob)).toBe(false);
    const uncategorized = rule({ fileUpload: { advancedSettings: { observeUncategorized: true }, criteriaOrder: 0 } });
    expect(ruleMatches(uncategorized, upload(null, "somewhere.example"), bob)).toBe(true);
    expect(ruleMatches(uncategorized, upload("Cloud Storage", "Dropbox"), bob)).toBe(false);
  });

  it("watches removable media, email, downloads and shares", () => {
    const usb = { event: { action: "removable-media-created" } };
    expect(ruleMatches(rule({ removableMedia: { isEnabled: true, criteriaOrder: 0 } }), usb, bob)).toBe(true);
    expect(ruleMatches(rule({ removableMedia: { isEnabled: false, criteriaOrder: 0 } }), usb, bob)).toBe(false);
    const mail = { event: { action: "file-emailed", observer: "Gmail" } };
    expect(ruleMatches(rule({ email: { observeAll: false, gmail: true, microsoft365: false, criteriaOrder: 0 } }), mail, bob)).toBe(true);
    expect(ruleMatches(rule({ email: { observeAll: false, gmail: false, microsoft365: true, criteriaOrder: 0 } }), mail, bob)).toBe(false);
    const share = (type: string) => ({ event: { action: "file-shared", observer: "GoogleDrive", shareType: [type] }, source: { name: "Google Drive" } });
    const publicLinks = rule({ cloudSharing: { observeAll: false, googleDrive: { observeAll: false, publicLinkShare: true, directShare: false }, criteriaOrder: 0 } });
    expect(ruleMatches(publicLinks, share("Anyone with the link"), bob)).toBe(true);
    expect(ruleMatches(publicLinks, share("Shared with specific people"), bob)).toBe(false);
    const download = { event: { action: "file-downloaded", observer: "Box" }, source: { name: "Box" } };
    expect(ruleMatches(rule({ download: { observeAll: false, salesforce: false, box: true, googleDrive: false, microsoftOneDrive: false, criteriaOrder: 0 } }), download, bob)).toBe(true);
    // No vector named: any event, by the filters alone.
    expect(ruleMatches(rule({}), usb, bob)).toBe(true);
  });

  it("applies every filter", () => {
    const e = upload("Cloud Storage", "Dropbox");
    expect(ruleMatches(rule(cloudUploads, { fileCategory: { categories: ["Pdf"], criteriaOrder: 0 } }), e, bob)).toBe(true);
    expect(ruleMatches(rule(cloudUploads, { fileCategory: { categories: ["SourceCode"], criteriaOrder: 0 } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, { fileName: { patterns: ["*.pdf"], criteriaOrder: 0 } }), e, bob)).toBe(true);
    expect(ruleMatches(rule(cloudUploads, { fileName: { patterns: ["*.cs"], criteriaOrder: 0 } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, { fileTypeMismatch: { isEnabled: true, criteriaOrder: 0 } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, { riskSeverity: { low: false, moderate: false, high: true, critical: true, criteriaOrder: 0 } }), e, bob)).toBe(true);
    expect(ruleMatches(rule(cloudUploads, { riskSeverity: { low: true, moderate: true, high: false, critical: false, criteriaOrder: 0 } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, { riskIndicator: { categories: ["Cloud storage uploads"], indicators: [], criteriaOrder: 0 } }), e, bob)).toBe(true);
    expect(ruleMatches(rule(cloudUploads, { riskIndicator: { categories: [], indicators: ["Remote"], criteriaOrder: 0 } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, { riskIndicatorExcludes: { categories: [], indicators: ["dropbox upload"], criteriaOrder: 0 } }), e, bob)).toBe(false);
  });

  it("keeps to the rule's users and watchlists", () => {
    const e = upload("Cloud Storage", "Dropbox");
    const include = rule(cloudUploads, {}, { users: { mode: "INCLUDE", entries: [{ alias: "BOB@example.com", userUid: null }] } });
    expect(ruleMatches(include, e, bob)).toBe(true);
    expect(ruleMatches(include, { ...e, user: { email: "carol@example.com" } }, carol)).toBe(false);
    const exclude = rule(cloudUploads, {}, { users: { mode: "EXCLUDE", entries: [{ alias: "bob@example.com", userUid: "u-bob" }] } });
    expect(ruleMatches(exclude, e, bob)).toBe(false);
    expect(ruleMatches(exclude, { ...e, user: { email: "carol@example.com" } }, carol)).toBe(true);
    // An INCLUDE filter emptied matches nobody; an EXCLUDE one everybody.
    expect(ruleMatches(rule(cloudUploads, {}, { users: { mode: "INCLUDE", entries: [] } }), e, bob)).toBe(false);
    expect(ruleMatches(rule(cloudUploads, {}, { users: { mode: "EXCLUDE", entries: [] } }), e, bob)).toBe(true);
    const departing = rule(cloudUploads, {}, { watchlistIds: ["w-departing"] });
    expect(ruleMatches(departing, e, bob)).toBe(true);
    expect(ruleMatches(departing, e, carol)).toBe(false);
  });

  it("reads * and ? in file names, in any case, over the whole name", () => {
    expect(globMatches("Q?ProductPlan.*", "q3productplan.xlsx")).toBe(true);
    expect(globMatches("*.cs", "a.csv")).toBe(false);
    expect(globMatches("a+b(1).txt", "a+b(1).txt")).toBe(true);
  });
});
