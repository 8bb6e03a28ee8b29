// Whole-database images for reset and snapshots, kept as files in a directory of this emulator's own under the OS
// temp dir. Held in memory, a 100k-user tenant's image took ~150 MiB of RSS for the life of the process (1.5 GB at
// 1M users); on disk it costs nothing until a restore reads it. The directories go when the emulator closes, or at
// the latest when the process exits.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";

const live = new Set<string>();
let hooked = false;

export class ImageFiles {
  private readonly dir = mkdtempSync(join(tmpdir(), "c42emu-images-"));
  private made = 0;

  constructor() {
    live.add(this.dir);
    if (!hooked) {
      hooked = true;
      process.once("exit", () => live.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
    }
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
