// Users, as the Code42 console's Users reference lays them out (seed 000): tabs Active / Deactivated / Invited,
// search and filters, one page at a time (the API pages, so 100k users cost the browser one page), and the actions
// of its menu, each an API call as the tenant's admin (so the journal and the audit log record them).
import { useRef, useState } from "preact/hooks";
import { api, download } from "../api";
import { Outcome, useAction } from "../components/action";
import { parseCsv } from "../components/csv";
import { useLoad } from "../components/load";
import { ApiCall, bytes, ErrorNote, Field, Page, Pager, Table, when, type Column, PageSizeField, pageSizeOf } from "../components/ui";
import { href, withParams } from "../router";
import type { ViewProps } from "./props";

interface ListedUser {
  userId: number;
  userUid: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  orgId: number;
  orgUid: string;
  orgName: string;
  status: string;
  active: boolean;
  blocked: boolean;
  invited: boolean;
  creationDate: string;
}
interface Org {
  orgId: number;
  orgUid: string;
  orgName: string;
}

const TABS = [
  { key: "active", label: "Active", query: { active: true } },
  { key: "deactivated", label: "Deactivated", query: { active: false } },
  { key: "invited", label: "Invited", query: { invited: true } },
] as const;

/** The menu's actions: each one call per selected user. */
const ACTIONS: { label: string; done: string; call: (u: ListedUser) => [string, string, unknown?]; danger?: boolean }[] = [
  { label: "Block", done: "Blocked", call: (u) => ["POST", `/api/v3/users/${u.userUid}/block`] },
  { label: "Unblock", done: "Unblocked", call: (u) => ["POST", `/api/v3/users/${u.userUid}/unblock`] },
  { label: "Deactivate", done: "Deactivated", call: (u) => ["POST", `/api/v3/users/${u.userUid}/deactivate`, {}], danger: true },
  { label: "Reactivate", done: "Reactivated", call: (u) => ["POST", `/api/v3/users/${u.userUid}/activate`] },
  { label: "Reset password", done: "Sent a password reset to", call: (u) => ["POST", `/api/v3/users/${u.userUid}/reset-password`] },
  { label: "Reset two-factor", done: "Reset two-factor for", call: (u) => ["POST", `/api/v3/users/${u.userUid}/reset-two-factor`] },
];

const fullName = (u: ListedUser) => [u.firstName, u.lastName].filter(Boolean).join(" ") || u.username;

function statusBadge(u: ListedUser) {
  if (!u.active) return <span class="badge bad">Deactivated</span>;
  if (u.blocked) return <span class="badge warn">Blocked</span>;
  if (u.invited) return <span class="badge">Invited</span>;
  return <span class="badge ok">Active</span>;
}

