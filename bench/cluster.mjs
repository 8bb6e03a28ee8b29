// The benchmark on PostgreSQL: `npm run bench -- --db postgres://user@host:port/db` (an admin URL: each run makes
// databases of its own in that cluster and drops them). The legacy rows of the default tenant at one node and at two
// nodes on one database, with the CPU of the nodes and of PostgreSQL's own processes per request, next to the bare
// node:http baseline; and the control plane's per-test calls (reset, tenant copy) on PostgreSQL and on SQLite.
//   scripts/with-postgres.sh sh -c 'node bench/run.mjs --db "$C42EMU_PG_CLUSTER" --no-build'
// The nodes, PostgreSQL and the baseline share the server core; the load generator has the other. Figures are per
// request, so two nodes on one core show what a second node costs, not what it adds in throughput. PostgreSQL's CPU
// is its cluster's processes' (run the bench on the database's machine).
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { load, post, signIn, startBaseline, startEmulator, stop } from "./harness.mjs";
import { median, timedRequest } from "./jobs.mjs";
import { cpuSeconds } from "./proc.mjs";

const argv = process.argv.slice(2);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1));
const ADMIN_URL = option("--db");
const QUICK = argv.includes("--quick");
const WINDOW_S = QUICK ? 2 : 10;
const WARMUP_S = QUICK ? 1 : 3;
const CONNECTIONS = 10;
const JOB_RUNS = QUICK ? 10 : 30;

const DEFAULT_TENANT = "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b";
const DEFAULT_ADMIN = { username: "test.user@example.com", password: "password" };
const ALICE = "942897397520280004";

