// Snapshots of the whole emulator state (every tenant): take one, restore it, delete it (/_emulator/snapshots).
import { Outcome, useAction } from "../components/action";
import { useState } from "preact/hooks";
import { control } from "../api";
import { useLoad } from "../components/load";
import { ApiCall, ErrorNote, Field, Page, Table, when } from "../components/ui";
import type { ViewProps } from "./props";

interface Snapshot {
  name: string;
  savedAt: string;
}

const MAX_SNAPSHOTS = 32;

export function SnapshotsView(_props: ViewProps) {
  const { data, error, loading } = useLoad(() => control<Snapshot[]>("GET", "snapshots"), []);
  const [name, setName] = useState("");
  const action = useAction();
  const { busy } = action;
  const act = (what: () => Promise<unknown>, message: string) => action.run(what, message);
  const enc = encodeURIComponent;

  return (
    <Page title="Snapshots">
      <ApiCall method="GET" path="/_emulator/snapshots" />
      <p class="muted">
        A snapshot holds the whole state: every tenant, user, device, event and outbox email. Restoring one puts all of it back as it was (the clock, faults,
        journal and coverage are not part of it). At most {MAX_SNAPSHOTS} are kept.
      </p>
      <Outcome action={action} />
      <form
        class="toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          const n = name.trim();
          const replaced = data?.some((s) => s.name === n);
          if (await act(() => control("POST", "snapshots", { body: { name: n } }), replaced ? `Snapshot “${n}” was taken again (the older one is replaced).` : `Snapshot “${n}” was taken.`)) setName("");
        }}
      >
        <Field label="Snapshot name">
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={100} placeholder="before-import" />
        </Field>
        <button type="submit" disabled={busy}>
          Take a snapshot
        </button>
        <ApiCall method="POST" path="/_emulator/snapshots" note='body {"name": …}' />
      </form>
      <ErrorNote error={error} />
      {loading && !data && <p class="loading">Loading…</p>}
      {data && (
        <Table<Snapshot>
          caption="Saved snapshots"
          rowKey={(s) => s.name}
          rows={data}
          empty="No snapshots yet."
          columns={[
            { label: "Name", render: (s) => <strong>{s.name}</strong> },
            { label: "Saved at (emulated clock)", render: (s) => when(s.savedAt) },
            {
              label: "Actions",
              render: (s) => (
                <span class="row-actions">
                  <button type="button" disabled={busy} aria-label={`Restore ${s.name}`} onClick={() => act(() => control("POST", `snapshots/${enc(s.name)}/restore`), `The state of snapshot “${s.name}” was restored.`)}>
                    Restore
                  </button>
                  <button type="button" class="secondary" disabled={busy} aria-label={`Delete ${s.name}`} onClick={() => act(() => control("DELETE", `snapshots/${enc(s.name)}`), `Snapshot “${s.name}” was deleted.`)}>
                    Delete
                  </button>
                </span>
              ),
            },
          ]}
        />
      )}
      <p class="api-call">
        Restore: <code>POST /_emulator/snapshots/{"{name}"}/restore</code> · delete: <code>DELETE /_emulator/snapshots/{"{name}"}</code>
      </p>
    </Page>
  );
}
