// The collection after a large start-up load: it gives the dead document back at once.
import { getHeapStatistics } from "node:v8";
import { collectGarbageIfLarge } from "../../src/collect-garbage.js";

const used = () => getHeapStatistics().used_heap_size;
const external = () => getHeapStatistics().external_memory;
const MiB = 1024 * 1024;

describe("collectGarbageIfLarge", () => {
  it("collects a heap that holds much garbage", () => {
    // A parsed document's worth of objects, kept alive long enough to reach the old generation, then dropped.
    let junk: { i: number; s: string }[] | undefined = Array.from({ length: 1_500_000 }, (_, i) => ({ i, s: `user ${i}` }));
    expect(junk.length).toBe(1_500_000);
    junk = undefined;
    const before = used();
    expect(before).toBeGreaterThan(64 * MiB);
    expect(collectGarbageIfLarge()).toBe(true);
    expect(before - used()).toBeGreaterThan(50 * MiB);
  });

  it("counts what the heap holds outside itself: a large document read as ASCII", () => {
    // A string made from bytes as Latin-1 keeps them outside the heap: the heap's own use stays small.
    let text: string | undefined = Buffer.alloc(96 * MiB, "a").toString("latin1");
    expect(text.length).toBe(96 * MiB);
    text = undefined;
    const before = external();
    expect(before).toBeGreaterThan(96 * MiB);
    expect(collectGarbageIfLarge({ used_heap_size: 8 * MiB, external_memory: before })).toBe(true);
    expect(before - external()).toBeGreaterThan(90 * MiB);
  });

  it("leaves a small heap alone", () => {
    expect(collectGarbageIfLarge({ used_heap_size: 8 * MiB, external_memory: 8 * MiB })).toBe(false);
  });
});
