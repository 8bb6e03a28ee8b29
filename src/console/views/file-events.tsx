// File events as they land: the gateway's v2 search (POST /v2/file-events), newest first, one page at a time, with a
// few filters built into the query's groups. The control plane's intake (POST /_emulator/…/file-events) is not
// journaled, so besides the data version this view asks again every 5 seconds while it is open.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Field, Json, Page, Pager, when, PageSizeField, pageSizeOf } from "../components/ui";
import { href, type Route } from "../router";
import type { ViewProps } from "./props";

/** A v2 file event, the parts this view reads (the whole event is shown as JSON on demand). */
export interface FileEvent {
  "@timestamp": string;
  event: { id: string; action: string | null; vector?: string | null; observer?: string | null };
  user: { email: string | null; id?: string | null };
  file: { name: string | null; directory: string | null; category?: string | null; sizeInBytes?: number | null };
  source?: { category: string | null; name: string | null } | null;
  destination?: { category: string | null; name: string | null } | null;
  risk?: { score: number | null; severity: string | null } | null;
}
interface EventsPage {
  fileEvents: FileEvent[];
  totalCount: number;
  problems: { type: string; description: string | null }[] | null;
}
interface Filter {
  term: string;
  operator: string;
  value: unknown;
}

export const REFRESH_MS = 5000;
const RANGES: { key: string; label: string; duration?: string }[] = [
  { key: "24h", label: "Last 24 hours", duration: "P1D" },
  { key: "7d", label: "Last 7 days", duration: "P7D" },
  { key: "30d", label: "Last 30 days", duration: "P30D" },
  { key: "all", label: "All time" },
];

/** A risk severity as a badge (the file event's and the alert's words). */
export function Severity(props: { value: string | null | undefined; score?: number | null }) {
  const v = props.value;
  if (!v) return <span class="muted">—</span>;
  const tone = v === "CRITICAL" || v === "HIGH" ? "bad" : v === "MODERATE" || v === "MEDIUM" ? "warn" : v === "NO_RISK_INDICATED" ? "ok" : "";
  return (
    <span class={`badge ${tone}`}>
      {v.replace(/_/g, " ").toLowerCase()}
      {props.score !== undefined && props.score !== null ? ` (${props.score})` : ""}
    </span>
  );
}

const place = (p: { category: string | null; name: string | null } | null | undefined): string => p?.name ?? p?.category ?? "—";
const category = (p: { category: string | null } | null | undefined): string => p?.category ?? "—";

/** The route's filters as the query's groups: one group per filter, all of them ANDed. */
function queryOf(params: URLSearchParams): { groupClause: "AND"; groups: { filterClause: "AND"; filters: Filter[] }[] } {
  const filters: Filter[] = [];
  const range = RANGES.find((r) => r.key === (params.get("range") ?? "all"));
  if (range?.duration) filters.push({ term: "@timestamp", operator: "WITHIN_THE_LAST", value: range.duration });
  const actor = params.get("actor")?.trim();
  if (actor) filters.push({ term: "user.email", operator: "IS", value: actor });
  const action = params.get("action");
  if (action) filters.push({ term: "event.action", operator: "IS", value: action });
  const event = params.get("event")?.trim();
  if (event) filters.push({ term: "event.id", operator: "IS", value: event });
  const file = params.get("file")?.trim();
  // IS with * wildcards: the search's own way to match part of a name.
  if (file) filters.push({ term: "file.name", operator: "IS", value: file.includes("*") ? file : `*${file}*` });
  return { groupClause: "AND", groups: filters.map((f) => ({ filterClause: "AND", filters: [f] })) };
}

const link = (route: Route, changes: Record<string, string | number | undefined>): string => {
  const params: Record<string, string> = Object.fromEntries(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") delete params[k];
    else params[k] = String(v);
  }
  return href("file-events", params);
};

/** A number that grows every `ms` while the caller is mounted: for data whose intake leaves no journal entry. */
export function useEvery(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = window.setInterval(() => setTick((n) => n + 1), ms);
    return () => window.clearInterval(id);
  }, [ms]);
  return tick;
}

/** A link to one file event in the file events view. */
export const eventHref = (eventId: string): string => href("file-events", { event: eventId });

