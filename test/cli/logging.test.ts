// What the emulator says while it runs: the start-up lines, the request lines at debug, the level of a failed
// request, and the one-line errors the command stops with when it cannot start.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, SqliteDialect } from "kysely";
import { migrations } from "../../migrations/index.js";
import { packageRoot, packageVersion } from "../../src/paths.js";
import { startServer, type RunningEmulator } from "../../src/server.js";

const CLI = join(packageRoot, "dist", "emulator.mjs");

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}
const DEBUG = 20;
const INFO = 30;
const WARN = 40;
const ERROR = 50;

const logLines = (text: string): LogLine[] =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as LogLine);

async function until<T>(what: () => T | undefined, detail: () => string, ms = 5_000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 20))) {
    const found = what();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting: ${detail()}`);
  }
}

/** The CLI, running, with what it has printed so far. */
interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  stop(): Promise<number | null>;
}

function start(args: string[], cwd: string): Promise<Running> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--password-cost", "4", ...args], { cwd });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  // The CLI prints its banner a moment before it handles SIGTERM: an answer shows that moment has passed.
  const stop = (url: string) => fetch(`${url}/_emulator/health`).then(() => (child.kill("SIGTERM"), exited));
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  return Promise.race([
    until(() => /listening on (http:\/\/\S+)\n/.exec(out)?.[1], () => out + err, 15_000).then((url) => ({ child, url, stdout: () => out, stop: () => stop(url) })),
    exited.then((code) => Promise.reject(new Error(`exited ${code}: ${out}${err}`))),
  ]);
}

/** `as`: a command (and its arguments) that runs the CLI as another user. */
function run(args: string[], as: string[] = []) {
  const [command, ...prefix] = [...as, process.execPath, CLI, ...args];
  return spawnSync(command!, prefix, { encoding: "utf8", timeout: 20_000 });
}

/** Root may write anything and bind any port: run as root, the tests of what a user meets run the CLI as nobody. */
const asUnprivileged: string[] | null =
  process.getuid?.() !== 0 ? [] : existsSync("/usr/bin/setpriv") ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : null;

/** 1 tenant, 3 orgs, 4 users, 2 devices, 1 legal hold. */
const SMALL = {
  tenants: [
    {
      name: "Logging",
      orgs: [{ orgName: "Root", children: [{ orgName: "Left" }, { orgName: "Right" }] }],
      legalHolds: [{ name: "Hold" }],
      users: [
        { username: "first@example.com", password: "first-password", org: "Root", roles: ["Customer Cloud Admin"], devices: [{ name: "Laptop" }, { name: "Desktop" }] },
        { username: "second@example.com", org: "Left", legalHolds: ["Hold"] },
        { username: "third@example.com", org: "Right" },
        { username: "fourth@example.com", org: "Right" },
      ],
    },
  ],
};

const manyUsers = (n: number) => ({
  tenants: [{ name: "Many", orgs: [{ orgName: "Root" }], users: Array.from({ length: n }, (_, i) => ({ username: `user${i}@example.com`, org: "Root" })) }],
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "c42log-"));
  writeFileSync(join(dir, "small.json"), JSON.stringify(SMALL));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("start-up lines", () => {
  it("says what each fixture file held, at info, and leaves the banner as it was", async () => {
    const cli = await start(["--fixtures", "small.json"], dir);
    const code = await cli.stop();
    expect(code).toBe(0);
    const lines = logLines(cli.stdout());
    expect(lines.filter((l) => l.msg.startsWith("loaded"))).toEqual([
      expect.objectContaining({ level: INFO, msg: "loaded small.json: 1 tenant, 3 orgs, 4 users, 2 devices, 1 legal hold", fixture: "small.json" }),
    ]);
    const banner = cli.stdout().split("\n").filter((l) => !l.startsWith("{"));
    expect(banner).toEqual([`code42-emulator ${packageVersion} listening on ${cli.url}`, "admin: first@example.com / first-password", ""]);
  });

  it("says what an existing database holds when it keeps its state instead of loading fixtures", async () => {
    const db = join(dir, "kept.db");
    const first = await start(["--fixtures", "small.json", "--db", db], dir);
    expect(await first.stop()).toBe(0);
    const again = await start(["--fixtures", "small.json", "--db", db], dir);
    expect(await again.stop()).toBe(0);
    const lines = logLines(again.stdout());
    expect(lines.some((l) => l.msg.startsWith("loaded"))).toBe(false);
    expect(lines).toContainEqual(expect.objectContaining({ level: INFO, msg: `using existing state in ${db}: 1 tenant, 3 orgs, 4 users, 2 devices, 1 legal hold` }));
    // Its schema is current: nothing to bring up to date.
    expect(lines.some((l) => l.msg.startsWith("bringing"))).toBe(false);
  });

  it("says which migrations it runs on a database an earlier version made, before running them", async () => {
    const db = join(dir, "older.db");
    const older = new BetterSqlite3(db);
    const migrator = new Migrator({ db: new Kysely({ dialect: new SqliteDialect({ database: older }) }), provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0031_list_orders")).error).toBeUndefined();
    older.close();
    const cli = await start(["--fixtures", "small.json", "--db", db], dir);
    expect(await cli.stop()).toBe(0);
    const lines = logLines(cli.stdout());
    const said = lines.findIndex((l) => l.msg.startsWith("bringing"));
    const later = Object.keys(migrations).filter((name) => name > "0031_list_orders");
    expect(later[0]).toBe("0032_file_event_key");
    expect(lines[said]).toEqual(expect.objectContaining({ level: INFO, msg: `bringing ${db} up to date (${later.join(", ")}): on a large database this takes a while`, migrations: later }));
    expect(said).toBeLessThan(lines.findIndex((l) => l.msg.startsWith("loaded")));
  });
});

/** An in-process emulator whose log lines are kept. */
async function startLogged(level: string, fixtures: string[], progressIntervalMs?: number): Promise<{ emulator: RunningEmulator; lines: LogLine[] }> {
  const lines: LogLine[] = [];
  const logDestination = { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) };
  const emulator = await startServer({ port: 0, logLevel: level, passwordCost: 4, fixtures }, { logDestination, ...(progressIntervalMs !== undefined ? { progressIntervalMs } : {}) });
  return { emulator, lines };
}

describe("fixture load progress", () => {
  let big: string;
  beforeAll(() => {
    big = join(dir, "big.json");
    writeFileSync(big, JSON.stringify(manyUsers(2_500)));
  });

  it("is told as the users are written, as often as the interval allows", async () => {
    const { emulator, lines } = await startLogged("info", [big], 0);
    await emulator.close();
    expect(lines.filter((l) => l.msg.startsWith("load")).map((l) => [l.level, l.msg])).toEqual([
      [INFO, `loading ${big}: 1,000 of 2,500 users`],
      [INFO, `loading ${big}: 2,000 of 2,500 users`],
      [INFO, `loaded ${big}: 1 tenant, 1 org, 2,500 users`],
    ]);
  });

  it("starts with a line saying a file of over 10 MB is being read, which takes seconds before any user is written", async () => {
    // Whitespace: a large file that reads and loads quickly.
    const padded = join(dir, "padded.json");
    writeFileSync(padded, JSON.stringify(manyUsers(3)) + " ".repeat(12_000_000));
    const { emulator, lines } = await startLogged("info", [padded, big]);
    await emulator.close();
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [INFO, `reading ${padded} (12 MB)`],
      [INFO, `loaded ${padded}: 1 tenant, 1 org, 3 users`],
      [INFO, `loaded ${big}: 1 tenant, 1 org, 2,500 users`],
    ]);
    expect(lines[0]).toMatchObject({ fixture: padded, bytes: statSync(padded).size });
  });

  it("is not told of a load shorter than the interval (two seconds)", async () => {
    const { emulator, lines } = await startLogged("info", [big]);
    await emulator.close();
    expect(lines.map((l) => l.msg)).toEqual([`loaded ${big}: 1 tenant, 1 org, 2,500 users`]);
  });
});

describe("requests", () => {
  it("are one debug line each: method, path, status, time, operation; never the query, headers or body", async () => {
    const cli = await start(["--fixtures", "small.json", "--log-level", "debug"], dir);
    try {
      const basic = `Basic ${Buffer.from("first@example.com:first-password").toString("base64")}`;
      const { v3_user_token: token } = (await (await fetch(`${cli.url}/api/v3/auth/jwt?useBody=true`, { headers: { authorization: basic } })).json()) as { v3_user_token: string };
      const headers = { authorization: `Bearer ${token}`, cookie: "session=cookie-value-1234", "totp-auth": "totp-value-1234", "content-type": "application/json" };
      expect((await fetch(`${cli.url}/api/v1/User?pgSize=1&q=query-value-1234`, { headers })).status).toBe(200);
      const created = await fetch(`${cli.url}/api/v1/User`, { method: "POST", headers, body: JSON.stringify({ username: "new@example.com", password: "body-password-1234" }) });
      expect(created.status).toBe(400);
      expect((await fetch(`${cli.url}/api/v1/NoSuchThing`, { headers })).status).toBe(404);

      const line = (msg: RegExp) => logLines(cli.stdout()).find((l) => msg.test(l.msg));
      const listed = await until(() => line(/^GET \/api\/v1\/User 200/), cli.stdout);
      expect(listed).toEqual({ level: DEBUG, time: expect.any(Number), method: "GET", path: "/api/v1/User", status: 200, responseTime: expect.any(Number), operationId: "listUsers", msg: `GET /api/v1/User 200 ${listed.responseTime}ms listUsers` });
      expect(await until(() => line(/^GET \/api\/v3\/auth\/jwt/), cli.stdout)).toMatchObject({ level: DEBUG, path: "/api/v3/auth/jwt", status: 200, operationId: "getUserToken" });
      expect(await until(() => line(/^POST \/api\/v1\/User/), cli.stdout)).toMatchObject({ level: DEBUG, msg: expect.stringMatching(/^POST \/api\/v1\/User 400 \d+ms createUser$/) });
      // An unknown route has no operation.
      expect((await until(() => line(/^GET \/api\/v1\/NoSuchThing 404/), cli.stdout)).msg).toMatch(/^GET \/api\/v1\/NoSuchThing 404 \d+ms$/);

      const out = cli.stdout();
      for (const secret of [token, basic, "cookie-value-1234", "totp-value-1234", "query-value-1234", "body-password-1234"]) expect(out).not.toContain(secret);
    } finally {
      await cli.stop();
    }
  });

  it("are not logged above debug: no request logger is attached at all", async () => {
    const ids = async (level: string) => {
      const { emulator } = await startLogged(level, []);
      // pino-http numbers each request it sees; Express has run it by the time the server's next listener runs.
      const seen: unknown[] = [];
      emulator.server.on("request", (req: IncomingMessage & { id?: unknown }) => seen.push(req.id));
      await fetch(`${emulator.url}/_emulator/health`);
      await emulator.close();
      return seen;
    };
    expect(await ids("debug")).toEqual([expect.any(Number)]);
    expect(await ids("info")).toEqual([undefined]);
  });
});

describe("failed requests", () => {
  let emulator: RunningEmulator;
  let lines: LogLine[];
  beforeAll(async () => ({ emulator, lines } = await startLogged("info", [])));
  afterAll(() => emulator.close());
  beforeEach(() => (lines.length = 0));

  it("an unknown route is a warn line without a stack", async () => {
    expect((await fetch(`${emulator.url}/api/v1/NoSuchThing?x=1`)).status).toBe(404);
    expect(lines).toEqual([{ level: WARN, time: expect.any(Number), method: "GET", path: "/api/v1/NoSuchThing", status: 404, msg: "unknown route: GET /api/v1/NoSuchThing (404)" }]);
  });

  it("a method the path does not have is a warn line without a stack", async () => {
    expect((await fetch(`${emulator.url}/api/v1/User`, { method: "DELETE" })).status).toBe(405);
    expect(lines).toEqual([{ level: WARN, time: expect.any(Number), method: "DELETE", path: "/api/v1/User", status: 405, msg: "method not allowed: DELETE /api/v1/User (405)" }]);
  });

  it("a request its operation refuses says nothing above debug: its answer says what is wrong", async () => {
    const basic = `Basic ${Buffer.from("test.user@example.com:password").toString("base64")}`;
    const { v3_user_token: token } = (await (await fetch(`${emulator.url}/api/v3/auth/jwt?useBody=true`, { headers: { authorization: basic } })).json()) as { v3_user_token: string };
    lines.length = 0;
    // Authenticated: an unauthenticated one is a 401 before its body is judged.
    const res = await fetch(`${emulator.url}/api/v1/User`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: "{not json" });
    expect(res.status).toBe(400);
    expect(lines).toEqual([]);
  });

  it("an unexpected failure is an error line that names it, its stack only at debug", async () => {
    for (const level of ["info", "debug"]) {
      const { emulator: broken, lines: brokenLines } = await startLogged(level, []);
      broken.database.sqlite!.close();
      const res = await fetch(`${broken.url}/_emulator/health`);
      await broken.close().catch(() => undefined);
      expect(res.status).toBe(500);
      const failed = brokenLines.filter((l) => String(l.msg).startsWith("request failed"));
      expect(failed[0]).toEqual({ level: ERROR, time: expect.any(Number), method: "GET", path: "/_emulator/health", error: "TypeError: The database connection is not open", msg: "request failed: GET /_emulator/health: TypeError: The database connection is not open" });
      expect(JSON.stringify(failed[0])).not.toContain("\n    at ");
      const stacks = failed.slice(1).map((l) => ({ level: l.level, stack: (l.err as { stack?: string } | undefined)?.stack }));
      expect(stacks).toEqual(level === "debug" ? [{ level: 20, stack: expect.stringContaining("\n    at ") }] : []);
    }
  });
});

describe("start-up errors: one line on stderr naming what to fix, exit code 1", () => {
  const fails = (args: string[], message: string, prefix: string[] = []) => {
    const res = run(["--port", "0", "--log-level", "silent", ...args], prefix);
    expect({ status: res.status, stderr: res.stderr }).toEqual({ status: 1, stderr: `code42-emulator: ${message}\n` });
  };

  it("a database in a directory that does not exist", () => {
    const db = join(dir, "missing", "state.db");
    fails(["--db", db], `--db ${db}: cannot open the database (the directory ${join(dir, "missing")} does not exist)`);
  });

  it("a file that is not a SQLite database", () => {
    const db = join(dir, "notes.txt");
    writeFileSync(db, "These are notes, not a database. ".repeat(10));
    fails(["--db", db], `--db ${db}: cannot open the database (the file is not a SQLite database)`);
  });

  it("a directory where the database file should be", () => {
    fails(["--db", dir], `--db ${dir}: cannot open the database (it is a directory)`);
  });

  (asUnprivileged ? it : it.skip)("a database file, or its directory, this user may not write", () => {
    const shared = mkdtempSync(join(tmpdir(), "c42ro-"));
    try {
      const db = join(shared, "state.db");
      writeFileSync(db, "");
      chmodSync(db, 0o444);
      chmodSync(shared, 0o777);
      fails(["--db", db], `--db ${db}: cannot open the database (the file is not writable)`, asUnprivileged!);
      chmodSync(shared, 0o555);
      chmodSync(db, 0o666);
      fails(["--db", db], `--db ${db}: cannot open the database (its directory ${shared} is not writable, and SQLite keeps its WAL files beside the database)`, asUnprivileged!);
      const fresh = join(shared, "new.db");
      fails(["--db", fresh], `--db ${fresh}: cannot open the database (permission denied on ${shared})`, asUnprivileged!);
    } finally {
      chmodSync(shared, 0o755);
      rmSync(shared, { recursive: true, force: true });
    }
  });

  it("a port in use", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const res = run(["--port", String(port), "--log-level", "silent"]);
      expect({ status: res.status, stderr: res.stderr }).toEqual({
        status: 1,
        stderr: `code42-emulator: port ${port} on 127.0.0.1 is already in use: stop the other process or choose another with --port (or CODE42_EMULATOR_PORT; 0 picks a free port)\n`,
      });
    } finally {
      taken.close();
    }
  });

  it("a host that is not an address of this machine", () => {
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): no machine has it.
    fails(["--host", "192.0.2.1"], "192.0.2.1 is not an address of this machine: choose another with --host (or CODE42_EMULATOR_HOST), e.g. 127.0.0.1, or 0.0.0.0 for every interface");
  });

  const privilegedPorts = Number(existsSync("/proc/sys/net/ipv4/ip_unprivileged_port_start") ? readFileSync("/proc/sys/net/ipv4/ip_unprivileged_port_start", "utf8") : 1024);
  (asUnprivileged && privilegedPorts > 80 ? it : it.skip)("a privileged port", () => {
    const res = run(["--port", "80", "--log-level", "silent"], asUnprivileged!);
    expect({ status: res.status, stderr: res.stderr }).toEqual({
      status: 1,
      stderr: "code42-emulator: port 80 on 127.0.0.1 is not open to this user (ports below 1024 usually need privileges): choose another with --port (or CODE42_EMULATOR_PORT; 0 picks a free port)\n",
    });
  });
});
