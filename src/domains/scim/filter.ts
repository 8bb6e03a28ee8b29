// SCIM filters (RFC 7644 §3.4.2.2): scim2-parse-filter parses them; filterSql compiles the tree into a Kysely
// expression over the columns the caller maps attributes to, filterMatches into a test of resources in memory. The
// whole grammar: eq ne co sw ew gt ge lt le pr, and or not, parentheses, value paths (`emails[type eq "work" and
// value co "@example.com"]`, `emails[type eq "work"].value eq …`). An attribute without a value (null or '') fails
// every comparison, ne included, and passes only `not`: as RFC 7644 reads and scim2-parse-filter's own tester does.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { parse, type Filter } from "scim2-parse-filter";
import type { DialectKind } from "../../db/dialect.js";
import { DomainError } from "../errors.js";

/** How an attribute compares. */
export interface FilterType {
  /** A boolean column holds 1 or 0; a dateTime one ISO-8601 UTC text as toISOString() writes it. */
  type: "string" | "boolean" | "dateTime";
  /** Strings compare exactly (RFC 7643: id, externalId); otherwise case-insensitively (in SQL: ASCII, as nocase). */
  caseExact?: boolean;
}

/** Where filterSql finds an attribute. */
export interface FilterAttribute extends FilterType {
  /** A column ("u.username") or any SQL expression. */
  column: string | Expression<unknown>;
  /** The attribute is this value wherever `column` has one, and absent elsewhere (as emails.type: see oneElement). */
  constant?: string | boolean;
}

/** By attribute path ("userName", "name.familyName", "emails.value", "meta.created"; case does not matter). */
export type FilterAttributes = Record<string, FilterAttribute>;
export type FilterTypes = Record<string, FilterType>;

/** The Group attributes filterMatches tests by default (RFC 7643 §4.2: members' value is not caseExact). */
export const GROUP_FILTER_TYPES: FilterTypes = {
  id: { type: "string", caseExact: true },
  externalId: { type: "string", caseExact: true },
  displayName: { type: "string" },
  members: { type: "string" },
  "members.value": { type: "string" },
  "members.display": { type: "string" },
  "members.type": { type: "string" },
  "meta.resourceType": { type: "string" },
  "meta.created": { type: "dateTime" },
  "meta.lastModified": { type: "dateTime" },
};

const invalidFilter = (detail: string) => new DomainError("FILTER_INVALID", detail);

/** Schema URNs that may precede an attribute name (`urn:…:User:userName`); the extension's names its own object. */
const URN_PREFIX = /^urn:ietf:params:scim:schemas:(?:core:2\.0:(?:user|group)|(extension:enterprise:2\.0:user)):/;

/**
 * The comparison values of a filter, taken out before scim2-parse-filter sees it: each becomes the placeholder
 * `"<n>"`, the n-th of `values`. Quoted values are JSON strings (the library itself would keep `\\` as two
 * backslashes); an invalid escape, as in `"DOMAIN\user"`, is kept as written. Bare values (`userName sw O`,
 * `name.FamilyName eq Employee`, `meta.Created gt 2015-10-10T14:38:21.8617979-07:00`: Microsoft's SCIM reference
 * collection sends these) are read as the text they are, numbers included (every attribute here is a string, boolean
 * or dateTime: `externalId eq 00123` keeps its zeros); true, false and null stay literals.
 */
const VALUE = /"((?:[^"\\]|\\.)*)"|(\s(?:eq|ne|co|sw|ew|gt|ge|lt|le)\s+)([^\s"()[\]]+)/gi;

/** More than this many operators and comparisons is refused: SQLite allows expressions 1,000 deep. */
const MAX_NODES = 200;

type Operator = Exclude<Filter["op"], "and" | "or" | "not" | "[]" | "pr">;
/** What a comparison compares with: a string (a dateTime's as toISOString() writes it), a boolean, or null. */
type Operand = string | boolean | null;

