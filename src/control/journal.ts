// The request journal: the last N calls to the emulated API, bounded so memory stays flat, secrets redacted.
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

/** Replaces the values of credential-looking keys, at any depth. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1)]));
}

export class Journal {
  private readonly ring: (JournalEntry | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(readonly capacity: number) {
    this.ring = new Array(Math.max(1, capacity));
  }

  record(entry: Omit<JournalEntry, "id">): void {
    this.ring[this.next] = { id: ++this.seq, ...entry, query: redact(entry.query) as Record<string, unknown>, body: redact(entry.body) };
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
