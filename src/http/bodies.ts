// The body parsers, with their refusals (malformed JSON, a body over the limit) held back until the caller has been
// authenticated: an unauthenticated request gets its 401 whatever its body, as on the real service, and learns
// nothing from how its body was refused.
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

declare module "express-serve-static-core" {
  interface Request {
    /** What the body parsers refused, answered once the caller is known (bodyRefusal below). */
    bodyError?: unknown;
  }
}

/** Runs a parser; what it refuses (or a body nested too deep) is kept on the request instead of failing it. */
function deferring(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (err) req.bodyError = err;
      else if (typeof req.body === "object" && nestedDeeperThan(req.body, MAX_BODY_DEPTH))
        req.bodyError = new ApiError(400, "INVALID_REQUEST", `The request body nests deeper than ${MAX_BODY_DEPTH} levels`);
      next();
    });
}

export function bodyParsers(jsonLimit: number, textLimit: number): RequestHandler[] {
  return [
    deferring(express.json({ limit: jsonLimit, type: ["application/json", "application/*+json"] })),
    // CSV uploads (the users bulk add) and YAML fixtures are larger than any JSON body: 10k users fit well under this.
    deferring(express.text({ limit: textLimit, type: ["text/csv", "application/yaml", "text/yaml"] })),
  ];
}

/** After authentication: the parsers' refusal, if there was one, goes to the error renderer as it would have. */
export const bodyRefusal: RequestHandler = (req, _res, next) => next(req.bodyError);

