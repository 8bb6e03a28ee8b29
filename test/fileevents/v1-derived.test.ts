// The v1 terms derived from several v2 fields (eventType, exposure, sharingTypeAdded, shared, syncDestination…) over
// a hand-built set of v2 events: searched in v1 values through /v1/file-events and the legacy forensic search, and
// what a v1 search presents is what the same v1 terms find.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const NOW = "2024-06-01T12:00:00.000Z";

const ev = (n: number, action: string, over: Record<string, unknown> = {}) => ({
  "@timestamp": `2024-05-${String(10 + n).padStart(2, "0")}T10:00:00.000Z`,
  ...over,
  event: { id: `v1d-${String(n).padStart(2, "0")}`, action, ...((over.event as object) ?? {}) },
  user: { email: "alice@example.com" },
});
const EVENTS = [
  ev(1, "file-created", { file: { name: "a.txt" } }),
  ev(2, "removable-media-created", { destination: { category: "Device", removableMedia: { vendor: "SanDisk" } } }),
  ev(3, "sync-app-modified", { destination: { name: "Google Drive", user: { email: ["carol@gmail.com"] } } }),
  ev(4, "application-read", { risk: { indicators: [{ name: "Off hours", id: "Off hours", weight: 2 }, { name: "Remote", id: "Remote", weight: 1 }] } }),
  ev(5, "file-shared", { event: { observer: "GoogleDrive", shareType: ["Anyone with the link"] } }),
  // Trusted for a reason the tenant's trusted activities leave as it is.
  ev(6, "file-shared", { event: { shareType: ["Shared with specific people"] }, risk: { trusted: true, trustReason: "Event matched with cloud activity" } }),
  ev(7, "file-shared", { event: { shareType: ["Shared with specific people", "Anyone in your organization"] } }),
  ev(8, "file-emailed", { risk: { indicators: [{ name: "File mismatch", id: "File mismatch", weight: 3 }] } }),
  ev(9, "file-uploaded"),
  ev(10, "sync-app-created", { destination: { name: "pCloud", user: { email: ["dave@pcloud.com"] } } }),
];
const ALL = EVENTS.map((e) => e.event.id);

type Filter = { term: string; operator: string; value?: unknown };
// Only this file's events (the tenant's fixture may hold others).
const ours: Filter = { term: "eventId", operator: "IS", value: "v1d-*" };
const body = (filters: Filter[], extra: Record<string, unknown> = {}) => ({
  groupClause: "AND",
  groups: [{ filterClause: "AND", filters: [ours] }, ...(filters.length ? [{ filterClause: "OR", filters }] : [])],
  srtKey: "eventId",
  srtDir: "asc",
  pgSize: 100,
  ...extra,
});

let gateway: string;
let legacy: string;
const PATHS = {
  gateway: () => ({ path: "/v1/file-events", auth: gateway }),
  legacy: () => ({ path: "/forensic-search/queryservice/api/v1/fileevent", auth: legacy }),
};
const search = async (via: keyof typeof PATHS, filters: Filter[], extra?: Record<string, unknown>) => {
  const { path, auth } = PATHS[via]();
  return emu.http.post(path).set("Authorization", auth).send(body(filters, extra));
};
const ids = (res: { body: { fileEvents: { eventId: string }[] } }) => res.body.fileEvents.map((e) => e.eventId);

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: EVENTS })).status).toBe(201);
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

