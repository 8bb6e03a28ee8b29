// Legal holds: the tenant's matters (active or not, who made them, their policy), and one matter's custodians and
// events.
import { api } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Facts, Page, Table, when } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";
import { Section } from "./user";

interface Matter {
  legalHoldUid: string;
  name: string;
  description: string | null;
  notes: string | null;
  holdExtRef: string | null;
  active: boolean;
  creationDate: string;
  lastModified: string;
  creator: { userUid: string; username: string; email: string | null } | null;
  holdPolicyUid: string;
}
interface Policy {
  legalHoldPolicyUid: string;
  name: string;
}
interface Membership {
  legalHoldMembershipUid: string;
  active: boolean;
  creationDate: string;
  user: { userUid: string; username: string; email: string | null };
}
interface HoldEvent {
  eventUid: string;
  eventType: string;
  eventDate: string;
  custodianUserUid?: string;
  custodianUsername?: string;
  actorUsername: string | null;
}

const STATES: Record<string, string> = { ACTIVE: "Active", INACTIVE: "Inactive", ALL: "All" };

const ActiveBadge = (props: { active: boolean }) => <span class={`badge ${props.active ? "ok" : ""}`}>{props.active ? "Active" : "Inactive"}</span>;

function Creator(props: { creator: Matter["creator"] }) {
  const c = props.creator;
  if (!c || !c.username) return <span class="muted">—</span>;
  return c.userUid ? <a href={href(`user/${encodeURIComponent(c.userUid)}`)}>{c.username}</a> : <>{c.username}</>;
}

/** Policy names by uid (GET /api/v4/legal-hold-policy/list), for the matters' policy column. */
const usePolicies = (t: string) => useLoad(() => api<Policy[]>(t, "GET", "/api/v4/legal-hold-policy/list").then((ps) => new Map(ps.map((p) => [p.legalHoldPolicyUid, p.name]))), [t]);

export function LegalHoldsView(props: ViewProps) {
  return props.route.parts[0] ? <OneMatter {...props} uid={props.route.parts[0]} /> : <Matters {...props} />;
}

