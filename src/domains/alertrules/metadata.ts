// The alerts service's rule list (query-rule-metadata): the tenant's rules filtered by groups of {term, operator,
// value}, sorted and paged. Rules are few, so the search runs over the records in memory. Terms and sort keys are
// matched in any case (py42 sends PascalCase); text compares in any case, and enum-like values also ignoring `_` and
// spaces (FED_CLOUD_SHARE_PERMISSIONS = FedCloudSharePermissions, "Departing Employee" = DepartingEmployee).
import { DomainError } from "../errors.js";
import { SOURCE_NAMES, type AlertRuleRecord } from "./records.js";

export interface RuleMetadataQuery {
  groups?: { filterClause?: string | null; filters?: { term: string; operator: string; value?: unknown }[] | null }[] | null;
  groupClause?: string | null;
  pgNum?: number | null;
  pgSize?: number | null;
  srtKey?: string | null;
  srtDirection?: string | null;
}

export const MAX_METADATA_PAGE = 500;


type TermValue = string | boolean | null;
/** What each term reads of a rule, and whether it is a time (compared as instants). */
const TERMS: Record<string, { read: (r: AlertRuleRecord) => TermValue; time?: true }> = {
  rulemetadataid: { read: (r) => r.id },
  observerruleid: { read: (r) => r.id },
  tenantid: { read: (r) => r.tenantUid },
  type: { read: (r) => r.type },
  name: { read: (r) => r.name },
  description: { read: (r) => r.description },
  isenabled: { read: (r) => r.enabled },
  modifiedat: { read: (r) => r.modifiedAt, time: true },
  modifiedby: { read: (r) => r.modifiedBy },
  createdat: { read: (r) => r.createdAt, time: true },
  createdby: { read: (r) => r.createdBy },
  rulewarning: { read: () => null },
  logstring: { read: () => null },
  severity: { read: (r) => r.severity },
  rulesource: { read: (r) => SOURCE_NAMES[r.source] },
  issystem: { read: (r) => r.system },
};

const invalid = (message: string) => new DomainError("RULE_QUERY_INVALID", message);
const loose = (v: unknown) => String(v).toLowerCase().replace(/[\s_]+/g, "");

function term(name: unknown) {
  const t = typeof name === "string" ? TERMS[name.toLowerCase()] : undefined;
  if (!t) throw invalid(`Unknown term ${String(name)}`);
  return t;
}

function predicate(f: { term: string; operator: string; value?: unknown }): (r: AlertRuleRecord) => boolean {
  const t = term(f.term);
  const op = String(f.operator ?? "").toUpperCase();
  if (t.time) {
    const bound = Date.parse(String(f.value));
    if (["ON_OR_AFTER", "ON_OR_BEFORE", "AFTER", "BEFORE"].includes(op)) {
      if (Number.isNaN(bound)) throw invalid(`${f.term} ${op} needs an instant`);
      const at = (r: AlertRuleRecord) => Date.parse(String(t.read(r)));
      return op === "ON_OR_AFTER" ? (r) => at(r) >= bound : op === "ON_OR_BEFORE" ? (r) => at(r) <= bound : op === "AFTER" ? (r) => at(r) > bound : (r) => at(r) < bound;
    }
  }
  const value = f.value === null || f.value === undefined ? null : loose(f.value);
  const read = (r: AlertRuleRecord) => {
    const v = t.read(r);
    return v === null ? null : loose(v);
  };
  switch (op) {
    case "IS":
      return (r) => read(r) === value;
    case "IS_NOT":
      return (r) => read(r) !== value;
    case "CONTAINS":
      return (r) => value !== null && (read(r) ?? "").includes(value);
    case "DOES_NOT_CONTAIN":
      return (r) => value === null || !(read(r) ?? "").includes(value);
    case "EXISTS":
      return (r) => t.read(r) !== null;
    case "DOES_NOT_EXIST":
      return (r) => t.read(r) === null;
    default:
      throw invalid(`Unknown operator ${String(f.operator)} for ${f.term}`);
  }
}

const clause = (v: string | null | undefined) => {
  const c = (v ?? "AND").toUpperCase();
  if (c !== "AND" && c !== "OR") throw invalid(`A clause is AND or OR, not ${v}`);
  return c;
};

/** The page of the rules (all of one tenant) the query asks for, and how many match it. */
export function searchRuleMetadata(rules: readonly AlertRuleRecord[], q: RuleMetadataQuery): { totalCount: number; rules: AlertRuleRecord[] } {
  const pgNum = q.pgNum ?? 0;
  const pgSize = q.pgSize ?? MAX_METADATA_PAGE;
  if (!Number.isSafeInteger(pgNum) || pgNum < 0) throw invalid("pgNum must be 0 or more");
  if (!Number.isSafeInteger(pgSize) || pgSize < 1 || pgSize > MAX_METADATA_PAGE) throw invalid(`pgSize must be 1 to ${MAX_METADATA_PAGE}`);
  const groups = (q.groups ?? []).map((g) => {
    const each = (g.filters ?? []).map(predicate);
    return clause(g.filterClause) === "AND" ? (r: AlertRuleRecord) => each.every((p) => p(r)) : (r: AlertRuleRecord) => each.length === 0 || each.some((p) => p(r));
  });
  const all = clause(q.groupClause) === "AND";
  const found = rules.filter((r) => (all ? groups.every((g) => g(r)) : groups.length === 0 || groups.some((g) => g(r))));
  const sortBy = term(q.srtKey ?? "CreatedAt");
  const descending = (q.srtDirection ?? "DESC").toUpperCase() === "DESC";
  const key = (r: AlertRuleRecord) => {
    const v = sortBy.read(r);
    return v === null ? "" : typeof v === "boolean" ? (v ? "1" : "0") : sortBy.time ? v : v.toLowerCase();
  };
  const sorted = [...found].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = ka < kb ? -1 : ka > kb ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return descending ? -c : c;
  });
  return { totalCount: found.length, rules: sorted.slice(pgNum * pgSize, pgNum * pgSize + pgSize) };
}