describe("the v1 event a search presents", () => {
  it("derives eventType, exposure, sharing, sync and the risk flags from the v2 event", async () => {
    const res = await search("gateway", []);
    expect(res.status).toBe(200);
    const pick = (e: Record<string, unknown>) => ({
      eventType: e.eventType,
      exposure: e.exposure,
      sharingTypeAdded: e.sharingTypeAdded,
      shared: e.shared,
      syncDestination: e.syncDestination,
      syncDestinationUsername: e.syncDestinationUsername,
      outsideActiveHours: e.outsideActiveHours,
      mimeTypeMismatch: e.mimeTypeMismatch,
      remoteActivity: e.remoteActivity,
      fileType: e.fileType,
      emailDlpPolicyNames: e.emailDlpPolicyNames,
    });
    const plain = { sharingTypeAdded: [], shared: "FALSE", syncDestination: null, syncDestinationUsername: [], outsideActiveHours: false, mimeTypeMismatch: false, remoteActivity: "FALSE", fileType: "FILE", emailDlpPolicyNames: null };
    expect(res.body.fileEvents.map(pick)).toEqual([
      { ...plain, eventType: "CREATED", exposure: [] },
      { ...plain, eventType: "CREATED", exposure: ["RemovableMedia"] },
      { ...plain, eventType: "MODIFIED", exposure: ["CloudStorage"], syncDestination: "GoogleDrive", syncDestinationUsername: ["carol@gmail.com"] },
      { ...plain, eventType: "READ_BY_APP", exposure: ["ApplicationRead"], outsideActiveHours: true, remoteActivity: "TRUE" },
      { ...plain, eventType: "MODIFIED", exposure: ["SharedViaLink", "IsPublic"], sharingTypeAdded: ["SharedViaLink", "IsPublic"], shared: "TRUE" },
      { ...plain, eventType: "MODIFIED", exposure: [], shared: "TRUE" },
      { ...plain, eventType: "MODIFIED", exposure: ["SharedToDomain", "OutsideTrustedDomains"], sharingTypeAdded: ["SharedToDomain", "OutsideTrustedDomains"], shared: "TRUE" },
      { ...plain, eventType: "EMAILED", exposure: [], mimeTypeMismatch: true },
      { ...plain, eventType: "UNSUPPORTED", exposure: [] },
      { ...plain, eventType: "CREATED", exposure: ["CloudStorage"], syncDestination: "pCloud", syncDestinationUsername: ["dave@pcloud.com"] },
    ]);
  });

  it("finds every event by each value it presents for a derived term, and by EXISTS exactly when it presents one", async () => {
    const events: Record<string, unknown>[] = (await search("gateway", [])).body.fileEvents;
    const terms = ["eventType", "exposure", "sharingTypeAdded", "shared", "syncDestination", "syncDestinationUsername", "outsideActiveHours", "mimeTypeMismatch", "remoteActivity", "fileType", "emailDlpPolicyNames"];
    for (const term of terms) {
      const values = new Set(events.flatMap((e) => (e[term] === null ? [] : Array.isArray(e[term]) ? (e[term] as unknown[]) : [e[term]])).map(String));
      for (const value of values) {
        const expected = events.filter((e) => (Array.isArray(e[term]) ? (e[term] as unknown[]).map(String).includes(value) : String(e[term]) === value)).map((e) => e.eventId);
        expect([term, value, ids(await search("gateway", [{ term, operator: "IS", value }]))]).toEqual([term, value, expected]);
      }
      const present = events.filter((e) => e[term] !== null && !(Array.isArray(e[term]) && (e[term] as unknown[]).length === 0)).map((e) => e.eventId);
      expect([term, ids(await search("gateway", [{ term, operator: "EXISTS", value: null }]))]).toEqual([term, present]);
    }
  });
});

describe.each(["gateway", "legacy"] as const)("v1 terms in v1 values (%s)", (via) => {
  it.each([
    ["eventType", "IS", "CREATED", ["v1d-01", "v1d-02", "v1d-10"]],
    ["eventType", "IS", "created", ["v1d-01", "v1d-02", "v1d-10"]],
    ["eventType", "IS_NOT", "MODIFIED", ["v1d-01", "v1d-02", "v1d-04", "v1d-08", "v1d-09", "v1d-10"]],
    ["eventType", "IS_ANY", ["READ_BY_APP", "EMAILED"], ["v1d-04", "v1d-08"]],
    ["eventType", "IS", "UNSUPPORTED", ["v1d-09"]],
    ["eventType", "IS", "file-created", []],
    ["exposure", "EXISTS", null, ["v1d-02", "v1d-03", "v1d-04", "v1d-05", "v1d-07", "v1d-10"]],
    ["exposure", "DOES_NOT_EXIST", null, ["v1d-01", "v1d-06", "v1d-08", "v1d-09"]],
    ["exposure", "IS", "CloudStorage", ["v1d-03", "v1d-10"]],
    ["exposure", "IS", "IsPublic", ["v1d-05"]],
    ["exposure", "IS_NOT", "RemovableMedia", ["v1d-01", "v1d-03", "v1d-04", "v1d-05", "v1d-06", "v1d-07", "v1d-08", "v1d-09", "v1d-10"]],
    ["exposure", "IS_NONE", ["CloudStorage", "ApplicationRead"], ["v1d-01", "v1d-02", "v1d-05", "v1d-06", "v1d-07", "v1d-08", "v1d-09"]],
    ["exposure", "IS", "NoSuchExposure", []],
    ["sharingTypeAdded", "IS", "OutsideTrustedDomains", ["v1d-07"]],
    ["sharingTypeAdded", "IS", "Anyone with the link", []],
    ["shared", "IS", "TRUE", ["v1d-05", "v1d-06", "v1d-07"]],
    ["syncDestination", "IS", "GoogleDrive", ["v1d-03"]],
    ["syncDestination", "IS", "Google Drive", []],
    ["syncDestination", "IS", "googledrive", ["v1d-03"]],
    ["exposure", "CONTAINS", "shared", ["v1d-05", "v1d-07"]],
    ["syncDestination", "EXISTS", null, ["v1d-03", "v1d-10"]],
    ["syncDestinationUsername", "IS", "dave@pcloud.com", ["v1d-10"]],
    ["outsideActiveHours", "IS", "TRUE", ["v1d-04"]],
    ["mimeTypeMismatch", "IS", "TRUE", ["v1d-08"]],
    ["mimeTypeMismatch", "IS", "FALSE", ALL.filter((id) => id !== "v1d-08")],
    ["remoteActivity", "IS", "TRUE", ["v1d-04"]],
    ["fileType", "IS", "FILE", ALL],
    ["emailDlpPolicyNames", "EXISTS", null, []],
    ["source", "IS", "GoogleDrive", ["v1d-05"]],
  ])("%s %s %j", async (term, operator, value, expected) => {
    const res = await search(via, [{ term, operator, value }]);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(expected);
    expect(res.body.totalCount).toBe(expected.length);
  });

  it("answers code42cli's default v1 query (exposure EXISTS in a time range, by insertionTimestamp)", async () => {
    const res = await search(via, [], {
      groups: [
        { filterClause: "AND", filters: [ours] },
        { filterClause: "AND", filters: [{ term: "exposure", operator: "EXISTS", value: null }] },
        { filterClause: "AND", filters: [{ term: "eventTimestamp", operator: "ON_OR_AFTER", value: "2024-05-14T00:00:00.000Z" }] },
      ],
      srtKey: "insertionTimestamp",
    });
    expect(ids(res)).toEqual(["v1d-04", "v1d-05", "v1d-07", "v1d-10"]);
  });
});

