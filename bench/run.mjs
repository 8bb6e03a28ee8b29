// The benchmark: drives the real CLI (as `npm start` runs it) in a child process with autocannon from this
// process, next to a bare node:http baseline answering the same path with a body of the same size; times one-shot
// jobs (the users CSV export and import, the state export) by their wall time; with --peers, puts Prism's mock
// through the same reads.
//
//   npm run bench -- --quick     # about ten minutes: 1 s windows, 100k-user tenant, 10k requests for the RSS check
//   npm run bench                # about 20 minutes: 10 s windows, 1M requests for the RSS check
//   npm run bench -- --million   # the full run plus the 1M-user tenant (loading it takes about a minute)
//   --no-build                   # use dist/ as it is instead of running `npm run build` first
//   --peers                      # also measure Prism (`prism mock` on our spec), if it is installed
//   --prism <path>               # where Prism is (its command, or a directory it is installed under); implies --peers
//   --db postgres://…            # the PostgreSQL run instead (bench/cluster.mjs): legacy rows at one and two nodes
//
// Writes tables to stdout and bench/results.json. It reports numbers and asserts none: timings vary by machine.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { BENCH_ADMIN, BENCH_MATTER_UID, BENCH_SCIM, BENCH_TENANT_UID, BENCH_WATCHLIST_ID, highRiskUidOf, userUidOf, WITH_DEVICES, writeBenchFixture } from "./fixture.mjs";
import { exportJob, stateJob, generateEventsJob, importJob, median, runJob } from "./jobs.mjs";
import { findPrism, prismMockArgv } from "./peers.mjs";
import { basic, freePort, hasTaskset, load, LOADGEN_CORE, post, root, SERVER_CORE, signIn, spawnPinned, startBaseline, startEmulator, stop } from "./harness.mjs";
import { cpuSeconds, memory, othersMeter, resetPeak, untilIdle } from "./proc.mjs";

const argv = process.argv.slice(2);
const args = new Set(argv);
const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1));
const QUICK = args.has("--quick");
const PRISM_PATH = option("--prism");
const PEERS = args.has("--peers") || PRISM_PATH !== undefined;

// Seconds of warm-up and of each measured window, for the emulator and for the (steadier) baseline; how many extra
// start-ups with the default fixtures (each spawn of them is a sample too); requests for the RSS check; runs of each
// one-shot job (CSV export and import, state export; the median is reported).
const profile = QUICK
  ? { warmupS: 0.5, windowS: 1, baseWarmupS: 0.5, baseWindowS: 1, startups: 1, rssWarmup: 2_000, rssRequests: 10_000, jobRuns: 3 }
  : { warmupS: 3, windowS: 10, baseWarmupS: 2, baseWindowS: 5, startups: 10, rssWarmup: 20_000, rssRequests: 1_000_000, jobRuns: 5 };
// The 1M-user tenant is opt-in: it adds a minute of loading and ~4 GB of memory.
const scales = args.has("--million") && !QUICK ? [100_000, 1_000_000] : [100_000];
const MODERATE = 10; // connections: the "fixed moderate load" of the latency targets
const SATURATION = 64; // connections: enough to keep a one-threaded server busy all the time
const IMPORT_ROWS = 10_000; // users per CSV import
const EVENT_USERS = 100; // users the generated file events belong to

// The default tenant (fixtures/default.yaml).
const DEFAULT_TENANT = "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b";
const DEFAULT_ADMIN = { username: "test.user@example.com", password: "password" };
const ALICE = "942897397520280004"; // on the default tenant's High Risk Employees list

