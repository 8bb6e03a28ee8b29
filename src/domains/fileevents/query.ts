// Code42's file-event query language compiled to SQL over file_events (alias fe): filter groups joined by the
// query's groupClause, filters by their group's filterClause, subgroup blocks by their subgroupClause. A term with
// a column of its own reads the column (indexed, case-blind text); any other reads the stored event with
// json_extract, stepping into lists with json_each (a list term matches when any element does); a v1 term derived
// from several v2 fields brings its own SQL (v1-derived.ts), so v1 values are compared as v1 values. What the service
// would refuse (an unknown term or operator, a value of the wrong kind) becomes a problem, not an exception: the
// real service answers those in the body.
// PostgreSQL reads the event as jsonb (`#>`, jsonb_path_query for lists) and types each value as SQLite's json_extract
// does (numbers as numbers, booleans as 1/0), its conditions are booleans and its text comparisons say their case
// blindness (citext, ILIKE): the SQL differs by dialect here, SQLite's is what it always was.
import { sql, type RawBuilder } from "kysely";
import type { DialectKind } from "../../db/dialect.js";
import { isoInstant } from "../../iso-instant.js";
import { V2_TERMS, type TermDef, type TermType } from "./terms.js";

export type Clause = "AND" | "OR";
export interface QueryFilter {
  term: string;
  operator: string;
  value?: unknown;
}
export interface QueryGroup {
  filterClause?: Clause | null;
  filters?: QueryFilter[] | null;
  subgroupClause?: Clause | null;
  subgroups?: QueryGroup[] | null;
}
export interface FileEventQuery {
  groupClause?: Clause | null;
  groups: QueryGroup[];
}
/** A filter as the service answers it back: values are strings, string lists or null (the SDK's SearchFilter). */
export interface FilterOut {
  operator: string;
  term: string;
  value: string | string[] | null;
}
export interface QueryProblem {
  type: string;
  badFilter: FilterOut | null;
  description: string;
}

type Sql = RawBuilder<unknown>;

/** The columns of file_events that hold a v2 term (the rest are read from event_json). */
export const TERM_COLUMNS: Readonly<Record<string, string>> = {
  "@timestamp": "ts",
  "event.inserted": "inserted",
  "event.id": "event_id",
  "user.email": "user_email",
  "user.deviceUid": "device_uid",
  "source.name": "hostname",
  "event.action": "action",
  "file.name": "file_name",
  "file.directory": "file_path",
  "file.hash.md5": "md5",
  "file.hash.sha256": "sha256",
  "destination.category": "destination_category",
  "risk.score": "risk_score",
  "risk.severity": "risk_severity",
  "risk.trusted": "trusted",
};

const NOT_NULL_COLUMNS = new Set(["ts", "inserted", "event_id"]);

export const OPERATORS = new Set(["IS", "IS_NOT", "IS_ANY", "IS_NONE", "EXISTS", "DOES_NOT_EXIST", "CONTAINS", "DOES_NOT_CONTAIN", "GREATER_THAN", "LESS_THAN", "ON", "ON_OR_AFTER", "ON_OR_BEFORE", "WITHIN_THE_LAST"]);
const NEGATED: Readonly<Record<string, string>> = { IS_NOT: "IS", IS_NONE: "IS_ANY", DOES_NOT_EXIST: "EXISTS", DOES_NOT_CONTAIN: "CONTAINS" };

const ISO_MS = "%Y-%m-%dT%H:%M:%fZ";
const PG_ISO_MS = 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"';

/** A condition that never holds, and one that always does (PostgreSQL's WHERE takes booleans only). */
export const never = (d: DialectKind): Sql => (d === "postgres" ? sql`false` : sql`0`);
export const always = (d: DialectKind): Sql => (d === "postgres" ? sql`true` : sql`1`);

/** `$.a.b` for a dotted path, quoting segments that are not plain names (`$."@timestamp"`). */
function jsonPath(dotted: string): string {
  if (dotted === "") return "$";
  return "$" + dotted.split(".").map((s) => (/^[A-Za-z_]\w*$/.test(s) ? `.${s}` : `."${s}"`)).join("");
}

/**
 * Where a term's values come from: `from` is the json_each chain stepping into its lists (empty for a scalar), `value`
 * the expression of one value. A null `value` is a term with no field. A term derived as a list drawn from a fixed
 * set (v1 exposure) also names each value it can hold with the condition on the event under which it does, so a
 * filter tests those conditions instead of building the list.
 */
