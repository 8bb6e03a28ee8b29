// The console's small building blocks: tables, pagers, notices, the API call a view shows, JSON.
import type { ComponentChildren } from "preact";

export interface Column<T> {
  label: string;
  render: (row: T) => ComponentChildren;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

export function Table<T>(props: { caption: string; columns: Column<T>[]; rows: T[]; empty?: string; rowKey: (row: T) => string | number; selectable?: { selected: Set<string>; toggle: (key: string) => void; toggleAll: () => void } }) {
  const { columns, rows, selectable } = props;
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" class="check">
                <input type="checkbox" aria-label="Select all on this page" checked={rows.length > 0 && rows.every((r) => selectable.selected.has(String(props.rowKey(r))))} onChange={selectable.toggleAll} />
              </th>
            )}
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length + (selectable ? 1 : 0)} class="empty">
                {props.empty ?? "Nothing here."}
              </td>
            </tr>
          )}
          {rows.map((row) => {
            const key = String(props.rowKey(row));
            return (
              <tr key={key}>
                {selectable && (
                  <td class="check">
                    <input type="checkbox" aria-label={`Select ${key}`} checked={selectable.selected.has(key)} onChange={() => selectable.toggle(key)} />
                  </td>
                )}
                {columns.map((c) => (
                  <td class={c.numeric ? "num" : undefined}>{c.render(row)}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Page links: `hrefOf(n)` for page n (1-based). */
export function Pager(props: { page: number; pageSize: number; total: number; hrefOf: (page: number) => string }) {
  const { page, pageSize, total } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav class="pager" aria-label="Pages">
      <span>
        {first.toLocaleString("en-US")}–{last.toLocaleString("en-US")} of {total.toLocaleString("en-US")}
      </span>
      {page > 1 ? <a href={props.hrefOf(page - 1)}>‹ Previous</a> : <span class="disabled">‹ Previous</span>}
      <span>
        Page {page} of {pages.toLocaleString("en-US")}
      </span>
      {page < pages ? <a href={props.hrefOf(page + 1)}>Next ›</a> : <span class="disabled">Next ›</span>}
    </nav>
  );
}

const PAGE_SIZES = [25, 50, 100];

/** The page size the route's `size` asks for, when it is one the console offers. */
export const pageSizeOf = (params: URLSearchParams, fallback: number): number => (PAGE_SIZES.includes(Number(params.get("size"))) ? Number(params.get("size")) : fallback);

export function PageSizeField(props: { size: number; onChange: (size: string) => void }) {
  return (
    <Field label="Per page">
      <select value={String(props.size)} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {PAGE_SIZES.map((n) => (
          <option value={String(n)}>{n}</option>
        ))}
      </select>
    </Field>
  );
}

export function ErrorNote(props: { error: string | null | undefined }) {
  return props.error ? (
    <p class="error" role="alert">
      {props.error}
    </p>
  ) : null;
}

export function Notice(props: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {props.children}
    </p>
  );
}

/** The API call behind a view, so a person can see (and repeat) it. */
export function ApiCall(props: { method: string; path: string; note?: string }) {
  return (
    <p class="api-call">
      <span class="label">API:</span> <code>
        {props.method} {props.path}
      </code>
      {props.note && <span class="muted"> {props.note}</span>}
    </p>
  );
}

export function Json(props: { value: unknown }) {
  return <pre class="json">{typeof props.value === "string" ? props.value : JSON.stringify(props.value, null, 2)}</pre>;
}

export function Page(props: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title">{props.title}</h1>
        {props.actions && <div class="actions">{props.actions}</div>}
      </header>
      {props.children}
    </section>
  );
}

export function Field(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

/** Key–value pairs of a record. */
export function Facts(props: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {props.items.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === "" ? <span class="muted">—</span> : v}</dd>
        </>
      ))}
    </dl>
  );
}

export const bytes = (n: number | null | undefined): string => {
  if (n === null || n === undefined) return "—";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
};

export const when = (iso: string | null | undefined): string => (iso ? iso.replace("T", " ").replace(/\.\d+Z$|Z$/, " UTC") : "—");

