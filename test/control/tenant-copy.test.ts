// A tenant copy holds every row of the tenant. The tables it copies as they are (by INSERT … SELECT) hold the same
// rows in the same order, but for the tenant and the ids their tables give; every other table as many rows.
import { emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();

const TENANT = "7d2c3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const VECTORS = { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } };
const upload = (i: number, email = "sam@example.com") => ({
  "@timestamp": `2027-01-05T10:0${i}:00.000Z`,
  event: { id: `up-${i}`, action: "application-read", vector: "UPLOADED" },
  user: { email },
  destination: { category: "Cloud Storage", name: "Dropbox" },
  file: { name: `f${i}.txt`, sizeInBytes: 6 },
  risk: { score: 3 },
  content: { text: `file ${i}` },
});

/** The tables written as they are; trusted activities and audit events get their own ids. */
const AS_THEY_ARE = ["detection_profiles", "watchlists", "watchlist_excluded_users", "watchlist_departments", "file_events", "file_contents", "case_numbers", "cases", "case_file_events", "trusted_activities", "audit_events", "watchlist_users", "alert_rule_users", "alert_rule_watchlists", "session_events", "session_states", "session_notes", "alert_events", "alert_candidates"];
const OWN_IDS = ["event_id", "activity_id"];

it("a copy has each of the tenant's tables, row for row", async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2027-01-05T10:30:00.000Z" });
  const loaded = await emu.http.post("/_emulator/fixtures").send({
    tenants: [
      {
        tenantUid: TENANT,
        name: "Copied Tenant",
        registrationKey: "COPY-TNNT-0000-0003",
        orgs: [{ orgName: "Root" }],
        users: [
          { username: "sam@example.com", password: "password", org: "Root", roles: ["Customer Cloud Admin"], scim: { department: "Sales" }, departingEmployee: { departureDate: "2027-02-01" } },
          { username: "kim@example.com", org: "Root", scim: { department: "Sales" } },
        ],
        apiClients: [{ clientId: "copy_source", secret: "copy-secret", roles: ["Customer Cloud Admin"] }],
        watchlists: [{ listType: "CUSTOM", title: "Sales", departments: [{ name: "Sales" }], excludedUsers: [{ username: "kim@example.com" }] }],
        trustedActivities: [{ type: "DOMAIN", value: "trusted.example.com" }],
        alertRules: [
          { name: "uploads", id: "rule-uploads", vectors: VECTORS, users: { mode: "INCLUDE", usernames: ["sam@example.com"] } },
          { name: "departing", id: "rule-departing", vectors: VECTORS, watchlists: ["DEPARTING_EMPLOYEE"] },
          { name: "many uploads", id: "rule-many", vectors: VECTORS, filters: { fileVolume: { countGreaterThan: 5, operator: "AND", sizeGreaterThanInBytes: 0 } } },
        ],
        fileEvents: [upload(1), upload(2), upload(3, "kim@example.com")],
        cases: [{ name: "leak", fileEvents: ["up-1", "up-2"] }],
      },
    ],
  });
  expect([loaded.status, loaded.text]).toEqual([201, loaded.text]);
  const auth = `Bearer ${await emu.gatewayToken("copy_source", "copy-secret")}`;
  const alerts = (await emu.http.post("/v1/alerts/query-alerts").set("Authorization", auth).send({ groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtDirection: "ASC", srtKey: "CreatedAt" })).body.alerts as { id: string }[];
  expect((await emu.http.post("/v1/alerts/update-state").set("Authorization", auth).send({ alertIds: [alerts[0]!.id], state: "PENDING", note: "looking" })).status).toBe(200);
  const sessionId = (await emu.http.get("/v1/sessions?page_number=0&page_size=50&sort_direction=asc").set("Authorization", auth)).body.items[0].sessionId as string;
  expect((await emu.http.post(`/v1/sessions/${sessionId}/add-note`).set("Authorization", auth).send({ noteContent: "kept" })).status).toBe(204);

  const copy = await emu.http.post(`/_emulator/tenants/${TENANT}/copy`).send({ suffix: "x" });
  expect(copy.status).toBe(201);
  const copyUid = copy.body.tenantUid as string;

  const tables = new Map((await emu.control.state.tables()).map((t) => [t.name, t.columns]));
  const rowsOf = new Map((await emu.control.state.dump()).map((d) => [d.table, d.rows]));
  const tenantRows = (table: string, uid: string) => {
    const columns = tables.get(table)!;
    const at = columns.indexOf("tenant_uid");
    return rowsOf.get(table)!.filter((r) => r[at] === uid).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  };
  const without = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).filter(([c]) => c !== "tenant_uid" && !OWN_IDS.includes(c)));
  // An included user carries its user's names: the copy's (renamed) ones, and is sorted under the copy's watchlist's key.
  const names = ({ username, display_name, list_key: _, ...rest }: Record<string, unknown>) => [rest, username, display_name];
  const copiedNames = (row: Record<string, unknown>) => {
    const [rest, username, displayName] = names(row);
    return [rest, String(username).replace("@", "+x@"), String(displayName).replace("@", "+x@")];
  };
  for (const table of AS_THEY_ARE) {
    const source = tenantRows(table, TENANT);
    expect([table, source.length > 0]).toEqual([table, true]);
    const [copied, expected] = [tenantRows(table, copyUid).map(without), source.map(without)];
    if (table === "watchlist_users") expect(copied.map(names)).toEqual(expected.map(copiedNames));
    else expect([table, copied]).toEqual([table, expected]);
  }
  expect(tenantRows("watchlist_users", copyUid).map((r) => r.username)).toContain("sam+x@example.com");
  const copyAuth = `Bearer ${await emu.gatewayToken(copy.body.apiClients.copy_source, "copy-secret")}`;
  for (const { watchlist_id } of tenantRows("watchlists", copyUid)) {
    const page = await emu.http.get(`/v1/watchlists/${watchlist_id}/included-users`).set("Authorization", copyAuth);
    const included = tenantRows("watchlist_users", copyUid).filter((r) => r.watchlist_id === watchlist_id);
    expect([watchlist_id, page.status, page.body.includedUsers.map((u: { username: string }) => u.username)]).toEqual([watchlist_id, 200, included.map((r) => r.username)]);
  }
  const counted = [...tables].filter(([name, columns]) => columns.includes("tenant_uid") && !AS_THEY_ARE.includes(name));
  for (const [table] of counted) expect([table, tenantRows(table, copyUid).length]).toEqual([table, tenantRows(table, TENANT).length]);
});

