// The Users view over a tenant of 100,000 users: the browser holds one page of rows, whichever page it shows, and
// each page's figures come from the API's own paging.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: the bench's fixture writer is plain JavaScript
import { BENCH_ADMIN, BENCH_TENANT_UID, userUidOf, writeBenchFixture } from "../../bench/fixture.mjs";
import { CHROMIUM, hasBrowser } from "../helpers/browser.js";
import { TEST_PG } from "../helpers/postgres.js";

const USERS = 100_000;
const dir = mkdtempSync(join(tmpdir(), "console-scale-"));
let fixture = "";

// On PostgreSQL a fixture loads row by row over the socket: 100,000 users take minutes there, which the SQLite pass
// does not need to prove twice (the view reads the same API on both).
(hasBrowser && !TEST_PG ? describe : describe.skip)(`console: Users over ${USERS.toLocaleString("en-US")} users${TEST_PG ? " (skipped on PostgreSQL: the 100k-user fixture loads row by row there)" : ""}`, () => {
  beforeAll(async () => {
    fixture = await writeBenchFixture(dir, USERS);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows one page at a time, the first and the last, with the API's total", async () => {
    const { startTestEmulator } = await import("../helpers/emulator.js");
    const { chromium } = await import("playwright-core");
    const emu = await startTestEmulator({ fixtures: [fixture] });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      page.setDefaultTimeout(20_000);
      await page.goto(`${emu.url}/console/#/users?size=100`);
      expect(await page.getByLabel("Tenant").inputValue()).toBe(BENCH_TENANT_UID);
      await page.getByText("1–100 of 100,001").waitFor();
      expect(await page.locator("tbody tr").count()).toBe(100);
      await page.getByRole("link", { name: "Next ›" }).click();
      await page.getByText("101–200 of 100,001").waitFor();
      // The last page: one user (the admin is the 100,001st), the browser still holding a single page.
      await page.goto(`${emu.url}/console/#/users?size=100&page=1001`);
      await page.getByText("100,001–100,001 of 100,001").waitFor();
      expect(await page.locator("tbody tr").count()).toBe(1);
      const token = await emu.tokenFor(BENCH_ADMIN.username, BENCH_ADMIN.password);
      const last = await emu.http.get("/api/v1/User?pgNum=1001&pgSize=100").set("Authorization", `v3_user_token ${token}`);
      await page.getByRole("row").filter({ hasText: last.body.data.users[0].username }).waitFor();
      // A search is the API's: one user of the hundred thousand.
      await page.getByLabel("Search (name, username, e-mail)").fill("user99999@bench.example");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByText("1–1 of 1").waitFor();
      expect(await page.locator(`a[href="#/user/${userUidOf(99999)}"]`).count()).toBe(1);
    } finally {
      await browser.close();
      await emu.close();
    }
  }, 180_000);
});
