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

/** An HTTP server for the app, as `app.listen` would make it, with the app's prototypes built in. */
export function createAppServer(app: Express): http.Server {
  return http.createServer(appPrototypedClasses(app), app);
}
