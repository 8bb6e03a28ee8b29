// The body parsers, with their refusals (malformed JSON, a body over the limit) held back until the caller has been
// authenticated: an unauthenticated request gets its 401 whatever its body, as on the real service, and learns
// nothing from how its body was refused.
import express, { type ErrorRequestHandler, type RequestHandler } from "express";

declare module "express-serve-static-core" {
  interface Request {
    /** What the body parsers refused, answered once the caller is known (bodyRefusal below). */
    bodyError?: unknown;
  }
}

/** Runs a parser; what it refuses is kept on the request instead of failing it. */
function deferring(parser: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parser(req, res, (err?: unknown) => {
      if (err) req.bodyError = err;
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

