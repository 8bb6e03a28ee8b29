// Rows for every table a database has, made from its live schema (SQLite's pragmas, PostgreSQL's catalogue): each
// table in foreign-key order gets one row, its foreign keys taking the key of the row just written to the table they
// name. Used to prove each migration on rows written by the schema before it (test/db/migrations-both.test.ts).
import type { MigratedDatabase } from "./migrations.js";

type Row = Record<string, unknown>;

interface Column {
  name: string;
  kind: "integer" | "text" | "bytes";
  /** Numbered by the engine (SQLite's integer primary key, PostgreSQL's identity) or computed (generated columns). */
  skip: boolean;
}

interface ForeignKey {
  columns: string[];
  table: string;
  references: string[];
}

export interface Table {
  name: string;
  columns: Column[];
  foreignKeys: ForeignKey[];
}

/** The data tables (not Kysely's own), with their columns and foreign keys. */
export async function tablesOf(d: MigratedDatabase): Promise<Table[]> {
  // Not the schema's bookkeeping, nor the cluster's own state (emulator_*: PostgreSQL only, one state row among them).
  const names = (await d.objects()).tables.filter((t) => !t.startsWith("kysely_") && !t.startsWith("emulator_"));
  const tables: Table[] = [];
  for (const name of names) {
    if (d.engine === "sqlite") {
      const info = await d.raw.all<{ name: string; type: string; pk: number; hidden: number }>(`select * from pragma_table_xinfo(?)`, name);
      const pks = info.filter((c) => c.pk > 0);
      const columns = info.map((c) => ({
        name: c.name,
        kind: kindOf(c.type),
        skip: c.hidden === 2 || c.hidden === 3 || (pks.length === 1 && c.pk === 1 && c.type.toLowerCase() === "integer"),
      }));
      const fks = await d.raw.all<{ id: number; seq: number; table: string; from: string; to: string }>(`select * from pragma_foreign_key_list(?) order by id, seq`, name);
      const foreignKeys = new Map<number, ForeignKey>();
      for (const f of fks) {
        const fk = foreignKeys.get(f.id) ?? { columns: [], table: f.table, references: [] };
        fk.columns.push(f.from);
        fk.references.push(f.to);
        foreignKeys.set(f.id, fk);
      }
      tables.push({ name, columns, foreignKeys: [...foreignKeys.values()] });
    } else {
      const info = await d.raw.all<{ column_name: string; data_type: string; udt_name: string; is_identity: string; is_generated: string }>(
        `select column_name, data_type, udt_name, is_identity, is_generated from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position`,
        name,
      );
      const columns = info.map((c) => ({ name: c.column_name, kind: kindOf(c.udt_name), skip: c.is_identity === "YES" || c.is_generated === "ALWAYS" }));
      const foreignKeys = await d.raw.all<ForeignKey>(
        `select confrelid::regclass::text as "table",
           array(select a.attname::text from unnest(conkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = conrelid and a.attnum = k.n order by k.i) as columns,
           array(select a.attname::text from unnest(confkey) with ordinality k (n, i) join pg_attribute a on a.attrelid = confrelid and a.attnum = k.n order by k.i) as "references"
         from pg_constraint where contype = 'f' and conrelid = ?::regclass order by conname`,
        name,
      );
      tables.push({ name, columns, foreignKeys });
    }
  }
  return inForeignKeyOrder(tables);
}

function kindOf(type: string): Column["kind"] {
  const t = type.toLowerCase();
  if (t.includes("int")) return "integer";
  if (t === "blob" || t === "bytea") return "bytes";
  return "text";
}

