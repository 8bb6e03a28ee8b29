// A saved search read in the other version's terms. Code42 converts a v1 search for v2 readers and leaves out one that
// cannot be converted (py42 savedsearch.py); the emulator does the same both ways. A term converts when the other
// version has one reading the same field with the same values (V1_TERMS); anything else — a v1 term derived from the
// event (v1-derived.ts), a v2 term with no v1 name — leaves the search out.
import type { QueryGroup } from "./query.js";
import type { TermVersion } from "./service.js";
import { V1_TERMS } from "./v1-terms.js";

const TO_V2 = new Map(Object.entries(V1_TERMS));
/** Where several v1 terms read one v2 field, the first listed names it. */
const TO_V1 = new Map<string, string>();
for (const [v1, v2] of TO_V2) if (!TO_V1.has(v2)) TO_V1.set(v2, v1);

/** The term in the `to` version's words, or undefined when it has none. */
export function convertTerm(term: string, to: TermVersion): string | undefined {
  return (to === "v2" ? TO_V2 : TO_V1).get(term);
}

class Unconvertible extends Error {}

function convertGroup(g: QueryGroup, to: TermVersion): QueryGroup {
  const term = (t: string) => {
    const converted = convertTerm(t, to);
    if (converted === undefined) throw new Unconvertible(t);
    return converted;
  };
  if (g.subgroups) return { ...g, subgroups: g.subgroups.map((s) => convertGroup(s, to)) };
  return { ...g, filters: (g.filters ?? []).map((f) => ({ ...f, term: term(f.term) })) };
}

export interface Convertible {
  groups: QueryGroup[];
  srtKey: string | null;
  columns: string[] | null;
}

/** The query's terms in the `to` version's words, or undefined when one of them has no counterpart. */
export function convertQuery<T extends Convertible>(search: T, to: TermVersion): T | undefined {
  const one = (t: string) => convertTerm(t, to);
  try {
    const groups = search.groups.map((g) => convertGroup(g, to));
    const srtKey = search.srtKey === null ? null : one(search.srtKey);
    const columns = search.columns?.map(one) ?? null;
    if (srtKey === undefined || columns?.includes(undefined)) return undefined;
    return { ...search, groups, srtKey, columns: columns as string[] | null };
  } catch (e) {
    if (e instanceof Unconvertible) return undefined;
    throw e;
  }
}
