// The users CSV import: the console's bulk-add upload, read into rows for UserService.importRows.
import { clipped } from "../../http/errors.js";
import type { ImportRow } from "./service.js";

/** The bulk-add upload: one user per line; only username is required; orgUid defaults to the caller's choice. */
export const IMPORT_COLUMNS = ["username", "email", "firstName", "lastName", "password", "orgUid", "notes", "quotaInBytes", "userExtRef"] as const;

export const IMPORT_SAMPLE =
  `${IMPORT_COLUMNS.join(",")}\n` +
  "jane.doe@example.com,jane.doe@example.com,Jane,Doe,,,,-1,\n" +
  "john.roe@example.com,john.roe@example.com,John,Roe,Initial-Passw0rd,,Contractor,107374182400,HR-1234\n";

/** The longest record an upload may hold; a row of the import's columns is well under 2 KiB. */
const MAX_RECORD_CHARS = 64 * 1024;

/** A record of the upload and the line it ends on; or, for a line that is not CSV, why not. */
type UploadRecord = { line: number; cells: string[] } | { line: number; cells: null; error: string };

/**
 * The upload's records. One stray quote makes a whole-file parse fail (or swallow every line after it): then each
 * line is read alone, quotes inside a field taken as they are, and a line that still is not CSV is reported as its
 * row, as any other bad row is, while the rest import. Only a field spanning lines is lost to that reading.
 */
function uploadRecords(parse: typeof import("csv-parse/sync").parse, text: string): UploadRecord[] {
  // A record longer than any user row is a bad row, not a field for the parser to grow: it grew a 30 MB cell to
  // nine times its size.
  const options = { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: MAX_RECORD_CHARS } as const;
  try {
    return (parse(text, { ...options, info: true }) as unknown as { record: string[]; info: { lines: number } }[]).map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch {
    return text
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/)
      .flatMap((raw, i): UploadRecord[] => {
        if (raw.trim() === "") return [];
        if (raw.length > MAX_RECORD_CHARS) return [{ line: i + 1, cells: null, error: `the line is longer than ${MAX_RECORD_CHARS} characters` }];
        try {
          return (parse(raw, { ...options, relax_quotes: true }) as string[][]).map((cells) => ({ line: i + 1, cells }));
        } catch (e) {
          return [{ line: i + 1, cells: null, error: (e as Error).message }];
        }
      });
  }
}

/** A header name, in any case, names the sample's column of that name. */
const IMPORT_COLUMN_BY_NAME = new Map<string, string>(IMPORT_COLUMNS.map((c) => [c.toLowerCase(), c]));

export interface ParsedImport {
  rows: ImportRow[];
  /** Header names the sample does not have, as written: their cells are not read, and the rows import without them. */
  ignoredColumns: string[];
}

export async function parseImport(text: string, defaultOrgUid: string): Promise<ParsedImport> {
  const { parse } = await import("csv-parse/sync");
  const [header, ...lines] = uploadRecords(parse, text);
  if (!header) return { rows: [], ignoredColumns: [] };
  const names = header.cells?.map((h) => h.trim()) ?? [];
  const columns = names.map((h) => IMPORT_COLUMN_BY_NAME.get(h.toLowerCase()));
  // A blank header cell (a spreadsheet's trailing comma) names nothing worth reporting.
  const ignoredColumns = names.filter((h, i) => columns[i] === undefined && h !== "").map((h) => clipped(h, 255));
  const rows = lines.map((record) => {
    const { line, cells } = record;
    const get = (name: string) => {
      const at = columns.indexOf(name);
      const v = at >= 0 ? cells?.[at] : undefined;
      return v === undefined || v === "" ? undefined : v;
    };
    const problems: string[] = [];
    if (header.cells === null) problems.push(`the header line is not valid CSV: ${header.error}`);
    if (record.cells === null) problems.push(`not valid CSV: ${record.error}`);
    if (cells && cells.length > columns.length) problems.push(`${cells.length} cells for ${columns.length} columns`);
    const quota = get("quotaInBytes");
    if (quota !== undefined && !/^-?\d+$/.test(quota)) problems.push(`quotaInBytes is not a whole number: ${quota}`);
    if (cells && !get("username")) problems.push("username is required");
    return {
      line,
      request: {
        username: get("username") ?? "",
        email: get("email") ?? null,
        firstName: get("firstName") ?? null,
        lastName: get("lastName") ?? null,
        password: get("password") ?? null,
        orgUid: get("orgUid") ?? defaultOrgUid,
        notes: get("notes") ?? null,
        quotaInBytes: quota !== undefined && /^-?\d+$/.test(quota) ? Number(quota) : null,
        userExtRef: get("userExtRef") ?? null,
      },
      problems,
    };
  });
  return { rows, ignoredColumns };
}
