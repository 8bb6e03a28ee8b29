// The alert service's query language (query-alerts, update-all-state): groups of {term, operator, value} filters, each
// group joined by its filterClause and the groups by the groupClause, compiled to SQL over the alerts table. Term names
// arrive PascalCase (incydr SDK, the document) or camelCase (py42) and are read without regard to case; values of
// the enumerations (state, severities, rule type and source) are compared without case, underscores or spaces, so
// py42's FedEndpointExfiltration names the alerts' FED_ENDPOINT_EXFILTRATION. A filter that cannot be read is a
// problem of the answer (Code42's ProblemType names), never half a query.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { contains, isPostgres } from "../../db/dialect.js";
import { RULE_SEVERITIES } from "../alertrules/records.js";
import { someSignificantWatchlist, someWatchlist } from "./store.js";
import { alertTime } from "./time.js";

type Sql = RawBuilder<unknown>;

export interface AlertFilter {
  term: string;
  operator: string;
  value: unknown;
}

export interface AlertFilterGroup {
  filterClause: string;
  filters: AlertFilter[];
}

export interface AlertQueryInput {
  groupClause: string;
  groups: AlertFilterGroup[];
}

export type AlertProblemType =
  | "IllegalValue"
  | "IllegalOperator"
  | "MustBeEmailAddress"
  | "MaxLengthExceeded"
  | "InvalidPageSize"
  | "InvalidPageNumber"
  | "MissingValue"
  | "MissingGroups"
  | "MissingFilters"
  | "MaxFiltersExceeded"
  | "SearchFailed";

export interface AlertQueryProblem {
  type: AlertProblemType;
  badFilter: string;
}

type Kind = "text" | "enum" | "date" | "boolean" | "watchlists" | "notes";
interface Term {
  kind: Kind;
  /** The value compared; a function when its SQL differs by engine (JSON). */
  column: Sql | ((db: Kysely<any>) => Sql);
  /** The values an enumeration takes (normalized), when it is closed. */
  values?: readonly string[];
  /**
   * A closed enumeration's stored column and values (as stored, in the order of `values`): IS and IS_NOT compare the
   * column itself, which its index can answer, rather than the normalized form of every row.
   */
  stored?: { column: string; values: readonly string[] };
}

/** A closed enumeration: compared normalized, matched as stored. */
const closedEnum = (column: string, values: readonly string[]): Term => ({ kind: "enum", column: NORMALIZED_COLUMN(column), values: values.map(normalized), stored: { column, values } });

/** Lower case, without underscores or spaces: how enumerations and term names are compared. */
export const normalized = (v: string): string => v.toLowerCase().replace(/[_\s]/g, "");
const NORMALIZED_COLUMN = (column: string): Sql => sql`replace(replace(lower(${sql.ref(column)}), '_', ''), ' ', '')`;

export const ALERT_STATES = ["OPEN", "RESOLVED", "IN_PROGRESS", "PENDING", "RESOLVED_TP", "RESOLVED_FP"] as const;
const RISK_SEVERITIES = ["UNKNOWN", "NO_RISK_INDICATED", "LOW", "MODERATE", "HIGH", "CRITICAL"] as const;

const TERMS: Record<string, Term> = {
  alertid: { kind: "text", column: sql.ref("alert_id") },
  tenantid: { kind: "text", column: sql.ref("tenant_uid") },
  type: { kind: "enum", column: NORMALIZED_COLUMN("rule_type") },
  name: { kind: "text", column: sql.ref("rule_name") },
  description: { kind: "text", column: sql.ref("rule_description") },
  actor: { kind: "text", column: sql.ref("actor_name") },
  actorid: { kind: "text", column: sql`coalesce(actor_uid, '')` },
  target: { kind: "text", column: sql`'N/A'` },
  riskseverity: closedEnum("risk_severity", RISK_SEVERITIES),
  rulesource: { kind: "enum", column: NORMALIZED_COLUMN("rule_source") },
  createdat: { kind: "date", column: sql.ref("created_at") },
  hasauthsignificantwatchlist: { kind: "boolean", column: (db) => someSignificantWatchlist(db, sql`watchlists`) },
  state: closedEnum("state", ALERT_STATES),
  statelastmodifiedat: { kind: "date", column: sql.ref("state_modified_at") },
  statelastmodifiedby: { kind: "text", column: sql`coalesce(state_modified_by, '')` },
  lastmodifiedtime: { kind: "date", column: sql`coalesce(state_modified_at, created_at)` },
  lastmodifiedby: { kind: "text", column: sql`coalesce(state_modified_by, '')` },
  ruleid: { kind: "text", column: sql.ref("rule_id") },
  // The document's name for the rule's severity; the incydr SDK's is AlertSeverity.
  severity: closedEnum("rule_severity", RULE_SEVERITIES),
  alertseverity: closedEnum("rule_severity", RULE_SEVERITIES),
  watchlists: { kind: "watchlists", column: sql.ref("watchlists") },
  notes: { kind: "notes", column: sql.ref("alert_id") },
};

