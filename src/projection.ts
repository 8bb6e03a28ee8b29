// A wire's shape of a record, declared as data: for each field of the wire, the record's field it is made from and
// how. One declaration is written two ways: in JavaScript, a record at a time (`projector`), and by SQLite, which
// writes a page's JSON in the query that reads it (db/json-projection.ts). A page of 100 users made into objects and
// then into JSON spent most of its CPU turning columns into JavaScript values, and those values into text again.

/** How a wire field is made from the record's field `from`. */
export interface FieldRule<R> {
  from: keyof R & string;
  /** value: as it is; text: an integer as its decimal digits (null stays null); flag: 1 is true, anything else false. */
  as: "value" | "text" | "flag";
}

/** Each field of the wire's shape `W`, in the order the wire writes them. */
export type Projection<R, W = Record<string, unknown>> = { readonly [K in keyof W]-?: FieldRule<R> };

/** The rules over records of type R. */
export function fieldsOf<R>() {
  return {
    value: (from: keyof R & string): FieldRule<R> => ({ from, as: "value" }),
    text: (from: keyof R & string): FieldRule<R> => ({ from, as: "text" }),
    flag: (from: keyof R & string): FieldRule<R> => ({ from, as: "flag" }),
  };
}

/** The projection as a function of a record. */
export function projector<R, W>(projection: Projection<R, W>): (record: R) => W {
  const fields = Object.entries(projection) as [string, FieldRule<R>][];
  return (record) => {
    const shaped: Record<string, unknown> = {};
    for (const [name, { from, as }] of fields) {
      const v = record[from];
      shaped[name] = as === "value" ? v : as === "text" ? (v === null ? null : String(v)) : v === 1;
    }
    return shaped as W;
  };
}
