// The request journal, live: every call to the emulated API as the control plane records it (GET /_emulator/journal,
// polled once a second by live.ts), newest at the top; one entry's request and response from GET /_emulator/journal/{id}.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { control } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Facts, Json, Page, Field, Table, when } from "../components/ui";
import { useJournal, type JournalEntry } from "../live";
import { href } from "../router";
import type { ViewProps } from "./props";

/** Rows shown at once: the newest matches (the page keeps up to 1000 entries). */
const SHOWN = 200;

interface EntryWithResponse extends JournalEntry {
  response: unknown;
}

/** "2xx", "4xx"… match a class of statuses, a number one status, nothing every status. */
export function statusMatches(filter: string, status: number): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  const cls = /^([1-5])xx$/.exec(f);
  if (cls) return Math.floor(status / 100) === Number(cls[1]);
  return /^\d{3}$/.test(f) ? status === Number(f) : true;
}

export const statusBadge = (status: number) => <span class={`badge ${status >= 500 ? "bad" : status >= 400 ? "warn" : "ok"}`}>{status}</span>;

function EntryDetails(props: { id: number; tenantUid: string }) {
  const { data, error, loading } = useLoad(() => control<EntryWithResponse>("GET", `journal/${props.id}`), [props.id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [props.id]);
  return (
    <section class="journal-entry" aria-labelledby="entry-title">
      <div class="page-head">
        <h2 id="entry-title" tabIndex={-1} ref={heading}>
          Entry #{props.id}
          {data && (
            <>
              {": "}
              <code>
                {data.method} {data.path}
              </code>
            </>
          )}
        </h2>
        <div class="actions">
          <a href={href("journal")}>Close</a>
        </div>
      </div>
      <ApiCall method="GET" path={`/_emulator/journal/${props.id}`} />
      <ErrorNote error={error && `${error} (the journal keeps its last entries only; this one may have been dropped or cleared)`} />
      {loading && !data && <p class="loading">Loading…</p>}
      {data && (
        <>
          <Facts
            items={[
              ["At (emulated clock)", when(data.at)],
              ["Status", statusBadge(data.status)],
              ["Operation", data.operationId ? <code>{data.operationId}</code> : "no operation of the spec"],
              ["Tenant", data.tenantUid === props.tenantUid ? `${data.tenantUid} (this tenant)` : data.tenantUid],
              ["Client", data.client === "console" ? "this console" : "a client of the API (suite, SDK, curl…)"],
              ["Duration", `${data.durationMs} ms`],
            ]}
          />
          <div class="journal-bodies">
            <div>
              <h3>Request query</h3>
              {Object.keys(data.query ?? {}).length ? <Json value={data.query} /> : <p class="muted">No query.</p>}
              <h3>Request body</h3>
              {data.body === null || data.body === undefined ? <p class="muted">No body.</p> : <Json value={data.body} />}
            </div>
            <div>
              <h3>Response body</h3>
              {data.response === null || data.response === undefined ? (
                <p class="muted">No body kept (an empty answer, or a streamed one such as a CSV or ZIP download).</p>
              ) : (
                <Json value={data.response} />
              )}
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function openRow(e: MouseEvent): void {
  const target = e.target as Element;
  if (target.closest("a, button, input, select, summary") || window.getSelection()?.toString()) return;
  target.closest("tr")?.querySelector<HTMLAnchorElement>("a[href]")?.click();
}

export function JournalView({ tenant, route }: ViewProps) {
  const journal = useJournal();
  const [paused, setPaused] = useState<JournalEntry[] | null>(null);
  const [status, setStatus] = useState("");
  const [operation, setOperation] = useState("");
  const [scope, setScope] = useState<"all" | "tenant">("all");
  const [showConsole, setShowConsole] = useState(false);
  const [clearError, setClearError] = useState<string | null>(null);
  const selected = route.parts[0] ? Number(route.parts[0]) : null;

  const source = paused ?? journal.entries;
  const operations = useMemo(() => [...new Set(source.map((e) => e.operationId).filter((o): o is string => !!o))].sort(), [source]);
  const matches = useMemo(() => {
    const op = operation.trim().toLowerCase();
    return source
      .filter(
        (e) =>
          (showConsole || e.client !== "console") &&
          (scope === "all" || e.tenantUid === tenant.tenantUid) &&
          statusMatches(status, e.status) &&
          (!op || (e.operationId ?? "").toLowerCase().includes(op) || e.path.toLowerCase().includes(op)),
      )
      .reverse();
  }, [source, showConsole, scope, status, operation, tenant.tenantUid]);

  const clear = async () => {
    setClearError(null);
    try {
      await control("DELETE", "journal");
      journal.clear();
      if (paused) setPaused([]);
    } catch (e) {
      setClearError((e as Error).message);
    }
  };

  return (
    <Page
      title="Journal"
      actions={
        <>
          <button type="button" class="secondary" aria-pressed={paused !== null} onClick={() => setPaused(paused ? null : [...journal.entries])}>
            {paused ? "Resume live updates" : "Pause live updates"}
          </button>
          <button type="button" class="danger" onClick={clear}>
            Clear the journal
          </button>
        </>
      }
    >
      <ApiCall method="GET" path="/_emulator/journal?afterId=…" note="polled every second; the console's own reads are not journaled" />
      <ErrorNote error={journal.error && `The journal could not be read: ${journal.error}`} />
      <ErrorNote error={clearError} />
      {selected !== null && Number.isInteger(selected) && <EntryDetails key={selected} id={selected} tenantUid={tenant.tenantUid} />}
      <div class="toolbar" role="search" aria-label="Filter the journal">
        <Field label="Status">
          <input value={status} onInput={(e) => setStatus(e.currentTarget.value)} placeholder="4xx, 404…" list="journal-statuses" size={9} />
        </Field>
        <datalist id="journal-statuses">
          {["2xx", "3xx", "4xx", "5xx"].map((s) => (
            <option value={s} />
          ))}
        </datalist>
        <Field label="Operation or path">
          <input type="search" value={operation} onInput={(e) => setOperation(e.currentTarget.value)} list="journal-operations" placeholder="listUsers…" />
        </Field>
        <datalist id="journal-operations">
          {operations.map((o) => (
            <option value={o} />
          ))}
        </datalist>
        <Field label="Tenant">
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value as "all" | "tenant")}>
            <option value="all">All tenants (and none)</option>
            <option value="tenant">This tenant ({tenant.name})</option>
          </select>
        </Field>
        <label class="check-field">
          <input type="checkbox" checked={showConsole} onChange={(e) => setShowConsole(e.currentTarget.checked)} /> Show the console's own calls
        </label>
      </div>
      <p class="muted" role="status">
        {paused ? "Paused: " : "Live: "}
        {matches.length > SHOWN ? `the newest ${SHOWN} of ${matches.length} matching entries` : `${matches.length} matching ${matches.length === 1 ? "entry" : "entries"}`}
        {` (of ${source.length} seen since this page opened, newest first).`}
      </p>
      {/* A click anywhere on a row opens it, as its link does (the link is what the keyboard reaches). */}
      <div class="journal-rows" onClick={openRow}>
      <Table<JournalEntry>
        caption="Calls to the emulated API, newest first"
        rowKey={(e) => e.id}
        rows={matches.slice(0, SHOWN)}
        empty={source.length === 0 ? "No calls yet: call the emulated API (a suite, py42, curl) and they appear here." : "No entry matches the filter."}
        columns={[
          { label: "#", numeric: true, render: (e) => e.id },
          { label: "At", render: (e) => <span class="nowrap">{when(e.at)}</span> },
          {
            label: "Call",
            render: (e) => (
              <a href={href(`journal/${e.id}`)} aria-current={e.id === selected ? "true" : undefined} title="Show its request and response">
                <code class="call">{`${e.method} ${e.path}`}</code>
              </a>
            ),
          },
          { label: "Status", render: (e) => statusBadge(e.status) },
          { label: "Operation", render: (e) => e.operationId ?? <span class="muted">—</span> },
          { label: "Client", render: (e) => (e.client === "console" ? <span class="badge">console</span> : <span class="muted">API client</span>) },
          { label: "ms", numeric: true, render: (e) => e.durationMs.toFixed(1) },
        ]}
      />
      </div>
    </Page>
  );
}
