// GET /_emulator/state writes a large tenant as it reads it, a batch of users (and of file events, alerts and
// sessions) at a time: across the batches' edges, each user keeps what they own, alerts and sessions keep their order,
// and the streamed document is the one the in-process API gathers.
import { exportState } from "../../src/control/state.js";
import { startTestEmulator, withEmulatorOf, type TestEmulator } from "../helpers/emulator.js";

const TENANT = "5a7e0000-ba7c-4e5f-9a7b-000000002500";
const USERS = 2_500; // users are read 1,000 at a time
const EVENTS = 6_000; // events 5,000 at a time
const username = (i: number) => `u${i}@batches.example`;

/** Every 3rd user has a device, every 2nd is a custodian, every 5th is an Org Admin; users 2,000 on are child actors of users 0 on. */
function fixture() {
  return {
    tenants: [
      {
        tenantUid: TENANT,
        name: "Batches",
        orgs: [{ orgName: "Batches", orgUid: "777000000000000001" }],
        legalHolds: [{ name: "Matter A" }, { name: "Matter B" }],
        users: Array.from({ length: USERS }, (_, i) => ({
          username: username(i),
          org: "777000000000000001",
          roles: i % 5 === 0 ? ["Desktop User", "Org Admin"] : ["Desktop User"],
          ...(i % 3 === 0 ? { devices: [{ name: `laptop-${i}`, osName: "mac" }, ...(i % 9 === 0 ? [{ name: `desktop-${i}`, osName: "win" }] : [])] } : {}),
          ...(i % 2 === 0 ? { legalHolds: i % 4 === 0 ? ["Matter B", "Matter A"] : ["Matter A"] } : {}),
          ...(i >= 2_000 ? { actorParent: username(i - 2_000) } : {}),
        })),
        generateFileEvents: [{ user: username(1), kind: "cloud-upload", count: EVENTS, within: "30d", seed: 3 }],
        // Judged as they load: their alerts and sessions (5,000 a batch) are exported batch by batch too.
        alertRules: [{ name: "uploads", id: "rule-uploads", vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } } }],
      },
    ],
  };
}

interface ExportedUser {
  username: string;
  roles: string[];
  devices?: { name: string }[];
  legalHolds: string[];
  actorParent?: string;
}

describe("the state export of a tenant larger than a batch", () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
    expect((await emu.http.post("/_emulator/fixtures").send(fixture())).status).toBe(201);
  }, 60_000);
  afterAll(() => emu.close());

  it("keeps each user's roles, devices, matters and parent across the batches, in the order they were made", async () => {
    const res = await emu.http.get("/_emulator/state");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    // Written as it is read: no length known up front.
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    const tenant = res.body.tenants.find((t: { tenantUid: string }) => t.tenantUid === TENANT);
    const users = tenant.users as ExportedUser[];
    expect(users.map((u) => u.username)).toEqual(Array.from({ length: USERS }, (_, i) => username(i)));
    users.forEach((u, i) => {
      expect(u.roles).toEqual(i % 5 === 0 ? ["desktop-user", "org-admin"] : ["desktop-user"]);
      expect((u.devices ?? []).map((d) => d.name)).toEqual(i % 3 === 0 ? [`laptop-${i}`, ...(i % 9 === 0 ? [`desktop-${i}`] : [])] : []);
      expect(u.legalHolds).toEqual(i % 2 === 0 ? (i % 4 === 0 ? ["Matter B", "Matter A"] : ["Matter A"]) : []);
      expect(u.actorParent).toBe(i >= 2_000 ? username(i - 2_000) : undefined);
    });
    const ids = (tenant.fileEvents as { event: { id: string } }[]).map((e) => e.event.id);
    expect(ids).toHaveLength(EVENTS);
    expect(new Set(ids).size).toBe(EVENTS);
    // The streamed document is the one the in-process API (startEmulator's control.state()) gathers.
    expect(res.body).toEqual(await exportState(emu.database.db, false));
  }, 60_000);

  it("keeps alerts and sessions whole and in order across their batches (5,000 each)", async () => {
    const doc = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    const tenant = doc.tenants.find((t: { tenantUid: string }) => t.tenantUid === TENANT);
    const { alerts, sessions } = tenant as { alerts: Record<string, unknown>[]; sessions: Record<string, unknown>[] };
    expect(alerts.length).toBeGreaterThan(0);
    expect(sessions.length).toBeGreaterThan(0);
    // Copies of the rule's alerts and sessions under new ids, past a batch: many share a time, so the ids order them.
    const n = 5_100;
    const id = (prefix: string, i: number) => `${prefix}-${String((i * 7919) % n).padStart(5, "0")}`;
    // Two events each: the rule's two sessions hold thousands.
    const fileEvents = (o: Record<string, unknown>) => (o.fileEvents as unknown[]).slice(0, 2);
    tenant.sessions = Array.from({ length: n }, (_, i) => ({ ...sessions[i % sessions.length], id: id("s", i), fileEvents: fileEvents(sessions[i % sessions.length]!) }));
    tenant.alerts = Array.from({ length: n }, (_, i) => {
      const { notes: _notes, ...alert } = alerts[i % alerts.length]!;
      return { ...alert, id: id("a", i), sessionId: id("s", i), fileEvents: fileEvents(alert) };
    });
    const inOrder = <T extends Record<string, unknown>>(items: T[], key: string) =>
      [...items].sort((a, b) => (a[key]! < b[key]! ? -1 : a[key]! > b[key]! ? 1 : a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
    await withEmulatorOf(doc, async (copy) => {
      const res = await copy.http.get("/_emulator/state?includeCredentials=true");
      const exported = res.body.tenants.find((t: { tenantUid: string }) => t.tenantUid === TENANT);
      expect(exported.sessions).toEqual(inOrder(tenant.sessions, "beginTime"));
      expect(exported.alerts).toEqual(inOrder(tenant.alerts, "createdAt"));
      expect(res.body).toEqual(await exportState(copy.database.db, true));
    });
  }, 120_000);

  it("loads back to the same document", async () => {
    const doc = (await emu.http.get("/_emulator/state?includeCredentials=true")).body;
    await withEmulatorOf(doc, async (copy) => expect((await copy.http.get("/_emulator/state?includeCredentials=true")).body).toEqual(doc));
  }, 120_000);
});
