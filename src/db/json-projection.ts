// A projection (src/projection.ts) as a SQLite expression: the JSON text of one row's wire shape, which SQLite writes
// byte for byte as JSON.stringify writes the projected object (key order, escapes; tests compare them).
import { createQueryId, sql, SqliteQueryCompiler, type RawBuilder } from "kysely";
import type { FieldRule, Projection } from "../projection.js";
import { perObject } from "./prepared.js";
import type { SqlFunction } from "./sql-functions.js";

const TRUE = sql`json('true')`;
const FALSE = sql`json('false')`;

type Column<R> = (field: keyof R & string) => RawBuilder<unknown>;

/**
 * Where a list field (a projection's `list`) is found on the record's row: `kept`, a JSON array of the list's records,
 * each field under its name (read in the array's order, no index or sort involved); or `written`, the list's JSON
 * text exactly as the projection writes it (as JSON.stringify writes it), put in as it is.
 */
export type ListRows = { kept: RawBuilder<unknown> } | { written: RawBuilder<unknown> };

/** The rows of each list field the projection writes. */
export type Lists<R> = { readonly [K in keyof R & string]?: ListRows };

function made<R>(rule: Exclude<FieldRule<R>, { members: unknown }>, column: Column<R>, lists: Lists<R>): RawBuilder<unknown> {
  if ("constant" in rule) return literal(rule.constant);
  if ("object" in rule) return jsonValue(rule.object, column, lists);
  if ("array" in rule) return sql`json_array(${jsonValue(rule.array, column, lists)})`;
  if ("list" in rule) {
    const rows = lists[rule.list];
    if (!rows) throw new Error(`no rows given for the list ${rule.list}`);
    if ("written" in rows) return sql`json(${rows.written})`;
    return sql`(select json_group_array(${jsonValue(rule.of, (field) => sql`kept.value ->> ${sql.lit(field)}`, {})}) from json_each(${rows.kept}) kept)`;
  }
  if ("joined" in rule) return sql`(${sql.join(rule.joined.map(column), sql` || `)})`;
  // concat_ws leaves out nulls, and gives '' when all are.
  if ("words" in rule) return sql`nullif(concat_ws(' ', ${sql.join(rule.words.map((field) => sql`nullif(${column(field)}, '')`))}), '')`;
  if ("rule" in rule) {
    const args = rule.of.map(column);
    if (rule.rule.overFlags) return lookedUp(rule.rule, args);
    const called = sql`${sql.raw(rule.rule.name)}(${sql.join(args)})`;
    const call = { value: called, boolean: sql`iif(${called} = 1, ${TRUE}, ${FALSE})`, json: sql`json(${called})` }[rule.rule.returns];
    return rule.rule.known ? knownAnswers(rule.rule, args, call) : call;
  }
  const c = column(rule.from);
  switch (rule.as) {
    case "value":
    case "ifSet":
    case "ifFilled":
      return c;
    case "text":
      return sql`cast(${c} as text)`;
    case "flag":
      return sql`iif(${c} = 1, ${TRUE}, ${FALSE})`;
    case "present":
      return sql`iif(${c} is not null, ${TRUE}, ${FALSE})`;
    case "date":
      return sql`iif(${c} is null, null, json_object('year', cast(substr(${c}, 1, 4) as integer), 'month', cast(substr(${c}, 6, 2) as integer), 'day', cast(substr(${c}, 9, 2) as integer)))`;
    case "json":
      return sql`json(${c})`;
  }
}

/** An object of the projection as JSON: text written piece by piece is plain text to SQLite until json() marks it as JSON. */
function jsonValue<R>(projection: Projection<R>, column: Column<R>, lists: Lists<R>): RawBuilder<unknown> {
  const object = jsonObject(projection, column, lists);
  return writtenInPieces(projection) ? sql`json(${object})` : object;
}

/** A JSON value as SQL writes it into JSON. */
function literal(value: unknown): RawBuilder<unknown> {
  if (typeof value === "boolean") return value ? TRUE : FALSE;
  if (value === null) return sql`null`;
  return typeof value === "string" || typeof value === "number" ? sql.lit(value) : sql`json(${sql.lit(JSON.stringify(value))})`;
}

