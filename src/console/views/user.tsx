// One user, as the Code42 console's user page lays it out: who they are, their devices and backup state, roles, the
// legal holds they are a custodian of, the watchlists they are on, their risk profile and SCIM attributes. Each
// section is its own API call (shown above it), so one refusal does not blank the page.
import type { ComponentChildren } from "preact";
import { api, control, HttpError } from "../api";

interface ScimOwner {
  providerId: string;
  name: string;
  orgName: string;
  baseUrl: string;
}
import { useLoad } from "../components/load";
import { ApiCall, bytes, ErrorNote, Facts, Page, Table, when } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";
import { watchlistName, type Watchlist } from "./watchlists";

/** A section of a page: an h2, the API call behind it, its error, its content (or a loading line). */
export function Section(props: { title: string; call: { method: string; path: string; note?: string }; error?: string | null; loading?: boolean; children?: ComponentChildren }) {
  return (
    <section class="view-section" aria-label={props.title}>
      <h2>{props.title}</h2>
      <ApiCall {...props.call} />
      <ErrorNote error={props.error} />
      {props.loading && !props.children ? <p class="loading">Loading…</p> : props.children}
    </section>
  );
}

export interface V1User {
  userId: number;
  userUid: string;
  status: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  orgUid: string;
  orgName: string;
  active: boolean;
  blocked: boolean;
  invited: boolean;
  creationDate: string;
  roles?: string[];
}

export const displayName = (u: { firstName?: string | null; lastName?: string | null; username: string }): string => [u.firstName, u.lastName].filter(Boolean).join(" ") || u.username;

/** The user's state as the console's users list names it: invited, blocked, deactivated or active. */
export function UserStatus(props: { user: Pick<V1User, "active" | "blocked" | "invited" | "status"> }) {
  const u = props.user;
  if (u.invited) return <span class="badge warn">Invited</span>;
  if (!u.active || u.status === "Deactivated") return <span class="badge">Deactivated</span>;
  if (u.blocked) return <span class="badge bad">Blocked</span>;
  return <span class="badge ok">Active</span>;
}

interface BackupUsage {
  targetComputerName: string;
  percentComplete: number;
  lastBackup: string | null;
  lastCompletedBackup: string | null;
  archiveBytes: number;
  selectedBytes: number;
}
interface Device {
  computerId: number;
  guid: string;
  name: string;
  osHostname: string | null;
  osName: string;
  osVersion: string | null;
  productVersion: string | null;
  status: string;
  active: boolean;
  alertStates: string[];
  lastConnected: string | null;
  backupUsage?: BackupUsage[];
}
interface Role {
  roleId: string;
  roleName: string;
  creationDate: string;
}
interface Membership {
  legalHoldMembershipUid: string;
  active: boolean;
  creationDate: string;
  legalHold: { legalHoldUid: string; name: string };
  user: { userUid: string; username: string; email: string | null };
}
interface RiskProfile {
  department: string | null;
  division: string | null;
  title: string | null;
  managerDisplayName: string | null;
  managerUsername: string | null;
  managerId: string | null;
  employmentType: string | null;
  startDate: string | null;
  endDate: string | null;
  cloudAliases: string[];
  notes: string | null;
  locality: string | null;
  region: string | null;
  country: string | null;
}
type ScimData = Record<string, string | null>;

const SCIM_LABELS: [string, string][] = [
  ["title", "Title"],
  ["department", "Department"],
  ["division", "Division"],
  ["employmentType", "Employment type"],
  ["managerDisplayName", "Manager"],
  ["managerUsername", "Manager username"],
  ["city", "City"],
  ["state", "State"],
  ["country", "Country"],
];

export function AlertBadge(props: { states: string[] }) {
  const worst = props.states.includes("CRITICAL") ? "bad" : props.states.includes("WARNING") ? "warn" : "ok";
  return <span class={`badge ${worst}`}>{props.states.join(", ") || "OK"}</span>;
}

const DEVICE_FILTERS: Record<string, { label: string; active?: boolean }> = {
  all: { label: "All devices" },
  active: { label: "Active", active: true },
  inactive: { label: "Deactivated", active: false },
};

