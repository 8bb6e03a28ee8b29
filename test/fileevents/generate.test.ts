// The event generator: POST /_emulator/tenants/{uid}/file-events/generate and a fixture's generateFileEvents make
// realistic v2 events from a seed, on the clock, stored through ingest and answered by the gateway's search (whose
// answers the tests' response validator checks against the spec).
import { DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
const NOW = "2026-03-04T15:00:00.000Z";
const ALICE = { username: "alice.adams@example.com", uid: "942897397520280004", device: "935873453596900001", hostname: "alice-laptop" };
const generate = (body: object, tenantUid = DEFAULT_TENANT_UID) => emu.http.post(`/_emulator/tenants/${tenantUid}/file-events/generate`).send(body);

type Event = Record<string, any>;
let gateway: string;
async function all(query: object = { groups: [] }): Promise<Event[]> {
  const events: Event[] = [];
  let pgToken: string | null = "";
  while (pgToken !== null) {
    const res: { status: number; body: { fileEvents: Event[]; nextPgToken: string | null } } = await emu.http.post("/v2/file-events").set("Authorization", gateway).send({ ...query, pgSize: 500, pgToken, srtKey: "event.id", srtDir: "asc" });
    expect(res.status).toBe(200);
    events.push(...res.body.fileEvents);
    pgToken = res.body.nextPgToken;
  }
  return events;
}
const byUser = (email: string) => ({ groups: [{ filterClause: "AND", filters: [{ term: "user.email", operator: "IS", value: email }] }] });
/** The event without its null and empty values. */
const sparse = (v: unknown): unknown => {
  if (Array.isArray(v)) {
    const items = v.map(sparse).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (v && typeof v === "object") {
    const kept = Object.entries(v).flatMap(([k, x]) => (sparse(x) === undefined ? [] : [[k, sparse(x)] as const]));
    return kept.length ? Object.fromEntries(kept) : undefined;
  }
  return v === null ? undefined : v;
};
const severityOf = (score: number) => (score === 0 ? "NO_RISK_INDICATED" : score <= 3 ? "LOW" : score <= 6 ? "MODERATE" : score <= 9 ? "HIGH" : "CRITICAL");

async function catalogue(): Promise<Set<string>> {
  const res = await emu.http.get("/v1/risk-indicator-categories").set("Authorization", gateway);
  const names = new Set<string>();
  for (const c of res.body.categories) for (const s of c.subcategories) for (const i of s.standardIndicators) names.add(i.name);
  return names;
}

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});

