// How the public gateway (/v1, /v2) answers a domain refusal: the status of the refusal's kind, and a body of the shape
// Code42's document names for its API style guide (`ApiStyleGuideRestErrorResponse`: code and message), the code
// being the domain's own (docs/WIRE-DECISIONS.md: the document gives most operations no error body).
import type { DomainError, DomainKind } from "../../domains/errors.js";
import { ApiError } from "../../http/errors.js";

const STATUS: Record<DomainKind, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, notFound: 404, conflict: 409 };

/** Sessions document their refusals as {msg}: those carry it beside code and message. */
const SESSION_CODES: ReadonlySet<string> = new Set(["SESSION_NOT_FOUND", "SESSION_REQUEST_INVALID"]);

export const gatewayError = (e: DomainError): ApiError => new ApiError(STATUS[e.kind], e.code, e.message, SESSION_CODES.has(e.code) ? { msg: e.message } : {});
