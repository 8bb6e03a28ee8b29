// SQLite keeps each file event's JSON as JSONB (src/domains/fileevents/completed.ts), whichever way it was written:
// a fixture's exposure events, an ingest, generated events (one at a time and a fixture's bulk load) and the rewrite
// when trusted activities change. Pages, searches and the state export read it back as the event that was given.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { callsAs } from "../helpers/gateway.js";
import { TEST_PG } from "../helpers/postgres.js";

const emu = emulatorPerFile();
let gateway: string;
beforeEach(async () => {
  gateway = `Bearer ${await emu.gatewayToken()}`;
});
const { post } = callsAs(emu, () => gateway);

/** How many of the tenant's events are held as JSONB (a blob), and how many as anything else. */
function storage(): { jsonb: number; other: number } {
  const sqlite = emu.database.sqlite!;
  const count = (where: string) => sqlite.prepare(`select count(*) from file_events where tenant_uid = ? and ${where}`).pluck().get(DEFAULT_TENANT_UID) as number;
  return { jsonb: count("typeof(event_json) = 'blob'"), other: count("typeof(event_json) <> 'blob'") };
}

const UPLOAD = {
  "@timestamp": "2026-01-08T10:00:00.000Z",
  event: { id: "stored-1", action: "file-uploaded", observer: "Endpoint" },
  user: { email: "alice.adams@example.com" },
  file: { name: "résumé \"final\".pdf", sizeInBytes: 2048 },
  destination: { category: "Cloud Storage", name: "Dropbox", tabs: [{ title: "Home - Dropbox", url: "https://www.dropbox.com/home" }], domains: ["dropbox.com"] },
};
const byId = (id: string) => ({ groups: [{ filterClause: "AND", filters: [{ term: "event.id", operator: "IS", value: id }] }], srtKey: "event.id", srtDir: "asc", pgSize: 10 });

(TEST_PG ? describe.skip : describe)("file events held as JSONB (SQLite)", () => {
  it("the fixture's exposure events, an ingest and generated events, read back as given", async () => {
    const fromFixture = storage();
    expect(fromFixture).toEqual({ jsonb: expect.any(Number), other: 0 });
    expect(fromFixture.jsonb).toBeGreaterThan(0);

    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [UPLOAD] })).status).toBe(201);
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events/generate`).send({ user: ADMIN.username, kind: "cloud-upload", count: 20, within: "1d", seed: 7 })).status).toBe(201);
    const generateFileEvents = [{ user: ADMIN.username, kind: "removable-media", count: 30, within: "1d", seed: 8 }];
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: DEFAULT_TENANT_UID, generateFileEvents }] })).status).toBe(201);
    expect(storage()).toEqual({ jsonb: fromFixture.jsonb + 51, other: 0 });

    const found = await post("/v2/file-events", byId("stored-1"));
    expect(found.status).toBe(200);
    expect(found.body.fileEvents[0]).toMatchObject({ ...UPLOAD, destination: { ...UPLOAD.destination, tabs: [{ ...UPLOAD.destination.tabs[0], titleError: null, urlError: null }] } });
    // A term without a column of its own is read from the stored JSON.
    const byDomain = await post("/v2/file-events", { ...byId("stored-1"), groups: [{ filterClause: "AND", filters: [{ term: "destination.domains", operator: "IS", value: "dropbox.com" }] }] });
    expect(byDomain.body.fileEvents.map((e: { event: { id: string } }) => e.event.id)).toEqual(["stored-1"]);
  });

  it("stays JSONB when trusted activities mark the events again, and the state export reads it", async () => {
    expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [UPLOAD] })).status).toBe(201);
    const trusted = await post("/v2/trusted-activities", { type: "DOMAIN", value: "dropbox.com", description: null, isHighValueSource: null, activityActionGroups: [] });
    expect(trusted.status).toBe(200);
    expect(storage().other).toBe(0);
    const found = await post("/v2/file-events", byId("stored-1"));
    expect(found.body.fileEvents[0].risk).toMatchObject({ trusted: true, trustReason: "Trusted browser URL" });

    const state = await emu.http.get("/_emulator/state");
    expect(state.status).toBe(200);
    const tenant = state.body.tenants.find((t: { tenantUid: string }) => t.tenantUid === DEFAULT_TENANT_UID);
    const exported = tenant.fileEvents.find((e: { event: { id: string } }) => e.event.id === "stored-1");
    expect(exported).toMatchObject({ event: UPLOAD.event, file: UPLOAD.file, risk: { trusted: true, trustReason: "Trusted browser URL" } });
  });
});