describe("POST /_emulator/tenants/{tenantUid}/file-events/generate", () => {
  it("makes 50 cloud uploads by alice in the last day, on her device, scored from the catalogue", async () => {
    const res = await generate({ user: ALICE.username, kind: "cloud-upload", count: 50, within: "1d", seed: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenantUid: DEFAULT_TENANT_UID, count: 50, eventIds: expect.any(Array) });
    expect(new Set(res.body.eventIds).size).toBe(50);
    const events = await all(byUser(ALICE.username));
    expect(events.map((e) => e.event.id).sort()).toEqual([...res.body.eventIds].sort());
    const known = await catalogue();
    const now = Date.parse(NOW);
    for (const e of events) {
      expect(e.event).toMatchObject({ action: "application-read", observer: "Endpoint", vector: "UPLOADED" });
      expect(e.user).toEqual({ email: ALICE.username, id: ALICE.uid, deviceUid: ALICE.device });
      expect(e.source).toMatchObject({ category: "Device", name: ALICE.hostname });
      expect(e.destination.category).toBe("Cloud Storage");
      expect(e.risk.indicators[0]).toEqual({ name: `${e.destination.name} upload`, id: `${e.destination.name} upload`, weight: 5 });
      for (const i of e.risk.indicators) expect(known.has(i.name)).toBe(true);
      expect(e.risk.score).toBe(e.risk.indicators.reduce((n: number, i: { weight: number }) => n + i.weight, 0));
      expect(e.risk.severity).toBe(severityOf(e.risk.score));
      // Untrusted: the tenant trusts none of these destinations.
      expect(e.risk).toMatchObject({ trusted: false, trustReason: null });
      const ts = Date.parse(e["@timestamp"]);
      expect(ts > now - 86_400_000 && ts <= now).toBe(true);
      expect(Date.parse(e.event.inserted)).toBeGreaterThanOrEqual(ts);
      expect(Date.parse(e.event.inserted)).toBeLessThanOrEqual(now);
      expect(e.file.hash.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(e.file.hash.md5).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("answers the same events for the same seed at the same clock, a shorter run being the start of a longer one", async () => {
    const body = { user: ALICE.username, kind: "removable-media", count: 30, within: "7d", seed: "same" };
    const first = await generate(body);
    const events = await all();
    // Asked again, the same events are held already.
    const again = await generate(body);
    expect([again.status, again.body]).toEqual([409, { error: { code: "EVENT_EXISTS", message: expect.stringMatching(/^The tenant holds event \S+ already$/) } }]);
    expect(first.body.eventIds).toContain(/event (\S+) already/.exec(again.body.error.message)![1]);
    await emu.reset();
    await emu.http.post("/_emulator/clock/freeze");
    await emu.http.post("/_emulator/clock/set").send({ at: NOW });
    const shorter = await generate({ ...body, count: 10 });
    expect(shorter.body.eventIds).toEqual(first.body.eventIds.slice(0, 10));
    await emu.reset();
    await emu.http.post("/_emulator/clock/freeze");
    await emu.http.post("/_emulator/clock/set").send({ at: NOW });
    expect((await generate(body)).body.eventIds).toEqual(first.body.eventIds);
    expect(await all()).toEqual(events);
    // Another seed, or a later clock, gives other events.
    const other = await generate({ ...body, seed: "other" });
    expect(other.body.eventIds.filter((id: string) => first.body.eventIds.includes(id))).toEqual([]);
    await emu.http.post("/_emulator/clock/advance").send({ by: "1h" });
    expect((await generate(body)).status).toBe(201);
  });

  it("makes one stable event for a seed (a change to the generator shows here)", async () => {
    const res = await generate({ user: ALICE.username, kind: "code-repository-upload", count: 1, within: "1h", seed: 42 });
    const e = (await all()).find((x) => x.event.id === res.body.eventIds[0])!;
    // What the generator made (trust is ingest's): the keys it filled, the rest null or empty.
    expect(sparse({ ...e, risk: { score: e.risk.score, severity: e.risk.severity, indicators: e.risk.indicators } })).toEqual(STABLE_EVENT);
  });

  it("gives each kind its action, vector, observer and destination", async () => {
    const kinds: [string, object][] = [
      ["cloud-sync", { event: { action: "sync-app-created", vector: "UPLOADED", observer: "Endpoint" }, destination: { category: "Cloud Storage" } }],
      ["removable-media", { event: { action: "removable-media-created", vector: "REMOVABLE_MEDIA_OUT", observer: "Endpoint" }, destination: { category: "Removable Media", removableMedia: { busType: "USB" } } }],
      ["email", { event: { action: "file-emailed", vector: "EMAILED" }, user: { deviceUid: null }, destination: { category: "Email" } }],
      ["messaging-upload", { event: { action: "application-read", vector: "UPLOADED", observer: "Endpoint" }, destination: { category: "Messaging" } }],
      ["code-repository-upload", { event: { action: "application-read", vector: "GIT_PUSH", observer: "Endpoint" }, destination: { category: "Source Code Repository" }, file: { category: "SourceCode" } }],
      ["cloud-share", { event: { action: "file-shared", vector: "SHARED" }, user: { deviceUid: null }, destination: { category: "Cloud Storage" } }],
      ["print", { event: { action: "file-printed", vector: "PRINTED", observer: "Endpoint" }, risk: { score: 0, severity: "NO_RISK_INDICATED", indicators: [] } }],
      ["file-created", { event: { action: "file-created", vector: null, observer: "Endpoint" }, risk: { score: 0, indicators: [] }, destination: { category: null } }],
      ["file-modified", { event: { action: "file-modified", vector: null }, risk: { score: 0 } }],
      ["file-deleted", { event: { action: "file-deleted", vector: null }, risk: { score: 0 } }],
    ];
    for (const [kind, shape] of kinds) {
      const res = await generate({ user: ALICE.uid, kind, count: 4, seed: 3 });
      expect(res.status).toBe(201);
      const ids = new Set(res.body.eventIds);
      const events = (await all()).filter((e) => ids.has(e.event.id));
      expect(events).toHaveLength(4);
      for (const e of events) expect(e).toMatchObject(shape);
    }
    const shares = (await all()).filter((e) => e.event.action === "file-shared");
    for (const e of shares) expect(e.risk.indicators[0].name).toMatch(/^(Public link|Shared) from corporate (Google Drive|OneDrive|Box)$/);
  });

  it("finds the user by username, uid or e-mail; a user without devices has none on endpoint events", async () => {
    const res = await generate({ user: "CAROL.CLARK@example.com", kind: "file-created", count: 2, within: "30m" });
    expect(res.status).toBe(201);
    const events = await all(byUser("carol.clark@example.com"));
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.user).toEqual({ email: "carol.clark@example.com", id: "942897397520280006", deviceUid: null });
      expect(e.source.name).toBeNull();
      expect(Date.parse(e["@timestamp"])).toBeGreaterThan(Date.parse(NOW) - 30 * 60_000);
    }
  });

  it("merges overrides into each event, and answers no ids beyond 10,000 events", async () => {
    const res = await generate({ user: ALICE.username, kind: "cloud-upload", count: 3, overrides: { file: { name: "secret.zip" }, destination: { domains: ["evil.example"] } } });
    expect(res.status).toBe(201);
    const events = await all(byUser(ALICE.username));
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e.file.name).toBe("secret.zip");
      expect(e.file.hash.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(e.destination.domains).toEqual(["evil.example"]);
      expect(e.destination.category).toBe("Cloud Storage");
    }
    const many = await generate({ user: ALICE.username, kind: "file-modified", count: 10_001 });
    expect([many.status, many.body]).toEqual([201, { tenantUid: DEFAULT_TENANT_UID, count: 10_001, eventIds: null }]);
  });

  it("refuses an unknown user (404), tenant (404), kind or count or window (400), in the control plane's shape", async () => {
    const nobody = await generate({ user: "nobody@example.com", kind: "cloud-upload", count: 1 });
    expect([nobody.status, nobody.body]).toEqual([404, { error: { code: "USER_NOT_FOUND", message: `No user nobody@example.com in tenant ${DEFAULT_TENANT_UID} (by username, user uid or e-mail)` } }]);
    const tenant = await generate({ user: ALICE.username, kind: "cloud-upload", count: 1 }, "00000000-0000-4000-8000-000000000000");
    expect([tenant.status, tenant.body]).toEqual([404, { error: { code: "TENANT_NOT_FOUND", message: "Tenant not found" } }]);
    for (const bad of [{ kind: "teleport" }, { count: 0 }, { count: 1_000_001 }, { within: "1y" }, { seed: [1] }, { extra: true }]) {
      const res = await generate({ user: ALICE.username, kind: "cloud-upload", count: 1, ...bad });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: "INVALID_REQUEST", message: expect.any(String) } });
    }
    const early = await generate({ user: ALICE.username, kind: "cloud-upload", count: 1, within: "30000d" });
    expect([early.status, early.body]).toEqual([400, { error: { code: "INVALID_GENERATE_REQUEST", message: "within must be at least 1ms and reach no further back than 1970" } }]);
    expect(await all(byUser(ALICE.username))).toEqual([]);
  });
});

