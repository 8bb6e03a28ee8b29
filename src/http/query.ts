// Query-string conventions of the clients: py42 renders booleans as True/False, curl users write true/false.
export function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** A query value the client sent as a single string, else undefined (absent or repeated). */
export const queryString = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** A True/False query flag, or undefined when the client did not send it (the filter then does not apply). */
export const queryBoolean = (value: unknown): boolean | undefined => (typeof value === "string" ? isTrue(value) : undefined);

/** 1-based page and page size, with the defaults py42 uses when it sends none. */
export function paging(query: Record<string, unknown>, defaultSize = 500): { pgNum: number; pgSize: number } {
  const pgNum = Number(query.pgNum ?? 1);
  const pgSize = Number(query.pgSize ?? defaultSize);
  return { pgNum: Number.isInteger(pgNum) && pgNum > 0 ? pgNum : 1, pgSize: Number.isInteger(pgSize) && pgSize > 0 ? pgSize : defaultSize };
}