export interface TermSource {
  type: TermType;
  from: Sql | null;
  value: Sql | null;
  /** Every event has a value (a NOT NULL column): an order on it alone is an index's order. */
  always?: boolean;
  choices?: readonly { values: readonly Sql[]; when: Sql }[];
}

export function termSource(v2Term: string, d: DialectKind): TermSource | undefined {
  const def = Object.hasOwn(V2_TERMS, v2Term) ? V2_TERMS[v2Term]! : undefined;
  if (!def) return undefined;
  const column = TERM_COLUMNS[v2Term];
  if (column) return { type: def.type, from: null, value: sql.ref(`fe.${column}`), always: NOT_NULL_COLUMNS.has(column) };
  if (def.path === null) return { type: def.type, from: null, value: null };
  if (d === "postgres") return pgTermSource(def as TermDef & { path: string });
  const parts = def.path.split("[]");
  const normalize = (x: Sql): Sql => (def.type === "timestamp" ? sql`strftime(${ISO_MS}, ${x})` : x);
  if (parts.length === 1) return { type: def.type, from: null, value: normalize(sql`json_extract(fe.event_json, ${jsonPath(parts[0]!)})`) };
  const steps: Sql[] = [];
  let source: Sql = sql`fe.event_json`;
  for (let i = 0; i < parts.length - 1; i++) {
    const alias = sql.raw(`j${i}`);
    steps.push(sql`json_each(${source}, ${jsonPath(parts[i]!.replace(/^\./, ""))}) ${alias}`);
    source = sql`${alias}.value`;
  }
  const last = parts[parts.length - 1]!.replace(/^\./, "");
  const value = last === "" ? source : sql`json_extract(${source}, ${jsonPath(last)})`;
  return { type: def.type, from: sql.join(steps, sql`, `), value: normalize(value) };
}

/**
 * PostgreSQL's source of a term read from the stored event. A list is stepped into by a lax jsonpath (`[*]` takes a
 * list's elements, or a scalar as one, as json_each does; a missing key gives no value), named j0 as SQLite's first
 * step is; a value is typed as json_extract types it (pgTyped).
 */
function pgTermSource(def: TermDef & { path: string }): TermSource {
  const doc = sql`fe.event_json::jsonb`;
  const steps = def.path.split(".");
  if (!def.path.includes("[]")) return { type: def.type, from: null, value: pgTyped(sql`(${doc} #> ${steps})`, def.type) };
  const path = "lax $" + steps.map((s) => (s.endsWith("[]") ? `${jsonPath(s.slice(0, -2)).slice(1)}[*]` : jsonPath(s).slice(1))).join("");
  return { type: def.type, from: sql`jsonb_path_query(${doc}, ${path}::jsonpath) as j0(value)`, value: pgTyped(sql`j0.value`, def.type) };
}

/**
 * A jsonb value as SQLite's json_extract answers it for a term of the type: a number as a number and a boolean as 1
 * or 0 (a value of another JSON type as neither, so it equals no number), text as text, a timestamp normalized to
 * ISO text with milliseconds (what is not a date is null, as strftime makes it).
 */
function pgTyped(j: Sql, type: TermType): Sql {
  switch (type) {
    case "integer":
      return sql`(case when jsonb_typeof(${j}) = 'number' then (${j} #>> '{}')::numeric end)`;
    case "boolean":
      return sql`(case (${j})::text when 'true' then 1 when 'false' then 0 end)`;
    case "timestamp": {
      const x = sql`(${j} #>> '{}')`;
      return sql`(case when ${x} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' then to_char(${x}::timestamptz at time zone 'UTC', ${sql.lit(PG_ISO_MS)}) end)`;
    }
    default:
      return sql`(${j} #>> '{}')`;
  }
}

/** True when some value of the term satisfies `cond`. */
export function anyValue(src: TermSource, cond: (x: Sql) => Sql, d: DialectKind): Sql {
  if (src.choices) return sql`(${sql.join(src.choices.map((c) => sql`((${sql.join(c.values.map(cond), sql` or `)}) and ${c.when})`), sql` or `)})`;
  if (src.value === null) return never(d);
  if (src.from === null) return cond(src.value);
  return sql`exists (select 1 from ${src.from} where ${cond(src.value)})`;
}

