// The v1 (flat) event's fields that no single v2 field holds as it is: each is written once, as rules over the stored
// v2 event, and read two ways from them: `present` computes the v1 value of an event (what a v1 search answers) and
// `source` is the same value as SQL over file_events fe (what a v1 query filters, sorts and groups on), so what a v1
// search shows is what it finds. The rules compare v2 values exactly (binary) on both sides. The derivations are the
// notes' choices (Code42 publishes no v1 <-> v2 table): eventType from event.action (py42 v1 EventType, the SDK's
// EventAction comments); exposure from the action, the share types and trust (py42 v1 ExposureType); the v1 flags
// from risk indicators; syncDestination from destination.name's display names (py42 v1 SyncDestination).
// The SQL is written for a dialect (v1Derived): on PostgreSQL a rule is a boolean, 1 or 0 only where it is a value.
import { sql, type RawBuilder } from "kysely";
import type { DialectKind } from "../../db/dialect.js";
import { anyValue, never, termSource, type TermSource } from "./query.js";
import { termValues, type TermType } from "./terms.js";

type Sql = RawBuilder<unknown>;
type Event = Record<string, unknown>;

/** A condition on a stored event, as a test of the event and as SQL (0 or 1 on SQLite, a boolean on PostgreSQL; never null). */
interface Rule {
  test: (e: Event) => boolean;
  sql: Sql;
}

export interface DerivedTerm<V = unknown> {
  type: TermType;
  present: (e: Event) => V;
  source: TermSource;
}

const v2 = (term: string, d: DialectKind): TermSource => termSource(term, d)!;
const scalar = (term: string, d: DialectKind): Sql => {
  const src = v2(term, d);
  if (src.from !== null || src.value === null) throw new Error(`${term} is not a scalar term`);
  return src.value;
};
const param = (v: string | boolean): Sql => (typeof v === "boolean" ? sql`${Number(v)}` : sql`${v}`);
/** A text value standing alone (PostgreSQL cannot tell the type of a bare parameter in `$1 is not null`). */
const textValue = (d: DialectKind, v: string): Sql => (d === "postgres" ? sql`${v}::text` : sql`${v}`);
// Text compared exactly: `x || ''` has no collation, so it compares binary without a COLLATE, which SQLite would make
// the collation of an enclosing CASE's result (and so of a v1 value the query then compares without case).
const exact = (x: Sql): Sql => sql`(${x} || '')`;

/** Some value of the v2 term is one of `values` (booleans as the stored 0/1). */
function is(d: DialectKind, term: string, ...values: (string | boolean)[]): Rule {
  const text = values.some((v) => typeof v === "string");
  return {
    test: (e) => termValues(e, term).some((v) => values.includes(v as string | boolean)),
    sql: sql`coalesce(${anyValue(v2(term, d), (x) => sql`${text ? exact(x) : x} in (${sql.join(values.map(param))})`, d)}, ${never(d)})`,
  };
}

/** Some value of the v2 term starts with `prefix`. */
function startsWith(d: DialectKind, term: string, prefix: string): Rule {
  return {
    test: (e) => termValues(e, term).some((v) => typeof v === "string" && v.startsWith(prefix)),
    sql: sql`coalesce(${anyValue(v2(term, d), (x) => sql`substr(${exact(x)}, 1, ${prefix.length}) = ${prefix}`, d)}, ${never(d)})`,
  };
}

/** The v2 term has a value (a list: an element). */
function nonEmpty(d: DialectKind, term: string): Rule {
  return { test: (e) => termValues(e, term).length > 0, sql: sql`coalesce(${anyValue(v2(term, d), (x) => sql`${x} is not null`, d)}, ${never(d)})` };
}

const not = (r: Rule): Rule => ({ test: (e) => !r.test(e), sql: sql`(not ${r.sql})` });
const or = (...rs: Rule[]): Rule => ({ test: (e) => rs.some((r) => r.test(e)), sql: sql`(${sql.join(rs.map((r) => r.sql), sql` or `)})` });
const and = (a: Rule, b: Rule): Rule => ({ test: (e) => a.test(e) && b.test(e), sql: sql`(${a.sql} and ${b.sql})` });
const indicator = (d: DialectKind, name: string): Rule => is(d, "risk.indicators.name", name);

