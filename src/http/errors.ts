// The one error type. Services throw it; render.ts turns it into the envelope of the caller's API family.

/**
 * The longest message an error carries, whatever it quotes: one 30 MB CSV cell quoted twice made a 60 MB answer.
 * Long enough for a list of every problem of a fixture; a value quoted in a message is clipped shorter where it is.
 */
const MAX_MESSAGE_CHARS = 4096;

/** How much of a value a message quotes. */
export const QUOTED_CHARS = 200;

/** `text` cut to `max` characters, saying how long it was: for echoing what a caller sent. */
export const clipped = (text: string, max = QUOTED_CHARS): string => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`);

export class ApiError extends Error {
  /**
   * @param status HTTP status the real service answers with
   * @param code   the machine key clients match on (v1 `name`, v3 `primaryErrorKey`, v4+ `problem`)
   * @param fields extra members for the envelope (e.g. the ECM `type$` and `reason`)
   */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(clipped(message, MAX_MESSAGE_CHARS));
    this.name = "ApiError";
  }
}

export const unauthorized = (message = "Unauthorized") => new ApiError(401, "UNAUTHORIZED", message);
export const forbidden = (message = "Forbidden") => new ApiError(403, "FORBIDDEN", message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
