// Alerts and sessions, as the gateway answers them: the alert query (POST /v1/alerts/query-alerts), one alert's details
// with its observations and latest note, and the actions that change it through the API (update-state with a note,
// add-note); the sessions (GET /v1/sessions) at #/alerts/sessions, one session's events at #/alerts/sessions/<id>.
import { useState } from "preact/hooks";
import { api } from "../api";
import { Outcome, useAction } from "../components/action";
import { useLoad } from "../components/load";
import { ApiCall, bytes, ErrorNote, Facts, Field, Json, Page, Pager, Table, when, type Column } from "../components/ui";
import { href, type Route } from "../router";
import { eventHref, REFRESH_MS, Severity, useEvery, type FileEvent } from "./file-events";
import type { ViewProps } from "./props";

interface Watchlist {
  id: string;
  name: string;
  type: string;
}
interface Note {
  id: string;
  lastModifiedAt: string;
  lastModifiedBy: string;
  message: string;
}
interface Alert {
  id: string;
  type: string;
  name: string;
  description: string;
  actor: string;
  actorId?: string;
  severity: string;
  riskSeverity: string;
  ruleId: string;
  ruleSource: string;
  watchlists: Watchlist[];
  createdAt: string;
  state: string;
  stateLastModifiedBy?: string;
  stateLastModifiedAt?: string;
}
interface Observation {
  id: string;
  observedAt: string;
  lastObservedAt: string;
  type: string;
  data: string;
}
interface AlertDetails extends Alert {
  observations: Observation[];
  note?: Note;
}
interface ObservedFile {
  eventId: string;
  path: string | null;
  name: string | null;
  category: string | null;
  size: number | null;
  observedAt: string;
  riskSeverityInfo?: { score: number; severity: string } | null;
}
interface Session {
  sessionId: string;
  actorId: string;
  actorName: string | null;
  beginTime: number;
  endTime: number;
  contextSummary: string | null;
  exfiltrationSummary: string | null;
  criticalEvents: number;
  highEvents: number;
  moderateEvents: number;
  lowEvents: number;
  noRiskEvents: number;
  scores: { score: number; severity: number }[];
  states: { state: string; sourceTimestamp: number }[];
  triggeredAlerts: { alertId: string; ruleName: string | null }[];
  riskIndicators: { name: string; eventCount: number; weight: number }[];
}

const STATES = ["OPEN", "RESOLVED", "IN_PROGRESS", "PENDING", "RESOLVED_TP", "RESOLVED_FP"];
const STATE_TABS = [
  { key: "OPEN", label: "Open" },
  { key: "RESOLVED", label: "Resolved" },
  { key: "all", label: "All" },
];
const SEVERITIES = ["HIGH", "MEDIUM", "LOW"];
/** A session's severity number, as the sessions API counts it. */
const SESSION_SEVERITIES = ["NO_RISK_INDICATED", "LOW", "MODERATE", "HIGH", "CRITICAL"];
const PAGE_SIZE = 25;

const words = (v: string | null | undefined): string => (v ? v.replace(/_/g, " ").toLowerCase() : "—");
export function StateBadge(props: { state: string }) {
  const s = props.state;
  const tone = s === "OPEN" || s === "OPEN_NEW_DATA" ? "warn" : s.startsWith("RESOLVED") || s.startsWith("CLOSED") ? "ok" : "";
  return <span class={`badge ${tone}`}>{words(s)}</span>;
}
const eventCount = (s: Session): number => s.criticalEvents + s.highEvents + s.moderateEvents + s.lowEvents + s.noRiskEvents;
const epoch = (ms: number | null | undefined): string => (ms === null || ms === undefined ? "—" : when(new Date(ms).toISOString()));
const link = (path: string, route: Route, changes: Record<string, string | number | undefined>): string => {
  const params: Record<string, string> = Object.fromEntries(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") delete params[k];
    else params[k] = String(v);
  }
  return href(path, params);
};