/** Spawns `prism mock` on a spec and waits for its first answer (any status: it mocks whatever the spec says). */
async function startPrism(prism, spec) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawnPinned(prismMockArgv(prism, spec, port));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited with code ${child.exitCode} before answering`);
    if (performance.now() - t0 > 60_000) {
      await stop(child);
      throw new Error("prism did not answer within 60 s");
    }
    try {
      await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).arrayBuffer();
      return { child, port, startupMs: performance.now() - t0, target: "prism" };
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/** Warm-up, then a window at 10 connections and one at saturation, with the server's CPU and peak RSS around them. */
async function measure(pid, port, req, warmupS, windowS) {
  await load(port, req, { connections: MODERATE, duration: warmupS });
  resetPeak(pid);
  const others = othersMeter(pid);
  let cpu0 = cpuSeconds(pid);
  const moderate = await load(port, req, { connections: MODERATE, duration: windowS });
  const moderateCpu = cpuSeconds(pid) - cpu0;
  cpu0 = cpuSeconds(pid);
  const saturated = await load(port, req, { connections: SATURATION, duration: windowS });
  const saturatedCpu = cpuSeconds(pid) - cpu0;
  return {
    // CPU the rest of the machine used meanwhile (neither the server nor this process), in % of one core.
    otherPct: others(),
    // CPU per request over the 10-connection window: same conditions as the latency figures.
    cpuUsPerReq: (moderateCpu * 1e6) / moderate.ok,
    reqPerSec: saturated.ok / saturated.seconds,
    // Share of one core the server used at saturation: near 100% means the server, not the load generator, was the limit.
    busyPct: (100 * saturatedCpu) / saturated.seconds,
    p50Ms: moderate.p50,
    p99Ms: moderate.p99,
    satP50Ms: saturated.p50,
    satP99Ms: saturated.p99,
    peakRssMiB: memory(pid).peakMiB,
    failed: moderate.failed + saturated.failed,
  };
}

// ---- scenarios -------------------------------------------------------------------------------------------------

const searchBody = (tenantId, pgNum) => ({ tenantId, filterType: "OPEN", pgSize: 100, pgNum, srtKey: "DISPLAY_NAME", srtDirection: "ASC" });

/**
 * Measures one request against the emulator, then against a baseline serving a body of the same size. With
 * `single`, also the latency one caller alone sees (p50 at one connection), the figure the file-event targets name.
 */
async function scenario(name, emu, makeReq, { single = false } = {}) {
  // A fresh token per scenario: tokens live 30 minutes, a full run lasts longer.
  const req = await makeReq();
  const probe = await fetch(`http://127.0.0.1:${emu.port}${req.path}`, { method: req.method, headers: req.headers, body: req.body });
  const bodyBytes = (await probe.arrayBuffer()).byteLength;
  if (probe.status !== 200) throw new Error(`${name}: HTTP ${probe.status}`);
  process.stderr.write(`  ${name} …\n`);
  // Whatever the server still does after the last load or scenario (an image copied, queued requests) is not this page's.
  await untilIdle(emu.child.pid);
  // Alone first: after the saturated window, the server is still working through 64 queued requests.
  const alone = single ? (await load(emu.port, req, { connections: 1, duration: profile.warmupS }), await load(emu.port, req, { connections: 1, duration: profile.windowS })) : undefined;
  const m = await measure(emu.child.pid, emu.port, req, profile.warmupS, profile.windowS);
  const base = await startBaseline(bodyBytes);
  const b = await measure(base.child.pid, base.port, req, profile.baseWarmupS, profile.baseWindowS);
  await stop(base.child);
  return {
    name,
    target: emu.target ?? "emulator",
    ...m,
    p50MsAlone: alone?.p50,
    bodyBytes,
    baselineCpuUsPerReq: b.cpuUsPerReq,
    baselineReqPerSec: b.reqPerSec,
    baselineP99Ms: b.p99Ms,
    otherPct: Math.max(m.otherPct, b.otherPct),
    ratio: m.cpuUsPerReq / b.cpuUsPerReq,
  };
}

/**
 * File events, generated for EVENT_USERS users of the tenant over 30 days by one fixture (1M with the full run, 100k
 * with --quick), then searched as the SDK and the CLIs search them: one user's last week, and a page by token
 * from the middle of the tenant's events in time order.
 */
