// Random ids come from a pool of system random bytes refilled 4 KiB at a time: across many refills they keep their
// forms and never repeat, and a seeded generator still repeats itself exactly.
import { createIdGenerator } from "../../src/ids.js";

it("random uids and uuids keep their forms and never repeat across refills of the pool", () => {
  const ids = createIdGenerator();
  // 20,000 uids of 18 bytes and as many uuids of 16: about 160 refills.
  const uids = Array.from({ length: 20_000 }, () => ids.uid());
  const uuids = Array.from({ length: 20_000 }, () => ids.uuid());
  expect(uids.every((u) => /^[1-9]\d{17}$/.test(u))).toBe(true);
  expect(uuids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))).toBe(true);
  expect(new Set(uids).size).toBe(uids.length);
  expect(new Set(uuids).size).toBe(uuids.length);
  // Two generators draw from pools of their own.
  expect(createIdGenerator().uid()).not.toBe(createIdGenerator().uid());
});

it("a seeded generator gives the same ids on every run", () => {
  const a = createIdGenerator("seed");
  const b = createIdGenerator("seed");
  expect([a.uid(), a.uuid(), a.registrationKey()]).toEqual([b.uid(), b.uuid(), b.registrationKey()]);
});
