// Middleware of the control plane: journal and coverage for every emulated call, and injected faults.
import type { RequestHandler } from "express";
import type { Clock } from "../clock.js";
import { ApiError } from "../http/errors.js";
import { matchedOperationId } from "../http/operation.js";
import { familyOfRequest } from "../http/family.js";
import { sendError } from "../http/render.js";
import { isControlPath } from "./prefix.js";
import type { EmulatorControl } from "./control.js";
import { sentBody } from "./journal.js";

/** The header by which the emulator console marks its own calls to the API. */
export const CLIENT_HEADER = "x-emulator-client";

/**
 * Records each call to the emulated API once it has answered, with the body it sent. The control plane's own calls
 * are not the suite's; nor are the console's: its reads (GETs, and searches it marks `console-read`) are not
 * recorded, and its writes are journaled (so a person sees what they did) marked `client: "console"`, but left out
 * of coverage.
 */
export function observe(control: EmulatorControl, clock: Clock): RequestHandler {
  return (req, res, next) => {
    if (isControlPath(req.path)) return next();
    const mark = req.get(CLIENT_HEADER);
    // The console marks the POSTs that only search as reads.
    if (mark === "console-read" || (mark === "console" && (req.method === "GET" || req.method === "HEAD"))) return next();
    const client = mark === "console" ? "console" : null;
    const started = performance.now();
    const at = clock.isoNow();
    let sent: unknown = null;
    const send = res.send;
    // res.json and res.send end in send with the text or bytes; streamed bodies (CSV, ZIP) are not kept.
    res.send = function (body) {
      sent = body;
      return send.call(this, body);
    };
    res.once("finish", () => {
      const operationId = matchedOperationId(req);
      if (operationId && !client) control.coverage.record(operationId, res.statusCode);
      control.journal.record(
        {
          at,
          method: req.method,
          path: req.path,
          query: { ...(req.query as Record<string, unknown>) },
          body: req.body ?? null,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          tenantUid: req.principal?.tenantUid ?? null,
          operationId,
          client,
        },
        sentBody(sent),
      );
    });
    next();
  };
}

/** Applies the first fault rule that fires for this call. Runs after authentication, so rules can name a tenant. */
export function injectFaults(control: EmulatorControl): RequestHandler {
  return async (req, res, next) => {
    if (isControlPath(req.path)) return next();
    const found = control.faults.match(req.method, req.path, req.principal?.tenantUid ?? null);
    const action = found instanceof Promise ? await found : found;
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
