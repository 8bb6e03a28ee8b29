// Saved file-event searches: made by the control plane and fixtures, read by the gateway (v1 and v2) and the legacy query
// service as py42 and code42cli read them, each in its reader's terms; exported with the state and kept by a tenant copy.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile, type TestEmulator } from "../helpers/emulator.js";
import { callsAs, userBearer } from "../helpers/gateway.js";

const emu = emulatorPerFile();
const fresh = emulatorPerFile();
let gateway: string;
const { get, post } = callsAs(emu, () => gateway);

const NOW = "2026-02-01T12:00:00.000Z";
const TEST_USER = { uid: "942897397520289999", name: "test.user@example.com" };
const CLI_USER = { uid: "942897397520280001", name: "test_username@example.com" };
const ALICE_ID = "6f1d0c52-3b8e-4a17-9c2d-5e4f3a2b1c01";
const REMOVABLE_ID = "6f1d0c52-3b8e-4a17-9c2d-5e4f3a2b1c02";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const group = (...filters: [string, string, string | string[] | null][]) => ({ filterClause: "AND", filters: filters.map(([term, operator, value]) => ({ term, operator, value })) });
const made = (by: { uid: string; name: string }, at: string, modified = { by, at }) => ({
  createdByUID: by.uid,
  createdByUsername: by.name,
  creationTimestamp: at,
  modifiedByUID: modified.by.uid,
  modifiedByUsername: modified.by.name,
  modifiedTimestamp: modified.at,
});

// The default fixture's two searches, as each version reads them.
const ALICE_V2 = {
  id: ALICE_ID,
  name: "Alice's cloud uploads",
  notes: "Everything Alice Adams sent to cloud storage in the last 30 days.",
  apiVersion: 2,
  columns: null,
  groupClause: "AND",
  groups: [group(["@timestamp", "WITHIN_THE_LAST", "P30D"]), group(["user.email", "IS", "alice.adams@example.com"]), group(["destination.category", "IS", "Cloud Storage"])],
  srtKey: "@timestamp",
  srtDir: "desc",
  tenantId: DEFAULT_TENANT_UID,
  ...made(TEST_USER, "2026-01-12T15:04:05.000Z"),
};
const ALICE_V1 = {
  ...ALICE_V2,
  groups: [group(["eventTimestamp", "WITHIN_THE_LAST", "P30D"]), group(["deviceUserName", "IS", "alice.adams@example.com"]), group(["destinationCategory", "IS", "Cloud Storage"])],
  srtKey: "eventTimestamp",
};
const REMOVABLE_V1 = {
  id: REMOVABLE_ID,
  name: "Removable media this week",
  notes: null,
  apiVersion: 1,
  columns: null,
  groupClause: "AND",
  groups: [group(["eventTimestamp", "WITHIN_THE_LAST", "P7D"]), group(["destinationCategory", "IS", "Removable Media"])],
  srtKey: "eventTimestamp",
  srtDir: "desc",
  tenantId: DEFAULT_TENANT_UID,
  ...made(CLI_USER, "2025-06-03T08:00:00.000Z", { by: TEST_USER, at: "2026-01-20T10:30:00.000Z" }),
};
const REMOVABLE_V2 = { ...REMOVABLE_V1, groups: [group(["@timestamp", "WITHIN_THE_LAST", "P7D"]), group(["destination.category", "IS", "Removable Media"])], srtKey: "@timestamp" };

const control = (on: TestEmulator = emu) => ({
  add: (body: object, tenant = DEFAULT_TENANT_UID) => on.http.post(`/_emulator/tenants/${tenant}/saved-searches`).send(body),
  remove: (id: string, tenant = DEFAULT_TENANT_UID) => on.http.delete(`/_emulator/tenants/${tenant}/saved-searches/${id}`),
});
const NOT_FOUND = (id: string) => ({ code: "SAVED_SEARCH_NOT_FOUND", message: `Saved search ${id} not found` });
// A search of v2 terms only the gateway answers on the legacy wire's terms (event.action has no v1 term read as it
// is), and one whose subgroup block the legacy query service's readers cannot read.
const V2_ONLY = { id: "v2-only", name: "Deleted files", groups: [group(["event.action", "IS_ANY", ["file-deleted", "removable-media-deleted"]])] };
const BLOCKS = {
  id: "blocks",
  name: "Gomez files",
  notes: "a block, as the console saves one",
  groups: [{ subgroupClause: "OR", subgroups: [group(["file.name", "IS", "*gomez*"]), { filterClause: "OR", filters: [{ term: "file.name", operator: "IS", value: "*ticia*", display: null }], display: '{"version":"v2"}' }] }],
};

beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
});

describe("GET /v2/file-events/saved-searches and /v1, by id too", () => {
  it("answers the tenant's searches in v2 terms, a v1 search converted (its apiVersion still 1)", async () => {
    const res = await get("/v2/file-events/saved-searches");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ searches: [ALICE_V2, REMOVABLE_V2] });
  });

  it("answers them in v1 terms, a v2 search converted", async () => {
    const res = await get("/v1/file-events/saved-searches");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ searches: [ALICE_V1, REMOVABLE_V1] });
  });

  it("answers one search as a list of one (the SDK reads searches[0]), and 404 for an unknown id", async () => {
    expect((await get(`/v2/file-events/saved-searches/${REMOVABLE_ID}`)).body).toEqual({ searches: [REMOVABLE_V2] });
    expect((await get(`/v1/file-events/saved-searches/${ALICE_ID}`)).body).toEqual({ searches: [ALICE_V1] });
    for (const v of ["v1", "v2"]) {
      const res = await get(`/${v}/file-events/saved-searches/no-such`);
      expect([res.status, res.body]).toEqual([404, NOT_FOUND("no-such")]);
    }
  });

  it("leaves out, and does not find, a search the reader's version has no terms for", async () => {
    expect((await control().add(V2_ONLY)).status).toBe(201);
    expect((await get("/v1/file-events/saved-searches")).body.searches.map((s: { id: string }) => s.id)).toEqual([ALICE_ID, REMOVABLE_ID]);
    const res = await get("/v1/file-events/saved-searches/v2-only");
    expect([res.status, res.body]).toEqual([404, NOT_FOUND("v2-only")]);
    expect((await get("/v2/file-events/saved-searches/v2-only")).body.searches[0].groups).toEqual([group(["event.action", "IS_ANY", ["file-deleted", "removable-media-deleted"]])]);
  });

  it("runs as it was saved: its groups and sort, posted to the search, find the events they name", async () => {
    const events = [
      { "@timestamp": "2026-01-30T10:00:00.000Z", event: { id: "up-1", action: "file-uploaded" }, user: { email: "alice.adams@example.com" }, destination: { category: "Cloud Storage" } },
      { "@timestamp": "2026-01-31T10:00:00.000Z", event: { id: "up-2", action: "file-uploaded" }, user: { email: "alice.adams@example.com" }, destination: { category: "Cloud Storage" } },
      // Too old for the last 30 days, someone else's, somewhere else.
      { "@timestamp": "2025-12-01T10:00:00.000Z", event: { id: "up-3", action: "file-uploaded" }, user: { email: "alice.adams@example.com" }, destination: { category: "Cloud Storage" } },
      { "@timestamp": "2026-01-31T11:00:00.000Z", event: { id: "up-4", action: "file-uploaded" }, user: { email: "bob.brown@example.com" }, destination: { category: "Cloud Storage" } },
      { "@timestamp": "2026-01-31T12:00:00.000Z", event: { id: "rm-1", action: "removable-media-created" }, user: { email: "alice.adams@example.com" }, destination: { category: "Removable Media" } },
    ];
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events })).status).toBe(201);
    for (const [version, id, idOf] of [
      ["v2", ALICE_ID, (e: { event: { id: string } }) => e.event.id],
      ["v1", REMOVABLE_ID, (e: { eventId: string }) => e.eventId],
    ] as const) {
      const [saved] = (await get(`/${version}/file-events/saved-searches/${id}`)).body.searches;
      const res = await post(`/${version}/file-events`, { groupClause: saved.groupClause, groups: saved.groups, srtKey: saved.srtKey, srtDir: saved.srtDir, pgNum: 1, pgSize: 10 });
      expect(res.status).toBe(200);
      expect(res.body.fileEvents.map(idOf)).toEqual(version === "v2" ? ["up-2", "up-1"] : ["rm-1"]);
    }
  });

  it("needs a security role (403 for a desktop user)", async () => {
    const alice = await userBearer(emu, "alice.adams@example.com");
    for (const path of ["/v1/file-events/saved-searches", `/v2/file-events/saved-searches/${ALICE_ID}`]) {
      const res = await get(path, alice);
      expect([res.status, res.body]).toEqual([403, { code: "FORBIDDEN", message: "A security role (Customer Cloud Admin, Security Center User) is required for file events" }]);
    }
  });
});

