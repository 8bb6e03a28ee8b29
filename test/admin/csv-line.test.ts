// The export writes its lines itself; they must stay byte for byte what csv-stringify writes with its defaults and
// escape_formulas (cells a spreadsheet would run as formulas get a leading apostrophe).
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { csvLine } from "../../src/domains/users/csv-line.js";

// Strings rich in what CSV cares about (delimiters, quotes, both halves of line breaks), and any other text.
const field = fc.oneof(
  fc.string({ unit: fc.constantFrom(",", '"', "\r", "\n", " ", "a", "'", "=", "-", "+", "@", "\t", "＝", "é", "😀") }),
  fc.string({ unit: "grapheme" }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom("", "-1", "0", "TRUE", "2026-11-21T08:00:00.000Z", '""', "a,b", "line\r\nbreak", "=1+1", '=HYPERLINK("http://x")', "@SUM(A1)"),
);

describe("csvLine", () => {
  it("writes a record as csv-stringify does with its default options and escape_formulas", () => {
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 12 }), (values) => {
        expect(`${csvLine(values)}\n`).toBe(stringify([values], { escape_formulas: true }));
      }),
      { numRuns: 2000 },
    );
  });

  it("and a header of column names, followed by records, the same way", () => {
    const columns = ["userId", "notes", "orgName"];
    const rows = [[1, 'say "hi", then\nleave', "Org, Inc."], [2, "", "Plain"]];
    expect([columns, ...rows].map((r) => `${csvLine(r)}\n`).join("")).toBe(stringify(rows, { header: true, columns }));
  });
});
