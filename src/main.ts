// The code42-emulator command: flags (each with an environment twin, for containers) -> a running emulator.
// Bundled into dist/index.cjs and run by src/launch.ts (dist/emulator.mjs) through main() in src/bundle.ts.
import { Command, InvalidArgumentError, Option } from "commander";
import { defaultConfig, type EmulatorConfig } from "./config.js";
import { isBeyondLoopback } from "./control/guard.js";
import { DatabaseOpenError } from "./db/open.js";
import { packageVersion } from "./paths.js";
import { startServer, type RunningEmulator } from "./server.js";

function integer(min: number, max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

const program = new Command("code42-emulator")
  .description("A stateful, wire-compatible emulator of the Code42 cloud API")
  .version(packageVersion)
  .addOption(new Option("--port <port>", "TCP port (0 = any free port)").env("CODE42_EMULATOR_PORT").argParser(integer(0, 65535)).default(defaultConfig.port))
  .addOption(new Option("--host <host>", "address to bind").env("CODE42_EMULATOR_HOST").default(defaultConfig.host))
  .addOption(new Option("--db <path|url>", "SQLite file to keep state in (WAL), :memory:, or postgres://user:pass@host:5432/db").env("CODE42_EMULATOR_DB").default(defaultConfig.db, "a temporary file, gone on exit"))
  .addOption(
    new Option("--db-pool-size <n>", "PostgreSQL: connections in this node's pool (start-up holds one while it waits its turn)")
      .env("CODE42_EMULATOR_DB_POOL_SIZE")
      .argParser(integer(2, 1000))
      .default(defaultConfig.dbPoolSize),
  )
  .addOption(
    new Option("--db-cache <MiB>", "SQLite: database pages kept in memory (the rest stay in the file)")
      .env("CODE42_EMULATOR_DB_CACHE")
      .argParser(integer(1, 65536))
      .default(defaultConfig.dbCacheMiB),
  )
  .addOption(
    new Option("--fixtures <path...>", "fixture files or directories to load (repeatable; default fixtures/default.yaml)")
      .env("CODE42_EMULATOR_FIXTURES")
      .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(",").filter(Boolean)]),
  )
  .addOption(new Option("--strict", "validate responses against the spec as well").env("CODE42_EMULATOR_STRICT"))
  .addOption(
    new Option("--log-level <level>", "log level")
      .env("CODE42_EMULATOR_LOG_LEVEL")
      .choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default(defaultConfig.logLevel),
  )
  .addOption(
    new Option("--password-cost <log2n>", "scrypt cost (log2 N) for stored passwords and secrets")
      .env("CODE42_EMULATOR_PASSWORD_COST")
      .argParser(integer(1, 20))
      .default(defaultConfig.passwordCost),
  )
  .addOption(new Option("--seed <seed>", "make generated ids reproducible").env("CODE42_EMULATOR_SEED"))
  .addOption(
    new Option("--journal-size <n>", "requests the journal keeps")
      .env("CODE42_EMULATOR_JOURNAL_SIZE")
      .argParser(integer(1, 1_000_000))
      .default(defaultConfig.journalSize),
  )
  .addOption(new Option("--control-token <token>", "require this X-Emulator-Token on /_emulator/* calls").env("CODE42_EMULATOR_CONTROL_TOKEN"))
  .addOption(
    new Option("--control-host <name...>", "without a token, further Host names control calls may use (e.g. a Compose service's)")
      .env("CODE42_EMULATOR_CONTROL_HOSTS")
      .argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(",").filter(Boolean)]),
  )
  .addOption(new Option("--advertise-url <url>", "PostgreSQL: where the other nodes reach this one (default: the address it listens on)").env("CODE42_EMULATOR_ADVERTISE_URL"))
  .addOption(new Option("--ready-file <path>", "write {\"url\", \"port\", \"pid\"} here once listening").env("CODE42_EMULATOR_READY_FILE"));

program.parse();
const opts = program.opts<{
  port: number;
  host: string;
  db: string;
  dbPoolSize: number;
  dbCache: number;
  fixtures?: string[];
  strict?: boolean | string;
  logLevel: string;
  passwordCost: number;
  seed?: string;
  journalSize: number;
  controlToken?: string;
  controlHost?: string[];
  readyFile?: string;
  advertiseUrl?: string;
}>();

