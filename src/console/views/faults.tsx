// Fault rules (GET/POST/DELETE /_emulator/faults): make matching calls to the emulated API fail with the family's error
// body, slow down, throttle (429 + Retry-After) or drop the connection.
import { Outcome, useAction } from "../components/action";
import { useState } from "preact/hooks";
import { control } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Field, Page, Table } from "../components/ui";
import type { ViewProps } from "./props";
import type { FaultAction, FaultRule } from "../../control/faults";

type ActionType = "status" | "latency" | "throttle" | "drop";

export function describeAction(a: FaultAction): string {
  switch (a.type) {
    case "status":
      return `answer ${a.status}${a.code ? ` ${a.code}` : ""}${a.message ? ` “${a.message}”` : ""}`;
    case "latency":
      return `delay ${a.ms} ms`;
    case "throttle":
      return `throttle: 429, Retry-After ${a.retryAfterSeconds} s`;
    case "drop":
      return "drop the connection";
  }
}

function when(r: FaultRule): string {
  const parts = [r.times !== undefined && `the next ${r.times} matching calls`, r.everyNth !== undefined && `every ${r.everyNth}th match`, r.probability !== undefined && `with probability ${r.probability}`].filter(Boolean);
  return parts.length ? parts.join(", ") : "every matching call";
}

const METHODS = ["", "GET", "POST", "PUT", "PATCH", "DELETE"];

