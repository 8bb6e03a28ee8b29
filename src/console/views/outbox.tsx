// The tenant's outbox: the emails the emulator "sent" (invitations, password and two-factor resets), from
// GET /_emulator/outbox?tenantUid=. Nothing is delivered; an account link opens the console's own completion page.
import { Outcome, useAction } from "../components/action";
import { control } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Page, Table, when } from "../components/ui";
import { href } from "../router";
import type { ViewProps } from "./props";

export interface OutboxMessage {
  tenantUid: string;
  kind: string;
  to: string;
  subject: string;
  body: string;
  link: string | null;
  sentAt: string;
}

const COMPLETE_PATH = "/api/v3/users/complete-link";

/** The console page that completes an account link (the API's completion is a POST, so the link cannot be followed as is). */
export function consoleLinkOf(m: OutboxMessage): string | null {
  if (!m.link) return null;
  const u = new URL(m.link, "http://emulator.invalid");
  const token = u.searchParams.get("token");
  if (u.pathname !== COMPLETE_PATH || !token) return null;
  return href("complete-link", { token, kind: m.kind, to: m.to });
}

const KINDS: Record<string, string> = { INVITATION: "Invitation", PASSWORD_RESET: "Password reset", TWO_FACTOR_RESET: "Two-factor reset" };

export function OutboxView({ tenant }: ViewProps) {
  const query = `tenantUid=${tenant.tenantUid}`;
  const { data, error, loading } = useLoad(() => control<OutboxMessage[]>("GET", "outbox", { query: { tenantUid: tenant.tenantUid } }), [tenant.tenantUid]);
  const rows = data ? [...data].reverse() : [];
  const action = useAction();
  const clear = () => action.run(() => control("DELETE", "outbox", { query: { tenantUid: tenant.tenantUid } }), "The tenant's outbox was cleared.");

  return (
    <Page
      title="Outbox"
      actions={
        <button type="button" class="danger" onClick={clear} disabled={!data || data.length === 0}>
          Clear the outbox
        </button>
      }
    >
      <ApiCall method="GET" path={`/_emulator/outbox?${query}`} note="newest first" />
      <p class="muted">
        The emails this tenant's users would have received. Nothing leaves the emulator: an account link opens this console's
        completion page, which sets the password through the API as the user would.
      </p>
      <Outcome action={action} />
      <ErrorNote error={error} />
      {loading && !data && <p class="loading">Loading…</p>}
      {data && (
        <Table<OutboxMessage & { n: number }>
          caption="Emails sent by the emulator for this tenant, newest first"
          rowKey={(m) => m.n}
          rows={rows.map((m, i) => ({ ...m, n: rows.length - i }))}
          empty="No emails: invite a user or reset a password (POST /api/v3/users/invite, …/reset-password) and they land here."
          columns={[
            { label: "Sent at", render: (m) => <span class="nowrap">{when(m.sentAt)}</span> },
            { label: "Kind", render: (m) => <span class="badge">{KINDS[m.kind] ?? m.kind}</span> },
            { label: "To", render: (m) => m.to },
            {
              label: "Subject and body",
              render: (m) => (
                <details class="mail">
                  <summary>{m.subject}</summary>
                  <pre class="mail-body">{m.body}</pre>
                </details>
              ),
            },
            {
              label: "Link",
              render: (m) => {
                const own = consoleLinkOf(m);
                if (own)
                  return (
                    <a href={own} title={m.link ?? undefined}>
                      {m.kind === "INVITATION" ? "Accept the invitation" : "Set a new password"}
                    </a>
                  );
                return m.link ? <code class="link-text">{m.link}</code> : <span class="muted">—</span>;
              },
            },
          ]}
        />
      )}
    </Page>
  );
}
