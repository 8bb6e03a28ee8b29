// A full garbage collection on demand, for the moment a large fixture document has just become garbage.
import { getHeapStatistics, setFlagsFromString, type HeapInfo } from "node:v8";
import { runInNewContext } from "node:vm";

/** Below this much memory held by the heap, what a collection would give back is not worth its pause. */
const WORTH_COLLECTING_BYTES = 64 * 1024 * 1024;

/**
 * Collects the heap now if it holds much, and says whether it did. A loaded 100k-user document stays in the heap
 * (and in RSS, ~100 MiB of it) until V8's memory reducer finds the process idle, 30–40 s later; collected at once,
 * the tenant starts at the RSS it would have settled to. What the heap holds outside itself counts too: a large
 * document's text, read as ASCII (read-text.ts), is a string whose bytes live outside the heap, and a 1M-user
 * document's 257 MB of it stayed resident after the load when only the heap's own objects were counted. `gc` is V8's
 * own function, which node exposes only with --expose-gc: the flag is set at run time and the function taken from a
 * new context, so the main context's globals stay as they were (contexts made later, as a test runner's, have it).
 */
export function collectGarbageIfLarge(heap: Pick<HeapInfo, "used_heap_size" | "external_memory"> = getHeapStatistics()): boolean {
  if (heap.used_heap_size + heap.external_memory < WORTH_COLLECTING_BYTES) return false;
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return true;
}