/** The sort keys (any term of the language), by normalized name. */
const SORT_COLUMNS: Record<string, string> = {
  alertid: "alert_id",
  type: "rule_type",
  name: "rule_name",
  description: "rule_description",
  actor: "actor_name",
  actorid: "actor_uid",
  riskseverity: "risk_severity",
  rulesource: "rule_source",
  createdat: "created_at",
  state: "state",
  statelastmodifiedat: "state_modified_at",
  statelastmodifiedby: "state_modified_by",
  lastmodifiedtime: "state_modified_at",
  lastmodifiedby: "state_modified_by",
  ruleid: "rule_id",
  severity: "rule_severity",
  alertseverity: "rule_severity",
};

/** The column a sort key names; an unknown key sorts by creation, as the clients' default does. */
export const sortColumn = (key: string | null | undefined): string => SORT_COLUMNS[normalized(key ?? "")] ?? "created_at";

const OPERATORS: Record<Kind, readonly string[]> = {
  text: ["IS", "IS_NOT", "CONTAINS", "DOES_NOT_CONTAIN"],
  enum: ["IS", "IS_NOT", "CONTAINS", "DOES_NOT_CONTAIN"],
  date: ["ON_OR_AFTER", "ON_OR_BEFORE", "ON", "GREATER_THAN", "LESS_THAN", "IS"],
  boolean: ["IS", "IS_NOT"],
  watchlists: ["IS", "IS_NOT", "CONTAINS", "DOES_NOT_CONTAIN"],
  notes: ["CONTAINS", "DOES_NOT_CONTAIN"],
};

const MAX_VALUE_CHARS = 2000;
const badFilter = (f: AlertFilter): string => `${String(f.term)} ${String(f.operator)} ${f.value === undefined || f.value === null ? "" : String(f.value)}`.trim();

/** The instant a date value names, as alerts store theirs (7 fractional digits), and the next day's midnight for ON. */
function dateBounds(value: string): { at: string; nextDay: string } | undefined {
  const at = alertTime(value);
  if (at === undefined) return undefined;
  const day = Date.parse(`${at.slice(0, 10)}T00:00:00Z`);
  return { at, nextDay: alertTime(new Date(day + 86_400_000).toISOString())! };
}

