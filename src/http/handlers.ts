// Handlers keyed by the spec's operationIds: the validator has matched the operation and read its path's
// parameters, so a handler is found by name, with no second copy of the spec's paths as Express routes. An
// operation no table serves goes on (the control plane's router, then the 501 that names the gap).
import type { Request, RequestHandler, Response } from "express";
import type { operations } from "../generated/openapi.js";
import { matchedOperationId } from "./operation.js";

export type OperationId = keyof operations;
export type Handler = (req: Request, res: Response) => unknown;

type ContentOf<R> = R extends { content: infer C } ? C[keyof C] : never;
/** The body an operation takes, as the spec types it (the validator has checked, and coerced, it by then). */
export type BodyOf<Id extends OperationId> = ContentOf<NonNullable<operations[Id]["requestBody"]>> | (undefined extends operations[Id]["requestBody"] ? undefined : never);
/** A request to one operation: its body typed by the spec. */
export type RequestOf<Id extends OperationId> = Omit<Request, "body"> & { body: BodyOf<Id> };

/**
 * A wire's handlers: the keys are checked against the spec's operationIds by the compiler, and each handler's
 * `req.body` is typed by its operation's request body.
 */
export type HandlerTable = { [Id in OperationId]?: (req: RequestOf<Id>, res: Response) => unknown };

/**
 * A handler that does `act` and answers with no body: 204 No Content, or 200 where the real service answers so. `req`
 * is typed as the table's entry types it.
 */
export const noContent =
  <R extends Omit<Request, "body">>(act: (req: R) => Promise<unknown>, status: 200 | 204 = 204) =>
  async (req: R, res: Response): Promise<void> => {
    await act(req);
    res.status(status).end();
  };

export function byOperationId(...tables: HandlerTable[]): RequestHandler {
  const handlers = new Map<string, Handler>();
  for (const table of tables)
    for (const [id, handler] of Object.entries(table)) {
      if (handlers.has(id)) throw new Error(`two handlers for ${id}`);
      handlers.set(id, handler as Handler);
    }
  return (req, res, next) => {
    const id = matchedOperationId(req);
    const handler = id === null ? undefined : handlers.get(id);
    if (!handler) return next();
    // Express gives each middleware the params of its own mount (none): the operation's are the validator's.
    req.params = (req as { openapi?: { pathParams?: Record<string, string> } }).openapi?.pathParams ?? {};
    try {
      const done = handler(req, res);
      if (done instanceof Promise) done.catch(next);
    } catch (e) {
      next(e);
    }
  };
}