describe("sorting, grouping and export on derived terms", () => {
  it("sorts by a derived term's v1 values and pages by token through them", async () => {
    const all = ids(await search("gateway", [], { srtKey: "eventType", srtDir: "desc" }));
    expect(all).toEqual(["v1d-09", "v1d-04", "v1d-07", "v1d-06", "v1d-05", "v1d-03", "v1d-08", "v1d-10", "v1d-02", "v1d-01"]);
    const seen: string[] = [];
    let pgToken: string | null = "";
    while (pgToken !== null) {
      const res = await search("gateway", [], { srtKey: "eventType", srtDir: "desc", pgSize: 3, pgToken });
      seen.push(...ids(res));
      pgToken = res.body.nextPgToken;
    }
    expect(seen).toEqual(all);
  });

  it("groups by a derived term in v1 values", async () => {
    const res = await emu.http.post("/v1/file-events/grouping").set("Authorization", gateway).send({ groups: [{ filterClause: "AND", filters: [ours] }], groupingTerm: "exposure" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      groups: [
        { value: "CloudStorage", docCount: 2 },
        { value: "ApplicationRead", docCount: 1 },
        { value: "IsPublic", docCount: 1 },
        { value: "OutsideTrustedDomains", docCount: 1 },
        { value: "RemovableMedia", docCount: 1 },
        { value: "SharedToDomain", docCount: 1 },
        { value: "SharedViaLink", docCount: 1 },
      ],
      problems: null,
    });
    const types = await emu.http.post("/v1/file-events/grouping").set("Authorization", gateway).send({ groups: [{ filterClause: "AND", filters: [ours] }], groupingTerm: "eventType" });
    expect(types.body.groups).toEqual([
      { value: "MODIFIED", docCount: 4 },
      { value: "CREATED", docCount: 3 },
      { value: "EMAILED", docCount: 1 },
      { value: "READ_BY_APP", docCount: 1 },
      { value: "UNSUPPORTED", docCount: 1 },
    ]);
  });

  it("exports derived columns as the v1 event presents them", async () => {
    const res = await emu.http
      .post("/v1/file-events/export")
      .set("Authorization", gateway)
      .send({ groups: [{ filterClause: "AND", filters: [ours, { term: "exposure", operator: "EXISTS", value: null }] }], srtKey: "eventId", srtDir: "asc", columns: ["eventId", "eventType", "exposure", "syncDestination"] });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      [
        "eventId,eventType,exposure,syncDestination",
        "v1d-02,CREATED,RemovableMedia,",
        "v1d-03,MODIFIED,CloudStorage,GoogleDrive",
        "v1d-04,READ_BY_APP,ApplicationRead,",
        'v1d-05,MODIFIED,"SharedViaLink, IsPublic",',
        'v1d-07,MODIFIED,"SharedToDomain, OutsideTrustedDomains",',
        "v1d-10,CREATED,CloudStorage,pCloud",
        "",
      ].join("\r\n"),
    );
  });

  it("keeps v2 terms in v2 values: event.action is not translated", async () => {
    const res = await emu.http
      .post("/v2/file-events")
      .set("Authorization", gateway)
      .send({ groups: [{ filterClause: "AND", filters: [{ term: "event.action", operator: "IS", value: "sync-app-created" }] }], srtKey: "event.id", srtDir: "asc" });
    expect(res.body.fileEvents.map((e: { event: { id: string } }) => e.event.id)).toEqual(["v1d-10"]);
    const v1 = await emu.http.post("/v2/file-events").set("Authorization", gateway).send({ groups: [{ filterClause: "AND", filters: [{ term: "eventType", operator: "IS", value: "CREATED" }] }] });
    expect(v1.status).toBe(400);
  });

  it.each([
    ["v1", "/v1/file-events"],
    ["v2", "/v2/file-events"],
  ])("answers a %s term named like an object's own property as unknown", async (_, path) => {
    const res = await emu.http.post(path).set("Authorization", gateway).send({ groups: [{ filterClause: "AND", filters: [{ term: "constructor", operator: "EXISTS", value: null }] }] });
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([{ type: "ILLEGAL_VALUE", badFilter: { operator: "EXISTS", term: "constructor", value: null }, description: "Unknown search term: constructor" }]);
  });
});
