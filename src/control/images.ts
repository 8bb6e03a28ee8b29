// Whole-database images for reset and snapshots, kept as files in a directory of this emulator's own under the OS
// temp dir. Held in memory, a 100k-user tenant's image took ~150 MiB of RSS for the life of the process (1.5 GB at
// 1M users); on disk it costs nothing until a restore reads it. The directories go when the emulator closes, or at
// the latest when the process exits; one that a killed process (SIGKILL, a crash) left behind is named by its pid,
// and the next emulator to start on the machine removes it.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";

const PREFIX = "c42emu-images-";
const live = new Set<string>();
let hooked = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // someone else's process: alive
  }
}

/** Removes the image directories of processes that are gone. */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

export class ImageFiles {
  private readonly dir: string;
  private made = 0;

  constructor() {
    removeOrphans();
    if (!hooked) {
      hooked = true;
      process.once("exit", () => live.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    }
    this.dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
    live.add(this.dir);
  }

  /** Writes the database as it is now to a new file (VACUUM INTO: consistent, compact, never through the heap). */
  save(sqlite: BetterSqlite3.Database): string {
    const file = join(this.dir, `${++this.made}.db`);
    sqlite.prepare("vacuum into ?").run(file);
    return file;
  }

  drop(file: string): void {
    rmSync(file, { force: true });
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this.dir);
  }
}
