// Cases, as the gateway keeps them: the list (GET /v1/cases, by status, sorted by last change), a case with its file
// events (GET /v1/cases/{n}, /fileevent), closing and reopening it (PUT /v1/cases/{n}, the whole case with its new
// status) and a new case (POST /v1/cases). The API judges every form: its refusals are shown in its own words.
import { useRef, useState } from "preact/hooks";
import { api, HttpError } from "../api";
import { Outcome, useAction } from "../components/action";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Facts, Field, Page, Pager, Table, when, type Column } from "../components/ui";
import { href, navigate, type Route } from "../router";
import { eventHref, Severity } from "./file-events";
import type { ViewProps } from "./props";

interface SlimCase {
  number: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  subject: string | null;
  subjectUsername: string | null;
  status: "OPEN" | "CLOSED" | "ARCHIVED";
  assignee: string | null;
  assigneeUsername: string | null;
  createdByUsername: string | null;
  lastModifiedByUsername: string | null;
  archivalTime: string | null;
}
interface Case extends SlimCase {
  description: string | null;
  findings: string | null;
}
interface CaseEvent {
  eventId: string;
  eventTimestamp: string | null;
  exposure: string[];
  fileAvailability: string;
  fileName: string | null;
  filePath: string | null;
  riskScore: number | null;
  riskSeverity: string | null;
}
interface GatewayUser {
  userId: string;
  username: string;
}

const STATUS_TABS = [
  { key: "OPEN", label: "Open" },
  { key: "CLOSED", label: "Closed" },
  { key: "all", label: "All" },
];
const SORTS = [
  { key: "updated-desc", label: "Last modified, newest first", srtKey: "updatedAt", srtDir: "desc" },
  { key: "updated-asc", label: "Last modified, oldest first", srtKey: "updatedAt", srtDir: "asc" },
  { key: "number-desc", label: "Number, highest first", srtKey: "number", srtDir: "desc" },
  { key: "name-asc", label: "Name, A to Z", srtKey: "name", srtDir: "asc" },
];
const PAGE_SIZE = 25;

const message = (e: unknown): string => (e instanceof HttpError ? e.message : String(e));
function StatusBadge(props: { status: string }) {
  const tone = props.status === "OPEN" ? "warn" : props.status === "CLOSED" ? "ok" : "";
  return <span class={`badge ${tone}`}>{props.status.toLowerCase()}</span>;
}
const link = (route: Route, changes: Record<string, string | number | undefined>): string => {
  const params: Record<string, string> = Object.fromEntries(route.params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === "") delete params[k];
    else params[k] = String(v);
  }
  return href("cases", params);
};

export function CasesView(props: ViewProps) {
  const n = props.route.parts[0];
  return n ? <CasePage {...props} caseNumber={n} /> : <CasesList {...props} />;
}

/** The tenant's active users for the subject and assignee pickers (a user UID each, as the API takes them). */
function useUsers(t: string) {
  return useLoad(() => api<{ users: GatewayUser[]; totalCount: number }>(t, "GET", "/v1/users", { query: { active: true, pageSize: 1000 } }), [t]);
}

