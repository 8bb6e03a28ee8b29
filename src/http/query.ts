// Query-string conventions of the clients: py42 renders booleans as True/False, curl users write true/false.
export function isTrue(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "true";
}

/** 1-based page and page size, with the defaults py42 uses when it sends none. */
export function paging(query: Record<string, unknown>, defaultSize = 500): { pgNum: number; pgSize: number } {
  const pgNum = Number(query.pgNum ?? 1);
  const pgSize = Number(query.pgSize ?? defaultSize);
  return { pgNum: Number.isInteger(pgNum) && pgNum > 0 ? pgNum : 1, pgSize: Number.isInteger(pgSize) && pgSize > 0 ? pgSize : defaultSize };
}
