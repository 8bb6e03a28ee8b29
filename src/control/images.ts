// Whole-database images for reset and snapshots, kept as files in a directory of this emulator's own under the OS
// temp dir. Held in memory, a 100k-user tenant's image took ~150 MiB of RSS for the life of the process (1.5 GB at
// 1M users); on disk it costs nothing until a restore reads it. The directory's life is temp-dir.ts's.
import { constants, copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";
import { ownTempDir } from "../db/temp-dir.js";

export class ImageFiles {
  private readonly dir = ownTempDir("images");
  private made = 0;

  /**
   * Writes the database as it is now to a new file. A database in a file with a rollback journal, outside a
   * transaction, is whole in its file: the file is copied (by the kernel, several times faster than VACUUM INTO,
   * which writes every row again; where the file system shares blocks between files, as btrfs, XFS and APFS do, it
   * is cloned instead, whatever its size). Otherwise (in memory, or a WAL file whose last commits may be in its log)
   * VACUUM INTO: consistent, compact, never through the heap.
   */
  save(sqlite: BetterSqlite3.Database): string {
    const file = join(this.dir.path, `${++this.made}.db`);
    if (wholeInItsFile(sqlite)) copyFileSync(sqlite.name, file, constants.COPYFILE_FICLONE);
    else sqlite.prepare("vacuum into ?").run(file);
    return file;
  }

  drop(file: string): void {
    rmSync(file, { force: true });
  }

  close(): void {
    this.dir.remove();
  }
}

const ROLLBACK_JOURNALS = new Set(["delete", "truncate", "persist"]);

function wholeInItsFile(sqlite: BetterSqlite3.Database): boolean {
  return !sqlite.memory && sqlite.name !== "" && !sqlite.inTransaction && ROLLBACK_JOURNALS.has(sqlite.pragma("journal_mode", { simple: true }) as string);
}
