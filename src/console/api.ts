// How the console talks to the emulator: the emulator's own API, as the tenant's admin (a user token the control
// plane mints, renewed when it expires, e.g. after the clock moved on), and the control plane, with the control token
// when the emulator has one. URLs are relative to the page, so the console works behind any port or proxy path.
const root = new URL("..", window.location.href);
const TOKEN_KEY = "code42-emulator.control-token";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** The control token: from a `#token=` fragment once (never sent to the server as part of a URL), then this tab's storage. */
export const controlToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set(value: string | null): void {
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};
const fragmentToken = /[#?&]token=([^&]*)/.exec(window.location.hash);
if (fragmentToken) {
  controlToken.set(decodeURIComponent(fragmentToken[1]!));
  history.replaceState(null, "", window.location.hash.replace(/([#?&])token=[^&]*&?/, "$1").replace(/[?&]$/, ""));
}

type Listener = () => void;
const tokenListeners = new Set<Listener>();
/** Called when the control plane refuses the console for want of the right token. */
export function onControlTokenNeeded(listener: Listener): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

const writeListeners = new Set<Listener>();
/** Called after each write the console made itself (views refresh on it). */
export function onOwnWrite(listener: Listener): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

export const url = (path: string, query?: Record<string, unknown>): string => {
  const u = new URL(path.replace(/^\//, ""), root);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === "") continue;
    for (const item of Array.isArray(v) ? v : [v]) u.searchParams.append(k, String(item));
  }
  return u.toString();
};

async function parse(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The message of an error body in any of the emulator's dialects. */
export function messageOf(body: unknown, status: number): string {
  const b = body as Record<string, any> | null;
  const first = Array.isArray(b) ? b[0] : b;
  return (
    first?.error?.message ??
    first?.description ??
    first?.detail ??
    first?.title ??
    first?.message ??
    (Array.isArray(first?.error) ? first.error[0]?.description : undefined) ??
    (typeof body === "string" && body ? body.slice(0, 200) : `HTTP ${status}`)
  );
}

export interface CallOptions {
  query?: Record<string, unknown>;
  body?: unknown;
  /** What to read the answer as; JSON by default. */
  as?: "json" | "text" | "blob";
  /** A POST that only reads (a search): not a write, so nothing refreshes after it and the journal leaves it out. */
  read?: boolean;
}

async function send(method: string, path: string, headers: Record<string, string>, opts: CallOptions): Promise<Response> {
  const init: RequestInit = { method, headers: { Accept: "application/json", ...headers } };
  if (opts.body !== undefined) {
    init.body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
    (init.headers as Record<string, string>)["Content-Type"] = "application/json";
  }
  return fetch(url(path, opts.query), init);
}

async function read<T>(res: Response, opts: CallOptions): Promise<T> {
  if (!res.ok) {
    const body = await parse(res);
    throw new HttpError(res.status, body, messageOf(body, res.status));
  }
  if (opts.as === "text") return (await res.text()) as T;
  if (opts.as === "blob") return (await res.blob()) as T;
  return (await parse(res)) as T;
}

const controlHeaders = (): Record<string, string> => {
  const t = controlToken.get();
  return t ? { "X-Emulator-Token": t } : {};
};

/** A control-plane call, `path` under /_emulator/. */
export async function control<T = unknown>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const res = await send(method, `_emulator/${path.replace(/^\//, "")}`, controlHeaders(), opts);
  if (res.status === 401) for (const l of tokenListeners) l();
  const value = await read<T>(res, opts);
  if (method !== "GET" && !opts.read) for (const l of writeListeners) l();
  return value;
}

interface ConsoleSession {
  token: string;
  username: string;
  userUid: string;
}
const sessions = new Map<string, Promise<ConsoleSession>>();

/** Who the console acts as in a tenant (minted on first use, and again when the API refuses the token). */
export function session(tenantUid: string, renew = false): Promise<ConsoleSession> {
  let s = sessions.get(tenantUid);
  if (!s || renew) {
    // Minting a token changes no data: nothing need be fetched again for it.
    s = control<ConsoleSession>("POST", `tenants/${encodeURIComponent(tenantUid)}/console-session`, { read: true });
    sessions.set(tenantUid, s);
    s.catch(() => sessions.delete(tenantUid));
  }
  return s;
}

/**
 * A call to the emulated API in a tenant, as its admin. Marked as the console's (X-Emulator-Client), so the journal
 * keeps its writes apart from a suite's and coverage does not count it.
 */
export async function api<T = unknown>(tenantUid: string, method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const attempt = async (renew: boolean) => {
    const { token } = await session(tenantUid, renew);
    return send(method, path, { Authorization: `v3_user_token ${token}`, "X-Emulator-Client": opts.read ? "console-read" : "console" }, opts);
  };
  let res = await attempt(false);
  if (res.status === 401) res = await attempt(true);
  const value = await read<T>(res, opts);
  if (method !== "GET" && !opts.read) for (const l of writeListeners) l();
  return value;
}

/** A call to the emulated API without any token, as someone signed out would make it (following an emailed link). */
export async function anonymous<T = unknown>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const value = await read<T>(await send(method, path, { "X-Emulator-Client": "console" }, opts), opts);
  if (method !== "GET") for (const l of writeListeners) l();
  return value;
}

/** Saves a blob as a download, named as given. */
export function download(blob: Blob, name: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