async function fileEventScenarios(big, label, token, results, jobs) {
  const events = QUICK ? 100_000 : 1_000_000;
  const eventsLabel = `${events / (events >= 1e6 ? 1e6 : 1e3)}${events >= 1e6 ? "M" : "k"}`;
  const kinds = ["cloud-upload", "removable-media", "email", "file-modified", "cloud-share", "code-repository-upload"];
  process.stderr.write(`  generating ${eventsLabel} file events …\n`);
  jobs.push(
    await runJob(
      big.child.pid,
      big.port,
      `load ${eventsLabel} generated file events (fixture, ${EVENT_USERS} users, ${label} tenant)`,
      1,
      generateEventsJob(
        BENCH_TENANT_UID,
        Array.from({ length: EVENT_USERS }, (_, i) => ({ user: `user${i}@bench.example`, kind: kinds[i % kinds.length], count: events / EVENT_USERS, within: "30d", seed: i })),
      ),
    ),
  );
  const filters = (...fs) => ({ groups: [{ filterClause: "AND", filters: fs.map(([term, operator, value]) => ({ term, operator, value })) }] });
  const userWeek = { ...filters(["user.email", "IS", "user7@bench.example"], ["@timestamp", "WITHIN_THE_LAST", "P7D"]), srtKey: "@timestamp", srtDir: "desc", pgSize: 100, pgNum: 1 };
  results.push(await scenario(`gateway /v2/file-events one user's last 7 days p1 (${eventsLabel} events)`, big, async () => post("/v2/file-events", await token(), userWeek), { single: true }));
  const middle = new Date(Date.now() - 15 * 86_400_000).toISOString();
  const probe = post("/v2/file-events", await token(), { ...filters(["@timestamp", "ON_OR_BEFORE", middle]), srtKey: "@timestamp", srtDir: "desc", pgSize: 1, pgNum: 1 });
  const pgToken = (await (await fetch(`http://127.0.0.1:${big.port}${probe.path}`, probe)).json()).fileEvents[0].event.id;
  results.push(
    await scenario(`gateway /v2/file-events page by token, middle of ${eventsLabel} events`, big, async () => post("/v2/file-events", await token(), { groups: [], srtKey: "@timestamp", srtDir: "desc", pgSize: 100, pgToken }), { single: true }),
  );
  // Every search answers the exfiltration rollups: which of the list's users have exposures in the last day and month.
  results.push(await scenario(`departingemployee/search p1 (${label}, ${eventsLabel} events in the last 30 days)`, big, async () => post("/svc/api/v2/departingemployee/search", await token(), searchBody(BENCH_TENANT_UID, 1))));
}

/**
 * Alerts that fire: a rule on cloud uploads for everyone, then generated uploads (100 users over a year, so most
 * events fall outside each other's alert window and raise an alert of their own) loaded as a fixture; the alert
 * query page the SDK's iter_all and `code42 alerts search` read, newest first and one actor's; and one event stored
 * by the control plane to its alert being queryable (the engine raises it in the same request).
 */
async function alertScenarios(big, token, results, jobs) {
  const events = 100_000;
  const rule = { name: "Bench cloud uploads", vectors: { fileUpload: { cloudStorage: { observeAll: true, destinations: [] }, criteriaOrder: 0 } } };
  const made = await fetch(`http://127.0.0.1:${big.port}/_emulator/tenants/${BENCH_TENANT_UID}/alert-rules`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(rule) });
  if (made.status !== 201) throw new Error(`alert rule: HTTP ${made.status} ${await made.text()}`);
  process.stderr.write(`  generating ${events / 1e3}k cloud uploads a rule judges …\n`);
  const uploads = Array.from({ length: EVENT_USERS }, (_, i) => ({ user: `user${i}@bench.example`, kind: "cloud-upload", count: events / EVENT_USERS, within: "365d", seed: 1000 + i }));
  const load = await runJob(big.child.pid, big.port, `load ${events / 1e3}k generated cloud uploads that raise alerts (fixture, ${EVENT_USERS} users)`, 1, generateEventsJob(BENCH_TENANT_UID, uploads));
  jobs.push(load);
  const query = (bearer, groups = []) => post("/v1/alerts/query-alerts", bearer, { tenantId: BENCH_TENANT_UID, groupClause: "AND", pgNum: 0, pgSize: 100, srtKey: "CreatedAt", srtDirection: "DESC", groups });
  const count = async () => {
    const req = query(await token());
    return (await (await fetch(`http://127.0.0.1:${big.port}${req.path}`, req)).json()).totalCount;
  };
  const alerts = await count();
  const label = `${Math.round(alerts / 1e3)}k alerts`;
  load.name += ` → ${label}`;
  results.push(await scenario(`gateway /v1/alerts/query-alerts p1 newest first (${label})`, big, async () => query(await token()), { single: true }));
  const oneActor = [{ filterClause: "AND", filters: [{ term: "Actor", operator: "IS", value: "user7@bench.example" }, { term: "State", operator: "IS", value: "OPEN" }] }];
  results.push(await scenario(`gateway /v1/alerts/query-alerts one actor's open alerts (${label})`, big, async () => query(await token(), oneActor), { single: true }));
  // The sessions those alerts opened, newest first, as the incydr SDK's sessions.v1.iter_all reads them.
  results.push(
    await scenario(`gateway /v1/sessions p1 newest first (${label}' sessions)`, big, async () => ({ method: "GET", path: "/v1/sessions?page_number=0&page_size=100", headers: { authorization: `Bearer ${await token()}` } }), { single: true }),
  );
  // Each run stores one upload a day after the last, so each raises an alert of its own.
  const runs = profile.jobRuns * 7;
  const base = Date.parse("2027-06-01T00:00:00.000Z");
  jobs.push(
    await runJob(big.child.pid, big.port, `ingest one cloud upload → its alert raised (control plane, ${label})`, runs, async (i) => {
      const body = JSON.stringify({
        events: [
          {
            "@timestamp": new Date(base + i * 86_400_000).toISOString(),
            event: { id: `bench-alert-${i}`, action: "application-read", vector: "UPLOADED" },
            user: { email: "user3@bench.example" },
            destination: { category: "Cloud Storage", name: "Dropbox" },
            file: { name: `plan-${i}.xlsx`, category: "Spreadsheet", sizeInBytes: 1000 },
          },
        ],
      });
      return {
        req: { method: "POST", path: `/_emulator/tenants/${BENCH_TENANT_UID}/file-events`, headers: { "content-type": "application/json" }, body },
        check: (res) => ({ bytes: body.length, rows: 1, ok: res.status === 201 }),
      };
    }),
  );
  const raised = (await count()) - alerts;
  if (raised !== runs) throw new Error(`ingest → alert: ${runs} uploads raised ${raised} alerts`);
}