/** The term's sort value: itself, or for a list its smallest (asc) or largest (desc) element. */
export function sortValue(src: TermSource, dir: "asc" | "desc", d: DialectKind): Sql {
  // PostgreSQL refuses a bare constant (other than a column's number) as an ORDER BY key: a typed null it takes.
  if (src.value === null) return d === "postgres" ? sql`null::text` : sql`null`;
  if (src.from === null) return src.value;
  return sql`(select ${dir === "asc" ? sql`min` : sql`max`}(${src.value}) from ${src.from})`;
}

/** A filter's value answered back: numbers and booleans as strings (the SDK's model refuses them otherwise). */
export function valueOut(v: unknown): string | string[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x)));
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** An ISO-8601 instant (or bare date, its 00:00Z) as milliseconds ISO text, or undefined. */
export function instant(v: unknown): string | undefined {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(v)) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  return Number.isNaN(ms) ? undefined : isoInstant(ms);
}

/** An ISO-8601 duration ("P3D", "PT15M", "P1DT12H", "P2W") in ms; years and months as 365 and 30 days. */
export function isoDurationMs(v: unknown): number | undefined {
  if (typeof v !== "string") return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v);
  if (!m || v === "P" || v.endsWith("T")) return undefined;
  const day = 86_400_000;
  const units = [365 * day, 30 * day, 7 * day, day, 3_600_000, 60_000, 1000];
  return units.reduce((sum, unit, i) => sum + Number(m[i + 1] ?? 0) * unit, 0);
}

export interface CompileOptions {
  /** The emulator clock's now, in ms: what WITHIN_THE_LAST counts back from. */
  now: number;
  /** Where the values of a sent term come from (a v2 term's field; a v1 term's field or derivation), undefined when unknown. */
  resolve: (term: string) => TermSource | undefined;
  /** The SQL engine the query is for (the sources `resolve` answers are for it too). */
  dialect: DialectKind;
}

export interface Compiled {
  where: Sql;
  problems: QueryProblem[];
}

