// The success wrappers of the authority API families (py42 unwraps a top-level `data`).
import type { Request } from "express";

/** `/api/v1/*`: `{"metadata": {...}, "data": ...}` as the real v1 endpoints answer. */
export function v1Envelope<T>(req: Request, timestamp: string, data: T) {
  return { metadata: { timestamp, params: { ...(req.query as Record<string, unknown>) } }, data };
}

/** `/api/v3/*`: `{"data": ..., "error": null, "warnings": null}` (seed: customer/my). */
export function v3Envelope<T>(data: T) {
  return { data, error: null, warnings: null };
}