export function FileEventsView({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const p = route.params;
  const page = Math.max(1, Number(p.get("page")) || 1);
  const size = pageSizeOf(p, 25);
  const query = queryOf(p);
  const body = { ...query, pgNum: page, pgSize: size, srtKey: "@timestamp", srtDir: "desc" };
  const key = JSON.stringify(body);

  // Events the control plane adds leave no journal entry: ask again on a timer while the view is open.
  const tick = useEvery(REFRESH_MS);
  const list = useLoad(() => api<EventsPage>(t, "POST", "/v2/file-events", { body, read: true }), [t, key, tick]);
  const actions = useLoad(() => api<{ groups: { value: string; docCount: number }[] }>(t, "POST", "/v2/file-events/grouping", { body: { groups: [], groupingTerm: "event.action" }, read: true }), [t, tick]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  const setParam = (changes: Record<string, string | undefined>) => {
    window.location.hash = link(route, { ...changes, page: undefined });
  };
  const events = list.data?.fileEvents ?? [];
  const problems = (list.data?.problems ?? []).map((x) => x.description ?? x.type).join("; ");
  const columns = ["Time", "Actor", "Event", "File", "Source → destination", "Risk"];

  return (
    <Page title="File events">
      <form
        class="toolbar"
        role="search"
        aria-label="Filter file events"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setParam({ actor: String(data.get("actor") ?? "").trim(), file: String(data.get("file") ?? "").trim() });
        }}
      >
        <Field label="Actor (e-mail)">
          <input name="actor" type="search" defaultValue={p.get("actor") ?? ""} />
        </Field>
        <Field label="File name contains">
          <input name="file" type="search" defaultValue={p.get("file") ?? ""} />
        </Field>
        <button type="submit">Search</button>
        <Field label="Event action">
          <select value={p.get("action") ?? ""} onChange={(e) => setParam({ action: e.currentTarget.value })}>
            <option value="">Any action</option>
            {(actions.data?.groups ?? []).map((g) => (
              <option value={g.value}>
                {g.value} ({g.docCount})
              </option>
            ))}
            {p.get("action") && !(actions.data?.groups ?? []).some((g) => g.value === p.get("action")) && <option value={p.get("action")!}>{p.get("action")}</option>}
          </select>
        </Field>
        <Field label="Time range">
          <select value={p.get("range") ?? "all"} onChange={(e) => setParam({ range: e.currentTarget.value === "all" ? undefined : e.currentTarget.value })}>
            {RANGES.map((r) => (
              <option value={r.key}>{r.label}</option>
            ))}
          </select>
        </Field>
        <PageSizeField size={size} onChange={(size) => setParam({ size })} />
      </form>
      {p.get("event") && (
        <p>
          Showing event <code>{p.get("event")}</code> only. <a href={link(route, { event: undefined, page: undefined })}>Show all events</a>
        </p>
      )}
      <ErrorNote error={list.error} />
      <ErrorNote error={problems || null} />
      <ApiCall method="POST" path="/v2/file-events" note={`— every ${REFRESH_MS / 1000} s while open; the event actions from POST /v2/file-events/grouping`} />
      <details class="query">
        <summary>Query sent</summary>
        <Json value={body} />
      </details>
      <div class="table-wrap">
        <table class="compact">
          <caption class="visually-hidden">File events, newest first</caption>
          <thead>
            <tr>
              <th scope="col" class="check">
                <span class="visually-hidden">Details</span>
              </th>
              {columns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {events.length === 0 && (
              <tr>
                <td colSpan={columns.length + 1} class="empty">
                  {list.loading && !list.data ? "Loading…" : query.groups.length > 0 ? "No file event matches these filters." : "No file events yet. Add some with POST /_emulator/tenants/{tenantUid}/file-events."}
                </td>
              </tr>
            )}
            {events.map((ev) => {
              const id = ev.event.id;
              const expanded = open.has(id);
              return (
                <Fragment key={id}>
                  <tr class="event-row">
                    <td class="check">
                      <button type="button" class="secondary expand" aria-expanded={expanded} aria-label={`Event ${id}${ev.file.name ? ` (${ev.file.name})` : ""}`} onClick={() => toggle(id)}>
                        {expanded ? "▾" : "▸"}
                      </button>
                    </td>
                    <td class="nowrap">
                      {when(ev["@timestamp"]).split(" ")[0]}
                      <div class="muted">{when(ev["@timestamp"]).split(" ").slice(1).join(" ")}</div>
                    </td>
                    <td>{ev.user.email ?? <span class="muted">—</span>}</td>
                    <td>
                      {ev.event.action ?? "—"}
                      {ev.event.vector && <div class="muted">{ev.event.vector}</div>}
                    </td>
                    <td>
                      {ev.file.name ?? <span class="muted">—</span>}
                      {ev.file.directory && <div class="muted path">{ev.file.directory}</div>}
                    </td>
                    <td>
                      {place(ev.source)} → {place(ev.destination)}
                      <div class="muted">
                        {category(ev.source)} → {category(ev.destination)}
                      </div>
                    </td>
                    <td>
                      <Severity value={ev.risk?.severity} score={ev.risk?.score} />
                    </td>
                  </tr>
                  {expanded && (
                    <tr class="event-json">
                      <td colSpan={columns.length + 1}>
                        <Json value={ev} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {list.data && <Pager page={page} pageSize={size} total={list.data.totalCount} hrefOf={(n) => link(route, { page: n })} />}
    </Page>
  );
}