export function compileQuery(query: FileEventQuery, opts: CompileOptions): Compiled {
  const problems: QueryProblem[] = [];
  const d = opts.dialect;
  const pg = d === "postgres";
  const problem = (type: string, f: QueryFilter | null, description: string): Sql => {
    problems.push({ type, badFilter: f && { operator: String(f.operator), term: String(f.term), value: valueOut(f.value) }, description });
    return never(d);
  };
  const anyValue_ = (src: TermSource, cond: (x: Sql) => Sql): Sql => anyValue(src, cond, d);
  // A number a column of bigint (or a numeric value) is compared with: typed, so that 4.5 is not read as a bigint.
  const num = (n: number): Sql => (pg ? sql`${n}::numeric` : sql`${n}`);

  const positive = (f: QueryFilter, op: string, src: TermSource): Sql => {
    const v = f.value;
    const scalar = typeof v === "string" || typeof v === "number" || typeof v === "boolean";
    const equals = (value: unknown): ((x: Sql) => Sql) | undefined => {
      switch (src.type) {
        case "string": {
          const s = String(value);
          if (!s.includes("*")) return pg ? (x) => sql`(${x})::citext = ${s}::citext` : (x) => sql`${x} = ${s} collate nocase`;
          const pattern = s.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
          return pg ? (x) => sql`${x} ilike ${pattern} escape '\\'` : (x) => sql`${x} like ${pattern} escape '\\'`;
        }
        case "integer": {
          const n = Number(value);
          return Number.isFinite(n) && String(value).trim() !== "" ? (x) => sql`${x} = ${num(n)}` : undefined;
        }
        case "boolean": {
          const b = String(value).toUpperCase();
          return b === "TRUE" || b === "FALSE" ? (x) => sql`${x} = ${b === "TRUE" ? 1 : 0}` : undefined;
        }
        default:
          return undefined;
      }
    };
    switch (op) {
      case "EXISTS":
        return anyValue_(src, (x) => sql`${x} is not null`);
      case "IS": {
        if (src.type === "timestamp") return problem("ILLEGAL_OPERATOR", f, `${op} does not apply to the timestamp term ${f.term}`);
        if (v === null || v === undefined) return problem("MISSING_VALUE", f, `${op} needs a value`);
        if (!scalar) return problem("ILLEGAL_VALUE", f, `${op} takes one value`);
        const cond = equals(v);
        return cond ? anyValue_(src, cond) : problem("ILLEGAL_VALUE", f, `Not a ${src.type}: ${valueOut(v)}`);
      }
      case "IS_ANY": {
        if (src.type === "timestamp") return problem("ILLEGAL_OPERATOR", f, `${op} does not apply to the timestamp term ${f.term}`);
        if (!Array.isArray(v) || v.length === 0) return problem("ILLEGAL_VALUE", f, `${op} takes a list of values`);
        const conds = v.map(equals);
        if (conds.some((c) => c === undefined)) return problem("ILLEGAL_VALUE", f, `Not a ${src.type}: ${valueOut(v)}`);
        return anyValue_(src, (x) => sql`(${sql.join(conds.map((c) => c!(x)), sql` or `)})`);
      }
      case "CONTAINS": {
        if (src.type !== "string") return problem("ILLEGAL_OPERATOR", f, `${op} applies to text terms only`);
        if (!scalar) return problem("ILLEGAL_VALUE", f, `${op} takes one value`);
        return anyValue_(src, (x) => (pg ? sql`strpos(lower(${x}), lower(${String(v)})) > 0` : sql`instr(lower(${x}), lower(${String(v)})) > 0`));
      }
      case "GREATER_THAN":
      case "LESS_THAN": {
        if (src.type !== "integer") return problem("ILLEGAL_OPERATOR", f, `${op} applies to numeric terms only`);
        const n = Number(v);
        if (!scalar || String(v).trim() === "" || !Number.isFinite(n)) return problem("ILLEGAL_VALUE", f, `Not a number: ${valueOut(v)}`);
        return anyValue_(src, (x) => (op === "GREATER_THAN" ? sql`${x} > ${num(n)}` : sql`${x} < ${num(n)}`));
      }
      case "ON":
      case "ON_OR_AFTER":
      case "ON_OR_BEFORE": {
        if (src.type !== "timestamp") return problem("ILLEGAL_OPERATOR", f, `${op} applies to timestamp terms only`);
        const at = instant(v);
        if (at === undefined) return problem("ILLEGAL_VALUE", f, `Not an ISO-8601 instant: ${valueOut(v)}`);
        if (op === "ON_OR_AFTER") return anyValue_(src, (x) => sql`${x} >= ${at}`);
        if (op === "ON_OR_BEFORE") return anyValue_(src, (x) => sql`${x} <= ${at}`);
        const day = at.slice(0, 10);
        const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
        return anyValue_(src, (x) => sql`(${x} >= ${`${day}T00:00:00.000Z`} and ${x} < ${next})`);
      }
      case "WITHIN_THE_LAST": {
        if (src.type !== "timestamp") return problem("ILLEGAL_OPERATOR", f, `${op} applies to timestamp terms only`);
        const ms = isoDurationMs(v);
        if (ms === undefined) return problem("ILLEGAL_VALUE", f, `Not an ISO-8601 duration: ${valueOut(v)}`);
        const from = new Date(opts.now - ms).toISOString();
        const to = new Date(opts.now).toISOString();
        return anyValue_(src, (x) => sql`(${x} >= ${from} and ${x} <= ${to})`);
      }
      default:
        return problem("ILLEGAL_OPERATOR", f, `Unknown operator: ${op}`);
    }
  };

  const filter = (f: QueryFilter): Sql => {
    const src = typeof f.term === "string" ? opts.resolve(f.term) : undefined;
    if (!src) return problem("ILLEGAL_VALUE", f, `Unknown search term: ${f.term}`);
    const op = String(f.operator);
    if (!OPERATORS.has(op)) return problem("ILLEGAL_OPERATOR", f, `Unknown operator: ${op}`);
    const negated = NEGATED[op];
    // A negated filter matches what its positive one does not, absent and null values included.
    return negated ? sql`not coalesce((${positive(f, negated, src)}), ${never(d)})` : positive(f, op, src);
  };

  const join = (parts: Sql[], clause: Clause | null | undefined): Sql => sql`(${sql.join(parts, clause === "OR" ? sql` or ` : sql` and `)})`;

  const group = (g: QueryGroup): Sql => {
    if (g.subgroups?.length) return join(g.subgroups.map(group), g.subgroupClause);
    if (!g.filters?.length) {
      problems.push({ type: "MISSING_FILTERS", badFilter: null, description: "A filter group needs at least one filter" });
      return never(d);
    }
    return join(g.filters.map(filter), g.filterClause);
  };

  const where = query.groups.length === 0 ? always(d) : join(query.groups.map(group), query.groupClause);
  return { where, problems };
}