/**
 * A scalar looked up in `table` from a v2 scalar term's value; a value the table lacks gives `otherwise`, or itself
 * when `otherwise` is null. With `only`, null for the events it does not hold for.
 */
function mapped(d: DialectKind, term: string, table: ReadonlyMap<string, string>, otherwise: string | null, only?: Rule): DerivedTerm<string | null> {
  const x = scalar(term, d);
  const cases = [...table].map(([from, to]) => sql`when ${exact(x)} = ${from} then ${to}`);
  const lookup = sql`(case ${sql.join(cases, sql` `)} else ${otherwise === null ? x : sql`${otherwise}`} end)`;
  return {
    type: "string",
    present: (e) => {
      if (only && !only.test(e)) return null;
      const v = termValues(e, term)[0];
      const s = v === undefined ? null : String(v);
      return (s !== null ? table.get(s) : undefined) ?? (otherwise ?? s);
    },
    source: { type: "string", from: null, value: only ? sql`(case when ${only.sql} then ${lookup} end)` : lookup },
  };
}

/** The list of each value whose rule holds, in the rules' order. */
function listed(d: DialectKind, rules: readonly (readonly [string, Rule])[]): DerivedTerm<string[]> {
  // Sorting and grouping read the list built (a value whose rule fails is a null element, which no operator, sort or
  // group sees); filters test each value's rule instead.
  const items = rules.map(([value, r]) => sql`case when ${r.sql} then ${value} end`);
  return {
    type: "string",
    present: (e) => rules.filter(([, r]) => r.test(e)).map(([value]) => value),
    source: {
      type: "string",
      from: d === "postgres" ? sql`unnest(array[${sql.join(items)}]::text[]) as d(value)` : sql`json_each(json_array(${sql.join(items)})) d`,
      value: sql`d.value`,
      // Values of one rule are tested together, so its condition is read once.
      choices: [...new Set(rules.map(([, r]) => r))].map((r) => ({ values: rules.filter(([, x]) => x === r).map(([value]) => textValue(d, value)), when: r.sql })),
    },
  };
}

/** A v2 list term's values, for the events a rule holds for ([] for the others). */
function listWhen(d: DialectKind, term: string, only: Rule): DerivedTerm<string[]> {
  const src = v2(term, d);
  return {
    type: src.type,
    present: (e) => (only.test(e) ? termValues(e, term).map(String) : []),
    source: { ...src, value: sql`(case when ${only.sql} then ${src.value} end)` },
  };
}

/** A rule's outcome as a boolean term's value: 1 or 0, as json_extract reads a JSON boolean. */
const flag = (d: DialectKind, r: Rule): DerivedTerm<boolean> => ({ type: "boolean", present: r.test, source: { type: "boolean", from: null, value: d === "postgres" ? sql`(${r.sql})::int` : r.sql } });

/** A rule's outcome as the v1 strings "TRUE" and "FALSE". */
const flagText = (r: Rule): DerivedTerm<"TRUE" | "FALSE"> => ({
  type: "string",
  present: (e) => (r.test(e) ? "TRUE" : "FALSE"),
  source: { type: "string", from: null, value: sql`(case when ${r.sql} then 'TRUE' else 'FALSE' end)` },
});

/** The same value for every event (null: never present). */
const constant = <V extends string | null>(d: DialectKind, value: V): DerivedTerm<V> => ({
  type: "string",
  present: () => value,
  source: { type: "string", from: null, value: value === null ? null : textValue(d, value) },
});

/** v2 event.action -> v1 eventType; an action not listed is UNSUPPORTED. */
const EVENT_TYPES = new Map([
  ["file-created", "CREATED"],
  ["file-modified", "MODIFIED"],
  ["file-deleted", "DELETED"],
  ["application-read", "READ_BY_APP"],
  ["file-emailed", "EMAILED"],
  ["file-printed", "PRINTED"],
  ["file-downloaded", "DOWNLOADED"],
  ["removable-media-created", "CREATED"],
  ["removable-media-modified", "MODIFIED"],
  ["removable-media-deleted", "DELETED"],
  ["sync-app-created", "CREATED"],
  ["sync-app-modified", "MODIFIED"],
  ["sync-app-deleted", "DELETED"],
  ["file-shared", "MODIFIED"],
]);

