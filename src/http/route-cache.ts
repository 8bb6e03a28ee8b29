// express-openapi-validator finds a request's operation by trying each of the spec's ~150 routes in turn (~17% of a
// simple read's CPU). The match is a pure function of the method, the raw path and the spec, which never changes:
// it is kept.
import type { NextFunction, Request, RequestHandler, Response } from "express";

/** What the validator's metadata step leaves on a matched request. */
interface OperationMatch {
  pathParams: Record<string, string>;
  [key: string]: unknown;
}

type Matched = Request & { openapi?: OperationMatch };

// Paths carry ids, so the memo is bounded; a path pushed out is matched the slow way again.
const MATCH_LIMIT = 5_000;

/**
 * Wraps the validator's metadata handler: a (method, path) it has matched before is answered from the memo, without
 * the scan. Misses, and requests it refuses (404, 405), go through the validator unchanged.
 */
export function memoizeOperationMatch(metadata: RequestHandler): RequestHandler {
  const matches = new Map<string, OperationMatch>();
  return (req: Matched, res: Response, next: NextFunction) => {
    const url = req.originalUrl;
    const q = url.indexOf("?");
    const key = `${req.method} ${q < 0 ? url : url.slice(0, q)}`;
    const hit = matches.get(key);
    if (hit) {
      // Later steps write into the match and its params: each request gets its own copy.
      req.openapi = { ...hit, pathParams: { ...hit.pathParams } };
      req.params = req.openapi.pathParams;
      return next();
    }
    return metadata(req, res, (err?: unknown) => {
      if (!err && req.openapi?.schema) {
        if (matches.size >= MATCH_LIMIT) matches.delete(matches.keys().next().value!);
        matches.set(key, { ...req.openapi, pathParams: { ...req.openapi.pathParams } });
      }
      next(err);
    });
  };
}