describe("a fixture's generateFileEvents", () => {
  const TENANT = "6e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
  const doc = (generateFileEvents: object[]) => ({
    tenants: [
      {
        tenantUid: TENANT,
        name: "Generated Co",
        orgs: [{ orgName: "Root" }],
        users: [{ username: "gen@generated.example", org: "Root", devices: [{ name: "Gen's Mac", osName: "mac", osHostname: "gen-mac" }] }],
        apiClients: [{ clientId: "gen-client", secret: "gen-secret", roles: ["Customer Cloud Admin"] }],
        generateFileEvents,
      },
    ],
  });

  it("loads generated events at the load time, on the user's device, as the control plane makes them", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send(doc([{ user: "gen@generated.example", kind: "cloud-upload", count: 5, within: "1d", seed: 1 }, { user: "gen@generated.example", kind: "print", count: 2 }]));
    expect([res.status, res.body]).toEqual([201, { tenants: [TENANT] }]);
    gateway = `Bearer ${await emu.gatewayToken("gen-client", "gen-secret")}`;
    const events = await all();
    expect(events).toHaveLength(7);
    for (const e of events) {
      expect(e.source).toMatchObject({ name: "gen-mac", operatingSystem: expect.stringMatching(/^Mac OS X/) });
      expect(e.file.directory).toMatch(/^\/Users\/gen\//);
    }
  });

  it("refuses the document at the request's place when its user is unknown", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send(doc([{ user: "gen@generated.example", kind: "print", count: 1 }, { user: "ghost", kind: "print", count: 1 }]));
    expect([res.status, res.body]).toEqual([400, { error: { code: "INVALID_FIXTURE", message: expect.stringContaining(`generateFileEvents[1]: No user ghost in tenant ${TENANT}`) } }]);
  });
});

