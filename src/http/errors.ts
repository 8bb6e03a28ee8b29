// The one error type. Services throw it; render.ts turns it into the envelope of the caller's API family.
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
    super(message);
    this.name = "ApiError";
  }
}

export const unauthorized = (message = "Unauthorized") => new ApiError(401, "UNAUTHORIZED", message);
export const forbidden = (message = "Forbidden") => new ApiError(403, "FORBIDDEN", message);
export const notFound = (code: string, message: string) => new ApiError(404, code, message);
