// Middleware of the control plane: journal and coverage for every emulated call, and injected faults.
import type { RequestHandler } from "express";
import type { Clock } from "../clock.js";
import { ApiError } from "../http/errors.js";
import { matchedOperationId } from "../http/operation.js";
import { familyOfRequest } from "../http/family.js";
import { sendError } from "../http/render.js";
import { isControlPath } from "./prefix.js";
import type { EmulatorControl } from "./control.js";


/** Records each call to the emulated API once it has answered (the control plane's own calls are not the suite's). */
export function observe(control: EmulatorControl, clock: Clock): RequestHandler {
  return (req, res, next) => {
    if (isControlPath(req.path)) return next();
    const started = performance.now();
    const at = clock.isoNow();
    res.once("finish", () => {
      const operationId = matchedOperationId(req);
      if (operationId) control.coverage.record(operationId, res.statusCode);
      control.journal.record({
        at,
        method: req.method,
        path: req.path,
        query: { ...(req.query as Record<string, unknown>) },
        body: req.body ?? null,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        tenantUid: req.principal?.tenantUid ?? null,
        operationId,
      });
    });
    next();
  };
}

/** Applies the first fault rule that fires for this call. Runs after authentication, so rules can name a tenant. */
export function injectFaults(control: EmulatorControl): RequestHandler {
  return async (req, res, next) => {
    if (isControlPath(req.path)) return next();
    const action = control.faults.match(req.method, req.path, req.principal?.tenantUid ?? null);
    if (!action) return next();
    switch (action.type) {
      case "latency":
        await new Promise((resolve) => setTimeout(resolve, action.ms));
        return next();
      case "drop":
        req.socket.destroy();
        return;
      case "throttle":
        res.set("Retry-After", String(action.retryAfterSeconds));
        return sendError(res, familyOfRequest(req), new ApiError(429, "TOO_MANY_REQUESTS", "Rate limit exceeded (injected fault)"), true);
      case "status":
        return sendError(res, familyOfRequest(req), new ApiError(action.status, action.code ?? (action.status >= 500 ? "SYSTEM" : "INJECTED_FAULT"), action.message ?? `Injected fault: ${action.status}`), true);
    }
  };
}