function CasesList({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const p = route.params;
  const status = STATUS_TABS.find((x) => x.key === p.get("status"))?.key ?? "OPEN";
  const sort = SORTS.find((x) => x.key === p.get("sort")) ?? SORTS[0]!;
  const page = Math.max(1, Number(p.get("page")) || 1);
  const query = { status: status === "all" ? undefined : status, srtKey: sort.srtKey, srtDir: sort.srtDir, pgNum: page, pgSize: PAGE_SIZE };
  const list = useLoad(() => api<{ cases: SlimCase[]; totalCount: number }>(t, "GET", "/v1/cases", { query }), [t, JSON.stringify(query)]);
  const users = useUsers(t);
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({ name: "", subject: "", assignee: "", description: "", findings: "" });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });

  async function create() {
    setBusy(true);
    setFormError(null);
    try {
      // Every field left blank goes as null, as the SDK sends it; the API judges the rest.
      const blank = (v: string) => (v.trim() === "" ? null : v);
      const made = await api<Case>(t, "POST", "/v1/cases", { body: { name: form.name, subject: blank(form.subject), assignee: blank(form.assignee), description: blank(form.description), findings: blank(form.findings) } });
      dialog.current?.close();
      setForm({ name: "", subject: "", assignee: "", description: "", findings: "" });
      navigate(`cases/${made.number}`);
    } catch (e) {
      setFormError(message(e));
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<SlimCase>[] = [
    { label: "Number", numeric: true, render: (c) => c.number },
    { label: "Name", render: (c) => <a href={href(`cases/${c.number}`)}>{c.name}</a> },
    { label: "Status", render: (c) => <StatusBadge status={c.status} /> },
    { label: "Subject", render: (c) => c.subjectUsername ?? <span class="muted">—</span> },
    { label: "Assignee", render: (c) => c.assigneeUsername ?? <span class="muted">unassigned</span> },
    { label: "Last modified", render: (c) => when(c.updatedAt) },
    { label: "Modified by", render: (c) => c.lastModifiedByUsername ?? "—" },
  ];
  const label = STATUS_TABS.find((x) => x.key === status)!.label;
  const userOptions = (users.data?.users ?? []).map((u) => <option value={u.userId}>{u.username}</option>);

  return (
    <Page
      title="Cases"
      actions={
        <button
          type="button"
          onClick={() => {
            setFormError(null);
            dialog.current?.showModal();
          }}
        >
          New case
        </button>
      }
    >
      <nav class="tabs" aria-label="Case status">
        {STATUS_TABS.map((x) => (
          <a href={link(route, { status: x.key === "OPEN" ? undefined : x.key, page: undefined })} aria-current={x.key === status ? "page" : undefined}>
            {x.label}
          </a>
        ))}
      </nav>
      <div class="toolbar">
        <Field label="Sort by">
          <select value={sort.key} onChange={(e) => (window.location.hash = link(route, { sort: e.currentTarget.value === SORTS[0]!.key ? undefined : e.currentTarget.value, page: undefined }))}>
            {SORTS.map((s) => (
              <option value={s.key}>{s.label}</option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={list.error} />
      <ApiCall method="GET" path={`/v1/cases?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`} />
      <Table caption={`${label} cases`} columns={columns} rows={list.data?.cases ?? []} rowKey={(c) => c.number} empty={list.loading && !list.data ? "Loading…" : `No ${label.toLowerCase()} cases.`} />
      {list.data && <Pager page={page} pageSize={PAGE_SIZE} total={list.data.totalCount} hrefOf={(n) => link(route, { page: n })} />}
      <dialog ref={dialog} aria-labelledby="new-case-title">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h2 id="new-case-title">New case</h2>
          <ErrorNote error={formError} />
          <Field label="Name">
            <input value={form.name} onInput={set("name")} maxLength={200} />
          </Field>
          <Field label="Subject">
            <select value={form.subject} onChange={set("subject")}>
              <option value="">No subject</option>
              {userOptions}
            </select>
          </Field>
          <Field label="Assignee">
            <select value={form.assignee} onChange={set("assignee")}>
              <option value="">Unassigned</option>
              {userOptions}
            </select>
          </Field>
          <Field label="Description">
            <textarea rows={2} value={form.description} onInput={set("description")} />
          </Field>
          <Field label="Findings (Markdown)">
            <textarea rows={4} value={form.findings} onInput={set("findings")} />
          </Field>
          <ApiCall method="POST" path="/v1/cases" note={users.data && users.data.totalCount > users.data.users.length ? `— pickers list the first ${users.data.users.length} users of GET /v1/users` : undefined} />
          <div class="buttons">
            <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" disabled={busy}>
              Create case
            </button>
          </div>
        </form>
      </dialog>
    </Page>
  );
}

function CasePage({ tenant, caseNumber }: ViewProps & { caseNumber: string }) {
  const t = tenant.tenantUid;
  const path = `/v1/cases/${encodeURIComponent(caseNumber)}`;
  const loaded = useLoad(() => api<Case>(t, "GET", path), [t, path]);
  const events = useLoad(() => api<{ events: CaseEvent[]; totalCount: number }>(t, "GET", `${path}/fileevent`, { query: { pgNum: 1, pgSize: 100 } }), [t, path]);
  const action = useAction();
  const { busy } = action;
  const c = loaded.data;

  // A PUT replaces the case: every field goes back as it is, with the new status.
  const setStatus = (status: Case["status"], done: string) =>
    c && action.run(() => api(t, "PUT", path, { body: { name: c.name, subject: c.subject, assignee: c.assignee, description: c.description, findings: c.findings, status } }), done);

  if (!c)
    return (
      <Page title={`Case ${caseNumber}`}>
        <ErrorNote error={loaded.error} />
        {loaded.loading && <p class="loading">Loading…</p>}
        <p>
          <a href={href("cases")}>← All cases</a>
        </p>
      </Page>
    );
  return (
    <Page
      title={`Case ${c.number}: ${c.name}`}
      actions={
        c.status === "OPEN" ? (
          <button type="button" class="danger" disabled={busy} onClick={() => setStatus("CLOSED", `Case ${c.number} closed.`)}>
            Close case
          </button>
        ) : (
          <button type="button" class="secondary" disabled={busy} onClick={() => setStatus("OPEN", `Case ${c.number} reopened.`)}>
            Reopen case
          </button>
        )
      }
    >
      <p>
        <a href={href("cases")}>← All cases</a>
      </p>
      <Outcome action={action} />
      <ApiCall method="GET" path={path} note={`— ${c.status === "OPEN" ? "closing" : "reopening"} is PUT ${path} with the whole case and its new status`} />
      <Facts
        items={[
          ["Status", <StatusBadge status={c.status} />],
          ["Subject", c.subjectUsername],
          ["Assignee", c.assigneeUsername ?? "unassigned"],
          ["Description", c.description],
          ["Created", `${when(c.createdAt)} by ${c.createdByUsername ?? "—"}`],
          ["Last modified", `${when(c.updatedAt)} by ${c.lastModifiedByUsername ?? "—"}`],
          ["Archived", c.archivalTime ? when(c.archivalTime) : null],
        ]}
      />
      <h2>Findings</h2>
      {c.findings ? <div class="findings">{c.findings}</div> : <p class="muted">No findings yet.</p>}
      <h2>File events</h2>
      <ErrorNote error={events.error} />
      <ApiCall method="GET" path={`${path}/fileevent`} />
      <Table
        caption="The case's file events, in the order they were added"
        columns={[
          { label: "Time", render: (e: CaseEvent) => when(e.eventTimestamp) },
          { label: "File", render: (e) => e.fileName ?? "—" },
          { label: "Path", render: (e) => e.filePath ?? "—" },
          { label: "Exposure", render: (e) => e.exposure.join(", ") || "—" },
          { label: "Risk", render: (e) => <Severity value={e.riskSeverity} score={e.riskScore} /> },
          { label: "File availability", render: (e) => e.fileAvailability.replace(/_/g, " ").toLowerCase() },
          { label: "Event", render: (e) => <a href={eventHref(e.eventId)}><code>{e.eventId}</code></a> },
        ]}
        rows={events.data?.events ?? []}
        rowKey={(e) => e.eventId}
        empty={events.loading && !events.data ? "Loading…" : "No file events in this case."}
      />
      {events.data && events.data.totalCount > events.data.events.length && <p class="muted">The first {events.data.events.length} of {events.data.totalCount} events.</p>}
    </Page>
  );
}
