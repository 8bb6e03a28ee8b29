// The operation the validator matched a request to (it sets req.openapi): what the journal, the coverage and the
// request log name a call by.
export const matchedOperationId = (req: object): string | null =>
  (req as { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId ?? null;
