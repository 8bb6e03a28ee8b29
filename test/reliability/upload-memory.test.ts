// Uploads cannot fill the emulator's memory. Bodies are read only once the caller is known, and the journal keeps
// what it does read bounded: the attack of the hostile run (12 concurrent 30 MB CSV uploads and 400 1 MB JSON bodies
// without credentials, then a read of the journal) keeps peak RSS (the kernel's high-water mark) under 300 MiB; when
// bodies were read first it was over 600. A signed-in admin's uploads take turns by size, and a CSV record longer than
// any user row is a bad row rather than a field for the parser to grow: 8 such uploads with a token stay under
// 400 MiB (12 took 1.5 GiB before). Not 12: they go one at a time, and the last would wait close to the 30 s request
// timeout on a loaded machine.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { ADMIN } from "../helpers/emulator.js";

/** The CLI in a child process of its own, so that its high-water mark is this test's alone. */
async function withEmulator(use: (url: string, peakMiB: () => number) => Promise<void>): Promise<void> {
  // A young generation of 1 MiB and a heap that grows only as it must: the mark then follows what is live, not when
  // the collector happened to run.
  const child: ChildProcess = spawn(process.execPath, ["--max-semi-space-size=1", "--heap-growing-percent=100", "--no-allocation-site-pretenuring", join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent"], { stdio: ["ignore", "pipe", "ignore"] });
  try {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c));
    for (let i = 0; i < 200 && !/listening on (\S+)\n/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (\S+)/.exec(out)![1]!;
    await use(url, () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024);
  } finally {
    child.kill();
    await once(child, "exit");
  }
}

const csv = `username,email\n${"x".repeat(30 * 1024 * 1024)}`;
const upload = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/api/v1/UserImport`, { method: "POST", headers: { "content-type": "text/csv", ...headers }, body: csv });

it("12 × 30 MB uploads and 400 × 1 MB bodies without credentials keep peak RSS under 300 MiB", async () => {
  await withEmulator(async (url, peakMiB) => {
    const statuses = await Promise.all(Array.from({ length: 12 }, () => upload(url).then((r) => r.status, () => "dropped")));
    // Refused, never read: 401, or 408 where a machine loaded by the rest of the suite is so slow to deliver a 30 MB
    // body that the 30 s request timeout ends the connection first.
    expect(statuses.filter((s) => s !== 401 && s !== 408)).toEqual([]);
    expect(statuses).toContain(401);
    const json = JSON.stringify({ notes: "y".repeat(1_000_000) });
    for (let i = 0; i < 400; i++) expect((await fetch(`${url}/api/v1/User`, { method: "POST", headers: { "content-type": "application/json" }, body: json })).status).toBe(401);
    expect((await fetch(`${url}/_emulator/journal`)).status).toBe(200);
    expect(peakMiB()).toBeLessThan(300);
  });
}, 120_000);

it("an admin's 8 concurrent 30 MB uploads take turns, each row reported, and peak RSS stays under 400 MiB", async () => {
  await withEmulator(async (url, peakMiB) => {
    const basic = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64");
    const token = ((await (await fetch(`${url}/api/v3/auth/jwt?useBody=true`, { headers: { authorization: `Basic ${basic}` } })).json()) as { v3_user_token: string }).v3_user_token;
    const answers = await Promise.all(Array.from({ length: 8 }, () => upload(url, { authorization: `Bearer ${token}` }).then(async (r) => ({ status: r.status, text: await r.text() }))));
    for (const { status, text } of answers) {
      expect(status).toBe(200);
      // The 30 MB cell is neither parsed nor echoed: the answer names the row and why.
      expect(text.length).toBeLessThan(2_000);
      expect(JSON.parse(text).data).toMatchObject({ created: 0, rejected: 1, rows: [{ row: 2, status: "REJECTED", reasons: [expect.stringContaining("longer than 65536 characters")] }] });
    }
    expect(peakMiB()).toBeLessThan(400);
  });
}, 120_000);