const STABLE_EVENT = {
  "@timestamp": "2026-03-04T14:45:01.673Z",
  event: {
    id: "0_642ded0b-1727-443b-b81a-d8980426e269_855833219249860976_954256267305703557_706",
    inserted: "2026-03-04T14:46:59.586Z",
    ingested: "2026-03-04T14:46:41.772Z",
    action: "application-read",
    observer: "Endpoint",
    vector: "GIT_PUSH",
  },
  user: { email: "alice.adams@example.com", id: "942897397520280004", deviceUid: "935873453596900001" },
  file: {
    name: "main.py",
    directory: "C:/Users/alice.adams/Projects/infrastructure/src/",
    category: "SourceCode",
    mimeType: "text/x-python",
    mimeTypeByBytes: "text/x-python",
    categoryByBytes: "SourceCode",
    mimeTypeByExtension: "text/x-python",
    categoryByExtension: "SourceCode",
    sizeInBytes: 772,
    owner: "alice.adams",
    created: "2025-08-04T11:08:47.604Z",
    modified: "2025-12-20T11:21:32.327Z",
    hash: { md5: "99fccdcb4cf30c646f2fc0facfa1e613", sha256: "5d9559da57efd49e6a7e690c34509bc0cff52dd180ec46b4472680100649ceb0" },
  },
  source: {
    category: "Device",
    name: "alice-laptop",
    domain: "alice-laptop.example.com",
    ip: "203.0.113.45",
    privateIp: ["10.179.96.187"],
    operatingSystem: "Windows 10.0.19045",
  },
  destination: { category: "Source Code Repository", name: "Bitbucket", domains: ["bitbucket.org"], remoteHostname: "bitbucket.org" },
  process: { executable: "C:\\Program Files\\Git\\mingw64\\bin\\git.exe", owner: "alice.adams" },
  risk: {
    score: 8,
    severity: "HIGH",
    indicators: [
      { name: "Bitbucket upload", id: "Bitbucket upload", weight: 5 },
      { name: "Source code", id: "Source code", weight: 3 },
    ],
  },
  git: {
    eventId: "79a8fb9f-7c84-4520-af46-60c60396400d",
    lastCommitHash: "0ea63e8d4b28bf105486df3485c604c360923e58",
    repositoryUri: "https://bitbucket.org/alice-adams55/infrastructure.git",
    repositoryUser: "alice-adams55",
    repositoryEmail: "alice.adams20@gmail.com",
    repositoryEndpointPath: "/alice-adams55/infrastructure.git",
  },
};
