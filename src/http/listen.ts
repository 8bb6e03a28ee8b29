// Express gives every request and response its own prototype (`Object.setPrototypeOf(req, app.request)`) as it
// enters the app. V8 then sees Node's request and response objects change shape on every request: property loads
// across Node's HTTP code and Express miss their inline caches and go megamorphic (about half of a simple read's CPU,
// measured in docs/PERFORMANCE.md). Node lets a server construct its requests and responses from given classes:
// made from app.request and app.response, they are born with the prototype Express would give them, and Express's
// setPrototypeOf is a no-op.
import http from "node:http";
import type { Express } from "express";

interface PrototypedClasses {
  IncomingMessage: typeof http.IncomingMessage;
  ServerResponse: typeof http.ServerResponse;
}

/** Request and response constructors whose instances already have the app's prototypes. */
function appPrototypedClasses(app: Express): PrototypedClasses {
  // Plain functions rather than classes: Node's own two are plain constructor functions, called on `this`.
  function AppRequest(this: http.IncomingMessage, socket: import("node:net").Socket) {
    http.IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: http.ServerResponse, req: http.IncomingMessage, options?: object) {
    (http.ServerResponse as unknown as (this: http.ServerResponse, req: http.IncomingMessage, options?: object) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse } as unknown as PrototypedClasses;
}

export interface ServerTimeouts {
  /** A connection that has not sent a whole request head within this is closed (slow headers, idle sockets). */
  headersTimeout: number;
  /** A request that has not arrived whole within this is answered 408. */
  requestTimeout: number;
}

export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersTimeout: 10_000, requestTimeout: 30_000 };

/**
 * An HTTP server for the app, as `app.listen` would make it, with the app's prototypes built in. Node enforces the
 * two timeouts only when it checks its connections, every 30 s unless told: a slow client kept its socket ~28 s
 * past a 10 s limit. It checks every second here.
 */
export function createAppServer(app: Express, timeouts: ServerTimeouts = DEFAULT_TIMEOUTS): http.Server {
  const server = http.createServer({ ...appPrototypedClasses(app), ...timeouts, connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeout) }, app);
  server.on("clientError", answerMalformed);
  return server;
}

/**
 * What Node's parser refuses before any route sees it (a broken request line, headers over 16 KiB) is answered in
 * the emulator's own error envelope, as Node's bare `400`/`431` would be otherwise: nothing says which API it was for.
 */
function answerMalformed(err: Error & { code?: string }, socket: import("node:stream").Duplex): void {
  if (err.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  const [status, reason, code, message] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "HEADERS_TOO_LARGE", "The request headers are larger than 16 KiB"]
      : err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "REQUEST_TIMEOUT", "The request did not arrive whole in time"]
        : [400, "Bad Request", "MALFORMED_REQUEST", "The request is not well-formed HTTP"];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
