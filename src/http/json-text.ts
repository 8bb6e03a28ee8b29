// Bodies written as JSON text before they reach Express (a file-event page: SQLite writes its events' JSON), sent as
// they are. The parts are copied into one buffer instead of joined: a string of some hundred KB is allocated outside
// V8's young generation and flattened on its way out, and on this kind of machine that costs several times the copy.
// Where responses are validated (--strict, the tests) the body goes through res.json like any other, so the validator
// checks exactly what would have been sent.
import type { Express, Response } from "express";

const VALIDATES_RESPONSES = "code42 validates responses";

export function validatesResponses(app: Express, validates: boolean): void {
  app.set(VALIDATES_RESPONSES, validates);
}

/** `parts`, joined, are one JSON document, sent as `type`. */
export function sendJsonParts(res: Response, status: number, parts: readonly string[], type = "application/json"): void {
  if (res.app.get(VALIDATES_RESPONSES)) {
    res.status(status).type(type).json(JSON.parse(parts.join("")));
    return;
  }
  let size = 0;
  for (const p of parts) size += Buffer.byteLength(p);
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of parts) at += body.write(p, at);
  res.status(status).type(type).send(body);
}

/** A list whose items are JSON text already (a page's records, as SQLite wrote them). */
export class JsonTexts {
  constructor(readonly texts: readonly string[]) {}
}

/**
 * The parts of a JSON document (for sendJsonParts): `value` as JSON.stringify writes it, but for JsonTexts, in plain
 * objects at any depth, spliced in as arrays item by item (not joined into one long string first).
 */
export function jsonParts(value: unknown): string[] {
  const parts: string[] = [];
  let text = "";
  const write = (v: unknown) => {
    if (v instanceof JsonTexts) {
      parts.push(`${text}[`);
      v.texts.forEach((item, j) => parts.push(j ? "," : "", item));
      text = "]";
    } else if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
      text += "{";
      let first = true;
      for (const [name, field] of Object.entries(v)) {
        // Left out, as JSON.stringify leaves them.
        if (field === undefined) continue;
        text += `${first ? "" : ","}${JSON.stringify(name)}:`;
        first = false;
        write(field);
      }
      text += "}";
    } else text += JSON.stringify(v);
  };
  write(value);
  parts.push(text);
  return parts;
}
