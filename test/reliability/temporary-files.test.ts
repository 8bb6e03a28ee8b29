// The default database is a file SQLite unlinks as it opens it, and the reset and snapshot images are files in a
// directory named by the process: nothing the emulator keeps on disk outlives it, even when it is killed.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from "node:fs";
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
  it("keeps the default database in an unlinked file of the temp dir beyond its page cache, so a killed emulator leaves none behind", async () => {
    // SQLite writes a temporary database's pages to its file only once they outgrow the cache: 1 MiB, and 2,000
    // events of about 1.4 KB.
    const { child, url } = await start("--db-cache", "1");
    try {
      const generated = await fetch(`${url}/_emulator/tenants/${DEFAULT_TENANT_UID}/file-events/generate`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user: ADMIN.username, kind: "cloud-upload", count: 2000 }),
      });
      expect(generated.status).toBe(201);
      // The database, and its rollback journal once a transaction has used one: open, and without a name.
      const files = openUnder(child.pid!);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(file).toMatch(/ \(deleted\)$/);
      // Only the images' directory has a name in the temp dir.
      expect(readdirSync(dir)).toEqual([expect.stringMatching(new RegExp(`^c42emu-images-${child.pid}-`))]);
    } finally {
      child.kill("SIGKILL");
      await once(child, "exit");
    }
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/^c42emu-images-/)]);
  });

  it("removes the image directory a killed emulator left behind when the next one starts, and only that one", async () => {
    const killed = await start();
    killed.child.kill("SIGKILL");
    await once(killed.child, "exit");
    const left = readdirSync(dir);
    expect(left).toEqual([expect.stringMatching(new RegExp(`^c42emu-images-${killed.child.pid}-`))]);

    const next = await start();
    try {
      // A live process's directory stays: the new one's own.
      expect(readdirSync(dir)).toEqual([expect.stringMatching(new RegExp(`^c42emu-images-${next.child.pid}-`))]);
    } finally {
      next.child.kill("SIGTERM");
      await once(next.child, "exit");
    }
    // Closed normally, it removes its own.
    expect(readdirSync(dir)).toEqual([]);
  });
});
