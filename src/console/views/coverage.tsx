// Coverage (GET /_emulator/coverage): which operations of the emulator's spec the calls so far exercised, with which
// statuses. The console's own calls are never counted, so this stays the report of a suite's run.
import { Outcome, useAction } from "../components/action";
import { useMemo, useState } from "preact/hooks";
import { control } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Field, Page, Table } from "../components/ui";
import type { ViewProps } from "./props";
import { statusBadge } from "./journal";

interface CoverageRow {
  operationId: string;
  method: string;
  path: string;
  calls: number;
  statuses: Record<string, number>;
}
interface CoverageReport {
  operations: number;
  exercised: number;
  rows: CoverageRow[];
}

type Show = "all" | "exercised" | "missed";

export function CoverageView(_props: ViewProps) {
  const { data, error, loading, reload } = useLoad(() => control<CoverageReport>("GET", "coverage"), []);
  const [show, setShow] = useState<Show>("all");
  const [text, setText] = useState("");
  const action = useAction();

  const rows = useMemo(() => {
    const t = text.trim().toLowerCase();
    return (data?.rows ?? []).filter(
      (r) => (show === "all" || (show === "exercised" ? r.calls > 0 : r.calls === 0)) && (!t || r.operationId.toLowerCase().includes(t) || r.path.toLowerCase().includes(t)),
    );
  }, [data, show, text]);

  // Fetched with the control token (a plain link could not send it), then shown in a new tab. The tab opens at the
  // click, while the browser still counts it as the person's doing, and gets the page once it has come.
  const openHtml = () => {
    const tab = window.open("", "_blank");
    action.run(async () => {
      const html = await control<string>("GET", "coverage.html", { as: "text" });
      if (tab) tab.location.href = URL.createObjectURL(new Blob([html], { type: "text/html" }));
    }, "The coverage report opened in a new tab.");
  };
  const clear = () => action.run(() => control("DELETE", "coverage"), "Coverage was cleared: every count starts again from zero.");

  const pct = data && data.operations ? Math.round((data.exercised / data.operations) * 1000) / 10 : 0;
  return (
    <Page
      title="Coverage"
      actions={
        <>
          <button type="button" class="secondary" onClick={reload}>
            Refresh
          </button>
          <button type="button" class="secondary" onClick={openHtml}>
            Coverage as HTML
          </button>
          <button type="button" class="danger" onClick={clear}>
            Clear coverage
          </button>
        </>
      }
    >
      <ApiCall method="GET" path="/_emulator/coverage" note="counts the API's callers, never this console" />
      <Outcome action={action} />
      <ErrorNote error={error} />
      {loading && !data && <p class="loading">Loading…</p>}
      {data && (
        <>
          <p class="coverage-summary">
            <strong>
              {data.exercised} of {data.operations}
            </strong>{" "}
            operations exercised ({pct}%).
          </p>
          <div class="coverage-bar" role="img" aria-label={`${pct}% of operations exercised`}>
            <span style={{ width: `${pct}%` }} />
          </div>
          <div class="toolbar" role="search" aria-label="Filter the operations">
            <Field label="Show">
              <select value={show} onChange={(e) => setShow(e.currentTarget.value as Show)}>
                <option value="all">All operations</option>
                <option value="exercised">Exercised</option>
                <option value="missed">Not exercised</option>
              </select>
            </Field>
            <Field label="Operation or path">
              <input type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="listUsers, /v1/cases…" />
            </Field>
            <span class="muted" role="status">
              {rows.length} shown
            </span>
          </div>
          <Table<CoverageRow>
            caption="Operations of the spec and the calls that exercised them"
            rowKey={(r) => r.operationId}
            rows={rows}
            empty="No operation matches."
            columns={[
              { label: "Method", render: (r) => <code>{r.method}</code> },
              { label: "Path", render: (r) => <code class="call">{r.path}</code> },
              { label: "Operation", render: (r) => r.operationId },
              { label: "Calls", numeric: true, render: (r) => (r.calls ? <strong>{r.calls}</strong> : <span class="muted">0</span>) },
              {
                label: "Statuses",
                render: (r) => (
                  <span class="statuses">
                    {Object.entries(r.statuses).map(([s, n]) => (
                      <span>
                        {statusBadge(Number(s))}×{n}
                      </span>
                    ))}
                  </span>
                ),
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}