let made = 0;
async function admin(text) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
async function freshDatabase() {
  const name = `c42bench_${process.pid}_${++made}`;
  await admin(`create database "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** The cluster's postmaster: its data directory's postmaster.pid names it (the bench runs on the database's machine). */
async function postmasterPid() {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const { rows } = await client.query("show data_directory");
    return Number(readFileSync(`${rows[0].data_directory}/postmaster.pid`, "utf8").split("\n")[0]);
  } finally {
    await client.end();
  }
}
const POSTMASTER = await postmasterPid();

/** CPU seconds of this cluster's processes: the postmaster and its children (the nodes' backends among them). */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d)))
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (Number(pid) === POSTMASTER || ppid === POSTMASTER) total += cpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  return total;
}

/** The same request spread over every node, CONNECTIONS in all; CPU per request of the nodes and of PostgreSQL. */
async function measure(nodes, req) {
  const each = Math.max(1, Math.floor(CONNECTIONS / nodes.length));
  const run = (duration) => Promise.all(nodes.map((n) => load(n.port, req, { connections: each, duration })));
  await run(WARMUP_S);
  const node0 = nodes.map((n) => cpuSeconds(n.child.pid));
  const pg0 = postgresCpuSeconds();
  const runs = await run(WINDOW_S);
  const nodeCpu = nodes.reduce((sum, n, i) => sum + cpuSeconds(n.child.pid) - node0[i], 0);
  const pgCpu = postgresCpuSeconds() - pg0;
  const ok = runs.reduce((s, r) => s + r.ok, 0);
  const p50 = median(runs.map((r) => r.p50));
  const p99 = Math.max(...runs.map((r) => r.p99));
  return { ok, reqPerSec: ok / WINDOW_S, nodeUs: (nodeCpu * 1e6) / ok, pgUs: (pgCpu * 1e6) / ok, p50, p99, failed: runs.reduce((s, r) => s + r.failed, 0) };
}

async function baselineUs(bodyBytes, req) {
  const base = await startBaseline(bodyBytes);
  try {
    await load(base.port, req, { connections: CONNECTIONS, duration: WARMUP_S });
    const c0 = cpuSeconds(base.child.pid);
    const r = await load(base.port, req, { connections: CONNECTIONS, duration: WINDOW_S });
    return ((cpuSeconds(base.child.pid) - c0) * 1e6) / r.ok;
  } finally {
    await stop(base.child);
  }
}

const legacyRows = async (port) => {
  const token = await signIn(port, DEFAULT_ADMIN);
  return [
    ["customer/my", { method: "GET", path: "/api/v3/customer/my", headers: { authorization: `Bearer ${token}` } }],
    ["highriskemployee/get", post("/svc/api/v2/highriskemployee/get", token, { tenantId: DEFAULT_TENANT, userId: ALICE })],
    ["SCIM Users?filter=userName eq", { method: "GET", path: `/scim/okta/v2/Users?filter=${encodeURIComponent('userName eq "alice.adams@example.com"')}`, headers: { authorization: "Bearer okta-scim-token" } }],
    ["v1 User list p1 (default tenant)", { method: "GET", path: "/api/v1/User?pgNum=1&pgSize=100", headers: { authorization: `Bearer ${token}` } }],
  ];
};

/** Per-test calls of the control plane: wall time of one call, the median of JOB_RUNS. */
async function controlJobs(engine, port) {
  const rows = [];
  const time = async (name, req, after) => {
    const walls = [];
    for (let i = 0; i < JOB_RUNS; i++) {
      const res = await timedRequest(port, typeof req === "function" ? req(i) : req, { keep: true });
      if (res.status >= 300) throw new Error(`${name}: HTTP ${res.status} ${res.body}`);
      walls.push(res.wallMs);
      if (after) await after(res);
    }
    rows.push({ engine, name, runs: JOB_RUNS, medianMs: median(walls), maxMs: Math.max(...walls) });
  };
  await time("reset (default tenant)", { method: "POST", path: "/_emulator/reset" });
  await time("tenant copy (default tenant)", (i) => ({ method: "POST", path: `/_emulator/tenants/${DEFAULT_TENANT}/copy`, headers: { "content-type": "application/json" }, body: JSON.stringify({ suffix: `b${i}` }) }));
  await time("snapshot save", { method: "POST", path: "/_emulator/snapshots", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "bench" }) });
  await time("snapshot restore", { method: "POST", path: "/_emulator/snapshots/bench/restore" });
  return rows;
}

const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : "–");
function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => "| " + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ") + " |";
  return [line(header), "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|", ...rows.map(line)].join("\n");
}

async function main() {
  if (!ADMIN_URL) throw new Error("--db postgres://… is required");
  const rows = [];
  const jobs = [];
  for (const count of [1, 2]) {
    const db = await freshDatabase();
    const nodes = [];
    try {
      // One after another: the first loads the fixtures, the next finds them.
      for (let i = 0; i < count; i++) nodes.push(await startEmulator(undefined, process.env, ["--db", db.url]));
      for (const [name, req] of await legacyRows(nodes[0].port)) {
        process.stderr.write(`  ${name}, ${count} node${count > 1 ? "s" : ""} …\n`);
        const probe = await fetch(`http://127.0.0.1:${nodes[0].port}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
        const bodyBytes = (await probe.arrayBuffer()).byteLength;
        if (probe.status !== 200) throw new Error(`${name}: HTTP ${probe.status}`);
        const m = await measure(nodes, req);
        rows.push({ name, nodes: count, ...m, baselineUs: await baselineUs(bodyBytes, req) });
      }
      if (count === 1) jobs.push(...(await controlJobs("postgres", nodes[0].port)));
    } finally {
      for (const n of nodes) await stop(n.child);
      await db.drop();
    }
  }
  const sqlite = await startEmulator();
  try {
    jobs.push(...(await controlJobs("sqlite", sqlite.port)));
  } finally {
    await stop(sqlite.child);
  }
  console.log(`\nPostgreSQL run, ${new Date().toISOString()}; windows of ${WINDOW_S}s at ${CONNECTIONS} connections (split over the nodes)\n`);
  console.log(
    table(
      ["scenario", "nodes", "node CPU µs/req", "PostgreSQL CPU µs/req", "total µs/req", "baseline µs/req", "ratio", "req/s", "p50 / p99 ms", "failed"],
      rows.map((r) => [r.name, r.nodes, f(r.nodeUs), f(r.pgUs), f(r.nodeUs + r.pgUs), f(r.baselineUs), `${f((r.nodeUs + r.pgUs) / r.baselineUs, 1)}×`, f(r.reqPerSec), `${f(r.p50, 2)} / ${f(r.p99, 2)}`, r.failed]),
    ),
  );
  console.log();
  console.log(table(["control call", "engine", "runs", "median ms", "max ms"], jobs.map((j) => [j.name, j.engine, j.runs, f(j.medianMs, 1), f(j.maxMs, 1)])));
}

await main();
