// The scenario end to end: a departing employee's three cloud uploads after his departure date raise one
// alert and one session; resolved with a note on the gateway, the state and the note show on py42's wire and in the
// audit log; the alert's events go into a case, whose full export holds them and whose summary py42 downloads.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { binary, bytes, pdfText, unzip } from "../helpers/exports.js";
import { callsAs } from "../helpers/gateway.js";

const emu = emulatorPerFile();
let gateway: string;
let legacy: string;
// Bob's departure date in the default tenant is 2026-12-31.
const NOW = "2027-01-06T09:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
  gateway = `Bearer ${await emu.gatewayToken()}`;
  legacy = `v3_user_token ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
const gw = callsAs(emu, () => gateway);
const py = callsAs(emu, () => legacy);

const upload = (i: number) => ({
  "@timestamp": `2027-01-05T16:1${i}:00.000Z`,
  event: { id: `bob-upload-${i}`, action: "application-read", vector: "UPLOADED" },
  user: { email: "bob.brown@example.com" },
  destination: { category: "Cloud Storage", name: "Google Drive" },
  file: { name: `roadmap-${i}.pptx`, directory: "/Users/bob/Documents/", category: "Presentation", sizeInBytes: 2_000_000, hash: { sha256: `${i}`.repeat(64) } },
  risk: { score: 8, severity: "HIGH", indicators: [{ name: "Google Drive upload", weight: 5 }, { name: "Departing", weight: 3 }] },
});

it("a departing employee's uploads: alert and session, resolved with a note, its events in a case and its export", async () => {
  const rule = { name: "Departing: cloud uploads", severity: "HIGH", watchlists: ["DEPARTING_EMPLOYEE"], vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } } };
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/alert-rules`).send(rule)).status).toBe(201);
  expect((await emu.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events`).send({ events: [upload(1), upload(2), upload(3)] })).status).toBe(201);

  // One alert, with the three events in its observation; one session holding them.
  const query = { tenantId: DEFAULT_TENANT_UID, groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtDirection: "DESC", srtKey: "CreatedAt" };
  const page = (await gw.post("/v1/alerts/query-alerts", query)).body;
  expect(page).toMatchObject({ totalCount: 1, alerts: [{ name: rule.name, actor: "bob.brown@example.com", severity: "HIGH", riskSeverity: "HIGH", state: "OPEN" }] });
  const alertId = page.alerts[0].id as string;
  const details = (await gw.post("/v1/alerts/query-details", { alertIds: [alertId] })).body;
  const eventIds = JSON.parse(details.alerts[0].observations[0].data).files.map((f: { eventId: string }) => f.eventId);
  expect(eventIds).toEqual(["bob-upload-1", "bob-upload-2", "bob-upload-3"]);
  const sessions = (await gw.get("/v1/sessions?page_number=0&page_size=50")).body;
  expect(sessions.totalCount).toBe(1);
  const sessionEvents = (await gw.get(`/v1/sessions/${sessions.items[0].sessionId}/events`)).body.queryResult.fileEvents;
  expect(sessionEvents.map((e: { event: { id: string } }) => e.event.id)).toEqual(eventIds);

  // Resolved with a note on the gateway: py42's wire and the audit log show it.
  expect((await gw.post("/v1/alerts/update-state", { tenantId: DEFAULT_TENANT_UID, alertIds: [alertId], state: "RESOLVED", note: "copied to a personal drive; HR informed" })).status).toBe(200);
  const seen = (await py.post("/svc/api/v1/query-details", { tenantId: DEFAULT_TENANT_UID, alertIds: [alertId] })).body.alerts[0];
  expect([seen.state, seen.note.message]).toEqual(["RESOLVED", "copied to a personal drive; HR informed"]);
  const audit = (await gw.post("/v1/audit/search-audit-log", { eventTypes: ["alert::state_changed/1", "alert::note_added/1"], page: 0, pageSize: 100 })).body.events;
  expect(audit.map((e: { type$: string; alertId: string }) => [e.type$, e.alertId]).sort()).toEqual([
    ["alert::note_added/1", alertId],
    ["alert::state_changed/1", alertId],
  ].sort());

  // Its events go into a case; the full export holds them, the summary is py42's download.
  const made = await gw.post("/v1/cases", { name: "Bob's uploads", subject: "942897397520280005", assignee: null, description: `Alert ${alertId}`, findings: null });
  expect(made.status).toBe(200);
  expect((await gw.post(`/v1/cases/${made.body.number}/fileevent`, { events: eventIds })).status).toBe(204);
  const zip = await binary(emu, `/v1/cases/${made.body.number}/export/full?summary=True&fileEvents=True&files=True`, gateway);
  const entries = unzip(bytes(zip));
  const n = made.body.number as number;
  expect([...entries.keys()].sort()).toEqual([`Case-${n}-file-events.csv`, `Case-${n}.pdf`, ...eventIds.map((id: string, i: number) => `files/${id}/roadmap-${i + 1}.pptx`)].sort());
  const csv = entries.get(`Case-${n}-file-events.csv`)!.toString("utf8");
  for (const id of eventIds) expect(csv).toContain(id);
  const pdf = await binary(emu, `/api/v1/case/${n}/export`, legacy);
  expect(pdfText(bytes(pdf))).toContain("Name:             Bob's uploads");
});
