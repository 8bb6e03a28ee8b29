// isoInstant writes what Date.prototype.toISOString writes, for every instant: the edges of years, months, days and
// leap years, the ends of the fast path's range, what is outside it, and a sweep of random instants.
import { isoInstant } from "../../src/iso-instant.js";

const builtIn = (ms: number) => new Date(ms).toISOString();

it("writes each instant as toISOString does", () => {
  const edges = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 1, 28), Date.UTC(2100, 2, 1), Date.UTC(1999, 11, 31, 23, 59, 59, 999)];
  const range = [Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1, -1, -86_400_001, Date.UTC(-1, 0, 1), 1.5, 8.64e15];
  const random = Array.from({ length: 200_000 }, (_, i) => Math.floor(((i * 2_654_435_761) % 1_000_003) / 1_000_003 * 253_402_300_800_000));
  // Every day boundary of four years around a leap year, and a millisecond either side.
  const days = Array.from({ length: 4 * 366 }, (_, i) => Date.UTC(2023, 0, 1) + i * 86_400_000).flatMap((d) => [d - 1, d, d + 1]);
  const all = [...edges, ...range, ...random, ...days];
  expect(all.filter((ms) => isoInstant(ms) !== builtIn(ms)).map((ms) => [ms, isoInstant(ms), builtIn(ms)])).toEqual([]);
  expect(new Set(all.map(isoInstant)).size).toBeGreaterThan(200_000);
});