describe("the legacy query service's /saved (py42, code42cli)", () => {
  const legacy = async (path: string) => emu.http.get(`/forensic-search/queryservice/api/${path}`).set("Authorization", `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`);

  it("answers v1 and v2 as the gateway does, leaving out a search of subgroup blocks (py42 reads filterClause and filters)", async () => {
    expect((await control().add({ searches: [BLOCKS] })).status).toBe(201);
    expect((await legacy("v1/saved")).body).toEqual({ searches: [ALICE_V1, REMOVABLE_V1] });
    expect((await legacy("v2/saved")).body).toEqual({ searches: [ALICE_V2, REMOVABLE_V2] });
    expect((await legacy(`v1/saved/${REMOVABLE_ID}`)).body).toEqual({ searches: [REMOVABLE_V1] });
    expect((await legacy(`v2/saved/${ALICE_ID}`)).body).toEqual({ searches: [ALICE_V2] });
    const res = await legacy("v2/saved/blocks");
    expect([res.status, res.body]).toEqual([404, NOT_FOUND("blocks")]);
    // The gateway answers it, blocks, display notes and all.
    expect((await get("/v2/file-events/saved-searches/blocks")).body.searches[0].groups).toEqual(BLOCKS.groups);
  });
});

describe("POST and DELETE /_emulator/tenants/{tenantUid}/saved-searches", () => {
  it("stores one search, filling what it leaves out: an id, the tenant's first user as author, the clock's now, AND, desc", async () => {
    const res = await control().add({ name: "Big files", groups: [{ filters: [{ term: "file.sizeInBytes", operator: "GREATER_THAN", value: 1000000 }] }] });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ tenantUid: DEFAULT_TENANT_UID, count: 1, searchIds: [expect.stringMatching(UUID)] });
    const [id] = res.body.searchIds;
    expect((await get(`/v2/file-events/saved-searches/${id}`)).body).toEqual({
      searches: [
        {
          id,
          name: "Big files",
          notes: null,
          apiVersion: 2,
          columns: null,
          groupClause: "AND",
          // The clause made explicit, the number answered as text (the SDK's SearchFilter takes strings).
          groups: [group(["file.sizeInBytes", "GREATER_THAN", "1000000"])],
          srtKey: null,
          srtDir: "desc",
          tenantId: DEFAULT_TENANT_UID,
          ...made(TEST_USER, NOW),
        },
      ],
    });
  });

  it("stores several at once, in order, each in its own version's terms and with its own author", async () => {
    const res = await control().add({
      searches: [
        { id: "old-style", name: "Hosts", apiVersion: 1, groupClause: "OR", groups: [group(["osHostName", "IS", "alice-laptop"])], columns: ["eventId", "osHostName"], srtKey: "insertionTimestamp", srtDir: "asc", createdBy: "TEST_USERNAME@example.com" },
        { id: "gone-author", name: "By someone gone", groups: [], createdBy: "former@example.com", createdByUid: "1234", createdAt: "2025-01-01T00:00:00Z", modifiedBy: "test.user@example.com" },
      ],
    });
    expect(res.body).toEqual({ tenantUid: DEFAULT_TENANT_UID, count: 2, searchIds: ["old-style", "gone-author"] });
    const all = (await get("/v2/file-events/saved-searches")).body.searches;
    expect(all.map((s: { id: string }) => s.id)).toEqual([ALICE_ID, REMOVABLE_ID, "old-style", "gone-author"]);
    expect(all[2]).toEqual({
      id: "old-style",
      name: "Hosts",
      notes: null,
      apiVersion: 1,
      columns: ["event.id", "source.name"],
      groupClause: "OR",
      groups: [group(["source.name", "IS", "alice-laptop"])],
      srtKey: "event.inserted",
      srtDir: "asc",
      tenantId: DEFAULT_TENANT_UID,
      // Named by the user's own spelling of the name.
      ...made(CLI_USER, NOW),
    });
    expect(all[3]).toMatchObject({ groups: [], ...made({ uid: "1234", name: "former@example.com" }, "2025-01-01T00:00:00.000Z", { by: TEST_USER, at: "2025-01-01T00:00:00.000Z" }) });
  });

  it("refuses a query that would not run, naming its problems in the terms of its version (400), and stores nothing", async () => {
    const refused = [
      [{ name: "x", groups: [group(["deviceUserName", "IS", "a@b.c"])] }, "searches[0] (v2 terms): Unknown search term: deviceUserName"],
      [{ name: "x", apiVersion: 1, groups: [group(["user.email", "IS", "a@b.c"])] }, "searches[0] (v1 terms): Unknown search term: user.email"],
      [{ searches: [{ name: "ok", groups: [] }, { name: "x", groups: [group(["@timestamp", "WITHIN_THE_LAST", "soon"]), { filterClause: "AND", filters: [] }] }] }, "searches[1] (v2 terms): Not an ISO-8601 duration: soon; A filter group needs at least one filter"],
      [{ name: "x", groups: [], srtKey: "no.such", columns: ["event.id", "nope"] }, "searches[0] (v2 terms): Unknown sort key: no.such; Unknown column: nope"],
      [{ name: "x", groups: [], createdBy: "nobody@example.com" }, "searches[0]: createdBy: no user nobody@example.com in the tenant"],
      [{ name: "x", groups: [], createdByUid: "404" }, "searches[0]: createdBy: no user 404 in the tenant"],
      [{ name: "x", groups: [], modifiedAt: "yesterday" }, "searches[0]: modifiedAt is not an ISO-8601 instant"],
      [{ name: "x", groups: [{ subgroupClause: "OR", subgroups: [{ filters: ["IS"] }] }] }, "searches[0].groups[0].subgroups[0].filters[0] is not an object"],
    ] as const;
    for (const [body, message] of refused) {
      const res = await control().add(body);
      expect([res.status, res.body]).toEqual([400, { error: { code: "INVALID_SAVED_SEARCH", message } }]);
    }
    // The request's own shape is the spec's to refuse.
    for (const body of [{ groups: [] }, { name: "x", groups: [], apiVersion: 3 }, { name: "x", groups: [], extra: 1 }]) expect((await control().add(body)).status).toBe(400);
    expect((await get("/v2/file-events/saved-searches")).body.searches).toHaveLength(2);
  });

  it("answers 409 for an id the tenant holds or one given twice, 404 for an unknown tenant", async () => {
    const held = await control().add({ id: ALICE_ID, name: "again", groups: [] });
    expect([held.status, held.body]).toEqual([409, { error: { code: "SAVED_SEARCH_EXISTS", message: `The tenant holds saved search ${ALICE_ID} already` } }]);
    const twice = await control().add({ searches: [{ id: "a", name: "a", groups: [] }, { id: "a", name: "b", groups: [] }] });
    expect([twice.status, twice.body]).toEqual([409, { error: { code: "SAVED_SEARCH_EXISTS", message: "Saved search a is given twice" } }]);
    const unknown = await control().add({ name: "x", groups: [] }, "no-such-tenant");
    expect([unknown.status, unknown.body]).toEqual([404, { error: { code: "TENANT_NOT_FOUND", message: "Tenant not found" } }]);
  });

  it("removes a search (204), then 404; 404 for an unknown tenant", async () => {
    expect((await control().remove(ALICE_ID)).status).toBe(204);
    expect((await get("/v2/file-events/saved-searches")).body).toEqual({ searches: [REMOVABLE_V2] });
    const again = await control().remove(ALICE_ID);
    expect([again.status, again.body]).toEqual([404, { error: { code: "SAVED_SEARCH_NOT_FOUND", message: "Saved search not found" } }]);
    const unknown = await control().remove(ALICE_ID, "no-such-tenant");
    expect([unknown.status, unknown.body]).toEqual([404, { error: { code: "TENANT_NOT_FOUND", message: "Tenant not found" } }]);
  });
});