export function UsersView({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const p = route.params;
  const tab = TABS.find((x) => x.key === p.get("tab")) ?? TABS[0];
  const q = p.get("q") ?? "";
  const orgUid = p.get("org") ?? "";
  const blocked = p.get("blocked") ?? "";
  const page = Math.max(1, Number(p.get("page")) || 1);
  const size = pageSizeOf(p, 50);
  const filters = { ...tab.query, q: q || undefined, orgUid: orgUid || undefined, blocked: blocked || undefined };

  const list = useLoad(() => api<{ data: { totalCount: number; users: ListedUser[] } }>(t, "GET", "/api/v1/User", { query: { ...filters, pgNum: page, pgSize: size } }), [t, tab.key, q, orgUid, blocked, page, size]);
  const orgs = useLoad(() => api<{ data: { orgs: Org[] } }>(t, "GET", "/api/v1/Org", { query: { pgSize: 1000 } }), [t]);
  const users = list.data?.data.users ?? [];
  const uids = users.map((u) => u.userUid);
  // Devices, storage and activity are the export's own columns (totals over the user's devices), for this page only.
  const stats = useLoad(
    async () => (uids.length === 0 ? [] : parseCsv(await api<string>(t, "GET", "/api/v1/UserExport", { query: { userUid: uids }, as: "text" }))),
    [t, uids.join(",")],
  );
  const statsOf = new Map((stats.data ?? []).map((r) => [r.userUid, r]));

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const action = useAction();
  const moveDialog = useRef<HTMLDialogElement>(null);
  const [moveTo, setMoveTo] = useState("");
  const chosen = users.filter((u) => selected.has(u.userUid));

  async function run(label: string, done: string, calls: [string, string, unknown?][], who: ListedUser[]) {
    const succeeded: string[] = [];
    const failures: string[] = [];
    for (const [i, [method, path, body]] of calls.entries()) {
      try {
        await api(t, method, path, { body });
        succeeded.push(who[i]!.username);
      } catch (e) {
        failures.push(`${who[i]!.username}: ${(e as Error).message}`);
      }
    }
    action.report({
      done: succeeded.length > 0 ? `${done} ${succeeded.length === 1 ? succeeded[0] : `${succeeded.length} users`}.` : null,
      error: failures.length > 0 ? `${label} failed for ${failures.join("; ")}` : null,
    });
    setSelected(new Set());
  }

  async function exportCsv() {
    try {
      const query = chosen.length > 0 ? { userUid: chosen.map((u) => u.userUid) } : filters;
      download(await api<Blob>(t, "GET", "/api/v1/UserExport", { query, as: "blob" }), "users.csv");
    } catch (e) {
      action.report({ done: null, error: `Export failed: ${(e as Error).message}` });
    }
  }

  const columns: Column<ListedUser>[] = [
    { label: "Name", render: (u) => <a href={href(`user/${u.userUid}`)}>{fullName(u)}</a> },
    { label: "Username", render: (u) => u.username },
    { label: "Organization", render: (u) => <a href={href(`orgs/${u.orgUid}`)}>{u.orgName}</a> },
    { label: "Backup devices", numeric: true, render: (u) => statsOf.get(u.userUid)?.backupDeviceCount ?? "…" },
    { label: "Used storage", numeric: true, render: (u) => (statsOf.has(u.userUid) ? bytes(Number(statsOf.get(u.userUid)!.archiveBytes)) : "…") },
    { label: "Last activity", render: (u) => lastActivity(statsOf.get(u.userUid)) },
    { label: "Status", render: statusBadge },
  ];

  // A new filter starts again at the first page.
  const setParam = (changes: Record<string, string | number | undefined>) => {
    window.location.hash = withParams(route, { ...changes, page: undefined });
  };

  return (
    <Page
      title="Users"
      actions={
        <button type="button" class="secondary" onClick={exportCsv}>
          {chosen.length > 0 ? `Export ${chosen.length} selected` : "Export all"}
        </button>
      }
    >
      <nav class="tabs" aria-label="User status">
        {TABS.map((x) => (
          <a href={href("users", { tab: x.key === "active" ? undefined : x.key })} aria-current={x.key === tab.key ? "page" : undefined}>
            {x.label}
          </a>
        ))}
      </nav>
      <form
        class="toolbar"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          setParam({ q: String(data.get("q") ?? "").trim() });
        }}
      >
        <Field label="Search (name, username, e-mail)">
          <input name="q" type="search" defaultValue={q} />
        </Field>
        <button type="submit">Search</button>
        <Field label="Organization">
          <select value={orgUid} onChange={(e) => setParam({ org: e.currentTarget.value })}>
            <option value="">All organizations</option>
            {(orgs.data?.data.orgs ?? []).map((o) => (
              <option value={o.orgUid}>{o.orgName}</option>
            ))}
          </select>
        </Field>
        <Field label="Blocked">
          <select value={blocked} onChange={(e) => setParam({ blocked: e.currentTarget.value })}>
            <option value="">Blocked or not</option>
            <option value="true">Blocked only</option>
            <option value="false">Not blocked</option>
          </select>
        </Field>
        <PageSizeField size={size} onChange={(size) => setParam({ size })} />
      </form>
      <div class="toolbar" role="group" aria-label="Actions on the selected users">
        <span class="muted">{chosen.length === 0 ? "Select users for an action:" : `${chosen.length} selected:`}</span>
        {ACTIONS.map((a) => (
          <button type="button" class={a.danger ? "danger" : "secondary"} disabled={chosen.length === 0} onClick={() => run(a.label, a.done, chosen.map(a.call), chosen)}>
            {a.label}
          </button>
        ))}
        <button type="button" class="secondary" disabled={chosen.length === 0} onClick={() => moveDialog.current?.showModal()}>
          Move to org…
        </button>
      </div>
      <Outcome action={action} />
      <ErrorNote error={list.error} />
      <ApiCall method="GET" path={`/api/v1/User?${new URLSearchParams(Object.entries({ ...filters, pgNum: page, pgSize: size }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])).toString()}`} note="— columns Backup devices, Used storage and Last activity from GET /api/v1/UserExport?userUid=…" />
      <Table
        caption={`${tab.label} users`}
        columns={columns}
        rows={users}
        rowKey={(u) => u.userUid}
        empty={list.loading ? "Loading…" : q ? `No ${tab.label.toLowerCase()} user matches "${q}".` : `No ${tab.label.toLowerCase()} users.`}
        selectable={{
          selected,
          toggle: (k) => setSelected((s) => (s.has(k) ? new Set([...s].filter((x) => x !== k)) : new Set([...s, k]))),
          toggleAll: () => setSelected((s) => (users.every((u) => s.has(u.userUid)) ? new Set() : new Set(uids))),
        }}
      />
      {list.data && <Pager page={page} pageSize={size} total={list.data.data.totalCount} hrefOf={(n) => withParams(route, { page: n })} />}
      <dialog ref={moveDialog} aria-labelledby="move-title">
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            moveDialog.current?.close();
            const org = orgs.data?.data.orgs.find((o) => o.orgUid === moveTo);
            if (org) void run("Move", `Moved to ${org.orgName}:`, chosen.map((u) => ["POST", `/api/v3/users/${u.userUid}/move`, { orgId: org.orgId }]), chosen);
          }}
        >
          <h2 id="move-title">Move {chosen.length === 1 ? chosen[0]!.username : `${chosen.length} users`} to another organization</h2>
          <Field label="Organization">
            <select value={moveTo} onChange={(e) => setMoveTo(e.currentTarget.value)} required>
              <option value="">Choose…</option>
              {(orgs.data?.data.orgs ?? []).map((o) => (
                <option value={o.orgUid}>{o.orgName}</option>
              ))}
            </select>
          </Field>
          <div class="buttons">
            <button type="button" class="secondary" onClick={() => moveDialog.current?.close()}>
              Cancel
            </button>
            <button type="submit">Move</button>
          </div>
        </form>
      </dialog>
    </Page>
  );
}

/** The later of the last sign-in and the last backup, as the export gives them. */
function lastActivity(r: Record<string, string> | undefined) {
  if (!r) return "…";
  const latest = [r.lastLoginDate, r.lastBackupDate].filter((v): v is string => !!v).sort().at(-1);
  return latest ? when(latest) : <span class="muted">never</span>;
}