function Tabs(props: { active: "alerts" | "sessions" }) {
  return (
    <nav class="tabs" aria-label="Alerts and sessions">
      <a href={href("alerts")} aria-current={props.active === "alerts" ? "page" : undefined}>
        Alerts
      </a>
      <a href={href("alerts/sessions")} aria-current={props.active === "sessions" ? "page" : undefined}>
        Sessions
      </a>
    </nav>
  );
}

export function AlertsView(props: ViewProps) {
  const [first, second] = props.route.parts;
  if (first === "sessions") return second ? <SessionPage {...props} sessionId={second} /> : <SessionsList {...props} />;
  if (first) return <AlertPage {...props} alertId={first} />;
  return <AlertsList {...props} />;
}

function AlertsList({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const p = route.params;
  const state = STATE_TABS.find((x) => x.key === p.get("state"))?.key ?? "OPEN";
  const severity = SEVERITIES.includes(p.get("severity") ?? "") ? p.get("severity")! : "";
  const page = Math.max(1, Number(p.get("page")) || 1);
  const filters = [...(state === "all" ? [] : [{ term: "State", operator: "IS", value: state }]), ...(severity ? [{ term: "Severity", operator: "IS", value: severity }] : [])];
  const body = { tenantId: t, groupClause: "AND", groups: filters.map((f) => ({ filterClause: "AND", filters: [f] })), pgNum: page - 1, pgSize: PAGE_SIZE, srtKey: "CreatedAt", srtDirection: "DESC" };
  // Alerts raised by the control plane's event intake leave no journal entry: asked again on a timer too.
  const tick = useEvery(REFRESH_MS);
  const list = useLoad(() => api<{ alerts: Alert[]; totalCount: number }>(t, "POST", "/v1/alerts/query-alerts", { body, read: true }), [t, JSON.stringify(body), tick]);
  const setParam = (changes: Record<string, string | undefined>) => {
    window.location.hash = link("alerts", route, { ...changes, page: undefined });
  };
  const columns: Column<Alert>[] = [
    { label: "Created", render: (a) => when(a.createdAt) },
    { label: "Alert", render: (a) => <a href={href(`alerts/${a.id}`)}>{a.name}</a> },
    { label: "Actor", render: (a) => a.actor },
    { label: "Severity", render: (a) => <Severity value={a.severity} /> },
    { label: "Risk severity", render: (a) => <Severity value={a.riskSeverity} /> },
    { label: "Watchlists", render: (a) => a.watchlists.map((w) => w.name).join(", ") || <span class="muted">—</span> },
    { label: "State", render: (a) => <StateBadge state={a.state} /> },
  ];
  const label = STATE_TABS.find((x) => x.key === state)!.label;
  return (
    <Page title="Alerts">
      <Tabs active="alerts" />
      <div class="toolbar">
        <nav class="tabs" aria-label="Alert state">
          {STATE_TABS.map((x) => (
            <a href={link("alerts", route, { state: x.key === "OPEN" ? undefined : x.key, page: undefined })} aria-current={x.key === state ? "page" : undefined}>
              {x.label}
            </a>
          ))}
        </nav>
        <Field label="Severity">
          <select value={severity} onChange={(e) => setParam({ severity: e.currentTarget.value })}>
            <option value="">Any severity</option>
            {SEVERITIES.map((s) => (
              <option value={s}>{words(s)}</option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={list.error} />
      <ApiCall method="POST" path="/v1/alerts/query-alerts" note={`— ${filters.map((f) => `${f.term} IS ${f.value}`).join(", ") || "no filter"}, CreatedAt DESC, pgNum ${page - 1}; every ${REFRESH_MS / 1000} s while open`} />
      <Table
        caption={`${label} alerts, newest first`}
        columns={columns}
        rows={list.data?.alerts ?? []}
        rowKey={(a) => a.id}
        empty={list.loading && !list.data ? "Loading…" : state === "all" ? "No alerts. An enabled alert rule (POST /_emulator/tenants/{tenantUid}/alert-rules) raises them from matching file events." : `No ${label.toLowerCase()} alerts.`}
      />
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.totalCount} hrefOf={(n) => link("alerts", route, { page: n })} />}
    </Page>
  );
}

function parseData(o: Observation): Record<string, any> | null {
  try {
    return JSON.parse(o.data) as Record<string, any>;
  } catch {
    return null;
  }
}

function AlertPage({ tenant, alertId }: ViewProps & { alertId: string }) {
  const t = tenant.tenantUid;
  const details = useLoad(() => api<{ alerts: AlertDetails[] }>(t, "POST", "/v1/alerts/query-details", { body: { tenantId: t, alertIds: [alertId] }, read: true }), [t, alertId]);
  const alert = details.data?.alerts[0];
  const [newState, setNewState] = useState("");
  const [stateNote, setStateNote] = useState("");
  const [note, setNote] = useState("");
  const action = useAction();
  const { busy } = action;

  async function act(label: string, done: string, path: string, body: unknown, reset: () => void) {
    const ok = await action.run(() => api(t, "POST", path, { body }).catch((e: Error) => Promise.reject(new Error(`${label}: ${e.message}`))), done);
    if (ok) reset();
  }

  if (!alert)
    return (
      <Page title="Alert">
        <Tabs active="alerts" />
        <ErrorNote error={details.error} />
        {details.loading ? <p class="loading">Loading…</p> : !details.error && <p>No alert {alertId}.</p>}
        <p>
          <a href={href("alerts")}>← All alerts</a>
        </p>
      </Page>
    );
  const target = newState || (alert.state === "OPEN" ? "RESOLVED" : "OPEN");
  return (
    <Page title={`Alert: ${alert.name}`}>
      <p>
        <a href={href("alerts")}>← All alerts</a>
      </p>
      <ErrorNote error={details.error} />
      <ApiCall method="POST" path="/v1/alerts/query-details" note={`— {"alertIds": ["${alert.id}"]}`} />
      <Facts
        items={[
          ["State", <StateBadge state={alert.state} />],
          ["Actor", alert.actor],
          ["Severity", <Severity value={alert.severity} />],
          ["Risk severity", <Severity value={alert.riskSeverity} />],
          ["Created", when(alert.createdAt)],
          ["Description", alert.description],
          ["Rule", `${alert.ruleId} (${alert.ruleSource}, ${alert.type})`],
          ["Watchlists", alert.watchlists.map((w) => w.name).join(", ")],
          ["State changed", alert.stateLastModifiedAt ? `${when(alert.stateLastModifiedAt)} by ${alert.stateLastModifiedBy ?? "—"}` : null],
          ["Alert id", <code>{alert.id}</code>],
        ]}
      />
      <Outcome action={action} />
      <div class="cards forms">
        <form
          class="card"
          aria-labelledby="state-title"
          onSubmit={(e) => {
            e.preventDefault();
            void act("Changing the state failed", `State set to ${words(target)}.`, "/v1/alerts/update-state", { tenantId: t, alertIds: [alert.id], state: target, note: stateNote.trim() || null }, () => {
              setStateNote("");
              setNewState("");
            });
          }}
        >
          <h2 id="state-title">Change state</h2>
          <Field label="New state">
            <select value={target} onChange={(e) => setNewState(e.currentTarget.value)}>
              {STATES.filter((s) => s !== alert.state).map((s) => (
                <option value={s}>{words(s)}</option>
              ))}
            </select>
          </Field>
          <Field label="Note with the change (optional)">
            <textarea rows={2} value={stateNote} onInput={(e) => setStateNote(e.currentTarget.value)} />
          </Field>
          <div>
            <button type="submit" disabled={busy}>
              {target === "RESOLVED" ? "Resolve" : target === "OPEN" ? "Reopen" : "Change state"}
            </button>
          </div>
          <ApiCall method="POST" path="/v1/alerts/update-state" />
        </form>
        <form
          class="card"
          aria-labelledby="note-title"
          onSubmit={(e) => {
            e.preventDefault();
            void act("Adding the note failed", "Note added.", "/v1/alerts/add-note", { tenantId: t, alertId: alert.id, note }, () => setNote(""));
          }}
        >
          <h2 id="note-title">Notes</h2>
          {alert.note ? (
            <blockquote class="note">
              <p>{alert.note.message}</p>
              <footer class="muted">
                {alert.note.lastModifiedBy}, {when(alert.note.lastModifiedAt)}
              </footer>
            </blockquote>
          ) : (
            <p class="muted">No note yet.</p>
          )}
          <Field label="New note">
            <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <div>
            <button type="submit" disabled={busy}>
              Add note
            </button>
          </div>
          <ApiCall method="POST" path="/v1/alerts/add-note" note="— the details show the latest note" />
        </form>
      </div>
      <h2>Observations</h2>
      {alert.observations.length === 0 && <p class="muted">No observations.</p>}
      {alert.observations.map((o) => {
        const data = parseData(o);
        const files = (data?.files ?? []) as ObservedFile[];
        return (
          <section class="observation" aria-label={`Observation ${o.type}`}>
            <h3>
              {o.type} <span class="muted">{when(o.observedAt)} – {when(o.lastObservedAt)}</span>
            </h3>
            {data && (
              <p>
                {data.fileCount ?? files.length} file(s), {bytes(data.totalFileSize)}
                {Array.isArray(data.exposureTypes) && data.exposureTypes.length > 0 && <> · {data.exposureTypes.join(", ")}</>}
              </p>
            )}
            <Table
              caption={`Events of observation ${o.type}`}
              columns={[
                { label: "Observed", render: (f: ObservedFile) => when(f.observedAt) },
                { label: "File", render: (f) => f.name ?? "—" },
                { label: "Path", render: (f) => f.path ?? "—" },
                { label: "Risk", render: (f) => <Severity value={f.riskSeverityInfo?.severity} score={f.riskSeverityInfo?.score} /> },
                { label: "Size", numeric: true, render: (f) => bytes(f.size) },
                { label: "Event", render: (f) => <a href={eventHref(f.eventId)}><code>{f.eventId}</code></a> },
              ]}
              rows={files}
              rowKey={(f) => f.eventId}
              empty="No files in this observation."
            />
            <details>
              <summary>Observation data (JSON)</summary>
              <Json value={data ?? o.data} />
            </details>
          </section>
        );
      })}
    </Page>
  );
}

function SessionsList({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const p = route.params;
  const state = p.get("state") ?? "";
  const page = Math.max(1, Number(p.get("page")) || 1);
  const query = { page_number: page - 1, page_size: PAGE_SIZE, order_by: "end_time", sort_direction: "desc", state: state || undefined };
  const tick = useEvery(REFRESH_MS);
  const list = useLoad(() => api<{ items: Session[]; totalCount: number }>(t, "GET", "/v1/sessions", { query }), [t, JSON.stringify(query), tick]);
  const columns: Column<Session>[] = [
    { label: "Began", render: (s) => epoch(s.beginTime) },
    { label: "Actor", render: (s) => s.actorName ?? s.actorId },
    { label: "Risk", render: (s) => (s.scores[0] ? <Severity value={SESSION_SEVERITIES[s.scores[0].severity]} score={s.scores[0].score} /> : <span class="muted">—</span>) },
    { label: "Summary", render: (s) => s.contextSummary ?? "—" },
    { label: "State", render: (s) => (s.states.at(-1) ? <StateBadge state={s.states.at(-1)!.state} /> : "—") },
    {
      label: "Alerts",
      render: (s) =>
        s.triggeredAlerts.length === 0 ? (
          <span class="muted">none</span>
        ) : (
          s.triggeredAlerts.map((a, i) => (
            <>
              {i > 0 && ", "}
              <a href={href(`alerts/${a.alertId}`)}>{a.ruleName ?? a.alertId}</a>
            </>
          ))
        ),
    },
    { label: "Events", render: (s) => <a href={href(`alerts/sessions/${s.sessionId}`)}>{eventCount(s)} file events</a> },
  ];
  return (
    <Page title="Sessions">
      <Tabs active="sessions" />
      <div class="toolbar">
        <Field label="State">
          <select value={state} onChange={(e) => (window.location.hash = link("alerts/sessions", route, { state: e.currentTarget.value, page: undefined }))}>
            <option value="">Any state</option>
            {["OPEN", "IN_PROGRESS", "CLOSED", "CLOSED_TP", "CLOSED_TP_BENIGN", "CLOSED_FP", "OPEN_NEW_DATA"].map((s) => (
              <option value={s}>{words(s)}</option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={list.error} />
      <ApiCall note={`— every ${REFRESH_MS / 1000} s while open`} method="GET" path={`/v1/sessions?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`} />
      <Table caption="Sessions, latest first (by end time)" columns={columns} rows={list.data?.items ?? []} rowKey={(s) => s.sessionId} empty={list.loading && !list.data ? "Loading…" : "No sessions."} />
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.totalCount} hrefOf={(n) => link("alerts/sessions", route, { page: n })} />}
    </Page>
  );
}

function SessionPage({ tenant, sessionId }: ViewProps & { sessionId: string }) {
  const t = tenant.tenantUid;
  const session = useLoad(() => api<Session>(t, "GET", `/v1/sessions/${encodeURIComponent(sessionId)}`), [t, sessionId]);
  const events = useLoad(() => api<{ queryResult: { fileEvents: FileEvent[]; totalCount?: number } }>(t, "GET", `/v1/sessions/${encodeURIComponent(sessionId)}/events`), [t, sessionId]);
  const s = session.data;
  const rows = events.data?.queryResult.fileEvents ?? [];
  return (
    <Page title={`Session of ${s?.actorName ?? "…"}`}>
      <Tabs active="sessions" />
      <p>
        <a href={href("alerts/sessions")}>← All sessions</a>
      </p>
      <ErrorNote error={session.error} />
      <ApiCall method="GET" path={`/v1/sessions/${sessionId}`} />
      {s && (
        <Facts
          items={[
            ["Actor", s.actorName ?? s.actorId],
            ["Time", `${epoch(s.beginTime)} – ${epoch(s.endTime)}`],
            ["State", s.states.at(-1) ? <StateBadge state={s.states.at(-1)!.state} /> : null],
            ["Risk", s.scores[0] ? <Severity value={SESSION_SEVERITIES[s.scores[0].severity]} score={s.scores[0].score} /> : null],
            ["Summary", s.contextSummary],
            ["Exfiltration", s.exfiltrationSummary],
            ["Risk indicators", s.riskIndicators.map((r) => `${r.name} (${r.eventCount})`).join(", ")],
            ["Alerts", s.triggeredAlerts.map((a) => <a href={href(`alerts/${a.alertId}`)}>{a.ruleName ?? a.alertId} </a>)],
          ]}
        />
      )}
      <h2>Events</h2>
      <ErrorNote error={events.error} />
      <ApiCall method="GET" path={`/v1/sessions/${sessionId}/events`} />
      <Table
        caption="The session's file events"
        columns={[
          { label: "Time", render: (e: FileEvent) => when(e["@timestamp"]) },
          { label: "Event", render: (e) => e.event.action ?? "—" },
          { label: "File", render: (e) => e.file.name ?? "—" },
          { label: "Path", render: (e) => e.file.directory ?? "—" },
          { label: "Risk", render: (e) => <Severity value={e.risk?.severity} score={e.risk?.score} /> },
          { label: "Event", render: (e) => <a href={eventHref(e.event.id)}><code>{e.event.id}</code></a> },
        ]}
        rows={rows}
        rowKey={(e) => e.event.id}
        empty={events.loading && !events.data ? "Loading…" : "No events."}
      />
    </Page>
  );
}
