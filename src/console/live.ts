// What makes the console live: one poller of the journal (its afterId cursor) for the whole page. The journal view
// shows the entries; data views refresh when a write lands in their tenant (a suite's, or the console's own).
import { useEffect, useState } from "preact/hooks";
import { control, onOwnWrite } from "./api";

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
  client: string | null;
}

const KEEP = 1000;
/** Operations that read with a POST (searches, queries, groupings, exports): in the journal, but no write. */
export const READ_ONLY_POSTS = new Set([
  "searchDepartingEmployees", "searchHighRiskEmployees", "searchGatewayDepartingEmployees", "searchGatewayHighRiskEmployees",
  "searchForensicFileEventsV1", "searchForensicFileEventsV2", "groupForensicFileEventsV1", "groupForensicFileEventsV2",
  "searchGatewayFileEventsV1", "searchGatewayFileEventsV2", "groupGatewayFileEventsV1", "groupGatewayFileEventsV2", "exportGatewayFileEventsV1", "exportGatewayFileEventsV2",
  "Rules_QueryUsersOnRule", "Rules_QueryCloudSharePermissionsRule", "Rules_QueryEndpointExfiltrationRule", "Rules_QueryFileTypeMismatchRule", "Rules_QueryFileNameRule", "Rules_QueryRuleMetadata",
  "queryLegacyEndpointExfiltrationRules", "queryLegacyCloudSharePermissionsRules", "queryLegacyFileTypeMismatchRules", "queryLegacyFileNameRules", "queryLegacyRuleMetadata",
  "Alerts_QueryAlert", "Alerts_QueryAlertDetails", "AlertsControllerV2_QueryAlertDetailsAggregateV2", "AlertsControllerV3_QueryAlertDetailsAggregateV3",
  "queryLegacyAlerts", "queryLegacyAlertDetails", "queryLegacyAlertAggregate",
  "searchAuditLog", "searchGatewayAuditLog", "countGatewayAuditLog", "exportGatewayAuditLog", "exportGatewayAuditLogResults",
]);
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
    // The journal was cleared (ids restart below the cursor only in a new emulator): start over.
    pollError = null;
    if (fresh.length > 0) {
      lastId = fresh.at(-1)!.id;
      entries = [...entries, ...fresh].slice(-KEEP);
      if (fresh.some((e) => e.method !== "GET" && e.status < 400 && !READ_ONLY_POSTS.has(e.operationId ?? ""))) version++;
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
