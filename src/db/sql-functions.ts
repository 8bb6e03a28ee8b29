// Rules written once, in JavaScript, that SQLite calls inside a query: a projection's computed field
// (projection.ts) is worked out by the same function for a single record and, by SQLite, for a page it writes as JSON.
// Each is registered on every SQLite connection: those open when it is declared and those opened after.
import type BetterSqlite3 from "better-sqlite3";

/**
 * What a rule gives. SQLite holds no booleans and no JSON values: a boolean goes to it as 1 or 0, an object or array
 * as its JSON text (json-projection.ts turns them back).
 */
export type RuleValue = string | number | boolean | null | object;

/** What a rule answers: SQLite's values (text, numbers, null), true or false, or JSON values (arrays, objects). */
export type Returns = "value" | "boolean" | "json";

export interface SqlFunction<A extends unknown[] = never[], T extends RuleValue = RuleValue> {
  /** Its name in SQL (a rule of flags is never called by it). */
  readonly name: string;
  readonly fn: (...args: A) => T;
  readonly returns: Returns;
  /**
   * Whether fn reads each argument only as true or false (a 0/1 column): SQLite then looks its value up in a table
   * of fn's value for every combination (json-projection.ts) instead of calling it, which costs a call a row.
   */
  readonly overFlags: boolean;
  /**
   * Values of its first argument it mostly meets (an enumeration's), or tuples of its first few: SQLite looks fn's
   * answer for those up and calls it for others. fn must answer them from those arguments alone, but for `passes`.
   */
  readonly known?: readonly KnownArgs[];
  /**
   * The argument fn may answer as it is, without reading it (a hostname shown or not): a known answer may be that
   * argument, which SQLite then gives without calling fn.
   */
  readonly passes?: number;
}

/** A value of a rule's first argument, or of its first few. */
export type KnownArgs = string | number | readonly (string | number)[];

const declared = new Map<string, SqlFunction<never[]>>();
const connections = new Set<BetterSqlite3.Database>();

function register(sqlite: BetterSqlite3.Database, { name, fn, returns }: SqlFunction<never[]>): void {
  const call = fn as (...args: unknown[]) => RuleValue;
  const toSql: Record<Returns, (...args: unknown[]) => string | number | null> = {
    // A JavaScript number reaches SQLite as a real (JSON 1.0); an integer goes as a BigInt, which it holds as an integer.
    value: (...args) => {
      const v = call(...args) as string | number | null;
      return typeof v === "number" && Number.isInteger(v) ? (BigInt(v) as unknown as number) : v;
    },
    boolean: (...args) => (call(...args) ? 1 : 0),
    json: (...args) => answerText(call(...args)),
  };
  sqlite.function(name, { deterministic: true, varargs: true }, toSql[returns]);
}

/** JSON texts of the objects rules answered: a rule that keeps its answers (the same few lists, row after row) is written once. */
const jsonTexts = new WeakMap<object, string>();
function answerText(value: RuleValue): string {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  let text = jsonTexts.get(value);
  if (text === undefined) jsonTexts.set(value, (text = JSON.stringify(value)));
  return text;
}

/** `fn` as the SQL function `name`; `known` and `passes`: SqlFunction's. */
export function sqlFunction<A extends unknown[], T extends RuleValue>(name: string, fn: (...args: A) => T, returns: T extends boolean ? "boolean" : T extends object ? "json" : "value", known?: readonly KnownArgs[], passes?: number): SqlFunction<A, T> {
  if (declared.has(name)) throw new Error(`SQL function ${name} declared twice`);
  const f: SqlFunction<A, T> = { name, fn, returns, overFlags: false, ...(known ? { known } : {}), ...(passes !== undefined ? { passes } : {}) };
  declared.set(name, f as unknown as SqlFunction<never[]>);
  for (const sqlite of connections) register(sqlite, f as unknown as SqlFunction<never[]>);
  return f;
}

/** Registers every rule on a new connection, and the rules declared later; the function returned forgets it. */
export function withSqlFunctions(sqlite: BetterSqlite3.Database): () => void {
  for (const f of declared.values()) register(sqlite, f);
  connections.add(sqlite);
  return () => connections.delete(sqlite);
}

/**
 * A rule of flags (SqlFunction.overFlags), which reads its arguments as true (not 0) or false (0 or null) and may
 * answer any JSON value: SQLite never calls it, so it is not registered.
 */
export const flagsFunction = <A extends number[], T>(name: string, fn: (...args: A) => T): SqlFunction<A, RuleValue> => ({ name, fn: fn as unknown as (...args: A) => RuleValue, returns: "json", overFlags: true });