/**
 * A filter checked against the attributes it may name, ready to be compiled by `leaf` and `combine`; `key` is the
 * attribute's key in `types` (a value path's element's under its parent's: "emails.type").
 */
function compile<T>(
  filter: string,
  types: Record<string, FilterType>,
  leaf: (a: FilterType, key: string, names: string[], op: Operator | "pr", operand: Operand) => T,
  combine: { and(all: T[]): T; or(all: T[]): T; not(f: T): T; path(whole: FilterType | undefined, key: string, names: string[], inner: T): T },
): T {
  const values: string[] = [];
  const text = filter.replace(VALUE, (_, quoted: string | undefined, op: string | undefined, bare: string | undefined) => {
    if (quoted === undefined && (bare === "true" || bare === "false" || bare === "null")) return op! + bare;
    let value = bare!;
    if (quoted !== undefined) {
      try {
        value = JSON.parse(`"${quoted}"`) as string;
      } catch {
        value = quoted.replace(/\\(["\\])/g, "$1");
      }
    }
    values.push(value);
    return `${op ?? ""}"${values.length - 1}"`;
  });
  let tree: Filter;
  try {
    tree = parse(text);
  } catch {
    throw invalidFilter(`Not a SCIM filter (RFC 7644 §3.4.2.2): ${filter}`);
  }
  const byPath = new Map(Object.entries(types).map(([path, a]) => [path.toLowerCase(), a]));
  /**
   * Code42 keeps one e-mail address, the work one (and one postal address, the work one), each shown as primary.
   * So unless the map says otherwise, emails.type is the constant "work" and emails.primary the constant true wherever
   * emails has a value (addresses' alike): `emails[type eq "work"]` holds for every user with an e-mail address, and
   * `emails[type eq "home"]` for none. (filterMatches reads the type a resource has.)
   */
  const oneElement = (key: string): FilterAttribute | undefined => {
    const [, whole, sub] = /^(emails|addresses)\.(type|primary)$/.exec(key) ?? [];
    const a = whole === undefined ? undefined : (byPath.get(whole) as Partial<FilterAttribute> | undefined);
    if (a?.type !== "string") return undefined;
    return { column: a.column!, type: sub === "type" ? "string" : "boolean", constant: sub === "type" ? "work" : true };
  };
  /** The key in `types`, and the names that lead to the value from the resource (or the value path's element). */
  const pathOf = (path: string, parent?: string): [string, string[]] => {
    const lower = path.toLowerCase();
    if (parent !== undefined) return [`${parent}.${lower}`, lower.split(".")];
    const urn = URN_PREFIX.exec(lower);
    const key = urn ? lower.slice(urn[0].length) : lower;
    return [key, urn?.[1] ? [urn[0].slice(0, -1), ...key.split(".")] : key.split(".")];
  };
  let nodes = 0;
  const walk = (f: Filter, parent?: string): T => {
    if (++nodes > MAX_NODES) throw invalidFilter(`The filter has more than ${MAX_NODES} operators and comparisons`);
    switch (f.op) {
      case "and":
      case "or":
        return combine[f.op](f.filters.map((c) => walk(c, parent)));
      case "not":
        return combine.not(walk(f.filter, parent));
      case "[]": {
        if (parent !== undefined) throw invalidFilter(`A value path cannot nest in another: ${filter}`);
        const [key, names] = pathOf(f.attrPath);
        return combine.path(byPath.get(key), key, names, walk(f.valFilter, key));
      }
    }
    const [key, names] = pathOf(f.attrPath, parent);
    const a = byPath.get(key) ?? oneElement(key);
    if (!a) throw invalidFilter(`Cannot filter on ${parent === undefined ? f.attrPath : `${parent}[${f.attrPath}]`}`);
    if (f.op === "pr") return leaf(a, key, names, "pr", null);
    // The library hands back each placeholder as the string "<n>".
    const value = typeof f.compValue === "string" ? values[Number(f.compValue)]! : (f.compValue as boolean | null);
    return leaf(a, key, names, f.op, operand(a, f.op, value, f.attrPath));
  };
  return walk(tree);
}

/** The value a comparison compares with, as its attribute holds values; invalidFilter if it cannot be one. */
function operand(a: FilterType, op: Operator, value: string | boolean | null, path: string): Operand {
  if (value === null) {
    // `title eq null`: the attribute has no value; `ne null`: it has one.
    if (op !== "eq" && op !== "ne") throw invalidFilter(`${path} ${op} null compares with nothing`);
    return null;
  }
  if (a.type === "boolean") {
    if (op !== "eq" && op !== "ne") throw invalidFilter(`${path} is a boolean: only eq, ne and pr apply`);
    // true and false, or Entra's "True" and "False".
    if (typeof value === "boolean") return value;
    if (/^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
    throw invalidFilter(`${path} is a boolean, not ${JSON.stringify(value)}`);
  }
  if (a.type === "dateTime") {
    if (op === "co" || op === "sw" || op === "ew") throw invalidFilter(`${path} is a dateTime: co, sw and ew do not apply`);
    // An ISO-8601 date or date-time, compared as the instant it is.
    const instant = typeof value === "string" && /^\d{4}-\d\d-\d\d/.test(value) ? instantOf(value) : undefined;
    if (instant === undefined) throw invalidFilter(`${path} is a dateTime, not ${JSON.stringify(value)}`);
    return instant;
  }
  return String(value);
}

function instantOf(value: unknown): string | undefined {
  const date = typeof value === "string" ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Whether a value the attribute has (not null, not '') satisfies the comparison (in memory). */
function holds(a: FilterType, op: Operator, operand: Operand, actual: unknown): boolean {
  if (operand === null) return op === "ne";
  if (typeof operand === "boolean") return (actual === true || String(actual).toLowerCase() === "true") === operand ? op === "eq" : op === "ne";
  let x = a.type === "dateTime" ? instantOf(actual) : String(actual);
  if (x === undefined) return false;
  let y = operand;
  if (a.type === "string" && !a.caseExact) [x, y] = [x.toLowerCase(), y.toLowerCase()];
  switch (op) {
    case "eq":
      return x === y;
    case "ne":
      return x !== y;
    case "co":
      return x.includes(y);
    case "sw":
      return x.startsWith(y);
    case "ew":
      return x.endsWith(y);
    case "gt":
      return x > y;
    case "ge":
      return x >= y;
    case "lt":
      return x < y;
    case "le":
      return x <= y;
  }
}

type Condition = Expression<SqlBool>;
type Where = (eb: ExpressionBuilder<any, any>) => Condition;
const FALSE = { sqlite: sql<SqlBool>`0`, postgres: sql<SqlBool>`false` };
const SYMBOL = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" } as const;
const columnOf = (a: FilterAttribute): Expression<unknown> => (typeof a.column === "string" ? sql.ref(a.column) : a.column);

function present(a: FilterAttribute): Condition {
  const c = columnOf(a);
  return a.type === "boolean" && a.constant === undefined ? sql<SqlBool>`(${c} is not null)` : sql<SqlBool>`(${c} is not null and ${c} <> '')`;
}

/**
 * What a comparison binds: 1 or 0 for a boolean, the pattern for co, sw and ew (SQLite's like folds ASCII case, as
 * nocase does; glob is its case-sensitive twin; PostgreSQL has like and ilike), the value otherwise.
 */
function bound(a: FilterAttribute, op: Operator, value: string | boolean, dialect: DialectKind): string | number {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (op !== "co" && op !== "sw" && op !== "ew") return value;
  const [p, any] = dialect === "sqlite" && a.caseExact ? [value.replace(/[*?[]/g, "[$&]"), "*"] : [value.replace(/[\\%_]/g, "\\$&"), "%"];
  return op === "sw" ? p + any : op === "ew" ? any + p : any + p + any;
}

/** The comparison of the attribute with `param`, the value `bound` gives (or the placeholder a prepared query binds it to). */
function compare(a: FilterAttribute, op: Operator, param: unknown, dialect: DialectKind): Condition {
  const c = columnOf(a);
  if (dialect === "postgres") return comparePostgres(a, c, op, param);
  if (a.type === "boolean") return sql<SqlBool>`(${c} ${sql.raw(SYMBOL[op as "eq" | "ne"])} ${param})`;
  const collation = sql.raw(a.caseExact || a.type === "dateTime" ? "binary" : "nocase");
  switch (op) {
    case "co":
    case "sw":
    case "ew":
      return a.caseExact ? sql<SqlBool>`(${c} glob ${param})` : sql<SqlBool>`(${c} like ${param} escape '\\')`;
    case "ne":
      return sql<SqlBool>`(${c} <> ${param} collate ${collation} and ${c} <> '')`;
    default:
      return sql<SqlBool>`(${c} ${sql.raw(SYMBOL[op])} ${param} collate ${collation})`;
  }
}

/**
 * compare on PostgreSQL, which has neither collations by those names nor glob: case is set aside by lower() on both
 * sides, and kept by comparing as text (a citext column would set it aside); a boolean is 1 or 0 whether the column is
 * a flag or a condition.
 */
function comparePostgres(a: FilterAttribute, c: Expression<unknown>, op: Operator, param: unknown): Condition {
  if (a.type === "boolean") return sql<SqlBool>`(cast(${c} as integer) ${sql.raw(SYMBOL[op as "eq" | "ne"])} ${param})`;
  const exact = a.caseExact || a.type === "dateTime";
  const text = sql`cast(${c} as text)`;
  switch (op) {
    case "co":
    case "sw":
    case "ew":
      return sql<SqlBool>`(${text} ${sql.raw(exact ? "like" : "ilike")} ${param} escape '\\')`;
    case "ne":
      return exact ? sql<SqlBool>`(${text} <> ${param} and ${c} <> '')` : sql<SqlBool>`(lower(${text}) <> lower(${param}) and ${c} <> '')`;
    default:
      return exact ? sql<SqlBool>`(${text} ${sql.raw(SYMBOL[op])} ${param})` : sql<SqlBool>`(lower(${text}) ${sql.raw(SYMBOL[op])} lower(${param}))`;
  }
}

/**
 * A SCIM filter as SQL. Filters that differ only in their values have one shape, and one SQL text, so a query that
 * uses the filter can be compiled once per shape (perFilterShape) and bound with each filter's `args`.
 */
export interface FilterSql {
  /** The filter without its values, and the dialect: what the SQL depends on (with the attributes' map). */
  shape: string;
  /** The values the condition binds, in order. */
  args: unknown[];
  /** The condition, bound to `args`: this filter's, another of its shape's, or a prepared query's placeholders. */
  where(args: readonly unknown[]): Where;
}

/** A part of a filter: its shape, and its SQL given the whole filter's args. */
interface Part {
  shape: string;
  sql(args: readonly unknown[]): Condition;
}

/**
 * A SCIM filter compiled to SQL: `query.where(f.where(f.args))`. A value path `emails[…]` holds where `emails` (if
 * mapped) has a value and … holds. Throws invalidFilter (400), before any query runs, for a filter that does not
 * parse, an attribute not in `attributes`, or a value its attribute cannot hold.
 */
export function filterSql(filter: string, attributes: FilterAttributes, dialect: DialectKind = "sqlite"): FilterSql {
  const args: unknown[] = [];
  const leaf = (a: FilterAttribute, key: string, op: Operator | "pr", value: Operand): Part => {
    if (op === "pr") return { shape: `${key} pr`, sql: () => present(a) };
    // `is not true`: a comparison on a null column is null, and its negation must be true.
    if (value === null) return { shape: `${key} ${op} null`, sql: () => (op === "eq" ? sql<SqlBool>`(${present(a)} is not true)` : present(a)) };
    if (a.constant !== undefined) {
      const holdsWherePresent = holds(a, op, value, a.constant);
      return { shape: `${key} ${op} ${holdsWherePresent}`, sql: () => (holdsWherePresent ? present(a) : FALSE[dialect]) };
    }
    const i = args.push(bound(a, op, value, dialect)) - 1;
    return { shape: `${key} ${op} ?`, sql: (v) => compare(a, op, v[i], dialect) };
  };
  const joined = (all: Part[], word: "and" | "or"): Part => ({
    shape: `(${all.map((p) => p.shape).join(` ${word} `)})`,
    sql: (v) => sql<SqlBool>`(${sql.join(all.map((p) => p.sql(v)), sql.raw(` ${word} `))})`,
  });
  const part = compile<Part>(filter, attributes, (a, key, _names, op, value) => leaf(a as FilterAttribute, key, op, value), {
    and: (all) => joined(all, "and"),
    or: (all) => joined(all, "or"),
    not: (p) => ({ shape: `not ${p.shape}`, sql: (v) => sql<SqlBool>`((${p.sql(v)}) is not true)` }),
    path: (whole, key, _names, inner) => ({
      shape: `${key}[${inner.shape}]`,
      sql: (v) => (whole ? sql<SqlBool>`(${present(whole as FilterAttribute)} and ${inner.sql(v)})` : inner.sql(v)),
    }),
  });
  return { shape: `${dialect}: ${part.shape}`, args, where: (v) => () => part.sql(v) };
}

/** How many filter shapes perFilterShape keeps: a client may send any number of them. */
const FILTER_SHAPES_KEPT = 100;

/**
 * One value (a query prepared for a filter's shape) per filter shape, made from the first filter of that shape, or
 * once for no filter; the shapes used last are kept.
 */
export function perFilterShape<T>(make: (filter: FilterSql | undefined) => T): (filter: FilterSql | undefined) => T {
  const made = new Map<string | undefined, T>();
  return (filter) => {
    const shape = filter?.shape;
    let value = made.get(shape);
    if (value === undefined) {
      value = make(filter);
      if (made.size >= FILTER_SHAPES_KEPT) made.delete(made.keys().next().value);
    } else made.delete(shape);
    made.set(shape, value);
    return value;
  };
}

type Test = (scope: unknown) => boolean;

/** The values at `names` under `scope`: keys matched whatever their case, multi-valued attributes spread. */
function valuesAt(scope: unknown, names: string[]): unknown[] {
  let current = [scope];
  for (const name of names) {
    current = current.flatMap((o) => {
      if (typeof o !== "object" || o === null) return [];
      const key = Object.keys(o).find((k) => k.toLowerCase() === name);
      const v = key === undefined ? undefined : (o as Record<string, unknown>)[key];
      return Array.isArray(v) ? v : [v];
    });
  }
  return current.filter((v) => v !== undefined && v !== null && v !== "");
}

/**
 * A SCIM filter as a test of resources in memory (as they are presented: `resources.filter(filterMatches(f))`), with
 * the same grammar, value readings and refusals as filterSql. A multi-valued attribute matches if any value does.
 */
export function filterMatches(filter: string, types: FilterTypes = GROUP_FILTER_TYPES): (resource: object) => boolean {
  const test = compile<Test>(
    filter,
    types,
    (a, _key, names, op, value) => (scope) => {
      // A complex value (a member) compares as its `value`.
      const found = valuesAt(scope, names)
        .map((v) => (typeof v === "object" && v !== null && "value" in v ? v.value : v))
        .filter((v) => v !== undefined && v !== null && v !== "");
      if (op === "pr") return found.length > 0;
      if (value === null && op === "eq") return found.length === 0;
      return found.some((v) => holds(a, op, value, v));
    },
    {
      and: (all) => (scope) => all.every((t) => t(scope)),
      or: (all) => (scope) => all.some((t) => t(scope)),
      not: (t) => (scope) => !t(scope),
      path: (_whole, _key, names, inner) => (scope) => valuesAt(scope, names).some(inner),
    },
  );
  return test;
}