/** Stands for the argument a rule passes through (SqlFunction.passes) while its known answers are worked out. */
const PASSED = Symbol("passed");

/** A rule's answers for the values it mostly meets (SqlFunction.known) looked up; `call` for the others. */
function knownAnswers(rule: SqlFunction<never[]>, args: RawBuilder<unknown>[], call: RawBuilder<unknown>): RawBuilder<unknown> {
  const fn = rule.fn as (...args: unknown[]) => unknown;
  const cases = rule.known!.map((known) => {
    const given = typeof known === "object" ? known : [known];
    const answer = fn(...args.map((_, i) => (i < given.length ? given[i] : i === rule.passes ? PASSED : undefined)));
    const test = sql.join(given.map((value, i) => sql`${args[i]} = ${sql.lit(value)}`), sql` and `);
    return sql`when ${test} then ${answer === PASSED ? args[rule.passes!]! : literal(answer)}`;
  });
  return sql`(case ${sql.join(cases, sql` `)} else ${call} end)`;
}

/** A rule of flags as a table of its values, indexed by the flags as the bits of a number. */
function lookedUp(rule: SqlFunction<never[]>, flags: RawBuilder<unknown>[]): RawBuilder<unknown> {
  const index = sql.join(
    flags.map((flag, bit) => sql`(coalesce(${flag}, 0) <> 0) * ${sql.lit(1 << bit)}`),
    sql` + `,
  );
  const fn = rule.fn as (...flags: number[]) => unknown;
  const values = Array.from({ length: 1 << flags.length }, (_, k) => sql`when ${sql.lit(k)} then ${literal(fn(...flags.map((_, bit) => (k >> bit) & 1)))}`);
  return sql`(case ${index} ${sql.join(values, sql` `)} end)`;
}

const leftOutOrSpread = <R>(rule: FieldRule<R>) => "members" in rule || "when" in rule || ("as" in rule && (rule.as === "ifSet" || rule.as === "ifFilled"));

/** Whether one of the fields is filled: neither null nor empty text (projection.ts). */
const anyFilled = (fields: readonly RawBuilder<unknown>[]) =>
  sql.join(
    fields.map((c) => sql`coalesce(${c}, '') <> ''`),
    sql` or `,
  );

const keptAsJson = <R>(rule: FieldRule<R>): rule is Extract<FieldRule<R>, { as: unknown }> => "as" in rule && rule.as === "json";

/**
 * Whether the projection leaves fields out or writes a JSON object's members in place, which json_object cannot; or
 * holds JSON text or a list (which may be written already), which json_object would take only parsed (json()), row
 * after row.
 */
const writtenInPieces = <R>(projection: Projection<R>) => (Object.values(projection) as FieldRule<R>[]).some((rule) => leftOutOrSpread(rule) || keptAsJson(rule) || "list" in rule);

/**
 * A field's value as JSON text, inside a record written in pieces. An object (or array of one) written in pieces
 * itself is text already, put in as it is: marked as JSON (json()) it would be parsed again, row after row.
 */
function textOf<R>(rule: Exclude<FieldRule<R>, { members: unknown }>, column: Column<R>, lists: Lists<R>): RawBuilder<unknown> {
  if ("object" in rule && writtenInPieces(rule.object)) return inPieces(Object.entries(rule.object) as [string, FieldRule<R>][], column, lists);
  if ("array" in rule && writtenInPieces(rule.array)) return sql`concat('[', ${inPieces(Object.entries(rule.array) as [string, FieldRule<R>][], column, lists)}, ']')`;
  // JSON text is kept as JSON.stringify (or SQLite's JSON functions) wrote it, as `members` are: put in as it is,
  // not parsed and written again (json()) row after row.
  if (keptAsJson(rule)) return sql`coalesce(${column(rule.from)}, 'null')`;
  const rows = "list" in rule ? lists[rule.list] : undefined;
  if (rows && "written" in rows) return sql`coalesce(${rows.written}, 'null')`;
  return sql`json_quote(${made(rule, column, lists)})`;
}

