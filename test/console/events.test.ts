// The console's file events, alerts and sessions, and cases: data the control plane and the gateway put in shows up
// (file events even while the view is open: their intake is not journaled, the view asks again every 5 s), and the
// console's actions (resolving an alert, opening and closing a case) go through the API, as HTTP then reports.
import type { Page } from "playwright-core";
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";
import { ADMIN, DEFAULT_TENANT_UID } from "../helpers/emulator.js";

const T = DEFAULT_TENANT_UID;
// Bob's departure date in the default tenant is 2026-12-31; the clock stands a few days later.
const NOW = "2027-01-06T09:00:00.000Z";
const BOB = { email: "bob.brown@example.com", uid: "942897397520280005" };

const upload = (i: number, at: string, who = BOB.email) => ({
  "@timestamp": at,
  event: { id: `upload-${i}`, action: "application-read", vector: "UPLOADED" },
  user: { email: who },
  destination: { category: "Cloud Storage", name: "Google Drive" },
  file: { name: `roadmap-${i}.pptx`, directory: "/Users/bob/Documents/", category: "Presentation", sizeInBytes: 2_000_000 },
  risk: { score: 8, severity: "HIGH", indicators: [{ name: "Google Drive upload", weight: 5 }] },
});
const RULE = { name: "Departing: cloud uploads", severity: "HIGH", watchlists: ["DEPARTING_EMPLOYEE"], vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } } };

/** The text of each body row's cell `n` (1-based, counting the expand button's column). */
const column = (page: Page, n: number) => page.locator(`tbody tr.event-row td:nth-child(${n})`).allInnerTexts();

