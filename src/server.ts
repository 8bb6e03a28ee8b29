// Boots an emulator: database, keys, fixtures, app, listener — and takes it down gracefully.
import { renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createApp } from "./app.js";
import { EmulatorControl } from "./control/control.js";
import { postgresState } from "./control/postgres-state.js";
import { ClusterState } from "./cluster/cluster-state.js";
import { oneNodeAtATime } from "./cluster/startup.js";
import { sqliteState } from "./control/sqlite-state.js";
import { loadOrCreateSigningKeys } from "./auth/keys.js";
import { TokenService } from "./auth/tokens.js";
import { Clock } from "./clock.js";
import { defaultConfig, type EmulatorConfig } from "./config.js";
import { shownDb } from "./db/dialect.js";
import { openDatabase, type OpenDatabase } from "./db/open.js";
import { foreignCollation } from "./db/postgres.js";
import { applyFixture } from "./fixtures/apply.js";
import { defaultFixtures, readFixtureFile } from "./fixtures/read.js";
import { digestOf } from "./fixtures/users.js";
import { createIdGenerator } from "./ids.js";
import { collectGarbageIfLarge } from "./collect-garbage.js";
import { loadSpec, type OpenApiDocument } from "./http/openapi.js";
import { createAppServer, type ServerTimeouts } from "./http/listen.js";
import { createLogger, type DestinationStream, type Logger } from "./logger.js";
import type { FixtureDocument } from "./fixtures/format.js";
import { described, documentCounts, progressLine, readingLine, shown, stateCounts } from "./startup-log.js";

/** What the CLI banner and startEmulator() show of a fixture tenant: its uid and its first user with a password. */
export interface FixtureTenantSummary {
  tenantUid?: string;
  admin?: { username: string; password: string };
}

export interface RunningEmulator {
  url: string;
  port: number;
  server: Server;
  database: OpenDatabase;
  clock: Clock;
  logger: Logger;
  /** The tenants of the fixture documents, in order (the documents themselves are not kept once loaded). */
  fixtureTenants: FixtureTenantSummary[];
  control: EmulatorControl;
  /** The spec it serves (resolved), which the coverage report walks. */
  spec: OpenApiDocument;
  close(): Promise<void>;
}

/** What startServer is told beyond the configuration; tests use it to read the log and to see progress sooner. */
export interface ServerOptions {
  /** Where the log goes: stdout unless given. */
  logDestination?: DestinationStream;
  /** How long a fixture load goes between progress lines. */
  progressIntervalMs?: number;
  /** The HTTP server's timeouts (tests shorten them). */
  timeouts?: ServerTimeouts;
}

const SHUTDOWN_GRACE_MS = 5_000;
const PROGRESS_INTERVAL_MS = 2_000;

function summarize(docs: FixtureDocument[]): FixtureTenantSummary[] {
  return docs
    .flatMap((d) => d.tenants ?? [])
    .map((t) => {
      const { admin } = digestOf(t);
      return { tenantUid: t.tenantUid, ...(admin ? { admin } : {}) };
    });
}

