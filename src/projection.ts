// A wire's shape of a record, declared as data: for each field of the wire, the record's field it is made from and
// how. One declaration is written two ways: in JavaScript, a record at a time (`projector`), and by SQLite, which
// writes a page's JSON in the query that reads it (db/json-projection.ts). A page of 100 users made into objects and
// then into JSON spent most of its CPU turning columns into JavaScript values, and those values into text again.

import type { RuleValue, SqlFunction } from "./db/sql-functions.js";

/**
 * How a wire field is made from the record's field `from`: value, as it is; text, an integer as its decimal digits;
 * flag, 1 is true and anything else false; present, whether it is not null; date, YYYY-MM-DD as {year, month, day};
 * json, JSON text (kept as JSON.stringify or SQLite's JSON functions write it) as what it holds; ifSet, the value,
 * and no field at all when it is null; ifFilled, the same when it is null or empty text (SCIM's unassigned). Null
 * stays null but for flag and present. Or a rule's value of the record's fields `of` (a function SQLite calls too:
 * db/sql-functions.ts). Or the texts of the fields `joined`, one after the other (null when one is null). Or the
 * `words`: those of the fields that are filled, with a space between them (null when none is). Or an
 * object, projected from the same record; or an array of one such object; either left out, with `when`, unless one
 * of those fields is filled (neither null nor empty text). Or a list, each of the records the record's field `list`
 * holds projected by `of` (SQLite reads them from their own rows: db/json-projection.ts). Or a constant, any JSON
 * value. Or `members`: the members of a JSON object the record holds as text (as JSON.stringify wrote it), written
 * in place of the field, which names nothing on the wire; their names must not be the projection's own.
 */
export type FieldRule<R> =
  | { from: keyof R & string; as: "value" | "text" | "flag" | "present" | "date" | "json" | "ifSet" | "ifFilled" }
  | { members: keyof R & string }
  | { rule: SqlFunction<never[]>; of: readonly (keyof R & string)[] }
  | { joined: readonly (keyof R & string)[] }
  | { words: readonly (keyof R & string)[] }
  | { object: Projection<R>; when?: readonly (keyof R & string)[] }
  | { array: Projection<R>; when?: readonly (keyof R & string)[] }
  // The list's records are of their own type.
  | { list: keyof R & string; of: Projection<any> }
  | { constant: unknown };

/** Each field of the wire's shape `W`, in the order the wire writes them. */
export type Projection<R, W = Record<string, unknown>> = { readonly [K in keyof W]-?: FieldRule<R> };

type ItemOf<L> = L extends readonly (infer C)[] ? C : never;

/** The rules over records of type R. */
export function fieldsOf<R>() {
  const rule = (as: Extract<FieldRule<R>, { as: unknown }>["as"]) => (from: keyof R & string): FieldRule<R> => ({ from, as });
  return {
    value: rule("value"),
    text: rule("text"),
    flag: rule("flag"),
    present: rule("present"),
    date: rule("date"),
    json: rule("json"),
    ifSet: rule("ifSet"),
    ifFilled: rule("ifFilled"),
    members: (members: keyof R & string): FieldRule<R> => ({ members }),
    constant: (constant: unknown): FieldRule<R> => ({ constant }),
    // `when`: the record's fields of which one must be filled for the object (or array) to be written at all.
    object: <W>(object: Projection<R, W>, ...when: (keyof R & string)[]): FieldRule<R> => ({ object: object as Projection<R>, ...(when.length ? { when } : {}) }),
    array: <W>(array: Projection<R, W>, ...when: (keyof R & string)[]): FieldRule<R> => ({ array: array as Projection<R>, ...(when.length ? { when } : {}) }),
    joined: (...joined: (keyof R & string)[]): FieldRule<R> => ({ joined }),
    words: (...words: (keyof R & string)[]): FieldRule<R> => ({ words }),
    list: <K extends keyof R & string>(list: K, of: Projection<ItemOf<R[K]>>): FieldRule<R> => ({ list, of }),
    // The record's fields, in the order the function takes them.
    computed: <A extends unknown[]>(rule: SqlFunction<A, RuleValue>, ...of: { [I in keyof A]: keyof R & string }): FieldRule<R> => ({ rule: rule as unknown as SqlFunction<never[]>, of: of as (keyof R & string)[] }),
  };
}

/** YYYY-MM-DD as {year, month, day} (the gateway's dates). */
function yearMonthDay(date: string | null): { year: number; month: number; day: number } | null {
  if (date === null) return null;
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function made<R>(rule: Exclude<FieldRule<R>, { members: unknown }>, record: R): unknown {
  if ("constant" in rule) return rule.constant;
  if ("object" in rule) return projectorOf(rule.object)(record);
  if ("array" in rule) return [projectorOf(rule.array)(record)];
  if ("list" in rule) return (record[rule.list] as unknown[]).map(projectorOf(rule.of));
  if ("rule" in rule) return (rule.rule.fn as (...args: unknown[]) => RuleValue)(...rule.of.map((field) => record[field]));
  if ("joined" in rule) return rule.joined.some((field) => record[field] === null) ? null : rule.joined.map((field) => String(record[field])).join("");
  if ("words" in rule) return wordsOf(rule.words.map((field) => record[field]));
  const v = record[rule.from] as unknown;
  switch (rule.as) {
    case "value":
    case "ifSet":
    case "ifFilled":
      return v;
    case "text":
      return v === null ? null : String(v);
    case "flag":
      return v === 1;
    case "present":
      return v !== null;
    case "date":
      return yearMonthDay(v as string | null);
    case "json":
      return v === null ? null : JSON.parse(v as string);
  }
}

const filled = (v: unknown) => v !== null && v !== "";

/** The filled texts, with a space between them; null when none is (a person's name from its parts). */
export const wordsOf = (texts: readonly unknown[]): string | null => texts.filter(filled).join(" ") || null;

/** The projector of a projection (objects within one, the JSON texts of records), made once. */
const projectors = new WeakMap<object, (record: never) => unknown>();
function projectorOf<R>(projection: Projection<R>): (record: R) => unknown {
  let project = projectors.get(projection) as ((record: R) => unknown) | undefined;
  if (!project) projectors.set(projection, (project = projector(projection)));
  return project;
}

/** The projection as a function of a record. */
export function projector<R, W>(projection: Projection<R, W>): (record: R) => W {
  const fields = Object.entries(projection) as [string, FieldRule<R>][];
  return (record) => {
    const shaped: Record<string, unknown> = {};
    for (const [name, rule] of fields) {
      if ("members" in rule) {
        const members = record[rule.members] as string | null;
        if (members !== null) Object.assign(shaped, JSON.parse(members));
        continue;
      }
      if ("when" in rule && !rule.when!.some((field) => filled(record[field]))) continue;
      const v = made(rule, record);
      if ("as" in rule && ((rule.as === "ifSet" && v === null) || (rule.as === "ifFilled" && !filled(v)))) continue;
      shaped[name] = v;
    }
    return shaped as W;
  };
}

/** A record as the projection writes it, as JSON text: what SQLite's json_object writes (json-projection.ts). */
export const jsonTextOf = <R, W>(projection: Projection<R, W>, record: R): string => JSON.stringify(projectorOf(projection as Projection<R>)(record));

/** The records as the projection writes each, as JSON text. */
export const jsonTextsOf = <R, W>(projection: Projection<R, W>, records: readonly R[]): string[] => records.map((r) => jsonTextOf(projection, r));
