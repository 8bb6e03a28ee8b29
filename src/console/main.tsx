// The emulator console: a tenant's data as the Code42 console lays it out, and the emulator's own controls. One
// static page; every figure comes from the emulator's API (as the tenant's admin) or its control plane.
import { render, type FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { controlToken, onControlTokenNeeded } from "./api";
import { href, useRoute } from "./router";
import { loadTenants, selectTenant, useTenant } from "./state";
import type { ViewProps } from "./views/props";
import { AlertsView } from "./views/alerts";
import { CasesView } from "./views/cases";
import { ClockView } from "./views/clock";
import { CompleteLinkView } from "./views/complete-link";
import { CoverageView } from "./views/coverage";
import { FaultsView } from "./views/faults";
import { FileEventsView } from "./views/file-events";
import { JournalView } from "./views/journal";
import { LegalHoldsView } from "./views/legal-holds";
import { OrgsView } from "./views/orgs";
import { OutboxView } from "./views/outbox";
import { SnapshotsView } from "./views/snapshots";
import { UserView } from "./views/user";
import { UsersView } from "./views/users";
import { WatchlistsView } from "./views/watchlists";

interface ViewEntry {
  label: string;
  view: FunctionComponent<ViewProps>;
  /** Shown in the navigation under this heading; absent for pages reached by links only. */
  group?: "Tenant" | "Emulator";
}

/** Views by the first part of their route. */
const VIEWS: Record<string, ViewEntry> = {
  users: { label: "Users", view: UsersView, group: "Tenant" },
  user: { label: "User", view: UserView },
  orgs: { label: "Organizations", view: OrgsView, group: "Tenant" },
  watchlists: { label: "Watchlists", view: WatchlistsView, group: "Tenant" },
  "legal-holds": { label: "Legal holds", view: LegalHoldsView, group: "Tenant" },
  "file-events": { label: "File events", view: FileEventsView, group: "Tenant" },
  alerts: { label: "Alerts", view: AlertsView, group: "Tenant" },
  cases: { label: "Cases", view: CasesView, group: "Tenant" },
  journal: { label: "Journal", view: JournalView, group: "Emulator" },
  outbox: { label: "Outbox", view: OutboxView, group: "Emulator" },
  clock: { label: "Clock", view: ClockView, group: "Emulator" },
  faults: { label: "Faults", view: FaultsView, group: "Emulator" },
  snapshots: { label: "Snapshots", view: SnapshotsView, group: "Emulator" },
  coverage: { label: "Coverage", view: CoverageView, group: "Emulator" },
  "complete-link": { label: "Complete your account", view: CompleteLinkView },
};
const DEFAULT_VIEW = "users";

function TokenForm(props: { onDone: () => void }) {
  const [value, setValue] = useState("");
  return (
    <form
      class="token-form"
      onSubmit={(e) => {
        e.preventDefault();
        controlToken.set(value.trim());
        props.onDone();
      }}
    >
      <p>
        This emulator was started with <code>--control-token</code>. Enter it to use the console (kept in this tab only).
      </p>
      <label class="field">
        <span>Control token</span>
        <input type="password" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} required />
      </label>
      <button type="submit">Use token</button>
    </form>
  );
}

function Nav(props: { active: string }) {
  return (
    <nav class="side" aria-label="Views">
      {(["Tenant", "Emulator"] as const).map((group) => (
        <div class="nav-group">
          <h2>{group}</h2>
          <ul>
            {Object.entries(VIEWS)
              .filter(([, v]) => v.group === group)
              .map(([key, v]) => (
                <li>
                  <a href={href(key)} aria-current={props.active === key ? "page" : undefined}>
                    {v.label}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ))}
      <div class="nav-group">
        <h2>More</h2>
        <ul>
          <li>
            <a href="../docs/">API (Swagger UI)</a>
          </li>
          <li>
            <a href="../">Emulator home</a>
          </li>
        </ul>
      </div>
    </nav>
  );
}

function App() {
  const route = useRoute();
  const { tenants, error, current } = useTenant();
  const [needToken, setNeedToken] = useState(false);
  useEffect(() => onControlTokenNeeded(() => setNeedToken(true)), []);
  const name = VIEWS[route.parts[0] ?? ""] ? route.parts[0]! : DEFAULT_VIEW;
  const entry = VIEWS[name]!;
  const View = entry.view;
  useEffect(() => {
    document.title = `${entry.label} · code42-emulator console`;
  }, [entry.label]);
  const viewRoute = { base: name, parts: route.parts.slice(1), params: route.params };
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={href(DEFAULT_VIEW)}>
          code42-emulator <span>console</span>
        </a>
        {tenants && tenants.length > 0 && (
          <label class="tenant-picker">
            <span>Tenant</span>
            <select value={current?.tenantUid} onChange={(e) => selectTenant(e.currentTarget.value)}>
              {tenants.map((t) => (
                <option value={t.tenantUid}>
                  {t.name} ({t.tenantUid.slice(0, 8)}…, {t.counts.users} users)
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <Nav active={name} />
      <main id="main" tabIndex={-1}>
        {needToken ? (
          <TokenForm
            onDone={() => {
              setNeedToken(false);
              void loadTenants();
            }}
          />
        ) : error ? (
          <p class="error" role="alert">
            The emulator's tenants could not be read: {error}
          </p>
        ) : !tenants ? (
          <p class="loading">Loading…</p>
        ) : !current ? (
          <p>The emulator holds no tenant. Load a fixture (POST /_emulator/fixtures) to see one here.</p>
        ) : (
          <View key={`${current.tenantUid} ${name}`} tenant={current} route={viewRoute} />
        )}
      </main>
    </div>
  );
}

// The page's "Loading…" placeholder goes: render would keep it beside the app.
const root = document.getElementById("app")!;
root.replaceChildren();
render(<App />, root);