describe("fixtures, state export and tenant copies", () => {
  const TENANT = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  const doc = (savedSearches: object[]) => ({
    tenants: [
      {
        tenantUid: TENANT,
        name: "Searches Co",
        orgs: [{ orgName: "Root" }],
        users: [{ username: "sec@searches.example", userUid: "111111", org: "Root", roles: ["Security Center User"] }],
        apiClients: [{ clientId: "searches-client", secret: "searches-secret", roles: ["Customer Cloud Admin"] }],
        savedSearches,
      },
    ],
  });

  it("loads a tenant's searches from a fixture; a bad one refuses the document at its place", async () => {
    const res = await emu.http.post("/_emulator/fixtures").send(doc([{ id: "f-1", name: "Mine", notes: "n", groups: [group(["user.email", "IS", "sec@searches.example"])], createdAt: "2026-01-05T00:00:00.000Z" }]));
    expect([res.status, res.body]).toEqual([201, { tenants: [TENANT] }]);
    const token = await emu.gatewayToken("searches-client", "searches-secret");
    expect((await get("/v2/file-events/saved-searches", `Bearer ${token}`)).body).toEqual({
      searches: [{ id: "f-1", name: "Mine", notes: "n", apiVersion: 2, columns: null, groupClause: "AND", groups: [group(["user.email", "IS", "sec@searches.example"])], srtKey: null, srtDir: "desc", tenantId: TENANT, ...made({ uid: "111111", name: "sec@searches.example" }, "2026-01-05T00:00:00.000Z") }],
    });
    const bad = await fresh.http.post("/_emulator/fixtures").send(doc([{ name: "Bad", apiVersion: 1, groups: [group(["file.name", "IS", "x"])] }]));
    expect([bad.status, bad.body]).toEqual([400, { error: { code: "INVALID_FIXTURE", message: expect.stringContaining("savedSearches: searches[0] (v1 terms): Unknown search term: file.name") } }]);
  });

  it("the state export writes every search whole, and it loads again to the same export", async () => {
    expect((await control().add({ searches: [BLOCKS, { ...V2_ONLY, columns: ["event.id"], srtKey: "event.id", srtDir: "asc" }] })).status).toBe(201);
    const tenantOf = async (on: TestEmulator) => ((await on.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; savedSearches?: object[] }[]).find((t) => t.tenantUid === DEFAULT_TENANT_UID)!;
    const exported = await tenantOf(emu);
    expect(exported.savedSearches).toEqual([
      {
        id: ALICE_ID,
        name: "Alice's cloud uploads",
        notes: "Everything Alice Adams sent to cloud storage in the last 30 days.",
        apiVersion: 2,
        groupClause: "AND",
        groups: ALICE_V2.groups,
        srtKey: "@timestamp",
        srtDir: "desc",
        createdBy: TEST_USER.name,
        createdByUid: TEST_USER.uid,
        createdAt: "2026-01-12T15:04:05.000Z",
        modifiedBy: TEST_USER.name,
        modifiedByUid: TEST_USER.uid,
        modifiedAt: "2026-01-12T15:04:05.000Z",
      },
      expect.objectContaining({ id: REMOVABLE_ID, apiVersion: 1, groups: REMOVABLE_V1.groups, createdBy: CLI_USER.name, modifiedBy: TEST_USER.name }),
      expect.objectContaining({ id: "blocks", groups: BLOCKS.groups }),
      expect.objectContaining({ id: "v2-only", columns: ["event.id"], srtKey: "event.id", srtDir: "asc" }),
    ]);
    await fresh.http.delete(`/_emulator/tenants/${DEFAULT_TENANT_UID}`);
    expect((await fresh.http.post("/_emulator/fixtures").send({ tenants: [exported] })).status).toBe(201);
    expect(await tenantOf(fresh)).toEqual(exported);
  });

  it("a tenant copy has the same searches under the same ids, its authors by the copy's sign-in names", async () => {
    const copy = (await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "w1" })).body as { tenantUid: string; apiClients: Record<string, string> };
    const token = await emu.gatewayToken(copy.apiClients.client_id, "secret");
    const copied = { ...made({ uid: TEST_USER.uid, name: "test.user+w1@example.com" }, "2026-01-12T15:04:05.000Z"), tenantId: copy.tenantUid };
    expect((await get("/v2/file-events/saved-searches", `Bearer ${token}`)).body).toEqual({
      searches: [
        { ...ALICE_V2, ...copied },
        { ...REMOVABLE_V2, ...made({ uid: CLI_USER.uid, name: "test_username+w1@example.com" }, "2025-06-03T08:00:00.000Z", { by: { uid: TEST_USER.uid, name: "test.user+w1@example.com" }, at: "2026-01-20T10:30:00.000Z" }), tenantId: copy.tenantUid },
      ],
    });
    // Separate: removing the copy's leaves the original's.
    expect((await control().remove(ALICE_ID, copy.tenantUid)).status).toBe(204);
    expect((await get("/v2/file-events/saved-searches")).body.searches).toHaveLength(2);
  });
});
