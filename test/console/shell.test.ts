// The console's frame: served at /console/ (linked from /), a tenant picker over the emulator's tenants, and behind
// --control-token it asks for the token before it shows anything.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";
import { DEFAULT_TENANT_UID } from "../helpers/emulator.js";

describeInBrowser("console frame", () => {
  const c = consolePerFile();

  it("is linked from the index page and redirects /console to /console/", async () => {
    const index = await c.emulator.http.get("/");
    expect(index.text).toContain('href="/console/"');
    const bare = await c.emulator.http.get("/console");
    expect(bare.status).toBe(301);
    expect(bare.headers.location).toBe("console/");
    const page = await c.emulator.http.get("/console/");
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script type="module" src="./console.js">');
  });

  it("opens on the default tenant's users, with every view in the navigation", async () => {
    const page = await c.open();
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    const picker = page.getByLabel("Tenant");
    expect(await picker.inputValue()).toBe(DEFAULT_TENANT_UID);
    const nav = page.getByRole("navigation", { name: "Views" });
    for (const name of ["Users", "Organizations", "Watchlists", "Legal holds", "File events", "Alerts", "Cases", "Journal", "Outbox", "Clock", "Faults", "Snapshots", "Coverage"])
      await nav.getByRole("link", { name, exact: true }).waitFor();
  });

  // A proxy that keeps the Host header, as the control plane's Origin check needs (README, Container).
  it("works behind a proxy that serves the emulator under a path of its own, on another port", async () => {
    const target = new URL(c.emulator.url);
    const proxy = createServer((req, res) => {
      if (!req.url!.startsWith("/emu/")) return res.writeHead(404).end();
      const upstream = request({ host: target.hostname, port: target.port, path: req.url!.slice("/emu".length), method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const page = await c.open();
      await page.goto(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}/emu/console`);
      await page.getByRole("row").filter({ hasText: "alice.adams@example.com" }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/emu/console/");
    } finally {
      proxy.close();
    }
  });

  it("lists a tenant copy in the picker and shows it when picked", async () => {
    const copy = await c.emulator.http.post(`/_emulator/tenants/${DEFAULT_TENANT_UID}/copy`).send({ suffix: "copy" });
    expect(copy.status).toBe(201);
    const page = await c.open();
    const picker = page.getByLabel("Tenant");
    await page.locator(`option[value="${copy.body.tenantUid}"]`).waitFor({ state: "attached" });
    await picker.selectOption(copy.body.tenantUid);
    expect(await picker.inputValue()).toBe(copy.body.tenantUid);
  });
});

describeInBrowser("console behind --control-token", () => {
  const c = consolePerFile({ controlToken: "s3cret-token" });

  it("asks for the token, then shows the tenant", async () => {
    const page = await c.open();
    await page.getByLabel("Control token").fill("s3cret-token");
    await page.getByRole("button", { name: "Use token" }).click();
    expect(await page.getByLabel("Tenant").inputValue()).toBe(DEFAULT_TENANT_UID);
    // The coverage report as HTML, which a plain link could not open behind the token.
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Coverage" }).click();
    const [report] = await Promise.all([page.waitForEvent("popup"), page.getByRole("button", { name: "Coverage as HTML" }).click()]);
    await report.getByRole("heading", { name: "Coverage" }).waitFor();
    await report.getByText(/operations exercised/).waitFor();
  });

  it("takes the token from a #token= fragment and drops it from the address", async () => {
    const page = await c.open("#/users?token=s3cret-token");
    expect(await page.getByLabel("Tenant").inputValue()).toBe(DEFAULT_TENANT_UID);
    expect(page.url()).not.toContain("s3cret-token");
  });
});