it("a copy of a tenant larger than the pages it is read in keeps each user's roles, devices and holds with the user", async () => {
  const LARGE = "7d2c3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e60";
  const users = Array.from({ length: 2345 }, (_, i) => ({
    username: `u${i}@large.example`,
    org: "Root",
    roles: i % 3 ? ["Desktop User"] : ["Desktop User", "Customer Cloud Admin"],
    devices: i % 2 ? [{ name: `laptop ${i}` }] : [{ name: `laptop ${i}` }, { name: `desktop ${i}` }],
    legalHolds: i % 5 ? ["Matter"] : [],
  }));
  const loaded = await emu.http.post("/_emulator/fixtures").send({ tenants: [{ tenantUid: LARGE, name: "Large", orgs: [{ orgName: "Root" }], legalHolds: [{ name: "Matter" }], users }] });
  expect([loaded.status, loaded.text]).toEqual([201, loaded.text]);
  const copy = await emu.http.post(`/_emulator/tenants/${LARGE}/copy`).send({ suffix: "big" });
  expect(copy.status).toBe(201);
  const copyUid = copy.body.tenantUid as string;

  const tables = new Map((await emu.control.state.tables()).map((t) => [t.name, t.columns]));
  const rowsOf = new Map((await emu.control.state.dump()).map((d) => [d.table, d.rows]));
  const rows = (table: string) => {
    const columns = tables.get(table)!;
    return rowsOf.get(table)!.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])));
  };
  /** What each user of a tenant has, by user uid: roles, device names and the holds' custodianships. */
  const held = (tenantUid: string) => {
    const byId = new Map(rows("users").filter((u) => u.tenant_uid === tenantUid).map((u) => [u.user_id, u.user_uid as string]));
    const of = (pairs: [unknown, unknown][]) => pairs.filter(([id]) => byId.has(id)).map(([id, v]) => `${byId.get(id)} ${v}`).sort();
    return {
      users: byId.size,
      roles: of(rows("user_roles").map((r) => [r.user_id, r.role_id])),
      devices: of(rows("devices").map((d) => [d.user_id, d.name])),
      custodians: rows("legal_hold_memberships").filter((m) => m.tenant_uid === tenantUid).map((m) => m.user_uid).sort(),
      events: rows("legal_hold_events").filter((e) => e.tenant_uid === tenantUid).length,
    };
  };
  const source = held(LARGE);
  expect(source.users).toBe(2345);
  expect(source.devices.length).toBe(2345 + 1173);
  expect(held(copyUid)).toEqual(source);
});
