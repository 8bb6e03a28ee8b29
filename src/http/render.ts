// The one error renderer: every failure (service, validator, body parser, unknown route) leaves through here.
import type { ErrorRequestHandler, Response } from "express";
import { isDatabaseUnavailable } from "../db/dialect.js";
import type { Logger } from "../logger.js";
import { DomainError } from "../domains/errors.js";
import { legacyError } from "../wire/legacy/errors.js";
import { gatewayError } from "../wire/gateway/errors.js";
import { scimDomainError } from "../wire/scim/errors.js";
import { ApiError } from "./errors.js";
import { familyOfRequest, type ApiFamily } from "./family.js";

const ECM_TYPE_PREFIX = "com.code42.detectionlistmanagement.DetectionListMessages.";

function pascal(code: string): string {
  return code
    .toLowerCase()
    .split(/[_\s]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

export function errorBody(family: ApiFamily, err: ApiError): unknown {
  switch (family) {
    case "v1":
      return [{ name: err.code, description: err.message }];
    case "v3":
      return { data: null, error: [{ primaryErrorKey: err.code, otherErrors: null, description: err.message }], warnings: null };
    case "problem":
      return { problem: err.code, description: err.message };
    case "ecm": {
      const { type$, ...rest } = err.fields;
      return {
        "pop-bulletin": { "type$": type$ ?? ECM_TYPE_PREFIX + pascal(err.code), "text$": err.message, details: [], ...rest },
      };
    }
    case "keyValue":
      return err.message;
    case "gateway":
      return { code: err.code, message: err.message, ...err.fields };
    case "scim":
      return {
        schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
        status: String(err.status),
        ...(typeof err.fields.scimType === "string" ? { scimType: err.fields.scimType } : {}),
        detail: err.message,
      };
    case "emulator":
      return { error: { code: err.code, message: err.message } };
  }
}

/**
 * @param offSpec the answer is deliberately outside the operation's spec (an injected fault): it is written without
 *   going through response validation, which would otherwise turn it into a 500 under --strict.
 */
export function sendError(res: Response, family: ApiFamily, err: ApiError, offSpec = false): void {
  const body = errorBody(family, err);
  res.status(err.status);
  if (err.status === 401 && family !== "keyValue") res.set("WWW-Authenticate", 'Bearer realm="code42"');
  // SCIM answers in its own media type (RFC 7644 §3.1).
  const mediaType = family === "scim" ? "application/scim+json" : "application/json";
  if (typeof body === "string") res.type("text/plain").send(body);
  else if (offSpec) res.type(mediaType).send(JSON.stringify(body));
  else res.type(mediaType).json(body);
}

/** A domain refusal in the words of the wire the call came in on. */
export function wireError(family: ApiFamily, e: DomainError): ApiError {
  if (family === "scim") return scimDomainError(e);
  if (family === "gateway") return gatewayError(e);
  return legacyError(family, e);
}

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  errors?: { path?: string; message?: string }[];
}

/** Turns what Express, its body parser and the OpenAPI validator throw into an ApiError. */
export function toApiError(raw: unknown, family: ApiFamily, path: string): ApiError | null {
  if (raw instanceof ApiError) return raw;
  if (raw instanceof DomainError) return wireError(family, raw);
  const e = (raw ?? {}) as HttpishError;
  const status = e.status ?? e.statusCode;
  if (typeof status !== "number" || status >= 500) return null;
  if (e.type === "entity.parse.failed") return new ApiError(400, "INVALID_JSON", "The request body is not valid JSON", family === "scim" ? { scimType: "invalidSyntax" } : {});
  if (e.type === "entity.too.large") return new ApiError(413, "REQUEST_TOO_LARGE", "The request body is too large");
  if (e.type === "encoding.unsupported" || e.type === "charset.unsupported")
    return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", e.message ?? "Unsupported encoding");
  const detail = e.errors?.length
    ? e.errors.map((x) => `${(x.path ?? "").replace(/^\.?(body|query|params|headers)\.?/, "$1 ")}: ${x.message ?? ""}`.trim()).join("; ")
    : (e.message ?? "Bad request");
  switch (status) {
    case 400: {
      // The ECM service reports validation failures as ValidationError bulletins carrying a `reason`.
      if (family === "ecm")
        return new ApiError(400, "VALIDATION_ERROR", `Command or Query is invalid: ${detail}`, { reason: detail });
      // RFC 7644 §3.12: a body whose values do not fit (a required one missing, a wrong type) is invalidValue.
      if (family === "scim") return new ApiError(400, "INVALID_REQUEST", detail, { scimType: e.errors?.every((x) => /^[./]?body\b/.test(x.path ?? "")) ? "invalidValue" : "invalidSyntax" });
      return new ApiError(400, "INVALID_REQUEST", detail);
    }
    case 401:
      return new ApiError(401, "UNAUTHORIZED", "Unauthorized");
    case 404:
      return new ApiError(404, "NOT_FOUND", `No resource at ${path}`);
    case 405:
      return new ApiError(405, "METHOD_NOT_ALLOWED", e.message ?? "Method not allowed");
    case 413:
      return new ApiError(413, "REQUEST_TOO_LARGE", "The request body is too large");
    case 415:
      return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", detail);
    default:
      return new ApiError(status, "BAD_REQUEST", detail);
  }
}

/**
 * Only an unexpected failure is an `error` (its stack at `debug`). What the validator and the body parsers refuse is the
 * caller's doing: a route the spec does not have is a `warn` (a typo in a client, or a gap worth reporting), a request
 * that does not fit its operation only `debug` (its answer says what is wrong). ApiErrors are answers, not failures.
 */
export function errorRenderer(logger: Logger): ErrorRequestHandler {
  return (raw, req, res, next) => {
    if (res.headersSent) return next(raw);
    const { method, path } = req;
    const family = familyOfRequest(req);
    if (isDatabaseUnavailable(raw)) {
      // Not the call's fault and not a bug: the database (PostgreSQL) is away. The pool reconnects by itself.
      logger.warn({ method, path, error: (raw as Error).message }, `database unavailable: ${method} ${path}: ${(raw as Error).message}`);
      res.set("Retry-After", "1");
      return sendError(res, family, new ApiError(503, "SERVICE_UNAVAILABLE", "The emulator's database cannot be reached; try again shortly"), true);
    }
    const err = toApiError(raw, family, path);
    if (!err) {
      // The stack names this installation's files: at debug, for a bug report, not in every log.
      const message = raw instanceof Error ? raw.message : String(raw);
      logger.error({ method, path, error: message }, `request failed: ${method} ${path}: ${message}`);
      logger.debug({ err: raw, method, path }, "request failed: stack");
    }
    else if (err !== raw) {
      const { status } = err;
      if (status === 404) logger.warn({ method, path, status }, `unknown route: ${method} ${path} (${status})`);
      else if (status === 405) logger.warn({ method, path, status }, `method not allowed: ${method} ${path} (${status})`);
      else logger.debug({ method, path, status }, `rejected: ${method} ${path} (${status}): ${err.message}`);
    }
    sendError(res, family, err ?? new ApiError(500, "SYSTEM", "Internal server error"));
  };
}
