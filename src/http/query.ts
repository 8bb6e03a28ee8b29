// Query-string conventions of the clients: py42 renders booleans as True/False, curl users write true/false.
export function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** A query value the client sent as a single string, else undefined (absent or repeated). */
export const queryString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/**
 * A True/False query flag, or undefined when the client did not send it (the filter then does not apply). A parameter
 * the spec types as a boolean arrives one already (the validator coerces it).
 */
export const queryBoolean = (value: unknown): boolean | undefined => (typeof value === "boolean" ? value : typeof value === "string" ? isTrue(value) : undefined);

/**
 * The largest page a list answers, whatever size was asked (py42 asks 500): a page of a billion over a large tenant
 * was 15 MB, and a few at once stalled every other request (docs/WIRE-DECISIONS.md).
 */
export const MAX_PAGE_SIZE = 1000;

/** 1-based page and page size, with the defaults py42 uses when it sends none, the size at most MAX_PAGE_SIZE. */
export function paging(query: Record<string, unknown>, defaultSize = 500): { pgNum: number; pgSize: number } {
  const pgNum = Number(query.pgNum ?? 1);
  const pgSize = Number(query.pgSize ?? defaultSize);
  return { pgNum: Number.isInteger(pgNum) && pgNum > 0 ? pgNum : 1, pgSize: Math.min(MAX_PAGE_SIZE, Number.isInteger(pgSize) && pgSize > 0 ? pgSize : defaultSize) };
}
