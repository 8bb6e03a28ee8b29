// The alert service's instants: ISO-8601 in UTC with seven fractional digits, as Code42's answers carry them
// ("2022-08-11T19:40:00.0000000Z"). Fixed width, so they sort and compare as text; bounds are read at the precision
// sent (py42 and code42cli checkpoints send microseconds), never rounded up.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** The instant a value names, in the alerts' seven-digit form; undefined when it names none. A date alone is its midnight. */
export function alertTime(value: string): string | undefined {
  const m = INSTANT.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = m;
  const base = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone.toUpperCase() === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(base)) return undefined;
  return `${new Date(base).toISOString().slice(0, 19)}.${frac.padEnd(7, "0").slice(0, 7)}Z`;
}

/** Milliseconds since the epoch in the seven-digit form; `micros` (0–999) fills the digits after the milliseconds. */
export function alertTimeOf(ms: number, micros = 0): string {
  return `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, "0")}0Z`;
}

/** The milliseconds of a seven-digit instant. */
export const msOf = (t: string): number => Date.parse(`${t.slice(0, 23)}Z`);