/** One filter as SQL (for `db`'s engine), or the problem it has. */
function compileFilter(db: Kysely<any>, f: AlertFilter): Sql | AlertQueryProblem {
  const term = TERMS[normalized(String(f.term ?? ""))];
  if (!term) return { type: "IllegalValue", badFilter: badFilter(f) };
  const op = String(f.operator ?? "").toUpperCase();
  if (!OPERATORS[term.kind].includes(op)) return { type: "IllegalOperator", badFilter: badFilter(f) };
  if (f.value === undefined || f.value === null || f.value === "") return { type: "MissingValue", badFilter: badFilter(f) };
  if (typeof f.value === "object") return { type: "IllegalValue", badFilter: badFilter(f) };
  const value = String(f.value);
  if (value.length > MAX_VALUE_CHARS) return { type: "MaxLengthExceeded", badFilter: badFilter(f) };
  const negated = op === "IS_NOT" || op === "DOES_NOT_CONTAIN";
  const not = (cond: Sql): Sql => (negated ? sql`not (${cond})` : cond);
  const column = typeof term.column === "function" ? term.column(db) : term.column;
  switch (term.kind) {
    case "text":
      return not(op.endsWith("CONTAIN") || op === "CONTAINS" ? contains(db, sql`lower(${column})`, value.toLowerCase()) : sql`lower(${column}) = ${value.toLowerCase()}`);
    case "enum": {
      let v = normalized(value);
      if (v === "medium" && term.values?.includes("moderate")) v = "moderate";
      if (v === "dismissed") v = "resolved";
      const is = op === "IS" || op === "IS_NOT";
      if (is && term.values && !term.values.includes(v)) return { type: "IllegalValue", badFilter: badFilter(f) };
      if (is && term.stored) return not(sql`${sql.ref(term.stored.column)} = ${term.stored.values[term.values!.indexOf(v)]}`);
      return not(is ? sql`${column} = ${v}` : contains(db, column, v));
    }
    case "boolean": {
      const b = value.toLowerCase();
      if (b !== "true" && b !== "false") return { type: "IllegalValue", badFilter: badFilter(f) };
      return not(b === "true" ? column : sql`not (${column})`);
    }
    case "date": {
      const bounds = dateBounds(value);
      if (!bounds) return { type: "IllegalValue", badFilter: badFilter(f) };
      const c = column;
      switch (op) {
        case "ON_OR_AFTER":
          return sql`${c} >= ${bounds.at}`;
        case "ON_OR_BEFORE":
          return sql`${c} <= ${bounds.at}`;
        case "GREATER_THAN":
          return sql`${c} > ${bounds.at}`;
        case "LESS_THAN":
          return sql`${c} < ${bounds.at}`;
        case "IS":
          return sql`${c} = ${bounds.at}`;
        default: {
          const day = alertTime(`${bounds.at.slice(0, 10)}T00:00:00Z`)!;
          return sql`(${c} >= ${day} and ${c} < ${bounds.nextDay})`;
        }
      }
    }
    case "watchlists": {
      const v = value.toLowerCase();
      const is = op === "IS" || op === "IS_NOT";
      return not(
        someWatchlist(db, sql`watchlists`, (field) => {
          if (is) return sql`(lower(${field("id")}) = ${v} or lower(${field("name")}) = ${v} or lower(${field("type")}) = ${v})`;
          // CONTAINS within one field: SQLite searches the three joined by NUL, which no value holds; PostgreSQL's text
          // cannot hold NUL, so there each field is searched.
          if (isPostgres(db)) return sql`(${sql.join((["id", "name", "type"] as const).map((n) => contains(db, sql`lower(coalesce(${field(n)}, ''))`, v)), sql` or `)})`;
          return contains(db, sql`lower(coalesce(${field("id")}, '') || char(0) || coalesce(${field("name")}, '') || char(0) || coalesce(${field("type")}, ''))`, v);
        }),
      );
    }
    case "notes":
      return not(sql`exists (select 1 from alert_notes n where n.tenant_uid = alerts.tenant_uid and n.alert_id = alerts.alert_id and ${contains(db, sql`lower(n.message)`, value.toLowerCase())})`);
  }
}

const clauseOf = (v: unknown): "and" | "or" | undefined => {
  const c = String(v ?? "").toUpperCase();
  return c === "AND" ? "and" : c === "OR" ? "or" : undefined;
};

/**
 * The query as one SQL condition, or its problems. No groups is every alert (the incydr SDK sends `groups: []` for a
 * query without filters); a group without filters is MissingFilters.
 */
export function compileAlertQuery(db: Kysely<any>, q: AlertQueryInput): { where: Sql } | { problems: AlertQueryProblem[] } {
  const problems: AlertQueryProblem[] = [];
  const groupClause = clauseOf(q.groupClause);
  if (!groupClause) problems.push({ type: "IllegalValue", badFilter: `groupClause ${String(q.groupClause)}` });
  const groups: Sql[] = [];
  for (const g of q.groups ?? []) {
    const filterClause = clauseOf(g.filterClause);
    if (!filterClause) problems.push({ type: "IllegalValue", badFilter: `filterClause ${String(g.filterClause)}` });
    if (!g.filters?.length) {
      problems.push({ type: "MissingFilters", badFilter: `filterClause ${String(g.filterClause)}` });
      continue;
    }
    const parts: Sql[] = [];
    for (const f of g.filters) {
      const compiled = compileFilter(db, f);
      if ("type" in compiled) problems.push(compiled);
      else parts.push(compiled);
    }
    if (parts.length) groups.push(sql`(${sql.join(parts, filterClause === "or" ? sql` or ` : sql` and `)})`);
  }
  if (problems.length) return { problems };
  return { where: groups.length ? sql`(${sql.join(groups, groupClause === "or" ? sql` or ` : sql` and `)})` : sql`1 = 1` };
}
