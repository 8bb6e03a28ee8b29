// The journal stays per node (each keeps the calls it served); `GET /_emulator/journal?cluster=true` asks every
// other live node for its entries with the same filters and merges them by time, each marked with the node that
// served it. A node that does not answer in time is left out, and the answer says how many did.
import type { JournalEntry } from "../control/journal.js";
import type { ClusterState } from "./cluster-state.js";

const PEER_TIMEOUT_MS = 5_000;

export interface ClusterJournal {
  entries: (JournalEntry & { node: string })[];
  /** Nodes whose entries are in, this one included, of all the live ones. */
  answered: number;
  asked: number;
}

/** `query`: the caller's filters (without `cluster`); `controlToken`: this node's, which its peers share. */
export async function clusterJournal(own: JournalEntry[], cluster: ClusterState, query: URLSearchParams, controlToken: string | undefined): Promise<ClusterJournal> {
  const peers = await cluster.peers();
  const headers: Record<string, string> = controlToken ? { "X-Emulator-Token": controlToken } : {};
  const theirs = await Promise.all(
    peers.map(async (peer) => {
      try {
        const res = await fetch(`${peer.url}/_emulator/journal?${query}`, { headers, signal: AbortSignal.timeout(PEER_TIMEOUT_MS) });
        if (!res.ok) return null;
        return ((await res.json()) as JournalEntry[]).map((e) => ({ ...e, node: peer.url }));
      } catch {
        return null;
      }
    }),
  );
  const entries = [...own.map((e) => ({ ...e, node: cluster.url })), ...theirs.flatMap((t) => t ?? [])];
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.node < b.node ? -1 : a.node > b.node ? 1 : a.id - b.id));
  return { entries, answered: 1 + theirs.filter((t) => t !== null).length, asked: 1 + peers.length };
}