const config: Partial<EmulatorConfig> = {
  port: opts.port,
  host: opts.host,
  db: opts.db,
  dbPoolSize: opts.dbPoolSize,
  dbCacheMiB: opts.dbCache,
  fixtures: opts.fixtures ?? [],
  strict: opts.strict !== undefined && opts.strict !== false && opts.strict !== "false" && opts.strict !== "0",
  logLevel: opts.logLevel,
  passwordCost: opts.passwordCost,
  journalSize: opts.journalSize,
  ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  ...(opts.controlToken !== undefined ? { controlToken: opts.controlToken } : {}),
  ...(opts.controlHost !== undefined ? { controlHosts: opts.controlHost } : {}),
  ...(opts.readyFile !== undefined ? { readyFile: opts.readyFile } : {}),
  ...(opts.advertiseUrl !== undefined ? { advertiseUrl: opts.advertiseUrl } : {}),
};

let emulator: RunningEmulator | undefined;
let stopping = false;

/**
 * Stops gracefully: no new connections, requests in flight finish, the database closes. Installed before start-up,
 * so a signal that comes as soon as the ready file or the banner appears is not met by node's default (an exit
 * without closing); during start-up nothing serves yet, and it simply exits.
 */
function stop(reason: string): void {
  if (stopping) return;
  stopping = true;
  if (!emulator) process.exit(0);
  emulator.logger.info({ signal: reason }, "shutting down");
  emulator.close().then(
    () => process.exit(0),
    (e) => {
      emulator!.logger.error({ err: e }, "shutdown failed");
      process.exit(1);
    },
  );
}

process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
followNpmShell(() => stop("npm's shell exited"));

/** Prints where it listens and who can sign in. */
function serve(running: RunningEmulator): void {
  emulator = running;
  const admin = running.fixtureTenants.find((t) => t.admin)?.admin;
  process.stdout.write(
    `code42-emulator ${packageVersion} listening on ${running.url}\n` +
      (admin ? `admin: ${admin.username} / ${admin.password}\n` : ""),
  );
  if (!opts.controlToken && isBeyondLoopback(opts.host))
    process.stderr.write(
      `WARNING: listening beyond this machine (${opts.host}) with no --control-token: anyone who reaches the port can sign in with the fixtures' ` +
        `passwords, and, under a loopback or --control-host name, reset the tenant or read its password hashes through /_emulator/. ` +
        `Set --control-token (CODE42_EMULATOR_CONTROL_TOKEN), or bind 127.0.0.1.\n`,
    );
}

/**
 * `npm start` and `npx code42-emulator` run the command through a shell, and hand a SIGTERM they get to that shell,
 * which exits without passing it on: the emulator would be left running, orphaned. Started that way, it stops when
 * its shell is gone (its parent changes). Started any other way, it leaves its lifetime to whoever started it.
 */
function followNpmShell(stop: () => void): void {
  const event = process.env.npm_lifecycle_event;
  if (event !== "start" && event !== "npx") return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 250).unref();
}

const PICK_A_PORT = "choose another with --port (or CODE42_EMULATOR_PORT; 0 picks a free port)";
const PICK_A_HOST = "choose another with --host (or CODE42_EMULATOR_HOST), e.g. 127.0.0.1, or 0.0.0.0 for every interface";

/** A start-up failure as what to change: the flag (and its environment twin) that fixes it, where there is one. */
function explained(e: Error & { code?: string; syscall?: string }): string {
  const { port, host } = opts;
  if (e instanceof DatabaseOpenError) return `--db ${e.message}`;
  if (e.syscall === "listen")
    switch (e.code) {
      case "EADDRINUSE":
        return `port ${port} on ${host} is already in use: stop the other process or ${PICK_A_PORT}`;
      case "EACCES":
        return `port ${port} on ${host} is not open to this user (ports below 1024 usually need privileges): ${PICK_A_PORT}`;
      case "EADDRNOTAVAIL":
        return `${host} is not an address of this machine: ${PICK_A_HOST}`;
    }
  if (e.syscall === "getaddrinfo") return `${host} does not resolve to an address: ${PICK_A_HOST}`;
  return e.message;
}

startServer(config).then(serve, (e: Error) => {
  process.stderr.write(`code42-emulator: ${explained(e)}\n`);
  process.exit(1);
});
