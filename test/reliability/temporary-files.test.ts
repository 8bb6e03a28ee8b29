// The default database and the reset and snapshot images are files in directories named by the process: they go
// when it closes, and what a killed one left behind goes when the next one starts.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { ADMIN, DEFAULT_TENANT_UID } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "c42emu-tmp-test-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The built command with its temp dir (os.tmpdir() and SQLite's) in `dir`, and no `--db`. */
async function start(...args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent", ...args], {
    env: { ...process.env, TMPDIR: dir },
    stdio: ["ignore", "pipe", "ignore"],
  });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c));
  for (let i = 0; i < 400 && !/listening on (\S+)/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  return { child, url: /listening on (\S+)/.exec(out)![1]! };
}

/** The files the process holds open under `dir`, as the kernel names them. */
const openUnder = (pid: number) =>
  readdirSync(`/proc/${pid}/fd`)
    .map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((target) => target.startsWith(dir));

// On PostgreSQL the database is the server's and the images are its rows (emulator_images).
(TEST_PG ? describe.skip : describe)("temporary files (SQLite)", () => {
  it("keeps the default database in a directory of its own beyond its page cache, and leaves it behind only when killed", async () => {
    // SQLite writes a database's pages to its file as they outgrow the cache (1 MiB) or a transaction commits: 2,000
    // events of about 1.4 KB.
    const { child, url } = await start("--db-cache", "1");
    try {
      const generated = await fetch(`${url}/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events/generate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user: ADMIN.username, kind: "cloud-upload", count: 2000 }),
      });
      expect(generated.status).toBe(201);
      const own = new RegExp(`^c42emu-(db|images)-${child.pid}-`);
      expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(own), expect.stringMatching(own)]);
      const dbDir = readdirSync(dir).find((d) => d.startsWith("c42emu-db-"))!;
      // The database the process has open is that directory's file, which holds the events.
      expect(openUnder(child.pid!)).toContain(join(dir, dbDir, "tenant.db"));
      expect(statSync(join(dir, dbDir, "tenant.db")).size).toBeGreaterThan(2000 * 1000);
    } finally {
      child.kill("SIGKILL");
      await once(child, "exit");
    }
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^c42emu-db-/), expect.stringMatching(/^c42emu-images-/)]);
  });

  it("removes the directories a killed emulator left behind when the next one starts, and only those", async () => {
    const killed = await start();
    killed.child.kill("SIGKILL");
    await once(killed.child, "exit");
    const theirs = new RegExp(`^c42emu-(db|images)-${killed.child.pid}-`);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(theirs), expect.stringMatching(theirs)]);

    const next = await start();
    try {
      // A live process's directories stay: the new one's own.
      const own = new RegExp(`^c42emu-(db|images)-${next.child.pid}-`);
      expect(readdirSync(dir)).toEqual([expect.stringMatching(own), expect.stringMatching(own)]);
    } finally {
      next.child.kill("SIGTERM");
      await once(next.child, "exit");
    }
    // Closed normally, it removes its own.
    expect(readdirSync(dir)).toEqual([]);
  });
});