/**
 * The first page of every other list the 100k (or 1M) tenant fills, as its client reads it: the lists of users
 * (risk profiles, a watchlist's included users and members, the high-risk list, an identity provider's users) at the
 * tenant's size, and those of devices and a matter's custodians at 100k (the fixture gives the first 100k users a
 * laptop and a hold). Lists no tenant grows to 100k rows (orgs, matters, rules, cases, saved searches) are not here.
 */
async function listScenarios(big, label, users, token, results) {
  const get = async (path, auth) => ({ method: "GET", path, headers: { authorization: auth ?? `Bearer ${await token()}` } });
  const probe = await get("/v2/watchlists?page=1&pageSize=100");
  const lists = (await (await fetch(`http://127.0.0.1:${big.port}${probe.path}`, probe)).json()).watchlists;
  const departing = lists.find((w) => w.listType === "DEPARTING_EMPLOYEE").watchlistId;
  const held = `${WITH_DEVICES / 1e3}k`;
  const rows = [
    [`highriskemployee/search p1 (${users / 10 / 1e3}k of ${label})`, async () => post("/svc/api/v2/highriskemployee/search", await token(), searchBody(BENCH_TENANT_UID, 1))],
    [`gateway /v2/watchlists included actors p1 (${label})`, () => get(`/v2/watchlists/${departing}/included-actors?page=1&page_size=100`)],
    [`gateway /v2/watchlists members p1 (${label}, included users)`, () => get(`/v2/watchlists/${departing}/members?page=1&page_size=100`)],
    [`gateway /v1/user-risk-profiles p1 (${label})`, () => get("/v1/user-risk-profiles?page=1&page_size=100")],
    [`gateway /v2/actor-risk-profiles p1 (${label})`, () => get("/v2/actor-risk-profiles?page=1&page_size=100")],
    [`SCIM Users p1 (${held} provisioned)`, () => get(`/scim/${BENCH_SCIM.providerId}/v2/Users?startIndex=1&count=100`, `Bearer ${BENCH_SCIM.token}`)],
    [`v1 Computer list p1 (${held} devices)`, () => get("/api/v1/Computer?pgNum=1&pgSize=100")],
    [`gateway /v1/devices p1 (${held} devices)`, () => get("/v1/devices?page=1&pageSize=100")],
    [`gateway /v1/agents p1 (${held} agents, by name)`, () => get("/v1/agents?page=1&pageSize=100")],
    [`v1 LegalHoldMembership p1 (${held} custodians)`, () => get(`/api/v1/LegalHoldMembership?legalHoldUid=${BENCH_MATTER_UID}&pgNum=1&pgSize=100`)],
    [`gateway /v1/legal-hold matter custodians p1 (${held})`, () => get(`/v1/legal-hold/matters/${BENCH_MATTER_UID}/custodians?page=1&pageSize=100`)],
    // Deep pages, halfway down the list, as a client walking it reads them: from where the page before ended.
    [`gateway /v1/user-risk-profiles p${users / 200} (${label})`, () => get(`/v1/user-risk-profiles?page=${users / 200}&page_size=100`)],
    [`SCIM Users startIndex ${WITH_DEVICES / 2 + 1} (${held} provisioned)`, () => get(`/scim/${BENCH_SCIM.providerId}/v2/Users?startIndex=${WITH_DEVICES / 2 + 1}&count=100`, `Bearer ${BENCH_SCIM.token}`)],
    [`gateway /v1/devices p${WITH_DEVICES / 200} (${held} devices)`, () => get(`/v1/devices?page=${WITH_DEVICES / 200}&pageSize=100`)],
    [`gateway /v1/legal-hold matter custodians p${WITH_DEVICES / 200} (${held})`, () => get(`/v1/legal-hold/matters/${BENCH_MATTER_UID}/custodians?page=${WITH_DEVICES / 200}&pageSize=100`)],
    [`gateway /v1/orgs (${label} users)`, () => get("/v1/orgs")],
  ];
  for (const [name, makeReq] of rows) results.push(await scenario(name, big, makeReq));
}

