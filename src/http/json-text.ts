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

/** `parts`, joined, are one JSON document. */
export function sendJsonParts(res: Response, status: number, parts: readonly string[]): void {
  if (res.app.get(VALIDATES_RESPONSES)) {
    res.status(status).json(JSON.parse(parts.join("")));
    return;
  }
  let size = 0;
  for (const p of parts) size += Buffer.byteLength(p);
  const body = Buffer.allocUnsafe(size);
  let at = 0;
  for (const p of parts) at += body.write(p, at);
  res.status(status).type("application/json").send(body);
}

/** A list whose items are JSON text already (a page's records, as SQLite wrote them). */
export class JsonTexts {
  constructor(readonly texts: readonly string[]) {}
}

/**
 * The parts of one JSON object (for sendJsonParts): its fields in the order given, a JsonTexts value spliced in as an
 * array item by item (not joined into one long string first), any other value as JSON.stringify writes it.
 */
export function jsonObjectParts(fields: Record<string, unknown>): string[] {
  const parts: string[] = [];
  let text = "{";
  Object.entries(fields).forEach(([name, value], i) => {
    text += `${i ? "," : ""}${JSON.stringify(name)}:`;
    if (!(value instanceof JsonTexts)) {
      text += JSON.stringify(value);
      return;
    }
    parts.push(`${text}[`);
    value.texts.forEach((item, j) => parts.push(j ? "," : "", item));
    text = "]";
  });
  parts.push(`${text}}`);
  return parts;
}
