// What makes the console live: one poller of the journal (its afterId cursor) for the whole page. The journal view
// shows the entries; data views refresh when a write lands in their tenant (a suite's, or the console's own).
import { useEffect, useState } from "preact/hooks";
import type { components } from "../generated/openapi";
import { control, onOwnWrite } from "./api";

/** An entry of GET /_emulator/journal, as the spec gives it. */
export type JournalEntry = components["schemas"]["JournalEntry"];

const KEEP = 1000;
export const POLL_MS = 1000;
let entries: JournalEntry[] = [];
let lastId = 0;
let version = 0;
const listeners = new Set<() => void>();
let timer: number | undefined;
let pollError: string | null = null;

const notify = () => {
  for (const l of listeners) l();
};
onOwnWrite(() => {
  version++;
  notify();
});

async function poll(): Promise<void> {
  try {
    const fresh = await control<JournalEntry[]>("GET", "journal", { query: { afterId: lastId } });
    pollError = null;
    if (fresh.length > 0) {
      lastId = fresh.at(-1)!.id;
      entries = [...entries, ...fresh].slice(-KEEP);
      if (fresh.some((e) => e.method !== "GET" && e.status < 400)) version++;
      notify();
    }
  } catch (e) {
    const message = (e as Error).message;
    if (message !== pollError) {
      pollError = message;
      notify();
    }
  }
  timer = window.setTimeout(poll, POLL_MS);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) timer = window.setTimeout(poll, 0);
  return () => listeners.delete(listener);
}

/** Re-renders the caller on every change the poller sees. */
function useTick(): void {
  const [, set] = useState(0);
  useEffect(() => subscribe(() => set((n) => n + 1)), []);
}

/** The journal as this page has seen it since it opened (oldest first), and the poller's last error. */
export function useJournal(): { entries: JournalEntry[]; error: string | null; clear: () => void } {
  useTick();
  return {
    entries,
    error: pollError,
    clear: () => {
      entries = [];
      notify();
    },
  };
}

/** A number that grows whenever something was written: a data view's cue to fetch again. */
export function useDataVersion(): number {
  useTick();
  return version;
}
