// Whole-database images for reset and snapshots, kept as files in a directory of this emulator's own under the OS
// temp dir. Held in memory, a 100k-user tenant's image took ~150 MiB of RSS for the life of the process (1.5 GB at
// 1M users); on disk it costs nothing until a restore reads it. The directory's life is temp-dir.ts's.
import { constants, rmSync } from "node:fs";
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type BetterSqlite3 from "better-sqlite3";
import { ownTempDir } from "../db/temp-dir.js";

export class ImageFiles {
  private readonly dir = ownTempDir("images");
  private made = 0;
  private copying: Promise<unknown> = Promise.resolve();

  /**
   * Writes the database as it is now to a new file; `copied` settles when the file is whole. A database in a file
   * with a rollback journal, outside a transaction, is whole in its file: the file is copied (by the kernel, several
   * times faster than VACUUM INTO, which writes every row again; where the file system shares blocks between files,
   * as btrfs, XFS and APFS do, it is cloned instead, whatever its size) while the emulator goes on (copyBehind).
   * Otherwise (in memory, or a WAL file whose last commits may be in its log) VACUUM INTO: consistent, compact,
   * never through the heap.
   */
  save(sqlite: BetterSqlite3.Database): { file: string; copied: Promise<void> } {
    const file = join(this.dir.path, `${++this.made}.db`);
    if (!wholeInItsFile(sqlite)) {
      sqlite.prepare("vacuum into ?").run(file);
      return { file, copied: Promise.resolve() };
    }
    const copied = copyBehind(sqlite, file);
    // A failed copy is its image's to report, when the image is restored.
    this.copying = copied.catch(() => {});
    return { file, copied };
  }

  /** Resolves once no copy is under way, whether or not it succeeded. */
  settled(): Promise<unknown> {
    return this.copying;
  }

  drop(file: string): void {
    rmSync(file, { force: true });
  }

  close(): void {
    this.dir.remove();
  }
}

/**
 * Copies the database's file to `file` while requests go on: a 2 GB database (1M users) takes seconds to copy, which
 * the start-up and a snapshot no longer wait for. Until the copy is done the database writes to a write-ahead log
 * that is never checkpointed, so its file stays as it was when the image was saved; then the log is folded back
 * into the file and the journal is what it was. (In exclusive locking mode, which the temporary database has, the
 * log's index is on the heap, not in a shared-memory file.)
 */
async function copyBehind(sqlite: BetterSqlite3.Database, file: string): Promise<void> {
  const journal = sqlite.pragma("journal_mode", { simple: true }) as string;
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("wal_autocheckpoint = 0");
  try {
    await copyFile(sqlite.name, file, constants.COPYFILE_FICLONE);
  } finally {
    // The journal cannot change inside a transaction, and a Kysely transaction may be open across awaits.
    while (sqlite.open && sqlite.inTransaction) await sleep(10);
    if (sqlite.open) sqlite.pragma(`journal_mode = ${journal}`);
  }
}

const ROLLBACK_JOURNALS = new Set(["delete", "truncate", "persist"]);

function wholeInItsFile(sqlite: BetterSqlite3.Database): boolean {
  return !sqlite.memory && sqlite.name !== "" && !sqlite.inTransaction && ROLLBACK_JOURNALS.has(sqlite.pragma("journal_mode", { simple: true }) as string);
}
