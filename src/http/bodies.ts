// The body parsers. They run after authentication (app.ts): an unauthenticated request gets its 401 whatever its
// body, as on the real service, learns nothing from how its body would be refused, and is never buffered, however
// large its upload.
import express, { type RequestHandler } from "express";
import { ApiError } from "./errors.js";

/** Deeper than any body a Code42 client or identity provider sends; deeper ones overflowed the stack of code that walks them. */
export const MAX_BODY_DEPTH = 64;

/** Whether a parsed body nests deeper than `max`: walked with a stack of its own, never by recursion. */
function nestedDeeperThan(body: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[body, 0]];
  while (pending.length) {
    const [value, depth] = pending.pop()!;
    if (value === null || typeof value !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
}

/** A body nested deeper than MAX_BODY_DEPTH is refused (400, in the family's envelope). */
const refuseDeepBodies: RequestHandler = (req, _res, next) =>
  next(req.body !== null && typeof req.body === "object" && nestedDeeperThan(req.body, MAX_BODY_DEPTH) ? new ApiError(400, "INVALID_REQUEST", `The request body nests deeper than ${MAX_BODY_DEPTH} levels`) : undefined);

/** The parsers, in the order they run; app.ts places them after authentication. */
export function bodyParsers(jsonLimit: number, textLimit: number): RequestHandler[] {
  return [
    express.json({ limit: jsonLimit, type: ["application/json", "application/*+json"] }),
    // CSV uploads (the users bulk add) and YAML fixtures are larger than any JSON body: 10k users fit well under this.
    express.text({ limit: textLimit, type: ["text/csv", "application/yaml", "text/yaml"] }),
    refuseDeepBodies,
  ];
}
