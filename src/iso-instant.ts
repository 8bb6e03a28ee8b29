// An instant as Date.prototype.toISOString writes it ("2026-12-04T13:31:14.119Z"), but in JavaScript: the built-in
// formats through C's printf, which in a load of generated file events cost more than any other step of making an
// event (three instants each, and two more read back). Outside 1970–9999, and for a fraction of a millisecond, the
// built-in writes it.
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const DAY = 86_400_000;

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

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
  const y = year < 1000 ? String(year).padStart(4, "0") : `${year}`;
  return `${y}-${two(month)}-${two(day)}T${two(hours)}:${two(minutes)}:${two(seconds)}.${three(rest - seconds * 1000)}Z`;
}
