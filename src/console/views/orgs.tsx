// Organizations: the tenant's orgs as a tree (each under its parent, with the counts of its whole subtree), and one
// org's details: registration key, type, status, settings, its org admins.
import { api } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, bytes, ErrorNote, Facts, Page, Table, when } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";
import { displayName, Section, UserStatus, type V1User } from "./user";

/** The org admin role's id in the roles catalogue (src/domains/roles/catalogue.ts, GET /api/v1/role). */
const ORG_ADMIN_ROLE = "org-admin";

interface HierarchyCounts {
  orgCount: number;
  userCount: number;
  computerCount: number;
  backupComputerCount: number;
  archiveBytes: number;
  warningCount: number;
  criticalCount: number;
}
interface Org {
  orgId: number;
  orgUid: string;
  orgGuid: string;
  orgName: string;
  orgExtRef: string | null;
  notes: string | null;
  status: string;
  active: boolean;
  blocked: boolean;
  parentOrgUid: string | null;
  type: string;
  classification: string;
  registrationKey: string;
  creationDate: string;
  hierarchyCounts?: HierarchyCounts;
  settings?: Record<string, unknown>;
}
interface OrgSetting {
  scope: string;
  value: unknown;
  locked: boolean;
}

const PAGE = 500;

/** Every org of the tenant (pages of 500; a tenant has few). */
async function allOrgs(tenantUid: string): Promise<Org[]> {
  const orgs: Org[] = [];
  for (let pgNum = 1; pgNum <= 20; pgNum++) {
    const r = await api<{ data: { totalCount: number; orgs: Org[] } }>(tenantUid, "GET", "/api/v1/Org", { query: { incCounts: true, pgNum, pgSize: PAGE } });
    orgs.push(...r.data.orgs);
    if (orgs.length >= r.data.totalCount || r.data.orgs.length < PAGE) break;
  }
  return orgs;
}

function StatusBadge(props: { org: Org }) {
  const o = props.org;
  return <span class={`badge ${o.blocked ? "bad" : o.active ? "ok" : ""}`}>{o.blocked ? "Blocked" : o.status}</span>;
}

function Counts(props: { counts?: HierarchyCounts }) {
  const c = props.counts;
  if (!c) return null;
  return (
    <span class="muted org-counts">
      {c.userCount} users · {c.computerCount} devices · {bytes(c.archiveBytes)}
      {c.warningCount > 0 && <span class="badge warn">{c.warningCount} warning</span>}
      {c.criticalCount > 0 && <span class="badge bad">{c.criticalCount} critical</span>}
    </span>
  );
}

function Tree(props: { parentUid: string | null; byParent: Map<string | null, Org[]>; selected?: string; level: number }) {
  const children = props.byParent.get(props.parentUid) ?? [];
  if (children.length === 0) return null;
  return (
    <ul class="org-tree">
      {children.map((o) => (
        <li key={o.orgUid} data-org-uid={o.orgUid}>
          <div class="org-node">
            <a href={href(`orgs/${encodeURIComponent(o.orgUid)}`)} aria-current={o.orgUid === props.selected ? "page" : undefined}>
              {o.orgName}
            </a>{" "}
            <span class="badge">{o.type}</span> <StatusBadge org={o} /> <Counts counts={o.hierarchyCounts} />
          </div>
          <Tree parentUid={o.orgUid} byParent={props.byParent} selected={props.selected} level={props.level + 1} />
        </li>
      ))}
    </ul>
  );
}

export function OrgsView({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const selected = route.parts[0];
  const orgs = useLoad(() => allOrgs(t), [t]);

  const byParent = new Map<string | null, Org[]>();
  const known = new Set((orgs.data ?? []).map((o) => o.orgUid));
  for (const o of orgs.data ?? []) {
    // An org whose parent is not in the list (outside what the admin may see) is a root here.
    const parent = o.parentOrgUid && known.has(o.parentOrgUid) ? o.parentOrgUid : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), o]);
  }
  const org = orgs.data?.find((o) => o.orgUid === selected);

  return (
    <Page title="Organizations">
      <ApiCall method="GET" path="/api/v1/Org?incCounts=true" note="listOrgs; the counts are of each org and every org below it (hierarchyCounts)" />
      <ErrorNote error={orgs.error} />
      {orgs.loading && !orgs.data && <p class="loading">Loading…</p>}
      <div class="org-layout">
        {orgs.data && (
          <nav aria-label="Organization tree" class="org-tree-wrap">
            {orgs.data.length === 0 ? <p class="muted">No organizations.</p> : <Tree parentUid={null} byParent={byParent} selected={selected} level={1} />}
          </nav>
        )}
        {selected && orgs.data && !org && <ErrorNote error={`No organization ${selected} in this tenant.`} />}
        {org && <OrgDetails tenantUid={t} org={org} orgs={orgs.data!} />}
        {!selected && orgs.data && orgs.data.length > 0 && <p class="muted">Select an organization for its settings and admins.</p>}
      </div>
    </Page>
  );
}

