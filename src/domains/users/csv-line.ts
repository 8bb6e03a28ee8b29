// One CSV line, written exactly as csv-stringify writes it with its defaults and `escape_formulas` (the export was
// built on it, and its bytes must not change), at a fraction of its cost per field: it looked every column up by path
// and cast every value through options, ~4.5 million times for an export of 100k users.

/** csv-stringify quotes a field holding the delimiter, the quote or either half of a line break; quotes double. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A text a spreadsheet would run as a formula (a user's name "=HYPERLINK(…)", say) gets a leading apostrophe, as OWASP
 * advises for CSV exports; a negative number stays a number. Its first character is looked up rather than matched:
 * an export tests every text field of every line.
 */
const FORMULA_STARTS = new Set(["-", "=", "+", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"].map((c) => c.charCodeAt(0)));

export function csvField(value: string | number): string {
  // A number is never quoted nor taken for a formula, and an empty text needs neither test.
  if (typeof value === "number") return String(value);
  if (value === "") return value;
  const text = FORMULA_STARTS.has(value.charCodeAt(0)) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The fields joined by commas, without the newline: lines are joined too, so that a batch is one flat string (one
 * built with += is a rope that costs as much again to flatten when written). Strings and numbers only.
 */
export function csvLine(values: readonly (string | number)[]): string {
  return values.map(csvField).join(",");
}