function AddFault(props: { tenantUid: string; tenantName: string; onAdded: (rule: FaultRule) => void }) {
  const [method, setMethod] = useState("");
  const [path, setPath] = useState("");
  const [onlyTenant, setOnlyTenant] = useState(false);
  const [type, setType] = useState<ActionType>("status");
  const [status, setStatus] = useState("500");
  const [code, setCode] = useState("");
  const [message, setMessage] = useState("");
  const [ms, setMs] = useState("2000");
  const [retryAfter, setRetryAfter] = useState("30");
  const [times, setTimes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const action: FaultAction =
      type === "status"
        ? { type, status: Number(status), ...(code.trim() && { code: code.trim() }), ...(message.trim() && { message: message.trim() }) }
        : type === "latency"
          ? { type, ms: Number(ms) }
          : type === "throttle"
            ? { type, retryAfterSeconds: Number(retryAfter) }
            : { type };
    const rule = { path: path.trim(), action, ...(method && { method }), ...(onlyTenant && { tenantUid: props.tenantUid }), ...(times.trim() && { times: Number(times) }) };
    setBusy(true);
    try {
      props.onAdded(await control<FaultRule>("POST", "faults", { body: rule }));
      setPath("");
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="fault-form" onSubmit={submit} aria-labelledby="add-fault">
      <h2 id="add-fault">Add a fault</h2>
      <ApiCall method="POST" path="/_emulator/faults" note="body {method?, path, tenantUid?, action, times?}" />
      <div class="toolbar">
        <Field label="Method">
          <select value={method} onChange={(e) => setMethod(e.currentTarget.value)}>
            {METHODS.map((m) => (
              <option value={m}>{m || "Any method"}</option>
            ))}
          </select>
        </Field>
        <Field label="Path pattern (* for any characters)">
          <input value={path} onInput={(e) => setPath(e.currentTarget.value)} placeholder="/api/v1/User*" required maxLength={2048} size={32} />
        </Field>
        <label class="check-field">
          <input type="checkbox" checked={onlyTenant} onChange={(e) => setOnlyTenant(e.currentTarget.checked)} /> Only calls in this tenant ({props.tenantName})
        </label>
      </div>
      <div class="toolbar">
        <Field label="Action">
          <select value={type} onChange={(e) => setType(e.currentTarget.value as ActionType)}>
            <option value="status">Answer with an error status</option>
            <option value="latency">Delay (latency)</option>
            <option value="throttle">Throttle (429 with Retry-After)</option>
            <option value="drop">Drop the connection</option>
          </select>
        </Field>
        {type === "status" && (
          <>
            <Field label="Status (400–599)">
              <input type="number" min={400} max={599} value={status} onInput={(e) => setStatus(e.currentTarget.value)} required />
            </Field>
            <Field label="Error code (optional)">
              <input value={code} onInput={(e) => setCode(e.currentTarget.value)} placeholder={Number(status) >= 500 ? "SYSTEM" : "INJECTED_FAULT"} />
            </Field>
            <Field label="Message (optional)">
              <input value={message} onInput={(e) => setMessage(e.currentTarget.value)} placeholder={`Injected fault: ${status}`} />
            </Field>
          </>
        )}
        {type === "latency" && (
          <Field label="Delay (ms, up to 60000)">
            <input type="number" min={0} max={60000} value={ms} onInput={(e) => setMs(e.currentTarget.value)} required />
          </Field>
        )}
        {type === "throttle" && (
          <Field label="Retry-After (seconds)">
            <input type="number" min={0} value={retryAfter} onInput={(e) => setRetryAfter(e.currentTarget.value)} required />
          </Field>
        )}
        <Field label="Only the next N calls (optional)">
          <input type="number" min={1} value={times} onInput={(e) => setTimes(e.currentTarget.value)} size={6} />
        </Field>
      </div>
      <ErrorNote error={error} />
      <button type="submit" disabled={busy}>
        Add the fault
      </button>
    </form>
  );
}

export function FaultsView({ tenant }: ViewProps) {
  const { data, error, loading, reload } = useLoad(() => control<FaultRule[]>("GET", "faults"), []);
  const action = useAction();
  const act = (what: () => Promise<unknown>, message: string) => action.run(what, message);

  return (
    <Page
      title="Faults"
      actions={
        <>
        <button type="button" class="secondary" onClick={reload}>
          Refresh the counts
        </button>
        <button type="button" class="danger" disabled={!data || data.length === 0} onClick={() => act(() => control("DELETE", "faults"), "Every fault rule was removed.")}>
          Remove all faults
        </button>
        </>
      }
    >
      <ApiCall method="GET" path="/_emulator/faults" />
      <p class="muted">
        A rule applies to every call to the emulated API that matches it, the console's own included (its tenant views show the injected errors too). The
        control plane is never affected.
      </p>
      <Outcome action={action} />
      <ErrorNote error={error} />
      {loading && !data && <p class="loading">Loading…</p>}
      {data && (
        <Table<FaultRule>
          caption="Fault rules, in the order they are tried"
          rowKey={(r) => r.id}
          rows={data}
          empty="No fault rules: the API answers normally."
          columns={[
            { label: "#", numeric: true, render: (r) => r.id },
            { label: "Method", render: (r) => r.method ?? <span class="muted">any</span> },
            { label: "Path", render: (r) => <code>{r.path}</code> },
            { label: "Tenant", render: (r) => (r.tenantUid ? (r.tenantUid === tenant.tenantUid ? "this tenant" : <code>{r.tenantUid}</code>) : <span class="muted">any</span>) },
            { label: "Action", render: (r) => describeAction(r.action) },
            { label: "When", render: (r) => when(r) },
            { label: "Matched", numeric: true, render: (r) => r.matched },
            { label: "Fired", numeric: true, render: (r) => r.fired },
            {
              label: "Actions",
              render: (r) => (
                <button type="button" class="secondary" aria-label={`Remove fault ${r.id} (${r.path})`} onClick={() => act(() => control("DELETE", `faults/${r.id}`), `Fault ${r.id} was removed.`)}>
                  Remove
                </button>
              ),
            },
          ]}
        />
      )}
      <AddFault tenantUid={tenant.tenantUid} tenantName={tenant.name} onAdded={(r) => action.report({ error: null, done: `Fault ${r.id} added: ${r.method ?? "any method"} ${r.path}, ${describeAction(r.action)}.` })} />
    </Page>
  );
}
