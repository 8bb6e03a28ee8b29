// Starts a real emulator (SQLite, HTTP on a free port, responses validated against the spec) for a test file.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import supertest from "supertest";
import { startServer, type RunningEmulator } from "../../src/server.js";
import type { EmulatorConfig } from "../../src/config.js";
import { packageRoot } from "../../src/paths.js";
import { freshPostgresDatabase, TEST_PG } from "./postgres.js";

export const ADMIN = { username: "test.user@example.com", password: "password" };
export const TWO_FACTOR = { username: "two.factor@example.com", password: "password", secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP" };
/** The default tenant's API client (a Customer Cloud Admin). */
export const API_CLIENT = { clientId: "client_id", secret: "secret" };
export const DEFAULT_TENANT_UID = "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b";
export const SECOND_TENANT_UID = "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e";

export const fixturePath = (name: string) => join(packageRoot, "test", "fixtures", name);
export const DEFAULT_FIXTURES = join(packageRoot, "fixtures", "default.yaml");

export interface TestEmulator extends RunningEmulator {
  http: ReturnType<typeof supertest>;
  /** A user token for these credentials, obtained the way py42 does. */
  tokenFor(username: string, password: string): Promise<string>;
  /** An API client's token from the gateway, obtained the way the incydr SDK does (POST /v1/oauth, HTTP Basic). */
  gatewayToken(clientId?: string, secret?: string): Promise<string>;
  /** Back to the loaded fixtures (data, clock, faults, journal) in a few ms: one emulator serves a whole test file. */
  reset(): Promise<void>;
}

/**
 * Under scripts/with-postgres.sh (C42EMU_TEST_PG set) an emulator a test does not give a database of its own gets a
 * new PostgreSQL database, dropped when it closes: the whole suite runs a second time on that engine.
 */
export async function startTestEmulator(overrides: Partial<EmulatorConfig> = {}): Promise<TestEmulator> {
  const postgres = TEST_PG && overrides.db === undefined ? await freshPostgresDatabase() : undefined;
  let running: RunningEmulator;
  try {
    running = await startServer({ port: 0, strict: true, logLevel: process.env.TEST_LOG_LEVEL ?? "silent", passwordCost: 4, ...(postgres ? { db: postgres.url, dbPoolSize: 4 } : {}), ...overrides });
  } catch (e) {
    await postgres?.drop();
    throw e;
  }
  const http = supertest(running.url);
  return {
    ...running,
    async close() {
      await running.close();
      await postgres?.drop();
    },
    http,
    async tokenFor(username, password) {
      const res = await http.get("/api/v3/auth/jwt?useBody=True").auth(username, password);
      if (res.status !== 200) throw new Error(`sign-in as ${username} failed: ${res.status} ${res.text}`);
      return res.body.v3_user_token as string;
    },
    async gatewayToken(clientId = API_CLIENT.clientId, secret = API_CLIENT.secret) {
      const res = await http.post("/v1/oauth").auth(clientId, secret);
      if (res.status !== 200) throw new Error(`POST /v1/oauth as ${clientId} failed: ${res.status} ${res.text}`);
      return res.body.access_token as string;
    },
    async reset() {
      const res = await http.post("/_emulator/reset").set(overrides.controlToken ? { "X-Emulator-Token": overrides.controlToken } : {});
      if (res.status !== 204) throw new Error(`reset failed: ${res.status} ${res.text}`);
    },
  };
}

/**
 * One emulator for the whole test file, started before its first test, reset to its fixtures before each test (a few
 * ms, where a new server takes a hundred or more) and closed after the last. Use it as the emulator itself.
 */
export function emulatorPerFile(overrides: Partial<EmulatorConfig> = {}): TestEmulator {
  let current: TestEmulator | undefined;
  beforeAll(async () => {
    current = await startTestEmulator(overrides);
  });
  afterAll(() => current?.close());
  beforeEach(() => current!.reset());
  return new Proxy({} as TestEmulator, {
    get: (_target, key) => {
      if (!current) throw new Error("the emulator starts before the file's first test");
      return current[key as keyof TestEmulator];
    },
  });
}

/** A second emulator started with `document` as its one fixture file (a state export loaded back), closed after `use`. */
export async function withEmulatorOf<T>(document: object, use: (copy: TestEmulator) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "c42state-"));
  try {
    const file = join(dir, "state.json");
    writeFileSync(file, JSON.stringify(document));
    const copy = await startTestEmulator({ fixtures: [file] });
    try {
      return await use(copy);
    } finally {
      await copy.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