export function UserView({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const uid = route.parts[0];
  const deviceFilter = DEVICE_FILTERS[route.params.get("devices") ?? "all"] ? (route.params.get("devices") ?? "all") : "all";
  const active = DEVICE_FILTERS[deviceFilter]!.active;

  const user = useLoad(() => (uid ? api<{ data: V1User }>(t, "GET", `/api/v1/User/${encodeURIComponent(uid)}`, { query: { idType: "uid", incRoles: true } }).then((r) => r.data) : Promise.resolve(undefined)), [t, uid]);
  const devices = useLoad(() => (uid ? api<{ data: { totalCount: number; computers: Device[] } }>(t, "GET", "/api/v1/Computer", { query: { userUid: uid, incBackupUsage: true, active, pgSize: 100 } }).then((r) => r.data) : Promise.resolve(undefined)), [t, uid, active]);
  const roles = useLoad(() => (uid ? api<{ data: Role[] }>(t, "GET", `/api/v3/users/${encodeURIComponent(uid)}/roles`).then((r) => r.data) : Promise.resolve(undefined)), [t, uid]);
  const holds = useLoad(() => (uid ? api<{ data: { legalHoldMemberships: Membership[] } }>(t, "GET", "/api/v1/LegalHoldMembership", { query: { userUid: uid, activeState: "ALL", pgSize: 100 } }).then((r) => r.data.legalHoldMemberships) : Promise.resolve(undefined)), [t, uid]);
  const watchlists = useLoad(() => (uid ? api<{ watchlists: Watchlist[] }>(t, "GET", "/v1/watchlists", { query: { user_id: uid, page_size: 100 } }).then((r) => r.watchlists) : Promise.resolve(undefined)), [t, uid]);
  const profile = useLoad(
    () =>
      uid
        ? api<RiskProfile>(t, "GET", `/v1/user-risk-profiles/${encodeURIComponent(uid)}`).catch((e) => {
            if (e instanceof HttpError && e.status === 404) return null;
            throw e;
          })
        : Promise.resolve(undefined),
    [t, uid],
  );
  const scim = useLoad(() => (uid ? api<ScimData>(t, "GET", "/api/v18/scim-user-data/collated-view", { query: { userId: uid } }) : Promise.resolve(undefined)), [t, uid]);
  // The collated view does not name the provider that owns the user: the control plane does.
  const owner = useLoad(() => control<ScimOwner[]>("GET", `tenants/${encodeURIComponent(t)}/scim-providers`, { query: { userUid: uid } }), [t, uid]);

  if (!uid)
    return (
      <Page title="User">
        <p>
          Pick a user from the <a href={href("users")}>Users</a> list.
        </p>
      </Page>
    );

  const u = user.data;
  const scimSet = scim.data ? SCIM_LABELS.filter(([k]) => scim.data![k]) : [];
  return (
    <Page title={u ? displayName(u) : user.error ? "User" : "User…"} actions={u && <UserStatus user={u} />}>
      <ApiCall method="GET" path={`/api/v1/User/${uid}?idType=uid&incRoles=true`} note="getUser" />
      <ErrorNote error={user.error} />
      {u && (
        <Facts
          items={[
            ["Username", u.username],
            ["Email", u.email],
            ["Organization", <a href={href(`orgs/${encodeURIComponent(u.orgUid)}`)}>{u.orgName}</a>],
            ["User UID", <code>{u.userUid}</code>],
            ["User ID", u.userId],
            ["Created", when(u.creationDate)],
            ["Status", <UserStatus user={u} />],
          ]}
        />
      )}

      <Section title="Devices" call={{ method: "GET", path: `/api/v1/Computer?userUid=${uid}&incBackupUsage=true${active === undefined ? "" : `&active=${active}`}`, note: "listDevices" }} error={devices.error} loading={devices.loading}>
        <nav class="tabs" aria-label="Device filter">
          {Object.entries(DEVICE_FILTERS).map(([key, f]) => (
            <a href={href(`user/${encodeURIComponent(uid)}`, { devices: key === "all" ? undefined : key })} aria-current={key === deviceFilter ? "page" : undefined}>
              {f.label}
            </a>
          ))}
        </nav>
        {devices.data && (
          <Table<Device>
            caption="The user's devices and their backup state"
            rows={devices.data.computers}
            rowKey={(d) => d.guid}
            empty="No devices."
            columns={[
              {
                label: "Device",
                render: (d) => (
                  <>
                    {d.name}
                    <div class="muted">{d.osHostname ?? ""}</div>
                  </>
                ),
              },
              { label: "OS", render: (d) => `${d.osName}${d.osVersion ? ` ${d.osVersion}` : ""}` },
              { label: "Version", render: (d) => d.productVersion ?? "—" },
              { label: "Status", render: (d) => <span class={`badge ${d.active ? "ok" : ""}`}>{d.status}</span> },
              { label: "Alert state", render: (d) => <AlertBadge states={d.alertStates} /> },
              { label: "Last connected", render: (d) => when(d.lastConnected) },
              { label: "Destination", render: (d) => (d.backupUsage ?? []).map((b) => <div>{b.targetComputerName}</div>) },
              { label: "Complete", numeric: true, render: (d) => (d.backupUsage ?? []).map((b) => <div>{b.percentComplete}%</div>) },
              { label: "Last backup", render: (d) => (d.backupUsage ?? []).map((b) => <div>{when(b.lastBackup ?? b.lastCompletedBackup)}</div>) },
              { label: "Archive", numeric: true, render: (d) => (d.backupUsage ?? []).map((b) => <div>{bytes(b.archiveBytes)}</div>) },
            ]}
          />
        )}
      </Section>

      <Section title="Roles" call={{ method: "GET", path: `/api/v3/users/${uid}/roles`, note: "getUserRoles" }} error={roles.error} loading={roles.loading}>
        {roles.data && (
          <Table<Role>
            caption="The user's roles"
            rows={roles.data}
            rowKey={(r) => r.roleId}
            empty="No roles."
            columns={[
              { label: "Role", render: (r) => r.roleName },
              { label: "Role ID", render: (r) => <code>{r.roleId}</code> },
            ]}
          />
        )}
      </Section>

      <Section title="Legal holds" call={{ method: "GET", path: `/api/v1/LegalHoldMembership?userUid=${uid}&activeState=ALL`, note: "listLegalHoldCustodians" }} error={holds.error} loading={holds.loading}>
        {holds.data && (
          <Table<Membership>
            caption="Legal holds the user is a custodian of"
            rows={holds.data}
            rowKey={(m) => m.legalHoldMembershipUid}
            empty="Not a custodian of any legal hold."
            columns={[
              { label: "Matter", render: (m) => <a href={href(`legal-holds/${encodeURIComponent(m.legalHold.legalHoldUid)}`)}>{m.legalHold.name}</a> },
              { label: "Membership", render: (m) => <span class={`badge ${m.active ? "ok" : ""}`}>{m.active ? "Active" : "Released"}</span> },
              { label: "Since", render: (m) => when(m.creationDate) },
            ]}
          />
        )}
      </Section>

      <Section title="Watchlists" call={{ method: "GET", path: `/v1/watchlists?user_id=${uid}`, note: "listGatewayWatchlists" }} error={watchlists.error} loading={watchlists.loading}>
        {watchlists.data && (
          <Table<Watchlist>
            caption="Watchlists the user is on"
            rows={watchlists.data}
            rowKey={(w) => w.watchlistId}
            empty="On no watchlist."
            columns={[
              { label: "Watchlist", render: (w) => <a href={href(`watchlists/${encodeURIComponent(w.watchlistId)}`)}>{watchlistName(w)}</a> },
              { label: "Type", render: (w) => <code>{w.listType}</code> },
            ]}
          />
        )}
      </Section>

      <Section title="Risk profile" call={{ method: "GET", path: `/v1/user-risk-profiles/${uid}`, note: "getGatewayUserRiskProfile" }} error={profile.error} loading={profile.loading}>
        {profile.data === null && <p class="muted">No risk profile.</p>}
        {profile.data && (
          <Facts
            items={[
              ["Department", profile.data.department],
              ["Division", profile.data.division],
              ["Title", profile.data.title],
              ["Manager", profile.data.managerId ? <a href={href(`user/${encodeURIComponent(profile.data.managerId)}`)}>{profile.data.managerDisplayName ?? profile.data.managerUsername}</a> : profile.data.managerDisplayName],
              ["Employment type", profile.data.employmentType],
              ["Start date", profile.data.startDate],
              ["End date", profile.data.endDate],
              ["Location", [profile.data.locality, profile.data.region, profile.data.country].filter(Boolean).join(", ")],
              ["Cloud aliases", profile.data.cloudAliases.length ? profile.data.cloudAliases.join(", ") : null],
              ["Notes", profile.data.notes],
            ]}
          />
        )}
      </Section>

      <Section title="SCIM attributes" call={{ method: "GET", path: `/api/v18/scim-user-data/collated-view?userId=${uid}`, note: "getScimUserData" }} error={scim.error} loading={scim.loading}>
        {scim.data && scimSet.length === 0 && <p class="muted">Not provisioned by SCIM: no identity provider has set attributes on this user.</p>}
        {scim.data && scimSet.length > 0 && (
          <>
            <Facts items={scimSet.map(([k, label]) => [label, scim.data![k]])} />
          </>
        )}
        {owner.data && (
          <p>
            {owner.data[0] ? (
              <>
                Owned by the SCIM provider <strong>{owner.data[0].name}</strong> (<code>{owner.data[0].baseUrl}</code>), which provisions into {owner.data[0].orgName}.
              </>
            ) : (
              "No SCIM provider owns this user."
            )}{" "}
            <span class="api-call">
              <code>GET /_emulator/tenants/{t}/scim-providers?userUid={uid}</code>
            </span>
          </p>
        )}
      </Section>
    </Page>
  );
}
