// Express tries a request against every route of every router in turn (a regexp each) until one matches: ~150
// routes here. Each domain router is entered only for paths that start like one of its routes.
import type { RequestHandler, Router } from "express";

/**
 * The router, behind a check of the literal start of its routes' paths (up to the first parameter). A router
 * with middleware of its own (a layer without a route) is returned as it is: it may act on any path.
 */
export function scoped(router: Router): RequestHandler {
  const paths = router.stack.map((layer) => layer.route?.path);
  if (paths.some((p) => typeof p !== "string")) return router;
  // Express matches paths case-insensitively by default; so does this check.
  const prefixes = [...new Set((paths as string[]).map((p) => p.split(/[:*{(]/)[0]!.toLowerCase()))];
  return (req, res, next) => {
    const path = req.path.toLowerCase();
    return prefixes.some((p) => path.startsWith(p)) ? router(req, res, next) : next();
  };
}
