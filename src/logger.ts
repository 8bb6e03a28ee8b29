// Structured logging; credentials are redacted wherever they could appear.
import { createRequire } from "node:module";
import type { Request, RequestHandler } from "express";
import { pino, type DestinationStream, type Logger } from "pino";
import type * as PinoHttp from "pino-http";
import { matchedOperationId } from "./http/operation.js";

export type { DestinationStream, Logger };

/**
 * `destination`: stdout unless given. Written synchronously: a large fixture keeps the event loop busy for its whole
 * load, and its progress lines must reach the terminal as they are made, not once it is done. Lines are rare at the
 * default level (nothing per request), so waiting for each costs nothing that matters.
 */
export function createLogger(level: string, destination: DestinationStream = pino.destination({ dest: 1, sync: true })): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ["req.headers.authorization", "req.headers['totp-auth']", "req.headers.cookie", "req.headers['x-emulator-token']", "password", "secret"],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

interface RequestLine {
  method: string;
  path: string;
  status: number;
  responseTime: number;
  operationId?: string;
}

/**
 * pino-http's middleware, one `debug` line per request: `GET /api/v1/User 200 3ms listUsers`. Only the method, the
 * path, the status, the time and the operation the validator matched (as the journal records it): the query,
 * headers and body can carry credentials, and are not logged. Attach it only when debug is enabled: it listens on
 * every response and makes a child logger per request.
 */
export function requestLogger(logger: Logger): RequestHandler {
  // Loaded on first use: start-up at the default level never needs it.
  const { pinoHttp } = createRequire(import.meta.url)("pino-http") as typeof PinoHttp;
  // pino-http asks for the line's object and then, at once, for its message: the message reuses that object, so
  // both show the same duration.
  let line: RequestLine | undefined;
  const object = (req: unknown, res: { statusCode: number }, { responseTime }: { responseTime: number }): RequestLine => {
    const r = req as Request;
    const operationId = matchedOperationId(r);
    line = { method: r.method, path: r.path, status: res.statusCode, responseTime, ...(operationId ? { operationId } : {}) };
    return line;
  };
  const message = () => {
    const l = line!;
    return `${l.method} ${l.path} ${l.status} ${l.responseTime}ms${l.operationId ? ` ${l.operationId}` : ""}`;
  };
  return pinoHttp({
    logger,
    useLevel: "debug",
    // The request is bound to a child logger per request; serialized, it would carry the headers.
    wrapSerializers: false,
    serializers: { req: () => undefined },
    quietResLogger: true,
    customSuccessObject: object,
    customErrorObject: (req, res, _err, val) => object(req, res, val),
    customSuccessMessage: message,
    // A 5xx is logged with its stack by the error renderer; this line stays the same shape as any other.
    customErrorMessage: message,
  }) as unknown as RequestHandler;
}
