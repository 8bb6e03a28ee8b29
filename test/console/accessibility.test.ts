// Every view of the console, checked by axe-core (the rules of WCAG 2.1 A and AA) in Chromium, and used by keyboard:
// the navigation and a view's first control are reached with Tab alone.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { consolePerFile, describeInBrowser } from "../helpers/browser.js";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const VIEWS = ["users", "user/942897397520280004", "orgs", "watchlists", "legal-holds", "file-events", "alerts", "cases", "journal", "outbox", "clock", "faults", "snapshots", "coverage"];

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate<Violation[]>(`axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((r) => r.violations)`);
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describeInBrowser("console: accessibility", () => {
  const c = consolePerFile();

  it.each(VIEWS)("#/%s has no WCAG 2.1 AA violations axe can find", async (view) => {
    const page = await c.open(`#/${view}`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.waitForFunction(`!document.body.textContent.includes("Loading…")`);
    expect(await violations(page)).toEqual([]);
  });

  it("is usable by keyboard: skip link, navigation, then the view", async () => {
    const page = await c.open("#/users");
    await page.getByRole("heading", { level: 1, name: "Users" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.textContent")).toBe("Skip to content");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    // The first control inside the view, past the header and the navigation.
    expect(await page.evaluate<boolean>(`document.activeElement.closest("main") !== null`)).toBe(true);
    // The navigation by keyboard: focus a link and follow it with Enter.
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Clock" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Clock" }).waitFor();
  });
});
