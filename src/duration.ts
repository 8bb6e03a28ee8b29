// Durations as people write them in fixtures and control requests: "500ms", "30s", "31m", "2h", "7d".
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const DURATION_PATTERN = "^\\d+(ms|s|m|h|d)$";

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: "${text}" (e.g. 30s, 31m, 2h, 7d)`);
  return Number(m[1]) * UNITS[m[2]!]!;
}