/**
 * A record written in pieces of text: the fields that are always there as their names and values, a constant folded
 * into the text around it; a field left out when null (or empty), an object or array left out unless a field is
 * filled, or a JSON object's members, as a comma and the text or as nothing. json_quote writes a value as
 * json_object would (a string quoted, JSON as it is, null as null). A record whose first field may be left out is
 * written with a comma before every field, and the first comma cut.
 */
function inPieces<R>(fields: [string, FieldRule<R>][], column: Column<R>, lists: Lists<R>): RawBuilder<string> {
  const leadingComma = fields.length > 0 && leftOutOrSpread(fields[0]![1]);
  const pieces: (string | RawBuilder<unknown>)[] = leadingComma ? [] : ["{"];
  const text = (t: string) => (typeof pieces.at(-1) === "string" ? (pieces[pieces.length - 1] += t) : pieces.push(t));
  fields.forEach(([name, rule], i) => {
    const key = `${i > 0 || leadingComma ? "," : ""}${JSON.stringify(name)}:`;
    if ("members" in rule) {
      const c = column(rule.members);
      pieces.push(sql`iif(${c} is null or ${c} = '{}', '', ',' || substr(${c}, 2, length(${c}) - 2))`);
    } else if ("constant" in rule) text(key + JSON.stringify(rule.constant));
    else if ("when" in rule) pieces.push(sql`iif(${anyFilled(rule.when!.map(column))}, ${sql.lit(key)} || ${textOf(rule, column, lists)}, '')`);
    else if ("as" in rule && rule.as === "ifSet") pieces.push(sql`iif(${column(rule.from)} is null, '', ${sql.lit(key)} || json_quote(${column(rule.from)}))`);
    else if ("as" in rule && rule.as === "ifFilled") pieces.push(sql`iif(${anyFilled([column(rule.from)])}, ${sql.lit(key)} || json_quote(${column(rule.from)}), '')`);
    else {
      text(key);
      pieces.push(textOf(rule, column, lists));
    }
  });
  if (!leadingComma) text("}");
  // One concat() of all the pieces: a chain of || made a new string at every step, copying the record so far. No
  // piece is null (json_quote writes null as text), which concat() would leave out where || gives null.
  const joined = sql`concat(${sql.join(pieces.map((p) => (typeof p === "string" ? sql.lit(p) : p)))})`;
  return (leadingComma ? sql`concat('{', substr(${joined}, 2), '}')` : joined) as RawBuilder<string>;
}

/** `column` names the SQL of each record field the projection reads, `lists` the rows of each list field. */
export function jsonObject<R, W>(projection: Projection<R, W>, column: Column<R>, lists: Lists<R> = {}): RawBuilder<string> {
  const fields = Object.entries(projection) as [string, FieldRule<R>][];
  if (writtenInPieces(projection as Projection<R>)) return inPieces(fields, column, lists);
  const pairs = fields.flatMap(([name, rule]) => [sql.lit(name), made(rule as Exclude<FieldRule<R>, { members: unknown }>, column, lists)]);
  return sql<string>`json_object(${sql.join(pairs)})`;
}

const compiler = new SqliteQueryCompiler();

/**
 * jsonObject of each projection, made once and compiled into SQLite's text, for a page's query built again on each
 * request (its filter's): the query splices the text in instead of compiling the long expression every time. The
 * columns bind no values (names and literals only).
 */
export function jsonObjectOnce<R>(column: Column<R>, lists: Lists<R> = {}): (projection: Projection<R>) => RawBuilder<string> {
  return perObject((projection: Projection<R>) => {
    const { sql: text, parameters } = compiler.compileQuery(jsonObject(projection, column, lists).toOperationNode(), createQueryId());
    if (parameters.length) throw new Error("a projection compiled once binds no values");
    return sql.raw<string>(text);
  });
}
