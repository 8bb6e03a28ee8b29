// A projection (src/projection.ts) as a SQLite expression: the JSON text of one row's wire shape, which SQLite writes
// byte for byte as JSON.stringify writes the projected object (key order, escapes; tests compare them).
import { sql, type RawBuilder } from "kysely";
import type { FieldRule, Projection } from "../projection.js";
import type { SqlFunction } from "./sql-functions.js";

const TRUE = sql`json('true')`;
const FALSE = sql`json('false')`;

function made<R>(rule: FieldRule<R>, column: (field: keyof R & string) => RawBuilder<unknown>): RawBuilder<unknown> {
  if ("constant" in rule) return literal(rule.constant);
  if ("object" in rule) return jsonObject(rule.object, column);
  if ("rule" in rule) {
    const args = rule.of.map(column);
    if (rule.rule.overFlags) return lookedUp(rule.rule, args);
    const called = sql`${sql.raw(rule.rule.name)}(${sql.join(args)})`;
    const call = { value: called, boolean: sql`iif(${called} = 1, ${TRUE}, ${FALSE})`, json: sql`json(${called})` }[rule.rule.returns];
    const fn = rule.rule.fn as (value: string | number) => unknown;
    const known = rule.rule.known?.map((value) => sql`when ${sql.lit(value)} then ${literal(fn(value))}`);
    return known ? sql`(case ${args[0]} ${sql.join(known, sql` `)} else ${call} end)` : call;
  }
  const c = column(rule.from);
  switch (rule.as) {
    case "value":
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

/** A JSON value as SQL writes it into JSON. */
function literal(value: unknown): RawBuilder<unknown> {
  if (typeof value === "boolean") return value ? TRUE : FALSE;
  if (value === null) return sql`null`;
  return typeof value === "string" || typeof value === "number" ? sql.lit(value) : sql`json(${sql.lit(JSON.stringify(value))})`;
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

/** `column` names the SQL of each record field the projection reads. */
export function jsonObject<R, W>(projection: Projection<R, W>, column: (field: keyof R & string) => RawBuilder<unknown>): RawBuilder<string> {
  const pairs = (Object.entries(projection) as [string, FieldRule<R>][]).flatMap(([name, rule]) => [sql.lit(name), made(rule, column)]);
  return sql<string>`json_object(${sql.join(pairs)})`;
}
