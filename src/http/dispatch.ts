// Once the validator has matched a request's operation, the route that serves it is known: the request goes
// straight there, instead of Express trying each domain router's routes in turn (a regexp a route). A request
// whose route is not found this way (a route written differently from the spec's path) takes the ordinary walk.
import type { NextFunction, Request, RequestHandler, Response, Router } from "express";

/** The parts of Express's router layers this relies on (router 2.x). */
interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  match(path: string): false | { params: Record<string, string> };
  handleRequest(req: Request, res: Response, next: NextFunction): void;
}

export function byOperation(routers: Router[]): RequestHandler {
  const layers = new Map<string, RouteLayer>();
  const seen = new Set<string>();
  for (const router of routers)
    for (const layer of router.stack as unknown as RouteLayer[]) {
      const path = layer.route?.path;
      if (typeof path !== "string") continue;
      for (const method of Object.keys(layer.route!.methods)) {
        const key = `${method.toUpperCase()} ${path}`;
        // Express would try every route of a path in order; only a route that is alone with its path is dispatched.
        if (seen.has(key)) layers.delete(key);
        else layers.set(key, layer);
        seen.add(key);
      }
    }
  return (req, res, next) => {
    const route = (req as Request & { openapi?: { expressRoute?: string } }).openapi?.expressRoute;
    const layer = route === undefined ? undefined : layers.get(`${req.method} ${route}`);
    const match = layer?.match(req.path);
    if (!layer || !match) return next();
    req.params = match.params;
    layer.handleRequest(req, res, next);
  };
}