function OrgDetails({ tenantUid, org, orgs }: { tenantUid: string; org: Org; orgs: Org[] }) {
  const settings = useLoad(() => api<{ data: Record<string, OrgSetting> }>(tenantUid, "GET", `/api/v1/OrgSetting/${org.orgId}`).then((r) => r.data), [tenantUid, org.orgId]);
  const admins = useLoad(
    () => api<{ data: { totalCount: number; users: V1User[] } }>(tenantUid, "GET", "/api/v1/User", { query: { orgUid: org.orgUid, roleId: ORG_ADMIN_ROLE, pgSize: 100 } }).then((r) => r.data),
    [tenantUid, org.orgUid],
  );
  const parent = orgs.find((o) => o.orgUid === org.parentOrgUid);
  const c = org.hierarchyCounts;
  return (
    <section class="org-details" aria-labelledby="org-title">
      <h2 id="org-title">{org.orgName}</h2>
      <Facts
        items={[
          ["Registration key", <code>{org.registrationKey}</code>],
          ["Type", org.type],
          ["Classification", org.classification],
          ["Status", <StatusBadge org={org} />],
          ["Parent", parent ? <a href={href(`orgs/${encodeURIComponent(parent.orgUid)}`)}>{parent.orgName}</a> : org.parentOrgUid],
          ["Org UID", <code>{org.orgUid}</code>],
          ["Org ID", org.orgId],
          ["Org GUID", <code>{org.orgGuid}</code>],
          ["External ref", org.orgExtRef],
          ["Created", when(org.creationDate)],
        ]}
      />
      {c && (
        <>
          <h3>Counts (this org and below)</h3>
          <Facts
            items={[
              ["Child orgs", c.orgCount],
              ["Users", c.userCount],
              ["Devices", c.computerCount],
              ["Backing up", c.backupComputerCount],
              ["Archive", bytes(c.archiveBytes)],
              ["Warnings", c.warningCount],
              ["Critical", c.criticalCount],
            ]}
          />
        </>
      )}
      <Section title="Settings" call={{ method: "GET", path: `/api/v1/OrgSetting/${org.orgId}`, note: "getOrgSettingV1" }} error={settings.error} loading={settings.loading}>
        {settings.data && (
          <Table<[string, OrgSetting]>
            caption={`Settings of ${org.orgName}`}
            rows={Object.entries(settings.data)}
            rowKey={([k]) => k}
            empty="No settings."
            columns={[
              { label: "Setting", render: ([k]) => <code>{k}</code> },
              { label: "Value", render: ([, s]) => String(s.value) },
              { label: "Scope", render: ([, s]) => s.scope },
              { label: "Locked", render: ([, s]) => (s.locked ? "Yes" : "No") },
            ]}
          />
        )}
        {org.settings && (
          <p class="muted">
            On the org: {Object.entries(org.settings).map(([k, v]) => `${k} ${v === null ? "unset" : String(v)}`).join(", ")}
          </p>
        )}
      </Section>
      <Section title="Org admins" call={{ method: "GET", path: `/api/v1/User?orgUid=${org.orgUid}&roleId=${ORG_ADMIN_ROLE}`, note: "listUsers" }} error={admins.error} loading={admins.loading}>
        {admins.data && (
          <Table<V1User>
            caption={`Org admins of ${org.orgName}`}
            rows={admins.data.users}
            rowKey={(u) => u.userUid}
            empty="No org admins in this org."
            columns={[
              { label: "Name", render: (u) => <a href={href(`user/${encodeURIComponent(u.userUid)}`)}>{displayName(u)}</a> },
              { label: "Username", render: (u) => u.username },
              { label: "Status", render: (u) => <UserStatus user={u} /> },
            ]}
          />
        )}
      </Section>
    </section>
  );
}
