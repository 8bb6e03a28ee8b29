// The collection after a large start-up load: it gives the dead document back at once.
import { getHeapStatistics } from "node:v8";
import { collectGarbageIfLarge } from "../../src/collect-garbage.js";

const used = () => getHeapStatistics().used_heap_size;
const MiB = 1024 * 1024;

describe("collectGarbageIfLarge", () => {
  it("collects a heap that holds much garbage", () => {
    // A parsed document's worth of objects, kept alive long enough to reach the old generation, then dropped.
    let junk: { i: number; s: string }[] | undefined = Array.from({ length: 1_500_000 }, (_, i) => ({ i, s: `user ${i}` }));
    expect(junk.length).toBe(1_500_000);
    junk = undefined;
    const before = used();
    expect(before).toBeGreaterThan(64 * MiB);
    collectGarbageIfLarge();
    expect(before - used()).toBeGreaterThan(50 * MiB);
  });
});
