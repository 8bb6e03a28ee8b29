// An instant as Date.prototype.toISOString writes it ("2026-12-04T13:31:14.119Z"), but in JavaScript: the built-in
// formats through C's printf, which in a load of generated file events cost more than any other step of making an
// event (three instants each, and two more read back). Outside 1970–9999, and for a fraction of a millisecond, the
// built-in writes it.
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const DAY = 86_400_000;

/** The character code of a decimal digit. */
const digit = (n: number) => 48 + n;
const [DASH, T, COLON, DOT, Z] = ["-", "T", ":", ".", "Z"].map((c) => c.charCodeAt(0)) as [number, number, number, number, number];

export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms <= LAST && Number.isInteger(ms))) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  // The civil date of a count of days since 1970 (Howard Hinnant's algorithm, in eras of 400 years from 0000-03-01).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  let rest = ms - days * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  // One string of its 24 characters: joined from pieces, each piece shorter than V8's shortest joined string was a
  // copy of its own, and a load of generated file events made ~3 KB of garbage an event writing its instants.
  return String.fromCharCode(
    digit(Math.floor(year / 1000)), digit(Math.floor(year / 100) % 10), digit(Math.floor(year / 10) % 10), digit(year % 10), DASH,
    digit(Math.floor(month / 10)), digit(month % 10), DASH, digit(Math.floor(day / 10)), digit(day % 10), T,
    digit(Math.floor(hours / 10)), digit(hours % 10), COLON, digit(Math.floor(minutes / 10)), digit(minutes % 10), COLON,
    digit(Math.floor(seconds / 10)), digit(seconds % 10), DOT,
    digit(Math.floor(millis / 100)), digit(Math.floor(millis / 10) % 10), digit(millis % 10), Z,
  );
}
