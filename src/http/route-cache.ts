// express-openapi-validator finds a request's operation by running a path-to-regexp for each of the spec's ~150
// routes in turn, compiling each one anew (~17% of a simple read's CPU). Two memos keep that to once:
// - the compiled regexps, which depend only on the route and the options (for the lookups that do run);
// - the match itself, per method and raw path: a pure function of those and the spec, which never changes.
// (The fix belongs upstream; this keeps it to one place here.)
import { createRequire } from "node:module";
import type { NextFunction, Request, RequestHandler, Response } from "express";

type PathToRegexp = (path: string, options?: { sensitive?: boolean; strict?: boolean }) => { regexp: RegExp; keys: unknown[] };

const require = createRequire(import.meta.url);
const validatorDir = require.resolve("express-openapi-validator");
const module_ = require(require.resolve("path-to-regexp", { paths: [validatorDir] })) as { pathToRegexp: PathToRegexp; __memoized?: boolean };

export function memoizeRouteRegexps(): void {
  if (module_.__memoized) return;
  const compile = module_.pathToRegexp;
  const cache = new Map<string, ReturnType<PathToRegexp>>();
  module_.pathToRegexp = (path, options = {}) => {
    const key = `${options.sensitive ? 1 : 0}${options.strict ? 1 : 0}${path}`;
    let compiled = cache.get(key);
    if (!compiled) cache.set(key, (compiled = compile(path, options)));
    return compiled;
  };
  module_.__memoized = true;
}

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
