// Structured logging; credentials are redacted wherever they could appear.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: { paths: ["req.headers.authorization", "req.headers['totp-auth']", "password", "secret"], censor: "[redacted]" },
  });
}
