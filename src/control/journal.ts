// The request journal: the last N calls to the emulated API, bounded so memory stays flat, secrets redacted.
import { createHash } from "node:crypto";
export interface JournalEntry {
  id: number;
  at: string;
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: unknown;
  status: number;
  durationMs: number;
  tenantUid: string | null;
  operationId: string | null;
}

export interface JournalFilter {
  method?: string;
  path?: string;
  operationId?: string;
  status?: number;
  since?: string;
}

const SECRET_KEY = /pass(word)?|secret|token|totp|authorization/i;
/** Deeper than any body a Code42 client sends; what lies below is kept as a marker, not as it came. */
const MAX_DEPTH = 16;
/** A body larger than this, once redacted, is kept as its size and hash: the journal's memory stays bounded. */
export const MAX_KEPT_BODY_BYTES = 16 * 1024;

/** Replaces the values of credential-looking keys, at any depth, and cuts what is nested too deep to keep. */
export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
}

/**
 * A body as the journal keeps it: redacted, and whole while small; a large one as `{truncated, bytes, sha256}`, so
 * that a flood of large requests (credentials or not) cannot make the journal hold more than its entries times this.
 */
export function keptBody(body: unknown): unknown {
  if (body === undefined || body === null) return null;
  const value = redact(body);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  return bytes <= MAX_KEPT_BODY_BYTES ? value : { truncated: true, bytes, sha256: createHash("sha256").update(text).digest("hex") };
}

export class Journal {
  private readonly ring: (JournalEntry | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(1, capacity));
  }

  record(entry: Omit<JournalEntry, "id">): void {
    this.ring[this.next] = { id: ++this.seq, ...entry, query: redact(entry.query) as Record<string, unknown>, body: keptBody(entry.body) };
    this.next = (this.next + 1) % this.ring.length;
  }

  /** Oldest first. */
  list(f: JournalFilter = {}): JournalEntry[] {
    const all = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)].filter((e): e is JournalEntry => e !== undefined);
    return all.filter(
      (e) =>
        (f.method === undefined || e.method === f.method.toUpperCase()) &&
        (f.path === undefined || e.path.includes(f.path)) &&
        (f.operationId === undefined || e.operationId === f.operationId) &&
        (f.status === undefined || e.status === f.status) &&
        (f.since === undefined || e.at >= f.since),
    );
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}