function Matters({ tenant, route }: ViewProps) {
  const t = tenant.tenantUid;
  const state = STATES[route.params.get("state") ?? ""] ? route.params.get("state")! : "ALL";
  const matters = useLoad(() => api<{ data: { legalHolds: Matter[] } }>(t, "GET", "/api/v1/LegalHold", { query: { activeState: state, pgSize: 500 } }).then((r) => r.data.legalHolds), [t, state]);
  const policies = usePolicies(t);
  return (
    <Page title="Legal holds">
      <nav class="tabs" aria-label="Matter state">
        {Object.entries(STATES).map(([key, label]) => (
          <a href={href("legal-holds", { state: key === "ALL" ? undefined : key })} aria-current={key === state ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      <ApiCall method="GET" path={`/api/v1/LegalHold?activeState=${state}`} note="listLegalHoldMatters; policy names: GET /api/v4/legal-hold-policy/list" />
      <ErrorNote error={matters.error ?? policies.error} />
      {matters.loading && !matters.data && <p class="loading">Loading…</p>}
      {matters.data && (
        <Table<Matter>
          caption="Legal hold matters"
          rows={matters.data}
          rowKey={(m) => m.legalHoldUid}
          empty="No matters."
          columns={[
            { label: "Matter", render: (m) => <a href={href(`legal-holds/${encodeURIComponent(m.legalHoldUid)}`)}>{m.name}</a> },
            { label: "State", render: (m) => <ActiveBadge active={m.active} /> },
            { label: "Created", render: (m) => when(m.creationDate) },
            { label: "Creator", render: (m) => <Creator creator={m.creator} /> },
            { label: "Policy", render: (m) => policies.data?.get(m.holdPolicyUid) ?? <code>{m.holdPolicyUid}</code> },
            { label: "External ref", render: (m) => m.holdExtRef ?? <span class="muted">—</span> },
          ]}
        />
      )}
    </Page>
  );
}

function OneMatter({ tenant, uid }: ViewProps & { uid: string }) {
  const t = tenant.tenantUid;
  const matter = useLoad(() => api<{ data: Matter }>(t, "GET", `/api/v1/LegalHold/${encodeURIComponent(uid)}`).then((r) => r.data), [t, uid]);
  const custodians = useLoad(() => api<{ data: { legalHoldMemberships: Membership[] } }>(t, "GET", "/api/v1/LegalHoldMembership", { query: { legalHoldUid: uid, activeState: "ALL", pgSize: 500 } }).then((r) => r.data.legalHoldMemberships), [t, uid]);
  const events = useLoad(() => api<{ data: { legalHoldEvents: HoldEvent[] } }>(t, "GET", "/api/v1/LegalHoldEventReport", { query: { legalHoldUid: uid, pgSize: 100 } }).then((r) => r.data.legalHoldEvents), [t, uid]);
  const policies = usePolicies(t);
  const m = matter.data;
  return (
    <Page title={m ? m.name : "Legal hold"} actions={m && <ActiveBadge active={m.active} />}>
      <p>
        <a href={href("legal-holds")}>‹ All legal holds</a>
      </p>
      <ApiCall method="GET" path={`/api/v1/LegalHold/${uid}`} note="getLegalHoldMatter" />
      <ErrorNote error={matter.error} />
      {m && (
        <Facts
          items={[
            ["Description", m.description],
            ["State", <ActiveBadge active={m.active} />],
            ["Created", when(m.creationDate)],
            ["Last modified", when(m.lastModified)],
            ["Creator", <Creator creator={m.creator} />],
            ["Policy", policies.data?.get(m.holdPolicyUid) ?? <code>{m.holdPolicyUid}</code>],
            ["External ref", m.holdExtRef],
            ["Notes", m.notes],
            ["Legal hold UID", <code>{m.legalHoldUid}</code>],
          ]}
        />
      )}
      <Section title="Custodians" call={{ method: "GET", path: `/api/v1/LegalHoldMembership?legalHoldUid=${uid}&activeState=ALL`, note: "listLegalHoldCustodians" }} error={custodians.error} loading={custodians.loading}>
        {custodians.data && (
          <Table<Membership>
            caption="Custodians"
            rows={custodians.data}
            rowKey={(c) => c.legalHoldMembershipUid}
            empty="No custodians."
            columns={[
              { label: "Custodian", render: (c) => <a href={href(`user/${encodeURIComponent(c.user.userUid)}`)}>{c.user.username}</a> },
              { label: "Email", render: (c) => c.user.email ?? "—" },
              { label: "Membership", render: (c) => <span class={`badge ${c.active ? "ok" : ""}`}>{c.active ? "Active" : "Released"}</span> },
              { label: "Since", render: (c) => when(c.creationDate) },
            ]}
          />
        )}
      </Section>
      <Section title="Events" call={{ method: "GET", path: `/api/v1/LegalHoldEventReport?legalHoldUid=${uid}`, note: "listLegalHoldEvents" }} error={events.error} loading={events.loading}>
        {events.data && (
          <Table<HoldEvent>
            caption="Events"
            rows={events.data}
            rowKey={(e) => e.eventUid}
            empty="No events."
            columns={[
              { label: "When", render: (e) => when(e.eventDate) },
              { label: "Event", render: (e) => e.eventType },
              { label: "Custodian", render: (e) => (e.custodianUserUid ? <a href={href(`user/${encodeURIComponent(e.custodianUserUid)}`)}>{e.custodianUsername}</a> : <span class="muted">—</span>) },
              { label: "By", render: (e) => e.actorUsername ?? <span class="muted">—</span> },
            ]}
          />
        )}
      </Section>
    </Page>
  );
}
