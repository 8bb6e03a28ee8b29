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
  /** "console" for the emulator console's own calls (header X-Emulator-Client), else null. */
  client: string | null;
}

/** An entry as `GET /_emulator/journal/{id}` gives it: with the response body, kept as the journal keeps bodies. */
export interface JournalEntryWithResponse extends JournalEntry {
  response: unknown;
}

export interface JournalFilter {
  method?: string;
  path?: string;
  operationId?: string;
  status?: number;
  since?: string;
  /** Entries recorded after this one (ids only grow): a poller's cursor, which a frozen clock cannot give. */
  afterId?: number;
  tenantUid?: string;
}

/** What the response carried as it was sent: kept raw (redacted only when read), or only its size when large. */
type SentBody = string | Buffer | { truncated: true; bytes: number } | null;

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

/** A response body as sent, cheap to keep per call: a reference when small, its size when not. */
export function sentBody(body: unknown): SentBody {
  if (typeof body === "string") return body.length <= MAX_KEPT_BODY_BYTES ? body : { truncated: true, bytes: Buffer.byteLength(body) };
  if (Buffer.isBuffer(body)) return body.length <= MAX_KEPT_BODY_BYTES ? body : { truncated: true, bytes: body.length };
  return null;
}

/** The sent body as the journal shows it: JSON parsed and redacted like request bodies, other text as it was. */
function shownBody(sent: SentBody): unknown {
  if (sent === null || (typeof sent === "object" && !Buffer.isBuffer(sent))) return sent;
  const text = sent.toString();
  try {
    return redact(JSON.parse(text));
  } catch {
    return text;
  }
}

type Kept = JournalEntry & { sent: SentBody };

export class Journal {
  private readonly ring: (Kept | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(1, capacity));
  }

  record(entry: Omit<JournalEntry, "id">, sent: SentBody = null): void {
    this.ring[this.next] = { id: ++this.seq, ...entry, query: redact(entry.query) as Record<string, unknown>, body: keptBody(entry.body), sent };
    this.next = (this.next + 1) % this.ring.length;
  }

  /** Oldest first, without the response bodies (a poller reads the list often; one entry says all). */
  list(f: JournalFilter = {}): JournalEntry[] {
    const all = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)].filter((e): e is Kept => e !== undefined);
    return all
      .filter(
        (e) =>
          (f.afterId === undefined || e.id > f.afterId) &&
          (f.tenantUid === undefined || e.tenantUid === f.tenantUid) &&
          (f.method === undefined || e.method === f.method.toUpperCase()) &&
          (f.path === undefined || e.path.includes(f.path)) &&
          (f.operationId === undefined || e.operationId === f.operationId) &&
          (f.status === undefined || e.status === f.status) &&
          (f.since === undefined || e.at >= f.since),
      )
      .map(({ sent: _sent, ...entry }) => entry);
  }

  /** One entry with its response, while the ring still holds it. */
  get(id: number): JournalEntryWithResponse | undefined {
    const kept = this.ring.find((e) => e?.id === id);
    if (!kept) return undefined;
    const { sent, ...entry } = kept;
    return { ...entry, response: shownBody(sent) };
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
  }
}