/** v2 destination.name (the app's display name) -> v1 syncDestination; other names are kept as they are. */
const SYNC_DESTINATIONS = new Map([
  ["iCloud", "ICloud"],
  ["Box", "Box"],
  ["Box Drive", "BoxDrive"],
  ["Google Drive", "GoogleDrive"],
  ["Google Backup and Sync", "GoogleBackupAndSync"],
  ["Dropbox", "Dropbox"],
  ["OneDrive", "OneDrive"],
]);

/** The v1 terms derived, their SQL for a dialect. */
function derived(d: DialectKind) {
  const removable = startsWith(d, "event.action", "removable-media-");
  const synced = startsWith(d, "event.action", "sync-app-");
  const appRead = is(d, "event.action", "application-read");
  const publicLink = is(d, "event.shareType", "Anyone with the link");

  /** What a share added: v1 sharingTypeAdded, and the share part of exposure. */
  const SHARES = [
    ["SharedViaLink", publicLink],
    ["IsPublic", publicLink],
    ["SharedToDomain", is(d, "event.shareType", "Anyone in your organization")],
    // Trust first: a column, read before the event's JSON.
    ["OutsideTrustedDomains", and(not(is(d, "risk.trusted", true)), is(d, "event.shareType", "Shared with specific people"))],
  ] as const;

  /**
   * Every event with an exposure, and some shared with specific people that trust leaves without one: taken in, an
   * event that passes is marked (file_events.exposure), which is what the legacy lists count, and what every exposure
   * filter starts from (the column's partial index), as trust can change after an event is taken in.
   */
  const mayBeExposure = or(removable, synced, appRead, nonEmpty(d, "event.shareType"));

  /** A listed term whose filters hold only for events the column marks. */
  const markedOnly = (term: DerivedTerm<string[]>): DerivedTerm<string[]> => ({
    ...term,
    source: { ...term.source, choices: term.source.choices!.map((c) => ({ ...c, when: sql`(fe.exposure = 1 and ${c.when})` })) },
  });

  const terms = {
    eventType: mapped(d, "event.action", EVENT_TYPES, "UNSUPPORTED"),
    exposure: markedOnly(listed(d, [["RemovableMedia", removable], ["CloudStorage", synced], ["ApplicationRead", appRead], ...SHARES])),
    sharingTypeAdded: listed(d, SHARES),
    shared: flagText(nonEmpty(d, "event.shareType")),
    syncDestination: mapped(d, "destination.name", SYNC_DESTINATIONS, null, synced),
    syncDestinationUsername: listWhen(d, "destination.user.email", synced),
    outsideActiveHours: flag(d, indicator(d, "Off hours")),
    mimeTypeMismatch: flag(d, indicator(d, "File mismatch")),
    remoteActivity: flagText(indicator(d, "Remote")),
    // Code42: "only FILE types are searchable".
    fileType: constant(d, "FILE"),
    // Code42: "No longer in use. Deprecated September 2021": never present.
    emailDlpPolicyNames: constant(d, null),
  } satisfies Record<string, DerivedTerm>;
  return { mayBeExposure, terms };
}

const SQLITE = derived("sqlite");
let postgres: ReturnType<typeof derived> | undefined;

/** The derived v1 terms with their SQL for the dialect (PostgreSQL's written when first asked for). */
export function v1Derived(d: DialectKind): typeof SQLITE.terms {
  return d === "postgres" ? (postgres ??= derived("postgres")).terms : SQLITE.terms;
}

/** The derived v1 terms (SQLite's SQL; what an event presents is the same for both). */
export const V1_DERIVED = SQLITE.terms;

export const mayBeExposure = (e: Event): boolean => SQLITE.mayBeExposure.test(e);
