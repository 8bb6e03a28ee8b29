// What the benchmarks share: the server (and the baseline) pinned to one core and the load generator to another,
// the emulator spawned as `npm start` runs it, a bare node:http baseline, autocannon runs, and signing in.
import autocannon from "autocannon";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startCommand } from "../scripts/start-command.mjs";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-V"], { stdio: "ignore" });
    return cpus().length >= 2;
  } catch {
    return false;
  }
})();
export const SERVER_CORE = 1;
export const LOADGEN_CORE = 0;
// -a: every thread of this process (autocannon runs on the main thread; libuv's pool follows).
if (hasTaskset) execFileSync("taskset", ["-a", "-cp", String(LOADGEN_CORE), String(process.pid)], { stdio: "ignore" });

const children = new Set();
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

export function spawnPinned(argv, env = process.env) {
  const [cmd, rest] = hasTaskset ? ["taskset", ["-c", String(SERVER_CORE), ...argv]] : [argv[0], argv.slice(1)];
  // taskset execs the command: the child's pid is the server's pid, so /proc/<pid> is the server's.
  const child = spawn(cmd, rest, { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  child.kill("SIGTERM");
  await once(child, "exit");
  clearTimeout(killer);
}

export async function freePort() {
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  await new Promise((r) => srv.close(r));
  return port;
}

// Node's own flags and environment as `npm start` gives them, so the server runs exactly as users start it.
const START = startCommand(root);

export const emulatorArgv = (port, fixture, extra = []) => [
  process.execPath, ...START.flags, START.file, "--port", String(port), "--log-level", "silent", ...(fixture ? ["--fixtures", fixture] : []), ...extra,
];

/**
 * Spawns the CLI as users start it and polls /_emulator/health: milliseconds from spawn to the first 200. `extra`:
 * further flags (`--db postgres://…`).
 */
export async function startEmulator(fixture, env = process.env, extra = []) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnPinned(emulatorArgv(port, fixture, extra), { ...env, ...START.env });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`emulator exited with code ${child.exitCode} before answering`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/_emulator/health`);
      await res.arrayBuffer();
      if (res.status === 200) return { child, port, startupMs: performance.now() - t0 };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function startBaseline(bodyBytes) {
  const port = await freePort();
  const child = spawnPinned([process.execPath, "bench/baseline.mjs", String(port), String(bodyBytes)]);
  for (;;) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer();
      return { child, port };
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

// ---- load ------------------------------------------------------------------------------------------------------

const percentile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

/**
 * One autocannon run. Latencies are taken from its per-response event (float milliseconds): its own histogram
 * keeps whole milliseconds, too coarse for sub-millisecond answers.
 */
export async function load(port, req, opts) {
  const latencies = [];
  let ok = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}${req.path}`,
    method: req.method,
    headers: req.headers,
    body: req.body,
    // autocannon checks its deadline at each sample tick (1 s by default): tick every 100 ms so windows end on time.
    sampleInt: 100,
    ...opts,
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(ms);
    }
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return { ok, failed: result.non2xx + result.errors + result.timeouts, seconds: result.duration, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
}

export const basic = ({ username, password }) => "Basic " + Buffer.from(`${username}:${password}`).toString("base64");

export async function signIn(port, admin) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v3/auth/jwt?useBody=true`, { headers: { authorization: basic(admin) } });
  if (res.status !== 200) throw new Error(`sign-in as ${admin.username}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).v3_user_token;
}

export const post = (path, token, body) => ({
  method: "POST",
  path,
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  body: JSON.stringify(body),
});