describeInBrowser("console: file events, alerts and sessions, cases", () => {
  const c = consolePerFile();
  let bearer: string;
  beforeEach(async () => {
    await c.emulator.http.post("/_emulator/clock/freeze");
    await c.emulator.http.post("/_emulator/clock/set").send({ at: NOW });
    bearer = `v3_user_token ${await c.emulator.tokenFor(ADMIN.username, ADMIN.password)}`;
  });
  const addEvents = async (events: object[]) => expect((await c.emulator.http.post(`/_emulator/tenants/${T}/file-events`).send({ events })).status).toBe(201);

  it("lists file events newest first, picks up events added while it is open, filters and shows an event's JSON", async () => {
    await addEvents([upload(1, "2027-01-05T16:10:00.000Z"), upload(2, "2027-01-05T16:20:00.000Z", "alice.adams@example.com")]);
    const page = await c.open("#/file-events");
    await page.getByRole("heading", { level: 1, name: "File events" }).waitFor();
    await page.getByText("roadmap-2.pptx").waitFor();
    // The rows are the API's answer, newest first (the default tenant holds one older event of bob's besides these).
    const expected = async () => {
      const res = await c.emulator.http.post("/v2/file-events").set("Authorization", bearer).send({ groups: [], pgSize: 25, srtKey: "@timestamp", srtDir: "desc" });
      return { total: res.body.totalCount as number, names: res.body.fileEvents.map((e: { file: { name: string | null } }) => e.file.name ?? "—") as string[] };
    };
    const names = async () => (await column(page, 5)).map((s) => s.split("\n")[0]);
    const before = await expected();
    expect(before.names.slice(0, 2)).toEqual(["roadmap-2.pptx", "roadmap-1.pptx"]);
    expect(await names()).toEqual(before.names);
    expect((await column(page, 3)).slice(0, 2)).toEqual(["alice.adams@example.com", BOB.email]);

    // Added through the control plane while the view is open: it lands on top within one refresh.
    await addEvents([upload(3, "2027-01-06T08:30:00.000Z"), upload(4, "2026-11-01T08:00:00.000Z")]);
    await page.getByText("roadmap-3.pptx").waitFor({ timeout: 12_000 });
    const after = await expected();
    expect(after.total).toBe(before.total + 2);
    expect(after.names.slice(0, 3)).toEqual(["roadmap-3.pptx", "roadmap-2.pptx", "roadmap-1.pptx"]);
    expect(after.names.at(-1)).toBe("roadmap-4.pptx");
    expect(await names()).toEqual(after.names);
    await page.getByText(`1–${after.total} of ${after.total}`).waitFor();
    await c.shot(page, "file-events");

    // Filters go into the query's groups: the last 7 days by the emulator's clock, then bob only.
    await page.getByLabel("Time range").selectOption("7d");
    await page.waitForFunction("document.querySelectorAll('tbody tr.event-row').length === 3");
    await page.getByLabel("Actor (e-mail)").fill(BOB.email);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForFunction("document.querySelectorAll('tbody tr.event-row').length === 2");
    expect(await names()).toEqual(["roadmap-3.pptx", "roadmap-1.pptx"]);
    expect(page.url()).toContain(`actor=${encodeURIComponent(BOB.email)}`);

    // A row opens to the whole event as the API answered it.
    await page.getByRole("button", { name: "Event upload-3 (roadmap-3.pptx)" }).click();
    const json = JSON.parse(await page.locator("tr.event-json pre").innerText());
    const api = await c.emulator.http.post("/v2/file-events").set("Authorization", bearer).send({ groups: [{ filterClause: "AND", filters: [{ term: "event.id", operator: "IS", value: "upload-3" }] }] });
    expect(json).toEqual(api.body.fileEvents[0]);

    const narrow = await c.open("#/file-events", { width: 800, height: 900 });
    await narrow.getByText("roadmap-3.pptx").waitFor();
    await c.shot(narrow, "file-events-800");
  }, 60_000);

  it("lists the alert an enabled rule raised, shows its details, and resolves it with a note through the API", async () => {
    expect((await c.emulator.http.post(`/_emulator/tenants/${T}/alert-rules`).send(RULE)).status).toBe(201);
    await addEvents([1, 2, 3].map((i) => upload(i, `2027-01-05T16:1${i}:00.000Z`)));
    const query = { groupClause: "AND", groups: [], pgNum: 0, pgSize: 100, srtDirection: "DESC", srtKey: "CreatedAt" };
    const alerts = (await c.emulator.http.post("/v1/alerts/query-alerts").set("Authorization", bearer).send(query)).body.alerts;
    expect(alerts).toHaveLength(1);
    const alertId = alerts[0].id as string;

    const page = await c.open("#/alerts");
    const link = page.getByRole("link", { name: RULE.name });
    await link.waitFor();
    const row = page.locator("tbody tr", { has: link });
    expect(await row.innerText()).toContain(BOB.email);
    await c.shot(page, "alerts");

    await link.click();
    await page.getByRole("heading", { level: 1, name: `Alert: ${RULE.name}` }).waitFor();
    expect(page.url()).toContain(`#/alerts/${alertId}`);
    const facts = page.locator("dl.facts");
    expect(await facts.innerText()).toContain(BOB.email);
    expect(await facts.innerText()).toContain("Departing Employees");
    for (const i of [1, 2, 3]) await page.getByRole("cell", { name: `roadmap-${i}.pptx` }).waitFor();

    // Resolved from the console, with a note: the gateway reports it.
    await page.getByLabel("New state").selectOption("RESOLVED");
    await page.getByLabel("Note with the change (optional)").fill("copied to a personal drive; HR informed");
    await page.getByRole("button", { name: "Resolve" }).click();
    await page.getByText("State set to resolved.").waitFor();
    await page.locator("blockquote.note", { hasText: "copied to a personal drive; HR informed" }).waitFor();
    const after = (await c.emulator.http.post("/v1/alerts/query-alerts").set("Authorization", bearer).send(query)).body.alerts[0];
    expect([after.id, after.state, after.stateLastModifiedBy]).toEqual([alertId, "RESOLVED", ADMIN.username]);

    await page.getByLabel("New note").fill("closing the loop");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator("blockquote.note", { hasText: "closing the loop" }).waitFor();
    const details = (await c.emulator.http.post("/v1/alerts/query-details").set("Authorization", bearer).send({ alertIds: [alertId] })).body.alerts[0];
    expect(details.note).toMatchObject({ message: "closing the loop", lastModifiedBy: ADMIN.username });
    await c.shot(page, "alert");

    // The Open tab no longer lists it; Resolved does.
    await page.goto(page.url().replace(/#.*/, "#/alerts"));
    await page.getByText("No open alerts.").waitFor();
    await page.goto(page.url().replace(/#.*/, "#/alerts?state=RESOLVED"));
    await page.getByRole("link", { name: RULE.name }).waitFor();
  }, 60_000);

  it("lists the session the rule's events made, with links to its alert and its events", async () => {
    expect((await c.emulator.http.post(`/_emulator/tenants/${T}/alert-rules`).send(RULE)).status).toBe(201);
    await addEvents([1, 2].map((i) => upload(i, `2027-01-05T16:1${i}:00.000Z`)));
    const sessions = (await c.emulator.http.get("/v1/sessions?page_number=0&page_size=50").set("Authorization", bearer)).body;
    expect(sessions.totalCount).toBe(1);
    const page = await c.open("#/alerts/sessions");
    await page.getByRole("heading", { level: 1, name: "Sessions" }).waitFor();
    const row = page.locator("tbody tr", { hasText: BOB.email });
    await row.waitFor();
    expect(await row.getByRole("link", { name: RULE.name }).getAttribute("href")).toBe(`#/alerts/${sessions.items[0].triggeredAlerts[0].alertId}`);
    await c.shot(page, "sessions");
    await row.getByRole("link", { name: "2 file events" }).click();
    await page.getByRole("heading", { level: 1, name: `Session of ${BOB.email}` }).waitFor();
    for (const i of [1, 2]) await page.getByRole("cell", { name: `roadmap-${i}.pptx` }).waitFor();
    // An event links to it in the file events view.
    await page.getByRole("link", { name: "upload-2" }).click();
    await page.getByRole("heading", { level: 1, name: "File events" }).waitFor();
    await page.getByText("Showing event upload-2 only.").waitFor();
    await page.waitForFunction("document.querySelectorAll('tbody tr.event-row').length === 1");
    expect(await page.locator("tbody tr.event-row td:nth-child(5)").innerText()).toContain("roadmap-2.pptx");
  }, 60_000);

  it("creates a case (the API's refusal shown as it words it), lists it, and closes it through the API", async () => {
    const page = await c.open("#/cases");
    await page.getByRole("heading", { level: 1, name: "Cases" }).waitFor();
    await page.getByText("No open cases.").waitFor();
    await page.getByRole("button", { name: "New case" }).click();
    await page.getByRole("button", { name: "Create case" }).click();
    await page.getByRole("dialog").getByText("A case needs a name").waitFor();

    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: "Name" }).fill("Bob's uploads");
    await dialog.locator(`option[value="${BOB.uid}"]`).first().waitFor({ state: "attached" });
    await dialog.getByLabel("Subject").selectOption(BOB.uid);
    await dialog.getByLabel("Description").fill("Three decks to Google Drive");
    await dialog.getByRole("button", { name: "Create case" }).click();
    await page.getByRole("heading", { level: 1, name: "Case 1: Bob's uploads" }).waitFor();
    const listed = (await c.emulator.http.get("/v1/cases").set("Authorization", bearer)).body;
    expect(listed.cases.map((x: { number: number; name: string; status: string; subjectUsername: string }) => [x.number, x.name, x.status, x.subjectUsername])).toEqual([[1, "Bob's uploads", "OPEN", BOB.email]]);

    // Its file events, added on the API, show on its page.
    await addEvents([upload(7, "2027-01-05T16:10:00.000Z")]);
    expect((await c.emulator.http.post("/v1/cases/1/fileevent").set("Authorization", bearer).send({ events: ["upload-7"] })).status).toBe(204);
    await page.getByRole("cell", { name: "roadmap-7.pptx" }).waitFor();
    await c.shot(page, "case");

    await page.getByRole("button", { name: "Close case" }).click();
    await page.getByText("Case 1 closed.").waitFor();
    expect((await c.emulator.http.get("/v1/cases/1").set("Authorization", bearer)).body).toMatchObject({ status: "CLOSED", name: "Bob's uploads", subject: BOB.uid, description: "Three decks to Google Drive" });
    // Reopening is the API's to judge: the emulator keeps a closed case closed, and the console says so in its words.
    await page.getByRole("button", { name: "Reopen case" }).click();
    await page.getByRole("alert").getByText("NO_EDITS_ONCE_CLOSED").waitFor();

    // A second case, a minute later: the list sorts by last change, the closed one under Closed.
    await c.emulator.http.post("/_emulator/clock/advance").send({ by: "1m" });
    expect((await c.emulator.http.post("/v1/cases").set("Authorization", bearer).send({ name: "Another" })).status).toBe(200);
    await page.goto(page.url().replace(/#.*/, "#/cases?status=all"));
    await page.getByRole("link", { name: "Another" }).waitFor();
    expect(await page.locator("tbody tr td:nth-child(2)").allInnerTexts()).toEqual(["Another", "Bob's uploads"]);
    await c.shot(page, "cases");
    await page.goto(page.url().replace(/#.*/, "#/cases?status=CLOSED"));
    await page.getByRole("link", { name: "Bob's uploads" }).waitFor();
    expect(await page.getByRole("link", { name: "Another" }).count()).toBe(0);
  }, 60_000);
});