/**
 * The health check while 8 callers read the largest page the API gives (1,000 users) as fast as they can: what a CI
 * job's readiness probe sees next to a bulk reader. One connection polls health meanwhile.
 */
async function healthUnderPages(name, emu, token) {
  process.stderr.write(`  ${name} …\n`);
  const pages = { method: "GET", path: "/api/v1/User?pgNum=1&pgSize=1000", headers: { authorization: `Bearer ${token}` } };
  const health = { method: "GET", path: "/_emulator/health" };
  const duration = Math.max(5, profile.windowS);
  await load(emu.port, pages, { connections: 8, duration: 1 });
  const [read, probe] = await Promise.all([load(emu.port, pages, { connections: 8, duration }), load(emu.port, health, { connections: 1, duration })]);
  return { name, seconds: duration, pagesPerSec: read.ok / read.seconds, pageP50Ms: read.p50, pageP99Ms: read.p99, healthPerSec: probe.ok / probe.seconds, healthP50Ms: probe.p50, healthP99Ms: probe.p99, failed: read.failed + probe.failed };
}

// ---- peers ------------------------------------------------------------------------------------------------------

const prism = PEERS ? findPrism(root, PRISM_PATH) : null;

/** The bundled spec `npm run build` wrote, else the one the emulator serves, saved to `dir`. */
async function specFile(port, dir) {
  const built = join(root, "dist", "openapi.json");
  if (existsSync(built)) return built;
  const path = join(dir, "openapi.json");
  writeFileSync(path, Buffer.from(await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).arrayBuffer()));
  return path;
}

/** customer/my and highriskemployee/get against `prism mock` on our spec; none if Prism is not installed. */
async function peerScenarios(token, spec) {
  if (!prism) return { rows: [], startups: [] };
  process.stderr.write(`Prism ${prism.version} (${prism.cli}) …\n`);
  let mock;
  try {
    mock = await startPrism(prism, spec);
    const rows = [
      await scenario("customer/my (Prism)", mock, async () => ({ method: "GET", path: "/api/v3/customer/my", headers: { authorization: `Bearer ${token}` } })),
      await scenario("highriskemployee/get (Prism)", mock, async () => post("/svc/api/v2/highriskemployee/get", token, { tenantId: DEFAULT_TENANT, userId: ALICE })),
    ];
    const startup = { name: `start-up to first answer (Prism ${prism.version} mock)`, users: 0, startupMs: mock.startupMs, minMs: mock.startupMs, maxMs: mock.startupMs, runs: 1 };
    return { rows, startups: [startup] };
  } catch (e) {
    // An optional peer that misbehaves costs its rows, not the run.
    console.log(`--peers: Prism failed (${e.message}), so no (Prism) rows`);
    return { rows: [], startups: [] };
  } finally {
    if (mock) await stop(mock.child);
  }
}

// Other work on the machine skews every figure: the 1-minute load average at the start says how quiet it was.
const loadBefore = loadavg()[0];

