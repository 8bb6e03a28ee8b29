// Unauthenticated uploads cannot fill the emulator's memory: bodies are read only once the caller is known, and the
// journal keeps what it does read bounded. The attack of the hostile run: 12 concurrent 30 MB CSV uploads and 400
// 1 MB JSON bodies without credentials, then a read of the journal. Peak RSS (the kernel's high-water mark) stays
// under 300 MiB; when bodies were read first it was over 600.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";

it("12 × 30 MB uploads and 400 × 1 MB bodies without credentials keep peak RSS under 300 MiB", async () => {
  const child = spawn(process.execPath, ["--max-semi-space-size=1", "--heap-growing-percent=100", "--no-allocation-site-pretenuring", join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent"], { stdio: ["ignore", "pipe", "ignore"] });
  try {
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    for (let i = 0; i < 200 && !/listening on (\S+)\n/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const url = /listening on (\S+)/.exec(out)![1]!;
    const peakMiB = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;
    const csv = `username,email\n${"x".repeat(30 * 1024 * 1024)}`;
    const statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${url}/api/v1/UserImport`, { method: "POST", headers: { "content-type": "text/csv" }, body: csv }).then((r) => r.status, () => "dropped")));
    expect(new Set(statuses)).toEqual(new Set([401]));
    const json = JSON.stringify({ notes: "y".repeat(1_000_000) });
    for (let i = 0; i < 400; i++) expect((await fetch(`${url}/api/v1/User`, { method: "POST", headers: { "content-type": "application/json" }, body: json })).status).toBe(401);
    expect((await fetch(`${url}/_emulator/journal`)).status).toBe(200);
    expect(peakMiB()).toBeLessThan(300);
  } finally {
    child.kill();
    await once(child, "exit");
  }
}, 120_000);