export async function startServer(overrides: Partial<EmulatorConfig> = {}, options: ServerOptions = {}): Promise<RunningEmulator> {
  const startedAt = performance.now();
  const config: EmulatorConfig = { ...defaultConfig, ...overrides };
  const logger = createLogger(config.logLevel, options.logDestination);
  const info = logger.isLevelEnabled("info");
  const clock = new Clock();
  const ids = createIdGenerator(config.seed);

  const fixturePaths = config.fixtures.length > 0 ? config.fixtures : defaultFixtures;
  // Every file is read and checked before anything is written; the documents are let go once written.
  let fixtures: FixtureDocument[] | undefined = fixturePaths.map((path) => readFixtureFile(path, (file, bytes) => readingLine(logger, shown(file), bytes)));
  const fixtureTenants = summarize(fixtures);
  // An existing database's migrations can rewrite a large table (0032 copies every file event): the log says so first.
  const onUpgrade = (pending: string[]) =>
    logger.info({ db: shownDb(config.db), migrations: pending }, `bringing ${shownDb(config.db)} up to date (${pending.join(", ")}): on a large database this takes a while`);
  const [spec, database] = await Promise.all([loadSpec(), openDatabase(config.db, { poolSize: config.dbPoolSize, cacheMiB: config.dbCacheMiB, onUpgrade })]);
  try {
    const collation = database.kind === "postgres" ? await foreignCollation(database.db) : undefined;
    if (collation)
      logger.warn({ collation }, `the database sorts text by ${collation}, not by code point as SQLite does: names may list in another order (create it with --locale=C.UTF-8)`);
    if (database.kind === "postgres" && config.seed !== undefined)
      logger.warn({ seed: config.seed }, "--seed on PostgreSQL: give it to one node at most, or the nodes generate the same ids");
    // PostgreSQL: this node takes the cluster's clock before it writes anything dated.
    const cluster = database.kind === "postgres" ? new ClusterState(database.db, clock) : undefined;
    await cluster?.refresh();
    const seed = async (docs: FixtureDocument[]) => {
      // A file database that already holds a tenant keeps its state; fixtures seed only an empty one.
      const seeded = await database.db.selectFrom("tenants").select("tenant_uid").limit(1).executeTakeFirst();
      if (seeded) {
        if (info) logger.info({ db: shownDb(config.db) }, `using existing state in ${shownDb(config.db)}: ${described(await stateCounts(database.db))}`);
        return;
      }
      for (const [i, doc] of docs.entries()) {
        const file = shown(fixturePaths[i]!);
        const counts = info ? documentCounts(doc) : undefined;
        const began = performance.now();
        try {
          const progress = counts && progressLine(logger, file, counts.users, options.progressIntervalMs ?? PROGRESS_INTERVAL_MS);
          await applyFixture(database.db, doc, { clock, ids, passwordCost: config.passwordCost }, progress);
        } catch (e) {
          throw new Error(`${fixturePaths[i]}: ${(e as Error).message}`);
        }
        if (counts) logger.info({ fixture: file, ms: Math.round(performance.now() - began) }, `loaded ${file}: ${described(counts)}`);
      }
    };
    const { keys, control } = await oneNodeAtATime(database.db, async () => {
      const keys = await loadOrCreateSigningKeys(database.db, clock.isoNow());
      await seed(fixtures!);
      fixtures = undefined;
      collectGarbageIfLarge();
      const state = database.sqlite ? sqliteState(database.sqlite) : postgresState(database.db);
      const control = await EmulatorControl.create({ db: database.db, state, clock, cluster, ids, passwordCost: config.passwordCost, journalSize: config.journalSize });
      return { keys, control };
    });
    const app = createApp({ db: database.db, changes: database.changes, clock, ids, tokens: new TokenService(keys, clock), spec, logger, config, startedAt, control, cluster });
    const server = createAppServer(app, options.timeouts);
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
      server.listen(config.port, config.host);
    });
    const port = (server.address() as AddressInfo).port;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        // Stop accepting, let in-flight requests finish, then close the database.
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        await done;
        clearTimeout(force);
        // A database that is gone cannot be told; the others stop asking after the node's heartbeats stop.
        await cluster?.leave().catch(() => {});
        await control.close();
        await database.close();
      })());

    const url = `http://${host}:${port}`;
    // Listening on every interface, the machine's name is how the others reach it (a Compose service, a pod).
    const wildcard = config.host === "0.0.0.0" || config.host === "::";
    try {
      await cluster?.join(config.advertiseUrl ?? (wildcard ? `http://${hostname()}:${port}` : url), new Date().toISOString());
    } catch (e) {
      server.close();
      throw e;
    }
    if (config.readyFile) {
      // Renamed into place: whoever waits for the file never reads half of it.
      writeFileSync(`${config.readyFile}.tmp`, JSON.stringify({ url, port, pid: process.pid }));
      renameSync(`${config.readyFile}.tmp`, config.readyFile);
    }
    return { url, port, server, database, clock, logger, fixtureTenants, control, spec, close };
  } catch (e) {
    await database.close();
    throw e;
  }
}
