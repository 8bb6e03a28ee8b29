// The console's emulator views: the live journal, the outbox and its invitation links, the clock, faults, snapshots
// and coverage. Each acts through the browser and checks the effect through HTTP.
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";
import { ADMIN, DEFAULT_TENANT_UID } from "../helpers/emulator.js";

const ENG_UID = "1007759454961904673";
const CAROL = { userUid: "942897397520280006", userId: 4207 };

describeInBrowser("console: emulator views", () => {
  const c = consolePerFile();
  const bearer = async () => `Bearer ${await c.emulator.tokenFor(ADMIN.username, ADMIN.password)}`;

  it("shows a request live in the journal, with its response; the console's own writes only when asked", async () => {
    const page = await c.open("#/journal");
    await page.getByRole("heading", { level: 1, name: "Journal" }).waitFor();
    const row = page.getByRole("link", { name: "GET /api/v1/User", exact: true });
    await page.getByRole("status").filter({ hasText: /^Live: / }).waitFor();
    expect(await row.count()).toBe(0);

    const auth = await bearer();
    const res = await c.emulator.http.get("/api/v1/User?username=alice.adams%40example.com").set("Authorization", auth);
    expect(res.status).toBe(200);
    const alice = res.body.data.users[0];
    expect(alice.username).toBe("alice.adams@example.com");

    // No reload: the poller brings the row in.
    await row.waitFor();
    await page.getByRole("link", { name: "GET /api/v3/auth/jwt", exact: true }).waitFor();
    // Keyboard: Enter on the entry's link opens it.
    await row.focus();
    await page.keyboard.press("Enter");
    const details = page.getByRole("region", { name: /^Entry #\d+: GET \/api\/v1\/User$/ });
    await details.waitFor();
    await details.getByText("listUsers").waitFor();
    const response = details.locator("pre.json").last();
    await response.getByText(`"userUid": "${alice.userUid}"`).waitFor();
    expect(await page.evaluate("document.activeElement?.id")).toBe("entry-title");
    // The panel shows what the control plane keeps for that entry.
    const id = Number(/#\/journal\/(\d+)/.exec(page.url())![1]);
    const entry = await c.emulator.http.get(`/_emulator/journal/${id}`);
    expect(entry.body).toMatchObject({ method: "GET", path: "/api/v1/User", operationId: "listUsers", status: 200, client: null });
    expect(entry.body.response.data.users[0].userUid).toBe(alice.userUid);
    await c.shot(page, "journal");
    await page.setViewportSize({ width: 800, height: 900 });
    await c.shot(page, "journal-800");
    await page.setViewportSize({ width: 1280, height: 800 });

    // Filters: a 4xx filter hides the 200s.
    await page.getByLabel("Status").fill("4xx");
    await row.waitFor({ state: "detached" });
    await page.getByLabel("Status").fill("");
    await row.waitFor();

    // A console write: the completion page posts a (bogus) link token as the console.
    await page.goto(`${c.emulator.url}/console/#/complete-link?token=not-a-real-token&kind=INVITATION`);
    await page.getByLabel("New password", { exact: true }).fill("whatever-pass-1");
    await page.getByLabel("Confirm the password").fill("whatever-pass-1");
    await page.getByRole("button", { name: "Set the password" }).click();
    await page.getByText(/The API refused the password \(HTTP 400\): The link is unknown, used or expired/).waitFor();
    const journal = await c.emulator.http.get("/_emulator/journal");
    const own = journal.body.find((e: { path: string }) => e.path === "/api/v3/users/complete-link");
    expect(own).toMatchObject({ method: "POST", status: 400, client: "console", operationId: "completeAccountLink" });

    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Journal" }).click();
    await row.waitFor();
    const ownRow = page.getByRole("link", { name: "POST /api/v3/users/complete-link", exact: true });
    expect(await ownRow.count()).toBe(0);
    await page.getByLabel("Show the console's own calls").check();
    await ownRow.waitFor();
    // A click anywhere on a row opens it too.
    await page.getByRole("row").filter({ has: ownRow }).getByRole("cell", { name: "console", exact: true }).click();
    const ownDetails = page.getByRole("region", { name: /^Entry #\d+: POST \/api\/v3\/users\/complete-link$/ });
    await ownDetails.getByText("this console").waitFor();
    await ownDetails.getByText('"token": "[redacted]"').waitFor();

    // Paused, the list holds still; resumed, it catches up.
    await page.getByRole("button", { name: "Pause live updates" }).click();
    await page.getByRole("status").filter({ hasText: /^Paused: / }).waitFor();
    expect((await c.emulator.http.get("/api/v1/Org").set("Authorization", auth)).status).toBe(200);
    const orgs = page.getByRole("link", { name: "GET /api/v1/Org", exact: true });
    await page.waitForTimeout(2500); // more than two polls
    expect(await orgs.count()).toBe(0);
    await page.getByRole("button", { name: "Resume live updates" }).click();
    await orgs.waitFor();

    // Clear empties the list and the control plane's journal.
    await page.getByRole("button", { name: "Clear the journal" }).click();
    await page.getByText("No calls yet").waitFor();
    expect((await c.emulator.http.get("/_emulator/journal")).body).toEqual([]);
  });

  it("advances the clock past a token's 30 minutes, and the token is refused", async () => {
    const auth = await bearer();
    expect((await c.emulator.http.get("/api/v1/User").set("Authorization", auth)).status).toBe(200);
    const before = Date.parse((await c.emulator.http.get("/_emulator/clock")).body.now);

    const page = await c.open("#/clock");
    await page.getByRole("heading", { level: 1, name: "Clock" }).waitFor();
    await page.getByText("advancing past 30 minutes expires user tokens").waitFor();
    await page.getByRole("button", { name: "+31 min" }).click();
    await page.getByText(/^Advanced by 31m: the emulated time is now/).waitFor();

    const after = (await c.emulator.http.get("/_emulator/clock")).body;
    expect(Date.parse(after.now) - before).toBeGreaterThanOrEqual(31 * 60_000);
    expect(Date.parse(after.now) - before).toBeLessThan(32 * 60_000);
    const refused = await c.emulator.http.get("/api/v1/User").set("Authorization", auth);
    expect(refused.status).toBe(401);

    // Freeze shows the frozen state, and the control plane agrees.
    await page.getByRole("button", { name: "Freeze" }).click();
    await page.getByText("frozen: time stands still").waitFor();
    expect((await c.emulator.http.get("/_emulator/clock")).body.frozen).toBe(true);
    await c.shot(page, "clock");

    // Set: a date-time taken as UTC.
    await page.getByLabel("Date and time (UTC)").fill("2027-03-04T05:06:07");
    await page.getByRole("button", { name: "Set the clock" }).click();
    await page.getByText("Set: the emulated time is now 2027-03-04 05:06:07 UTC (frozen).").waitFor();
    expect((await c.emulator.http.get("/_emulator/clock")).body).toEqual({ now: "2027-03-04T05:06:07.000Z", frozen: true });
    await page.getByRole("button", { name: "Unfreeze" }).click();
    await page.getByText("running", { exact: true }).waitFor();
    expect((await c.emulator.http.get("/_emulator/clock")).body.frozen).toBe(false);
  });

  it("follows an invitation link from the outbox and sets the password; the user then signs in", async () => {
    const invite = await c.emulator.http.post("/api/v3/users/invite").set("Authorization", await bearer()).send({ orgUid: ENG_UID, emails: ["ivy@example.com"], subject: "Welcome aboard" });
    expect(invite.status).toBe(200);
    expect((await c.emulator.http.get("/api/v3/auth/jwt?useBody=True").auth("ivy@example.com", "ivy-password-1")).status).toBe(401);

    const page = await c.open("#/outbox");
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "ivy@example.com" });
    await row.getByText("Welcome aboard").waitFor();
    await row.getByText("Invitation", { exact: true }).waitFor();
    await c.shot(page, "outbox");
    await row.getByRole("link", { name: "Accept the invitation" }).click();

    await page.getByRole("heading", { level: 1, name: "Accept your invitation" }).waitFor();
    await page.getByText("ivy@example.com").first().waitFor();
    await page.getByLabel("New password", { exact: true }).fill("ivy-password-1");
    await page.getByLabel("Confirm the password").fill("ivy-password-1");
    await c.shot(page, "complete-link");
    await page.getByRole("button", { name: "Set the password" }).click();
    await page.getByText(/^Password set for ivy@example.com/).waitFor();

    const signIn = await c.emulator.http.get("/api/v3/auth/jwt?useBody=True").auth("ivy@example.com", "ivy-password-1");
    expect(signIn.status).toBe(200);
    expect(signIn.body.v3_user_token).toEqual(expect.any(String));

    // The link is used up: following it again shows the API's refusal.
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Outbox" }).waitFor();
    await page.getByRole("link", { name: "Accept the invitation" }).click();
    await page.getByLabel("New password", { exact: true }).fill("ivy-password-2");
    await page.getByLabel("Confirm the password").fill("ivy-password-2");
    await page.getByRole("button", { name: "Set the password" }).click();
    await page.getByText("The API refused the password (HTTP 400): The link is unknown, used or expired").waitFor();

    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Outbox" }).click();
    await page.getByRole("button", { name: "Clear the outbox" }).click();
    await page.getByText("The tenant's outbox was cleared.").waitFor();
    await page.getByText(/^No emails/).waitFor();
    expect((await c.emulator.http.get(`/_emulator/outbox?tenantUid=${DEFAULT_TENANT_UID}`)).body).toEqual([]);
  });

  it("adds a fault that the API then answers with, and removes it", async () => {
    const auth = await bearer();
    const page = await c.open("#/faults");
    await page.getByRole("heading", { level: 1, name: "Faults" }).waitFor();
    await page.getByText("No fault rules").waitFor();
    await page.getByLabel("Method").selectOption("GET");
    await page.getByLabel("Path pattern (* for any characters)").fill("/api/v1/User*");
    await page.getByLabel("Status (400–599)").fill("503");
    await page.getByLabel("Message (optional)").fill("Down for the test");
    await page.getByRole("button", { name: "Add the fault" }).click();
    await page.getByText(/^Fault \d+ added: GET \/api\/v1\/User\*, answer 503/).waitFor();
    await page.getByRole("cell", { name: "answer 503 “Down for the test”" }).waitFor();

    const rules = (await c.emulator.http.get("/_emulator/faults")).body;
    expect(rules).toEqual([expect.objectContaining({ method: "GET", path: "/api/v1/User*", action: { type: "status", status: 503, message: "Down for the test" } })]);
    const failed = await c.emulator.http.get("/api/v1/User").set("Authorization", auth);
    expect(failed.status).toBe(503);
    expect(failed.text).toContain("Down for the test");
    await page.getByRole("button", { name: "Refresh the counts" }).click();
    await page.getByRole("row").filter({ hasText: "/api/v1/User*" }).getByRole("cell", { name: "1", exact: true }).first().waitFor();
    await c.shot(page, "faults");
    await page.setViewportSize({ width: 800, height: 900 });
    await c.shot(page, "faults-800");
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole("button", { name: `Remove fault ${rules[0].id} (/api/v1/User*)` }).click();
    await page.getByText("No fault rules").waitFor();
    expect((await c.emulator.http.get("/_emulator/faults")).body).toEqual([]);
    expect((await c.emulator.http.get("/api/v1/User").set("Authorization", auth)).status).toBe(200);

    // A throttle for this tenant only, the next call only.
    await page.getByLabel("Method").selectOption("");
    await page.getByLabel("Path pattern (* for any characters)").fill("/v1/cases*");
    await page.getByLabel("Only calls in this tenant").check();
    await page.getByLabel("Action").selectOption("throttle");
    await page.getByLabel("Retry-After (seconds)").fill("7");
    await page.getByLabel("Only the next N calls (optional)").fill("1");
    await page.getByRole("button", { name: "Add the fault" }).click();
    await page.getByRole("cell", { name: "throttle: 429, Retry-After 7 s" }).waitFor();
    expect((await c.emulator.http.get("/_emulator/faults")).body).toEqual([
      expect.objectContaining({ path: "/v1/cases*", tenantUid: DEFAULT_TENANT_UID, times: 1, action: { type: "throttle", retryAfterSeconds: 7 } }),
    ]);
    const throttled = await c.emulator.http.get("/v1/cases").set("Authorization", auth);
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("7");
    expect((await c.emulator.http.get("/v1/cases").set("Authorization", auth)).status).toBe(200);
    await page.getByRole("button", { name: "Remove all faults" }).click();
    await page.getByText("Every fault rule was removed.").waitFor();
    expect((await c.emulator.http.get("/_emulator/faults")).body).toEqual([]);
  });

  it("takes a snapshot and restores it, undoing a change made through the API", async () => {
    const auth = await bearer();
    const page = await c.open("#/snapshots");
    await page.getByRole("heading", { level: 1, name: "Snapshots" }).waitFor();
    await page.getByText("No snapshots yet.").waitFor();
    await page.getByLabel("Snapshot name").fill("before-block");
    await page.getByRole("button", { name: "Take a snapshot" }).click();
    await page.getByRole("cell", { name: "before-block", exact: true }).waitFor();
    expect((await c.emulator.http.get("/_emulator/snapshots")).body).toEqual([expect.objectContaining({ name: "before-block" })]);

    expect((await c.emulator.http.post(`/api/v3/users/${CAROL.userUid}/block`).set("Authorization", auth)).status).toBe(204);
    expect((await c.emulator.http.get(`/api/v1/User/${CAROL.userId}`).set("Authorization", auth)).body.data.blocked).toBe(true);

    await page.getByRole("button", { name: "Restore before-block" }).click();
    await page.getByText("The state of snapshot “before-block” was restored.").waitFor();
    expect((await c.emulator.http.get(`/api/v1/User/${CAROL.userId}`).set("Authorization", auth)).body.data.blocked).toBe(false);
    await c.shot(page, "snapshots");

    await page.getByRole("button", { name: "Delete before-block" }).click();
    await page.getByText("No snapshots yet.").waitFor();
    expect((await c.emulator.http.get("/_emulator/snapshots")).body).toEqual([]);
  });

  it("reports coverage as the control plane does, filters it, and clears it", async () => {
    await c.emulator.http.delete("/_emulator/coverage");
    const auth = await bearer();
    expect((await c.emulator.http.get("/api/v1/Org").set("Authorization", auth)).status).toBe(200);
    const report = (await c.emulator.http.get("/_emulator/coverage")).body;
    expect(report.exercised).toBe(2); // getUserToken, listOrgs

    const page = await c.open("#/coverage");
    await page.getByRole("heading", { level: 1, name: "Coverage" }).waitFor();
    await page.getByText(`${report.exercised} of ${report.operations}`, { exact: true }).waitFor();
    await page.getByLabel("Show").selectOption("exercised");
    await page.getByText("2 shown", { exact: true }).waitFor();
    await c.shot(page, "coverage");
    const listOrgs = page.getByRole("row").filter({ hasText: "listOrgs" });
    await listOrgs.getByRole("cell", { name: "/api/v1/Org", exact: true }).waitFor();
    await page.getByLabel("Show").selectOption("missed");
    await page.getByText(`${report.operations - 2} shown`, { exact: true }).waitFor();
    await page.getByLabel("Operation or path").fill("listOrgs");
    const missedOrgLists = report.rows.filter((r: { operationId: string; calls: number }) => r.calls === 0 && r.operationId.toLowerCase().includes("listorgs")).length;
    await page.getByText(`${missedOrgLists} shown`, { exact: true }).waitFor();
    await page.getByLabel("Show").selectOption("exercised");
    await page.getByText("1 shown", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Clear coverage" }).click();
    await page.getByText(`0 of ${report.operations}`, { exact: true }).waitFor();
    expect((await c.emulator.http.get("/_emulator/coverage")).body.exercised).toBe(0);
  });
});
