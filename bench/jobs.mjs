// The one-shot jobs: a request that does a lot of work once (a CSV export or import of many users, the state export),
// measured by its wall time to the last byte, the server's CPU and its peak RSS, rather than in requests per second.
import { request } from "node:http";
import { cpuSeconds, memory, othersMeter, resetPeak } from "./proc.mjs";

const NEWLINE = 0x0a;

/**
 * One request over a fresh connection, the answer streamed and counted as it comes (never held whole unless
 * `keep`, as bytes): status, bytes, newlines, milliseconds to the first and to the last byte.
 */
export function timedRequest(port, { method = "GET", path, headers = {}, body }, { keep = false } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstByteMs = NaN;
    let bytes = 0;
    let newlines = 0;
    const chunks = [];
    const req = request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      res.on("data", (chunk) => {
        if (bytes === 0) firstByteMs = performance.now() - t0;
        bytes += chunk.length;
        for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) newlines++;
        if (keep) chunks.push(chunk);
      });
      res.on("end", () =>
        resolve({ status: res.statusCode, bytes, newlines, firstByteMs, wallMs: performance.now() - t0, body: keep ? Buffer.concat(chunks) : undefined }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Runs a job `runs` times against the server `pid` and reports the median of each figure. `prepare(i)` builds run i
 * before the clock starts and returns `{ req, keep?, check(res) }`; `check` says what the run did:
 * `{ bytes, rows, ok }`. The peak RSS of a run is VmHWM after a reset (clear_refs 5) just before it.
 */
export async function runJob(pid, port, name, runs, prepare) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const { req, keep, check } = await prepare(i);
    resetPeak(pid);
    const rssBeforeMiB = memory(pid).rssMiB;
    const others = othersMeter(pid);
    const cpu0 = cpuSeconds(pid);
    const res = await timedRequest(port, req, { keep });
    const cpuMs = (cpuSeconds(pid) - cpu0) * 1000;
    const otherPct = others();
    samples.push({ ...check(res), wallMs: res.wallMs, firstByteMs: res.firstByteMs, cpuMs, rssBeforeMiB, peakRssMiB: memory(pid).peakMiB, otherPct });
  }
  const mid = (key) => median(samples.map((s) => s[key]));
  return {
    name,
    wallMs: mid("wallMs"),
    bytes: mid("bytes"),
    rows: mid("rows"),
    peakRssMiB: mid("peakRssMiB"),
    runs,
    minWallMs: Math.min(...samples.map((s) => s.wallMs)),
    maxWallMs: Math.max(...samples.map((s) => s.wallMs)),
    firstByteMs: mid("firstByteMs"),
    rowsPerSec: (mid("rows") * 1000) / mid("wallMs"),
    cpuMs: mid("cpuMs"),
    rssBeforeMiB: mid("rssBeforeMiB"),
    failed: samples.filter((s) => !s.ok).length,
    otherPct: Math.max(...samples.map((s) => s.otherPct)),
  };
}

/** The full CSV export of the users in reach, streamed: rows are the lines after the header. */
export const exportJob = (authorization, expectedRows) => async () => ({
  req: { path: "/api/v1/UserExport", headers: { authorization } },
  check: (res) => ({ bytes: res.bytes, rows: Math.max(0, res.newlines - 1), ok: res.status === 200 && res.newlines - 1 === expectedRows }),
});

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * How many users each tenant of a state document holds, counted in its bytes: the document of a tenant with 1M file
 * events is longer than the longest string V8 makes, so it cannot be parsed whole. A tenant is an object at depth 3
 * (`{"tenants":[{…}]}`); its `users` are the objects at depth 4 of the array under that key.
 */
export function usersPerTenant(bytes) {
  const counts = new Map();
  let depth = 0;
  let key = null;
  let tenant = null;
  let inUsers = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      let end = i + 1;
      while (bytes[end] !== QUOTE) end += bytes[end] === BACKSLASH ? 2 : 1;
      if (depth === 3) {
        const text = bytes.toString("utf8", i + 1, end);
        if (bytes[end + 1] === COLON) key = text;
        else if (key === "tenantUid") counts.set((tenant = text), 0);
      }
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (inUsers && depth === 4 && c === OPEN_OBJECT) counts.set(tenant, counts.get(tenant) + 1);
      if (depth === 3 && c === OPEN_ARRAY && key === "users") inUsers = true;
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
      if (depth === 3) inUsers = false;
    }
  }
  return counts;
}

/** The control plane's state export, the tenant as one fixture document: rows are the bench tenant's users. */
export const stateJob = (tenantUid, expectedRows) => async () => ({
  req: { path: "/_emulator/state" },
  keep: true,
  check: (res) => {
    const rows = res.status === 200 ? (usersPerTenant(res.body).get(tenantUid) ?? 0) : 0;
    return { bytes: res.bytes, rows, ok: rows === expectedRows };
  },
});

/**
 * A bulk add of `rows` users as one text/csv upload, built in memory. Usernames carry the run index so each run adds
 * new users; no passwords (hashing one costs ~10 ms at scrypt cost 12 and would be all the job measured).
 */
export const importJob = (authorization, rows) => async (run) => {
  const lines = ["username,email,firstName,lastName,notes,quotaInBytes,userExtRef"];
  for (let i = 0; i < rows; i++) {
    const username = `import${i}.run${run}@bench.example`;
    lines.push(`${username},${username},Imported,Row-${i},bench import run ${run},-1,EXT-${run}-${i}`);
  }
  const body = Buffer.from(lines.join("\n") + "\n");
  return {
    req: { method: "POST", path: "/api/v1/UserImport", headers: { authorization, "content-type": "text/csv", "content-length": body.length }, body },
    keep: true,
    check: (res) => {
      const created = res.status === 200 ? JSON.parse(res.body.toString("utf8")).data.created : 0;
      return { bytes: body.length, rows: created, ok: created === rows };
    },
  };
};

/**
 * Generated file events loaded as a fixture loads them (one POST /_emulator/fixtures adding `requests`, the fixture's
 * generateFileEvents, to the tenant), answered 201 once all are stored and indexed.
 */
export const generateEventsJob = (tenantUid, requests) => async () => {
  const body = Buffer.from(JSON.stringify({ tenants: [{ tenantUid, generateFileEvents: requests }] }));
  const events = requests.reduce((n, r) => n + r.count, 0);
  return {
    req: { method: "POST", path: "/_emulator/fixtures", headers: { "content-type": "application/json", "content-length": body.length }, body },
    keep: true,
    check: (res) => ({ bytes: body.length, rows: res.status === 201 ? events : 0, ok: res.status === 201 }),
  };
};
