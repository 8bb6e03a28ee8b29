// A full garbage collection on demand, for the moment a large fixture document has just become garbage.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Below this much heap in use, what a collection would give back is not worth its pause. */
const WORTH_COLLECTING_BYTES = 64 * 1024 * 1024;

/**
 * Collects the heap now if it holds much. A loaded 100k-user document stays in the heap (and in RSS, ~100 MiB of it)
 * until V8's memory reducer finds the process idle, 30–40 s later; collected at once, the tenant starts at the RSS it
 * would have settled to. `gc` is V8's own function, which node exposes only with --expose-gc: the flag is set at run
 * time and the function taken from a new context, so the main context's globals stay as they were (contexts made
 * later, as a test runner's, have it).
 */
export function collectGarbageIfLarge(): void {
  if (getHeapStatistics().used_heap_size < WORTH_COLLECTING_BYTES) return;
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
