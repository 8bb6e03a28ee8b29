// Watchlists: the gateway's watchlists with how many are on each, one watchlist's members and what puts them there
// (included and excluded users, departments, directory groups), and the legacy detection lists (departing and high
// risk employees) the older clients still read.
import { api } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Facts, Page, Pager, Table, when } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";
import { WATCHLIST_NAMES } from "../../domains/watchlists/names";
import { Section } from "./user";

export interface Watchlist {
  watchlistId: string;
  listType: string;
  title: string | null;
  description: string | null;
  stats: { includedUsersCount: number; excludedUsersCount: number; includedDepartmentsCount: number; includedDirectoryGroupsCount: number };
}
interface WatchlistUser {
  userId: string;
  username: string;
  addedTime: string;
}
interface Department {
  name: string;
  addedTime: string;
}
interface DirectoryGroup {
  groupId: string;
  name: string | null;
  isDeleted: boolean;
  addedTime: string;
}
interface LegacyEntry {
  userId: string;
  userName: string;
  displayName: string | null;
  notes: string | null;
  createdAt: string;
  status: string;
  cloudUsernames: string[];
  departureDate?: string | null;
  riskFactors?: string[];
}

/** A watchlist's name as Code42 shows it: a CUSTOM one by its title, a built-in one by its type. */
export function watchlistName(w: Pick<Watchlist, "listType" | "title">): string {
  return w.title || (WATCHLIST_NAMES as Record<string, string>)[w.listType] || w.listType;
}

const userLink = (u: { userId: string; username: string }) => <a href={href(`user/${encodeURIComponent(u.userId)}`)}>{u.username}</a>;

export function WatchlistsView(props: ViewProps) {
  return props.route.parts[0] ? <OneWatchlist {...props} id={props.route.parts[0]} /> : <AllWatchlists {...props} />;
}

function AllWatchlists({ tenant }: ViewProps) {
  const t = tenant.tenantUid;
  const lists = useLoad(async () => {
    const { watchlists } = await api<{ watchlists: Watchlist[]; totalCount: number }>(t, "GET", "/v1/watchlists", { query: { page_size: 1000 } });
    // Members: included users, the users of included departments and groups, less the excluded (one small call each).
    const members = await Promise.all(watchlists.map((w) => api<{ totalCount: number }>(t, "GET", `/v1/watchlists/${encodeURIComponent(w.watchlistId)}/members`, { query: { page_size: 1 } }).then((r) => r.totalCount)));
    return watchlists.map((w, i) => ({ ...w, members: members[i]! }));
  }, [t]);
  const departing = useLegacyList(t, "/svc/api/v2/departingemployee/search");
  const highRisk = useLegacyList(t, "/svc/api/v2/highriskemployee/search");

  return (
    <Page title="Watchlists">
      <ApiCall method="GET" path="/v1/watchlists" note="listGatewayWatchlists; members: GET /v1/watchlists/{id}/members (listGatewayWatchlistMembers)" />
      <ErrorNote error={lists.error} />
      {lists.loading && !lists.data && <p class="loading">Loading…</p>}
      {lists.data && (
        <Table
          caption="Watchlists"
          rows={lists.data}
          rowKey={(w) => w.watchlistId}
          empty="No watchlists."
          columns={[
            {
              label: "Watchlist",
              render: (w) => (
                <>
                  <a href={href(`watchlists/${encodeURIComponent(w.watchlistId)}`)}>{watchlistName(w)}</a>
                  {w.description && <div class="muted">{w.description}</div>}
                </>
              ),
            },
            { label: "Type", render: (w) => <code>{w.listType}</code> },
            { label: "Members", numeric: true, render: (w) => w.members },
            { label: "Included", numeric: true, render: (w) => w.stats.includedUsersCount },
            { label: "Excluded", numeric: true, render: (w) => w.stats.excludedUsersCount },
            { label: "Departments", numeric: true, render: (w) => w.stats.includedDepartmentsCount },
            { label: "Groups", numeric: true, render: (w) => w.stats.includedDirectoryGroupsCount },
          ]}
        />
      )}

      <h2>Legacy detection lists</h2>
      <p class="muted">The detection lists py42 and code42cli read: the departing and high risk employee watchlists, in their older shape.</p>
      <Section title="Departing employees" call={{ method: "POST", path: "/svc/api/v2/departingemployee/search", note: "searchDepartingEmployees" }} error={departing.error} loading={departing.loading}>
        {departing.data && (
          <Table<LegacyEntry>
            caption="Departing employees"
            rows={departing.data.items}
            rowKey={(e) => e.userId}
            empty="Nobody on the list."
            columns={[
              { label: "User", render: (e) => userLink({ userId: e.userId, username: e.userName }) },
              { label: "Name", render: (e) => e.displayName ?? "—" },
              { label: "Departure date", render: (e) => e.departureDate ?? "—" },
              { label: "Added", render: (e) => when(e.createdAt) },
              { label: "Notes", render: (e) => e.notes ?? <span class="muted">—</span> },
            ]}
          />
        )}
      </Section>
      <Section title="High risk employees" call={{ method: "POST", path: "/svc/api/v2/highriskemployee/search", note: "searchHighRiskEmployees" }} error={highRisk.error} loading={highRisk.loading}>
        {highRisk.data && (
          <Table<LegacyEntry>
            caption="High risk employees"
            rows={highRisk.data.items}
            rowKey={(e) => e.userId}
            empty="Nobody on the list."
            columns={[
              { label: "User", render: (e) => userLink({ userId: e.userId, username: e.userName }) },
              { label: "Name", render: (e) => e.displayName ?? "—" },
              { label: "Risk factors", render: (e) => (e.riskFactors ?? []).join(", ") || "—" },
              { label: "Added", render: (e) => when(e.createdAt) },
              { label: "Notes", render: (e) => e.notes ?? <span class="muted">—</span> },
            ]}
          />
        )}
      </Section>
    </Page>
  );
}

