// Browser tests: Debian's chromium driven by playwright-core against a real emulator. No browser is downloaded:
// CHROMIUM_PATH, or /usr/bin/chromium (.ci/run installs it with apt). Without one, the tests are skipped here and
// fail under CI, where a missing browser is a broken machine rather than a developer's choice.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { packageRoot } from "../../src/paths.js";
import { emulatorPerFile, type TestEmulator } from "./emulator.js";
import type { EmulatorConfig } from "../../src/config.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser && process.env.CI) throw new Error(`No browser at ${CHROMIUM}: .ci/run installs Debian's chromium (or set CHROMIUM_PATH)`);

/** `describe`, or `describe.skip` with a note when this machine has no browser. */
export const describeInBrowser = hasBrowser ? describe : (name: string, fn: () => void) => describe.skip(`${name} (no browser at ${CHROMIUM})`, fn);

const SHOTS = join(packageRoot, ".ci-out", "console");

/** Flags for a closed network: no sign-in, sync or update traffic, which would only be refused. */
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

export interface ConsoleHarness {
  emulator: TestEmulator;
  /** A fresh page at 1280×800, the console open at `hash` (e.g. "#/users"). */
  open(hash?: string, viewport?: { width: number; height: number }): Promise<Page>;
  /** Keeps a screenshot under .ci-out/console/ (CI keeps it as an artifact). */
  shot(page: Page, name: string): Promise<void>;
}

/** One emulator and one browser for the whole test file (the emulator reset before each test). */
export function consolePerFile(overrides: Partial<EmulatorConfig> = {}): ConsoleHarness {
  const emulator = emulatorPerFile(overrides);
  let browser: Browser | undefined;
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 60_000);
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.context().close()));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    emulator,
    async open(hash = "", viewport = { width: 1280, height: 800 }) {
      const context = await browser!.newContext({ viewport });
      const page = await context.newPage();
      pages.push(page);
      page.setDefaultTimeout(10_000);
      await page.goto(`${emulator.url}/console/${hash}`);
      return page;
    },
    async shot(page, name) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
  };
}
