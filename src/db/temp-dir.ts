// Directories of an emulator's own under the OS temp dir: the default database's, and the images' (reset and
// snapshots). Each is named by the process's pid and goes when its owner closes, or at the latest when the process
// exits; one that a killed process (SIGKILL, a crash) left behind is removed by the next emulator to start on the
// machine.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const OWN = /^c42emu-[a-z]+-(\d+)-/;
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

/** Removes the directories of processes that are gone. */
function removeOrphans(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(OWN.exec(name)?.[1]);
    if (pid && pid !== process.pid && !alive(pid)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** A new directory `c42emu-<kind>-<pid>-…`; `kind` is lower-case letters. */
export function ownTempDir(kind: string): { path: string; remove(): void } {
  removeOrphans();
  if (!hooked) {
    hooked = true;
    process.once("exit", () => live.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  }
  const path = mkdtempSync(join(tmpdir(), `c42emu-${kind}-${process.pid}-`));
  live.add(path);
  return {
    path,
    remove() {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    },
  };
}