/** A legacy list's first 100 entries (its search is a POST that only reads). */
function useLegacyList(tenantUid: string, path: string) {
  return useLoad(() => api<{ items: LegacyEntry[]; totalCount: number }>(tenantUid, "POST", path, { body: { tenantId: tenantUid, pgSize: 100, pgNum: 1 }, read: true }), [tenantUid, path]);
}

const PAGE = 50;

function OneWatchlist({ tenant, route, id }: ViewProps & { id: string }) {
  const t = tenant.tenantUid;
  const page = Math.max(1, Number(route.params.get("page")) || 1);
  const base = `/v1/watchlists/${encodeURIComponent(id)}`;
  const w = useLoad(() => api<Watchlist>(t, "GET", base), [t, id]);
  const members = useLoad(() => api<{ totalCount: number; watchlistMembers: WatchlistUser[] }>(t, "GET", `${base}/members`, { query: { page, page_size: PAGE } }), [t, id, page]);
  const included = useLoad(() => api<{ totalCount: number; includedUsers: WatchlistUser[] }>(t, "GET", `${base}/included-users`, { query: { page_size: 100 } }), [t, id]);
  const excluded = useLoad(() => api<{ totalCount: number; excludedUsers: WatchlistUser[] }>(t, "GET", `${base}/excluded-users`, { query: { page_size: 100 } }), [t, id]);
  const departments = useLoad(() => api<{ totalCount: number; includedDepartments: Department[] }>(t, "GET", `${base}/included-departments`, { query: { page_size: 100 } }), [t, id]);
  const groups = useLoad(() => api<{ totalCount: number; includedDirectoryGroups: DirectoryGroup[] }>(t, "GET", `${base}/included-directory-groups`, { query: { page_size: 100 } }), [t, id]);

  const userColumns = [
    { label: "User", render: (u: WatchlistUser) => userLink(u) },
    { label: "Added", render: (u: WatchlistUser) => when(u.addedTime) },
  ];
  return (
    <Page title={w.data ? watchlistName(w.data) : "Watchlist"}>
      <p>
        <a href={href("watchlists")}>‹ All watchlists</a>
      </p>
      <ApiCall method="GET" path={base} note="getGatewayWatchlist" />
      <ErrorNote error={w.error} />
      {w.data && (
        <Facts
          items={[
            ["Type", <code>{w.data.listType}</code>],
            ["Title", w.data.title],
            ["Description", w.data.description],
            ["Watchlist ID", <code>{w.data.watchlistId}</code>],
          ]}
        />
      )}
      <Section title="Members" call={{ method: "GET", path: `${base}/members`, note: "listGatewayWatchlistMembers: included users, users of included departments and groups, less the excluded" }} error={members.error} loading={members.loading}>
        {members.data && (
          <>
            <Table<WatchlistUser> caption="Members" rows={members.data.watchlistMembers} rowKey={(u) => u.userId} empty="No members." columns={userColumns} />
            <Pager page={page} pageSize={PAGE} total={members.data.totalCount} hrefOf={(n) => href(`watchlists/${encodeURIComponent(id)}`, { page: n > 1 ? n : undefined })} />
          </>
        )}
      </Section>
      <Section title="Included users" call={{ method: "GET", path: `${base}/included-users`, note: "listGatewayWatchlistIncludedUsers" }} error={included.error} loading={included.loading}>
        {included.data && <Table<WatchlistUser> caption="Included users" rows={included.data.includedUsers} rowKey={(u) => u.userId} empty="No users included by name." columns={userColumns} />}
      </Section>
      <Section title="Excluded users" call={{ method: "GET", path: `${base}/excluded-users`, note: "listGatewayWatchlistExcludedUsers" }} error={excluded.error} loading={excluded.loading}>
        {excluded.data && <Table<WatchlistUser> caption="Excluded users" rows={excluded.data.excludedUsers} rowKey={(u) => u.userId} empty="No users excluded." columns={userColumns} />}
      </Section>
      <Section title="Departments" call={{ method: "GET", path: `${base}/included-departments`, note: "listGatewayWatchlistDepartments" }} error={departments.error} loading={departments.loading}>
        {departments.data && (
          <Table<Department>
            caption="Included departments"
            rows={departments.data.includedDepartments}
            rowKey={(d) => d.name}
            empty="No departments included."
            columns={[
              { label: "Department", render: (d) => d.name },
              { label: "Added", render: (d) => when(d.addedTime) },
            ]}
          />
        )}
      </Section>
      <Section title="Directory groups" call={{ method: "GET", path: `${base}/included-directory-groups`, note: "listGatewayWatchlistDirectoryGroups" }} error={groups.error} loading={groups.loading}>
        {groups.data && (
          <Table<DirectoryGroup>
            caption="Included directory groups"
            rows={groups.data.includedDirectoryGroups}
            rowKey={(g) => g.groupId}
            empty="No directory groups included."
            columns={[
              { label: "Group", render: (g) => g.name ?? <span class="muted">(deleted)</span> },
              { label: "Group ID", render: (g) => <code>{g.groupId}</code> },
              { label: "Added", render: (g) => when(g.addedTime) },
            ]}
          />
        )}
      </Section>
    </Page>
  );
}
