// A projection (src/projection.ts) as a SQLite expression: the JSON text of one row's wire shape, which SQLite writes
// byte for byte as JSON.stringify writes the projected object (key order, escapes; tests compare them).
import { sql, type RawBuilder } from "kysely";
import type { FieldRule, Projection } from "../projection.js";

/** `column` names the SQL of each record field the projection reads. */
export function jsonObject<R, W>(projection: Projection<R, W>, column: (field: keyof R & string) => RawBuilder<unknown>): RawBuilder<string> {
  const pairs = (Object.entries(projection) as [string, FieldRule<R>][]).flatMap(([name, { from, as }]) => {
    const c = column(from);
    return [sql.lit(name), as === "value" ? c : as === "text" ? sql`cast(${c} as text)` : sql`iif(${c} = 1, json('true'), json('false'))`];
  });
  return sql<string>`json_object(${sql.join(pairs)})`;
}
