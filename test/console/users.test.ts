// The console's Users view against the default tenant: the fixture's users with the export's device and storage
// columns, and the actions of the Users reference going through the API as the tenant's admin.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";
import { ADMIN } from "../helpers/emulator.js";

const ALICE = "942897397520280004";
const DAVE = "942897397520280007";

describeInBrowser("console: Users", () => {
  const c = consolePerFile();
  let token: string;
  beforeEach(async () => {
    token = await c.emulator.tokenFor(ADMIN.username, ADMIN.password);
  });
  const get = (path: string) => c.emulator.http.get(path).set("Authorization", `v3_user_token ${token}`);
  const row = (page: Page, username: string) => page.getByRole("row").filter({ hasText: username });
  const usernames = async (page: Page) => (await page.locator("tbody tr td:nth-child(3)").allTextContents()).sort();

  it("lists the default tenant's active users as the API does, with devices, storage and last activity", async () => {
    const page = await c.open("#/users");
    await row(page, "dave.davis@example.com").waitFor();
    const api = await get("/api/v1/User?active=true&pgSize=50");
    expect(await usernames(page)).toEqual(api.body.data.users.map((u: { username: string }) => u.username).sort());
    // Dave: two devices with backups (one deactivated), 98.8 GB + 5 GB archived; the figures are the export's.
    const export_ = await get(`/api/v1/UserExport?userUid=${DAVE}`);
    const [header, values] = export_.text.trim().split("\n").map((l) => l.split(","));
    const col = (name: string) => values![header!.indexOf(name)]!;
    const dave = row(page, "dave.davis@example.com");
    await dave.getByRole("cell", { name: col("backupDeviceCount"), exact: true }).waitFor();
    expect(Number(col("archiveBytes"))).toBe(98765432100 + 5000000000);
    await dave.getByRole("cell", { name: "103.8 GB" }).waitFor();
    await dave.getByRole("cell", { name: col("lastBackupDate").replace("T", " ").replace(/\.\d+Z$/, " UTC") }).waitFor();
    expect(await dave.getByRole("link", { name: "Dave Davis" }).getAttribute("href")).toBe(`#/user/${DAVE}`);
    await page.getByText(/^1–\d+ of \d+$/).waitFor();
    await c.shot(page, "users");
  });

  it("blocks a user from the console, and the API reports them blocked (an audited call, journaled as the console's)", async () => {
    const page = await c.open("#/users");
    await row(page, "alice.adams@example.com").getByRole("checkbox").check();
    await page.getByRole("button", { name: "Block", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Blocked alice.adams@example.com." }).waitFor();
    await row(page, "alice.adams@example.com").getByText("Blocked", { exact: true }).waitFor();
    const alice = await get("/api/v1/User?username=alice.adams@example.com");
    expect(alice.body.data.users[0]).toMatchObject({ userUid: ALICE, blocked: true });
    const journal = await c.emulator.http.get("/_emulator/journal?operationId=blockUser");
    expect(journal.body).toEqual([expect.objectContaining({ method: "POST", path: `/api/v3/users/${ALICE}/block`, status: 204, client: "console" })]);
    // Coverage is the suite's: the console's call is not in it.
    const coverage = await c.emulator.http.get("/_emulator/coverage");
    expect(coverage.body.rows.find((r: { operationId: string }) => r.operationId === "blockUser").calls).toBe(0);
    const audit = await c.emulator.http.post("/rpc/search/search-audit-log").set("Authorization", `v3_user_token ${token}`).send({ page: 0, pageSize: 50, eventTypes: ["audit_log::user_blocked/1"] });
    expect(audit.status).toBe(200);
    expect(audit.body.events).toEqual([expect.objectContaining({ actorName: ADMIN.username, userId: ALICE })]);
  });

  it("searches, switches tabs and pages through the API's own filters", async () => {
    await c.emulator.http.post(`/api/v3/users/${DAVE}/deactivate`).set("Authorization", `v3_user_token ${token}`).send({});
    const page = await c.open("#/users");
    await page.getByLabel("Search (name, username, e-mail)").fill("carol");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForFunction(`document.querySelectorAll("tbody tr").length === 1 && document.body.textContent.includes("carol.clark@example.com")`);
    expect(page.url()).toContain("q=carol");
    await page.getByRole("link", { name: "Deactivated" }).click();
    await page.waitForFunction(`location.hash.includes("tab=deactivated") && !document.body.textContent.includes("carol.clark")`);
    await page.getByLabel("Search (name, username, e-mail)").fill("");
    await page.getByRole("button", { name: "Search" }).click();
    await row(page, "dave.davis@example.com").getByText("Deactivated", { exact: true }).waitFor();
    expect(await usernames(page)).toEqual(["dave.davis@example.com"]);
    // Two per page: the pager walks the API's pages.
    const all = await get("/api/v1/User?active=true");
    const second = await c.open("#/users?size=25&page=1");
    await second.getByText(`1–${Math.min(25, all.body.data.totalCount)} of ${all.body.data.totalCount}`).waitFor();
  });

  it("moves a user to another org and exports the same CSV as the API", async () => {
    const page = await c.open("#/users");
    await row(page, "carol.clark@example.com").getByRole("checkbox").check();
    await page.getByRole("button", { name: "Move to org…" }).click();
    await page.getByRole("dialog").getByLabel("Organization").selectOption({ label: "Engineering" });
    await page.getByRole("dialog").getByRole("button", { name: "Move" }).click();
    await page.getByRole("status").filter({ hasText: "Moved to Engineering: carol.clark@example.com." }).waitFor();
    const carol = await get("/api/v1/User?username=carol.clark@example.com");
    expect(carol.body.data.users[0]).toMatchObject({ orgId: 1002, orgName: "Engineering" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export all" }).click()]);
    expect(download.suggestedFilename()).toBe("users.csv");
    const csv = readFileSync((await download.path())!, "utf8");
    const api = await get("/api/v1/UserExport?active=true");
    expect(csv).toBe(api.text);
  });

  it("reads at 800 px without losing the table", async () => {
    const page = await c.open("#/users", { width: 800, height: 900 });
    await row(page, "alice.adams@example.com").waitFor();
    await c.shot(page, "users-800");
    expect(await page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(800);
  });
});
