// The console's views of the tenant's people and structure: a user's page, the organization tree, watchlists (live
// as members are added through the gateway) and legal holds, each checked against what the API answers.
import type { Page } from "playwright-core";
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";
import { ADMIN, DEFAULT_TENANT_UID } from "../helpers/emulator.js";

const ALICE = "942897397520280004";
const CAROL = "942897397520280006";
const HOLD = "984140047896012577";

describeInBrowser("console tenant views", () => {
  const c = consolePerFile();
  const v1 = async (path: string) => {
    const token = await c.emulator.tokenFor(ADMIN.username, ADMIN.password);
    const res = await c.emulator.http.get(path).set("Authorization", `v3_user_token ${token}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const section = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

  it("shows a user's devices, roles, legal hold, watchlists, risk profile and SCIM attributes", async () => {
    const token = await c.emulator.tokenFor(ADMIN.username, ADMIN.password);
    const add = await c.emulator.http.post("/api/v1/LegalHoldMembership").set("Authorization", `v3_user_token ${token}`).send({ legalHoldUid: HOLD, userUid: ALICE });
    expect(add.status).toBe(200);
    const devices = (await v1(`/api/v1/Computer?userUid=${ALICE}&incBackupUsage=true`)).data.computers;
    const watchlists = (await v1(`/v1/watchlists?user_id=${ALICE}`)).watchlists;
    const roles = (await v1(`/api/v3/users/${ALICE}/roles`)).data;
    expect(devices.length).toBeGreaterThan(0);
    expect(watchlists.length).toBeGreaterThan(0);

    const page = await c.open(`#/user/${ALICE}`);
    await page.getByRole("heading", { level: 1, name: "Alice Adams" }).waitFor();
    await page.getByText("alice.adams@example.com", { exact: true }).first().waitFor();
    expect(await page.getByRole("link", { name: "Engineering" }).getAttribute("href")).toBe("#/orgs/1007759454961904673");

    const devs = section(page, "Devices");
    for (const d of devices) {
      const row = devs.getByRole("row").filter({ hasText: d.name });
      await row.waitFor();
      expect(await row.textContent()).toContain(`${d.backupUsage[0].percentComplete}%`);
      expect(await row.textContent()).toContain(d.backupUsage[0].targetComputerName);
    }
    for (const r of roles) await section(page, "Roles").getByRole("cell", { name: r.roleName, exact: true }).waitFor();
    const hold = section(page, "Legal holds").getByRole("link", { name: "Litigation 2026-001" });
    expect(await hold.getAttribute("href")).toBe(`#/legal-holds/${HOLD}`);
    const lists = section(page, "Watchlists");
    await lists.locator("a").first().waitFor();
    expect(await lists.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")).sort())).toEqual(watchlists.map((w: { watchlistId: string }) => `#/watchlists/${w.watchlistId}`).sort());
    await section(page, "Risk profile").getByText("Downloads spiked last quarter.").waitFor();
    await section(page, "SCIM attributes").getByText("Software Engineer").waitFor();
    // Her owner, as the control plane names it: Okta, provisioning into Engineering.
    const [okta] = (await c.emulator.http.get(`/_emulator/tenants/${DEFAULT_TENANT_UID}/scim-providers?userUid=${ALICE}`)).body;
    expect(okta).toMatchObject({ providerId: "okta", orgName: "Engineering" });
    await section(page, "SCIM attributes").getByText(`Owned by the SCIM provider ${okta.name} (${okta.baseUrl}), which provisions into Engineering.`).waitFor();
    await c.shot(page, "user");
  }, 45_000);

  it("keeps the user page usable at 800 px (tables scroll inside their frame)", async () => {
    const devices = (await v1(`/api/v1/Computer?userUid=${ALICE}`)).data.computers;
    const narrow = await c.open(`#/user/${ALICE}`, { width: 800, height: 900 });
    await section(narrow, "Devices").getByRole("row").filter({ hasText: devices[0].name }).waitFor();
    await section(narrow, "SCIM attributes").getByText("Software Engineer").waitFor();
    // The page itself does not scroll sideways; the devices table does, inside .table-wrap.
    expect(await narrow.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(800);
    await c.shot(narrow, "user-800");
  });

  it("says a user without SCIM attributes was not provisioned by SCIM", async () => {
    const scim = await v1(`/api/v18/scim-user-data/collated-view?userId=${CAROL}`);
    expect(scim.department).toBeNull();
    const page = await c.open(`#/user/${CAROL}`);
    await page.getByRole("heading", { level: 1, name: "Carol Clark" }).waitFor();
    await section(page, "SCIM attributes").getByText(/Not provisioned by SCIM/).waitFor();
    await section(page, "SCIM attributes").getByText("No SCIM provider owns this user.").waitFor();
    await section(page, "Devices").getByText("No devices.").waitFor();
  });

  it("filters a user's devices by state as listDevices?active= does", async () => {
    const DAVE = "942897397520280007";
    const all = (await v1(`/api/v1/Computer?userUid=${DAVE}&incBackupUsage=true`)).data.computers as { name: string; active: boolean }[];
    const inactive = (await v1(`/api/v1/Computer?userUid=${DAVE}&incBackupUsage=true&active=false`)).data.computers as { name: string; alertStates: string[] }[];
    expect(all.length).toBe(2);
    expect(inactive.length).toBe(1);
    const page = await c.open(`#/user/${DAVE}`);
    const devs = section(page, "Devices");
    for (const d of all) await devs.getByRole("row").filter({ hasText: d.name }).waitFor();
    await devs.getByRole("link", { name: "Deactivated" }).click();
    await devs.getByText(`active=false`).waitFor();
    await devs.getByRole("row").filter({ hasText: all.find((d) => d.active)!.name }).waitFor({ state: "detached" });
    // The old rows go while the filtered page is fetched: wait for the new page's row before counting.
    await devs.getByRole("row").filter({ hasText: inactive[0]!.name }).waitFor();
    const rows = await devs.locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(inactive.length);
    expect(rows[0]).toContain(inactive[0]!.name);
    expect(rows[0]).toContain(inactive[0]!.alertStates.join(", "));
  });

  it("shows the orgs as a tree with the API's counts, and an org's settings and admins", async () => {
    const orgs = (await v1("/api/v1/Org?incCounts=true")).data.orgs as { orgUid: string; orgName: string; parentOrgUid: string | null; registrationKey: string; hierarchyCounts: { userCount: number; computerCount: number } }[];
    expect(orgs).toHaveLength(2);
    const child = orgs.find((o) => o.parentOrgUid)!;
    const parent = orgs.find((o) => o.orgUid === child.parentOrgUid)!;

    const page = await c.open("#/orgs");
    const tree = page.getByRole("navigation", { name: "Organization tree" });
    await tree.getByRole("link", { name: parent.orgName, exact: true }).waitFor();
    // The child is listed inside its parent's item.
    const nested = tree.locator(`li[data-org-uid="${parent.orgUid}"] li[data-org-uid="${child.orgUid}"]`);
    await nested.waitFor();
    expect(await nested.getByRole("link").first().textContent()).toBe(child.orgName);
    for (const o of orgs) {
      const node = tree.locator(`li[data-org-uid="${o.orgUid}"] > .org-node`);
      expect(await node.textContent()).toContain(`${o.hierarchyCounts.userCount} users · ${o.hierarchyCounts.computerCount} devices`);
    }

    // Keyboard: the tree is links; focus the child and press Enter.
    await nested.getByRole("link", { name: child.orgName }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 2, name: child.orgName }).waitFor();
    await page.getByText(child.registrationKey).waitFor();
    const admins = (await v1(`/api/v1/User?orgUid=${child.orgUid}&roleId=org-admin`)).data.users as { username: string }[];
    expect(admins.length).toBeGreaterThan(0);
    for (const a of admins) await section(page, "Org admins").getByRole("cell", { name: a.username }).waitFor();
    const settings = (await v1(`/api/v1/OrgSetting/1002`)).data;
    for (const key of Object.keys(settings)) await section(page, "Settings").getByRole("cell", { name: key }).waitFor();
    await c.shot(page, "orgs");

    const narrow = await c.open(`#/orgs/${child.orgUid}`, { width: 800, height: 900 });
    await section(narrow, "Org admins").getByRole("cell", { name: admins[0]!.username }).waitFor();
    await c.shot(narrow, "orgs-800");
  });

  it("lists the watchlists and shows a member added through the gateway without a reload", async () => {
    const lists = (await v1("/v1/watchlists")).watchlists as { watchlistId: string; listType: string }[];
    const departing = lists.find((w) => w.listType === "DEPARTING_EMPLOYEE")!;
    const page = await c.open("#/watchlists");
    await page.getByRole("heading", { level: 1, name: "Watchlists" }).waitFor();
    for (const w of lists) await page.locator(`a[href="#/watchlists/${w.watchlistId}"]`).waitFor();
    // The legacy lists: bob departing, alice high risk.
    await section(page, "Departing employees").getByRole("link", { name: "bob.brown@example.com" }).waitFor();
    await section(page, "High risk employees").getByRole("link", { name: "alice.adams@example.com" }).waitFor();
    await c.shot(page, "watchlists");
    // The legacy searches are POSTs that only read: not journaled, and asked once, not again after each of themselves.
    const searches: string[] = [];
    page.on("request", (r) => r.method() === "POST" && searches.push(new URL(r.url()).pathname));
    await page.waitForTimeout(3000);
    expect(searches).toEqual([]);
    for (const operationId of ["searchDepartingEmployees", "searchHighRiskEmployees"]) {
      const journal = await c.emulator.http.get("/_emulator/journal").query({ operationId });
      expect(journal.body).toEqual([]);
    }

    await page.locator(`a[href="#/watchlists/${departing.watchlistId}"]`).first().click();
    const members = section(page, "Members");
    await members.getByRole("link", { name: "bob.brown@example.com" }).waitFor();
    expect(await members.getByRole("link", { name: "carol.clark@example.com" }).count()).toBe(0);

    const gateway = await c.emulator.gatewayToken();
    const add = await c.emulator.http.post(`/v1/watchlists/${departing.watchlistId}/included-users/add`).set("Authorization", `Bearer ${gateway}`).send({ userIds: [CAROL] });
    expect(add.status).toBeLessThan(300);
    // No reload: the journal poller sees the write and the view fetches again.
    await members.getByRole("link", { name: "carol.clark@example.com" }).waitFor();
    const after = (await v1(`/v1/watchlists/${departing.watchlistId}/members`)).watchlistMembers as { username: string }[];
    expect(after.map((m) => m.username).sort()).toEqual(["bob.brown@example.com", "carol.clark@example.com"]);
    expect(await members.getByRole("link").count()).toBe(after.length);
    await c.shot(page, "watchlist");
  });

  it("lists the legal hold matters and a matter's custodians as the API does", async () => {
    const matters = (await v1("/api/v1/LegalHold")).data.legalHolds as { legalHoldUid: string; name: string }[];
    const page = await c.open("#/legal-holds");
    for (const m of matters) await page.getByRole("link", { name: m.name }).waitFor();
    await c.shot(page, "legal-holds");

    await page.getByRole("link", { name: matters[0]!.name }).click();
    await page.getByRole("heading", { level: 1, name: matters[0]!.name }).waitFor();
    const custodians = (await v1(`/api/v1/LegalHoldMembership?legalHoldUid=${matters[0]!.legalHoldUid}&activeState=ALL`)).data.legalHoldMemberships as { user: { userUid: string; username: string } }[];
    expect(custodians.length).toBeGreaterThan(0);
    const table = section(page, "Custodians");
    for (const m of custodians) expect(await table.getByRole("link", { name: m.user.username }).getAttribute("href")).toBe(`#/user/${m.user.userUid}`);
    expect(await table.getByRole("link").count()).toBe(custodians.length);
    await section(page, "Events").getByRole("cell", { name: "HoldCreated" }).waitFor();
    await c.shot(page, "legal-hold");
  });
});