function inForeignKeyOrder(tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const ordered: Table[] = [];
  const visit = (t: Table) => {
    if (done.has(t.name)) return;
    done.add(t.name);
    for (const fk of t.foreignKeys) if (fk.table !== t.name && byName.has(fk.table)) visit(byName.get(fk.table)!);
    ordered.push(t);
  };
  for (const t of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(t);
  return ordered;
}

// Values the schema holds to a few (check constraints, one watchlist per type) or reads as JSON in data migrations.
const RISK_FACTOR = "FLIGHT_RISK";
const given: Record<string, (n: number) => unknown> = {
  "detection_list_entries.list": (n) => (n % 2 ? "DEPARTING_EMPLOYEE" : "HIGH_RISK_EMPLOYEE"),
  "detection_list_settings.list": () => "HIGH_RISK_EMPLOYEE",
  "scim_providers.auth_type": () => "BEARER",
  "saved_searches.api_version": () => 2,
  "saved_searches.group_clause": () => "AND",
  "saved_searches.srt_dir": () => "desc",
  // A risk factor's watchlist, so the risk-factor triggers (0014) have work.
  "watchlists.list_type": () => RISK_FACTOR,
  "detection_profiles.risk_factors": () => JSON.stringify([RISK_FACTOR, "CONTRACT_EMPLOYEE"]),
  "account_links.kind": () => "INVITATION",
  // The lists a session keeps (0036, 0039), as those migrations write them, so the migrations that rewrite or read them
  // (0038, 0039, 0042) have work.
  "sessions.triggered_alerts": (n) => JSON.stringify([{ alertId: `alert-${n}`, ruleId: `rule-${n}`, ruleName: `Rule ${n}` }]),
  "sessions.state_history": (n) => JSON.stringify([{ state: "OPEN", sourceTimestamp: n, userId: null }]),
  "sessions.notes": (n) => JSON.stringify([{ id: `note-${n}`, content: `note ${n}`, sourceTimestamp: n, userId: `user-${n}` }]),
  "sessions.alert_rule_names": (n) => JSON.stringify([`Rule ${n}`]),
};
// Tables only triggers write (the counts of the lists' entries): their rows come with the entries'.
const TRIGGER_WRITTEN = new Set(["detection_list_counts", "watchlist_user_counts"]);
const JSON_TEXT: Record<string, string> = {
  roles: "[]",
  cloud_usernames: "[]",
  scim: "{}",
  details: "{}",
  action_groups: "[]",
  columns: "[]",
  groups: "[]",
  criteria: "{}",
  watchlists: "[]",
  files: "[]",
  value: '"v"',
  sums: "{}",
  risk_indicators: "[]",
};
const TIME = /(^|_)(at|date|ts|time|inserted|observed|updated|backup|login|connected|step)$|_at$|date$/;

function instant(n: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
}

/**
 * Writes one row to each table, in foreign-key order, for round `round` (each round a tenant of its own, so keys
 * never clash). A column not named by a foreign key takes the value an earlier table of the round gave a column of
 * the same name (a user's uid, an event's id), so rows refer to each other as the app writes them.
 */
export async function writeRound(d: MigratedDatabase, tables: Table[], round: number): Promise<Record<string, Row>> {
  const written: Record<string, Row> = {};
  const seen = new Map<string, unknown>();
  let n = round * 1000;
  for (const t of tables) {
    if (TRIGGER_WRITTEN.has(t.name)) continue;
    const row: Row = {};
    for (const fk of t.foreignKeys) {
      const target = fk.table === t.name ? undefined : written[fk.table];
      fk.columns.forEach((c, i) => (row[c] = target ? target[fk.references[i]!] : null));
    }
    for (const c of t.columns) {
      if (c.skip || c.name in row) continue;
      n++;
      const key = `${t.name}.${c.name}`;
      if (given[key]) row[c.name] = given[key](n);
      else if (c.name === "event_json") row[c.name] = eventJson(round, n, seen);
      else if (seen.has(c.name) && typeof seen.get(c.name) === (c.kind === "integer" ? "number" : "string")) row[c.name] = seen.get(c.name);
      else if (c.kind === "integer") row[c.name] = n;
      else if (c.kind === "bytes") row[c.name] = Buffer.from(`bytes ${n}`);
      else if (c.name in JSON_TEXT) row[c.name] = JSON_TEXT[c.name];
      else if (TIME.test(c.name)) row[c.name] = instant(n);
      else row[c.name] = `${c.name}-${round}-${n}`;
    }
    const names = Object.keys(row);
    const [stored] = await d.raw.all(
      `insert into ${t.name} (${names.map((c) => `"${c}"`).join(", ")}) values (${names.map(() => "?").join(", ")}) returning *`,
      ...Object.values(row),
    );
    written[t.name] = stored!;
    for (const [k, v] of Object.entries(stored!)) if (!seen.has(k) && v !== null && k !== "rowid") seen.set(k, v);
  }
  return written;
}

function eventJson(round: number, n: number, seen: Map<string, unknown>): string {
  return JSON.stringify({
    "@timestamp": instant(n),
    event: { id: `event-${round}-${n}`, action: "removable-media-created", inserted: instant(n) },
    user: { email: seen.get("username") ?? null, id: seen.get("user_uid") ?? null },
    file: { name: "a.txt", sizeInBytes: 10 * n },
    destination: { category: "Removable Media" },
    risk: { score: 0, trusted: false, indicators: [] },
  });
}

/** How many rows each data table holds. */
export async function countRows(d: MigratedDatabase, tables: Table[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t.name] = Number((await d.raw.all<{ n: number }>(`select count(*) as n from ${t.name}`))[0]!.n);
  return counts;
}