async function main() {
  if (PEERS && !prism) console.log(`--peers: Prism (${PRISM_PATH ?? "@stoplight/prism-cli"}) not found, so no (Prism) rows; install it anywhere and pass --prism <path>`);
  if (!args.has("--no-build")) execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  const tmp = mkdtempSync(join(tmpdir(), "c42-bench-"));
  const results = [];
  const startups = [];
  const jobs = [];
  const underLoad = [];
  try {
    // (5) Start-up to the first 200, default fixtures: the median over several spawns, each spawn below included.
    process.stderr.write("start-up, default fixtures …\n");
    const times = [];
    const startDefault = async () => {
      const emu = await startEmulator();
      times.push(emu.startupMs);
      return emu;
    };
    for (let i = 0; i < profile.startups; i++) await stop((await startDefault()).child);

    // (1)–(3) on the default tenant.
    process.stderr.write("default tenant …\n");
    const emu = await startDefault();
    results.push(await scenario("token issue (auth/jwt, scrypt cost 12)", emu, async () => ({ method: "GET", path: "/api/v3/auth/jwt?useBody=true", headers: { authorization: basic(DEFAULT_ADMIN) } })));
    results.push(await scenario("customer/my", emu, async () => ({ method: "GET", path: "/api/v3/customer/my", headers: { authorization: `Bearer ${await signIn(emu.port, DEFAULT_ADMIN)}` } })));
    results.push(await scenario("highriskemployee/get", emu, async () => post("/svc/api/v2/highriskemployee/get", await signIn(emu.port, DEFAULT_ADMIN), { tenantId: DEFAULT_TENANT, userId: ALICE })));
    // An identity provider looking a user up, as Okta does before each push.
    results.push(await scenario("SCIM Users?filter=userName eq", emu, async () => ({ method: "GET", path: `/scim/okta/v2/Users?filter=${encodeURIComponent('userName eq "alice.adams@example.com"')}`, headers: { authorization: "Bearer okta-scim-token" } })));
    // The console's live poll with the journal full and nothing new after its cursor: what an open console costs a
    // running suite every second.
    const fillReq = { method: "GET", path: "/api/v3/customer/my", headers: { authorization: `Bearer ${await signIn(emu.port, DEFAULT_ADMIN)}` } };
    await load(emu.port, fillReq, { connections: MODERATE, amount: 1000 });
    const newest = (await (await fetch(`http://127.0.0.1:${emu.port}/_emulator/journal`)).json()).at(-1).id;
    results.push(await scenario("console: journal poll (1,000 entries, none new)", emu, async () => ({ method: "GET", path: `/_emulator/journal?afterId=${newest}`, headers: {} })));
    // The same two reads against Prism, with a token of ours so that the requests are byte for byte the same.
    const peerToken = PEERS ? await signIn(emu.port, DEFAULT_ADMIN) : undefined;
    const spec = PEERS ? await specFile(emu.port, tmp) : undefined;
    await stop(emu.child);
    const peers = PEERS ? await peerScenarios(peerToken, spec) : { rows: [], startups: [] };
    results.push(...peers.rows);

    // (6) RSS before and after N requests of customer/my, on a fresh server.
    process.stderr.write(`RSS over ${profile.rssRequests} requests …\n`);
    const fresh = await startDefault();
    const req = { method: "GET", path: "/api/v3/customer/my", headers: { authorization: `Bearer ${await signIn(fresh.port, DEFAULT_ADMIN)}` } };
    await load(fresh.port, req, { connections: MODERATE, amount: profile.rssWarmup }); // warm: JIT, caches, heap sized
    const before = memory(fresh.child.pid);
    const run = await load(fresh.port, req, { connections: MODERATE, amount: profile.rssRequests });
    const after = memory(fresh.child.pid);
    await stop(fresh.child);
    startups.push({ name: "start-up to first 200 (default fixtures)", users: 9, startupMs: median(times), minMs: Math.min(...times), maxMs: Math.max(...times), runs: times.length });
    startups.push(...peers.startups);
    const rssGrowth = { name: `RSS over ${profile.rssRequests} × customer/my`, requests: run.ok, failed: run.failed, rssBeforeMiB: before.rssMiB, rssAfterMiB: after.rssMiB, growthMiB: after.rssMiB - before.rssMiB, peakRssMiB: after.peakMiB };

    // (4) and (5) at scale: the generated tenant, all users on the Departing Employees list.
    for (const users of scales) {
      const label = users >= 1e6 ? `${users / 1e6}M` : `${users / 1e3}k`;
      process.stderr.write(`${label}-user tenant: writing and loading the fixture …\n`);
      const fixture = await writeBenchFixture(tmp, users);
      // Node's default heap (~4 GB) runs out while the loader reads a 1M-user document: give that one 16 GB.
      const big = await startEmulator(fixture);
      const busyAfterMs = await untilIdle(big.child.pid);
      startups.push({ name: `start-up to first 200 (${label}-user fixture)`, users, startupMs: big.startupMs, minMs: big.startupMs, maxMs: big.startupMs, runs: 1, busyAfterMs });
      const token = () => signIn(big.port, BENCH_ADMIN);
      const deep = users / 200;
      results.push(await scenario(`departingemployee/search p1 (${label})`, big, async () => post("/svc/api/v2/departingemployee/search", await token(), searchBody(BENCH_TENANT_UID, 1))));
      results.push(await scenario(`departingemployee/search p${deep} (${label})`, big, async () => post("/svc/api/v2/departingemployee/search", await token(), searchBody(BENCH_TENANT_UID, deep))));
      // py42's users.get_all() pages through this (without `active`, py42 sends no filter at all).
      results.push(await scenario(`v1 User list p1 (${label})`, big, async () => ({ method: "GET", path: "/api/v1/User?pgNum=1&pgSize=100", headers: { authorization: `Bearer ${await token()}` } })));
      // The gateway's page of the same users, as the incydr SDK's users.v1.iter_all reads them.
      results.push(await scenario(`gateway /v1/users p1 (${label})`, big, async () => ({ method: "GET", path: "/v1/users?page=1&pageSize=100", headers: { authorization: `Bearer ${await token()}` } })));
      // A department-driven watchlist's members, as the incydr SDK's watchlists.v2.list_members reads them.
      results.push(await scenario(`gateway /v2/watchlists members p1 (${label}, by department)`, big, async () => ({ method: "GET", path: `/v2/watchlists/${BENCH_WATCHLIST_ID}/members?page=1&page_size=100`, headers: { authorization: `Bearer ${await token()}` } })));
      // The console's Users page: its device, storage and activity columns for one page of 100 users.
      const pageUids = Array.from({ length: 100 }, (_, i) => `userUid=${userUidOf(i)}`).join("&");
      results.push(await scenario(`console: Users page figures, UserExport × 100 uids (${label})`, big, async () => ({ method: "GET", path: `/api/v1/UserExport?${pageUids}`, headers: { authorization: `Bearer ${await token()}` } })));
      await listScenarios(big, label, users, token, results);
      underLoad.push(await healthUnderPages(`health while 8 callers read 1,000-user pages (${label})`, big, await token()));
      if (users === scales[0]) {
        await fileEventScenarios(big, label, token, results, jobs);
        await alertScenarios(big, token, results, jobs);
      }
      // Left out of --quick to keep it short: the default tenant's row measures the same read.
      if (!QUICK) results.push(await scenario(`highriskemployee/get (${label})`, big, async () => post("/svc/api/v2/highriskemployee/get", await token(), { tenantId: BENCH_TENANT_UID, userId: highRiskUidOf(users) })));
      // One-shot jobs, last: the imports add users to the tenant. The tenant holds the admin and `users` users.
      process.stderr.write(`  CSV export (${label}) …\n`);
      jobs.push(await runJob(big.child.pid, big.port, `CSV export, all users (${label})`, profile.jobRuns, exportJob(`Bearer ${await token()}`, users + 1)));
      // The whole tenant as one document, built in memory before it is sent: the 100k tenant's only.
      if (users === scales[0]) {
        process.stderr.write(`  state export (${label}) …\n`);
        jobs.push(await runJob(big.child.pid, big.port, `state export, the whole tenant (${label})`, profile.jobRuns, stateJob(BENCH_TENANT_UID, users + 1)));
      }
      process.stderr.write(`  CSV import (${label}) …\n`);
      jobs.push(await runJob(big.child.pid, big.port, `CSV import, ${IMPORT_ROWS / 1e3}k new users (${label} tenant)`, profile.jobRuns, importJob(`Bearer ${await token()}`, IMPORT_ROWS)));
      await stop(big.child);
      rmSync(fixture);
    }

    report(results, startups, rssGrowth, jobs, underLoad);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---- report ----------------------------------------------------------------------------------------------------

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => "| " + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const f = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : "–");

function machine() {
  const model = /^model name\s*:\s*(.*)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  return { nproc: cpus().length, cpu: model, node: process.version, pinned: hasTaskset ? `server core ${SERVER_CORE}, load generator core ${LOADGEN_CORE}` : "no (taskset missing or one core)" };
}

function report(results, startups, rssGrowth, jobs, underLoad) {
  const meta = {
    ...machine(),
    mode: QUICK ? "quick" : scales.length > 1 ? "full with --million" : "full",
    windowSeconds: profile.windowS,
    moderateConnections: MODERATE,
    saturationConnections: SATURATION,
    loadAverageBefore: loadBefore,
    peers: !PEERS ? "off" : prism ? `Prism ${prism.version} (${prism.cli})` : "Prism not found",
    date: new Date().toISOString(),
  };
  console.log(`\n${meta.mode} run, ${meta.date}; ${meta.cpu}, ${meta.nproc} cores, Node ${meta.node}; pinned: ${meta.pinned}`);
  console.log(`load average (1 min) at the start: ${f(meta.loadAverageBefore, 2)} (above ~0.5, something else was running and the figures are skewed)`);
  if (PEERS) console.log(`peers: ${meta.peers}`);
  console.log(`windows of ${profile.windowS}s; latency at ${MODERATE} connections and at saturation (${SATURATION} connections)`);
  console.log(`"others %": CPU used meanwhile by anything but the server and the load generator (100 = one core); above a few %, that row is skewed\n`);
  console.log(
    table(
      ["scenario", "CPU µs/req", "baseline µs/req", "ratio", "req/s (sat.)", "baseline req/s", "p50 ms @1", "p50/p99 ms @10", "p50/p99 ms @sat.", "server busy %", "peak RSS MiB", "body B", "failed", "others %"],
      results.map((r) => [r.name, f(r.cpuUsPerReq), f(r.baselineCpuUsPerReq), f(r.ratio, 1) + "×", f(r.reqPerSec), f(r.baselineReqPerSec), f(r.p50MsAlone, 2), `${f(r.p50Ms, 2)} / ${f(r.p99Ms, 2)}`, `${f(r.satP50Ms, 2)} / ${f(r.satP99Ms, 2)}`, f(r.busyPct), f(r.peakRssMiB, 1), r.bodyBytes, r.failed, f(Math.max(0, r.otherPct))]),
    ),
  );
  console.log();
  console.log(
    table(
      ["job", "runs", "wall ms (median)", "min / max ms", "first byte ms", "MB", "rows", "rows/s", "server CPU ms", "RSS before MiB", "peak RSS MiB", "failed", "others %"],
      jobs.map((j) => [j.name, j.runs, f(j.wallMs), `${f(j.minWallMs)} / ${f(j.maxWallMs)}`, f(j.firstByteMs, 1), f(j.bytes / 1e6, 1), j.rows, f(j.rowsPerSec), f(j.cpuMs), f(j.rssBeforeMiB, 1), f(j.peakRssMiB, 1), j.failed, f(Math.max(0, j.otherPct))]),
    ),
  );
  console.log();
  console.log(
    table(
      ["under load", "seconds", "pages/s", "page p50/p99 ms", "health/s", "health p50/p99 ms", "failed"],
      underLoad.map((u) => [u.name, u.seconds, f(u.pagesPerSec, 1), `${f(u.pageP50Ms, 1)} / ${f(u.pageP99Ms, 1)}`, f(u.healthPerSec), `${f(u.healthP50Ms, 2)} / ${f(u.healthP99Ms, 2)}`, u.failed]),
    ),
  );
  console.log();
  console.log(table(["start-up", "median ms", "min ms", "max ms", "runs", "then busy ms"], startups.map((s) => [s.name, f(s.startupMs), f(s.minMs), f(s.maxMs), s.runs, f(s.busyAfterMs)])));
  console.log();
  console.log(
    table(
      ["memory", "requests", "RSS before MiB", "RSS after MiB", "growth MiB", "peak RSS MiB", "failed"],
      [[rssGrowth.name, rssGrowth.requests, f(rssGrowth.rssBeforeMiB, 1), f(rssGrowth.rssAfterMiB, 1), f(rssGrowth.growthMiB, 1), f(rssGrowth.peakRssMiB, 1), rssGrowth.failed]],
    ),
  );
  const out = join(root, "bench", "results.json");
  writeFileSync(out, JSON.stringify({ meta, scenarios: results, jobs, startups, rssGrowth, underLoad }, null, 2) + "\n");
  console.log(`\nwritten: ${out}`);
}

if (option("--db")) {
  if (!args.has("--no-build")) execFileSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  await import("./cluster.mjs");
} else await main();
