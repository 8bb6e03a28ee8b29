// File events: taken in (the control plane, fixtures) in the v2 shape, searched in Code42's query language with
// v2 or v1 term names. Pages go by number (pgNum/pgSize, the first 10,000 events) or by token: a token is the event
// id of the previous page's last event, so it is stateless and stays valid (the incydr CLI and code42cli store it as a
// checkpoint); the next page starts strictly after that event in the query's order, with event.id breaking ties.
import { sql, type Kysely, type RawBuilder } from "kysely";
import type BetterSqlite3 from "better-sqlite3";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import { deferIndexes } from "../../db/deferred-indexes.js";
import { deferInsertNotes } from "../../db/unnoted-writes.js";
import { dialectOf, isPostgres, type DialectKind } from "../../db/dialect.js";
import { sqliteOf, type ChangeCounter } from "../../db/open.js";
import type { Database } from "../../db/schema.js";
import type { IdGenerator } from "../../ids.js";
import { DomainError } from "../errors.js";
import { CUSTOMER_CLOUD_ADMIN } from "../roles/catalogue.js";
import { always, compileQuery, instant, sortValue, termSource, type FileEventQuery, type QueryProblem, type TermSource } from "./query.js";
import { listRiskIndicatorCategories, riskIndicatorCategory, type RiskIndicatorCategory, type RiskIndicatorSubcategory } from "./risk-indicators.js";
import { objectIn, sparseEvent } from "./shape.js";
import { AlertFiring } from "../alerts/firing.js";
import { enabledRules } from "../alertrules/store.js";
import { FileContentStore } from "./content-store.js";
import { suppliedContent, xfcContentIdOf, type SuppliedContent } from "./contents.js";
import { deferExposureTotals } from "./deferred-totals.js";
import { ingestGenerated, type GenerateRequest, type Generated } from "./generate.js";
import { brokeKey, FILE_EVENT_KEY, FileEventStore, rowOf, UsersNamed } from "./store.js";
import { markTrust, trustOf, type TrustList } from "./trust.js";
import { FileEventTrustStore } from "./trust-store.js";
import { V1_TERM_NAMES, v1TermSource } from "./v1-terms.js";
import { V2_TERMS } from "./terms.js";

type Sql = RawBuilder<unknown>;
type Event = Record<string, unknown>;

export type TermVersion = "v1" | "v2";

/** The roles that may read file events (Code42's security roles; the admin holds them all). */
const READERS = [CUSTOMER_CLOUD_ADMIN, "security-center-user"];
const MAX_PAGE_SIZE = 10_000;
/** From this many generated events on, the table's indexes are built after the load (see generate). */
const BULK_EVENTS = 20_000;
/** Paging by number reaches this many events; beyond it only a token pages (Code42's 2022 document). */
const NUMBERED_PAGE_LIMIT = 10_000;

export interface SearchInput {
  query: FileEventQuery;
  pgNum?: number | null;
  pgSize?: number | null;
  pgToken?: string | null;
  srtKey?: string | null;
  srtDir?: "asc" | "desc" | null;
}

export interface SearchResult {
  /**
   * The complete v2 events as JSON text, whatever the version of the terms: a v2 page answers them as they are, and
   * only a reader that needs an event's values parses it.
   */
  events: string[];
  nextPgToken: string | null;
  totalCount: number;
  /** Non-empty when the query was refused: then nothing else is set. */
  problems: QueryProblem[];
}

export interface GroupResult {
  groups: { value: string; docCount: number }[];
  problems: QueryProblem[];
}

export interface ExportResult {
  /** Every matching event in the query's order, complete v2 events. */
  events: Event[];
  /** The terms to answer, in order: those asked for, or every term of the version. */
  columns: string[];
  problems: QueryProblem[];
}

/** What the control plane or a fixture hands in (events, saved searches) refused, with the status its kind gives. */
export class FileEventIntakeError extends Error {
  constructor(
    readonly kind: "invalid" | "conflict" | "notFound",
    message: string,
  ) {
    super(message);
  }
}

/** Where the values of a term of the version come from, as SQL of the dialect (searches and saved searches read terms so). */
export const resolver =
  (version: TermVersion, d: DialectKind): ((term: string) => TermSource | undefined) =>
  (term) =>
    version === "v2" ? termSource(term, d) : v1TermSource(term, d);

/** The caller's tenant, once the caller holds a role that reads file events (and what is made of them: `what`). */
export function fileEventReader(caller: Principal, what = "file events"): string {
  if (!READERS.some((r) => caller.roles.has(r))) throw new DomainError("FORBIDDEN", `A security role (Customer Cloud Admin, Security Center User) is required for ${what}`);
  return caller.tenantUid;
}

/** Refuses an event whose id its tenant holds already, or (`twice`) one this intake stored before it. */
const conflictOver = (eventId: string, twice: boolean) =>
  new FileEventIntakeError("conflict", twice ? `Event ${eventId} is given twice` : `The tenant holds event ${eventId} already`);

const severityOf = (score: number): string => (score <= 0 ? "NO_RISK_INDICATED" : score <= 3 ? "LOW" : score <= 6 ? "MODERATE" : score <= 9 ? "HIGH" : "CRITICAL");

export class FileEventService {
  private readonly store: FileEventStore;
  private readonly trust: FileEventTrustStore;

  /**
   * @param connection the connection under `db`, which events are written through (see FileEventStore.insert): found
   * from `db` unless that is a transaction, whose caller passes the connection it holds.
   */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes?: ChangeCounter,
    private readonly connection: BetterSqlite3.Database | undefined = isPostgres(db) ? undefined : sqliteOf(db),
  ) {
    this.store = new FileEventStore(db, changes, connection);
    this.trust = new FileEventTrustStore(db);
  }

  private authorize(caller: Principal): string {
    return fileEventReader(caller);
  }

  /**
   * Stores v2-shaped events for a tenant, as sparseEvent keeps them (pages are answered complete): a missing event.id
   * a new one, a missing @timestamp the clock's now (event.ingested and event.inserted too), a missing risk.severity
   * the one its score gives. All or none: a bad event or an id the tenant holds refuses the lot. Answers the events'
   * ids in order. An event may carry its file's bytes beside the v2 keys (`content`, contents.ts), kept for /v1/files.
   */
  async ingest(tenantUid: string, given: Iterable<unknown>, judge = true): Promise<string[]> {
    const ids: string[] = [];
    await this.take(tenantUid, given, (id) => ids.push(id), judge);
    return ids;
  }

  /**
   * Ingest, an event at a time (each is stored before the next is made or read, so a load of any size holds one),
   * telling `keep` each stored event's id. All or none through the transaction: the caller's, else one of its own.
   * The tenant's enabled alert rules judge each event unless `judge` is false (a fixture that gives its alerts).
   */
  async take(tenantUid: string, given: Iterable<unknown>, keep: (eventId: string) => void, judge = true): Promise<void> {
    if (!(await this.store.tenantExists(tenantUid))) throw new FileEventIntakeError("notFound", `Tenant ${tenantUid} not found`);
    const now = this.clock.isoNow();
    const trust = await this.trust.list(tenantUid);
    const supplied: SuppliedContent[] = [];
    const xfc: { xfcContentId: string; eventId: string }[] = [];
    const write = async (db: Kysely<Database>) => {
      const store = new FileEventStore(db, undefined, this.connection);
      const users = new UsersNamed(store, tenantUid);
      const before = await store.lastRowid();
      const conflict = async (row: { event_id: string }) => conflictOver(row.event_id, await store.storedSince(tenantUid, row.event_id, before));
      // The tenant's enabled alert rules judge each event stored (none: this one query for the batch).
      const firing = judge ? await AlertFiring.open(db, tenantUid, this.clock, this.ids) : null;
      const writer = store.writer();
      let i = 0;
      for (const raw of given) {
        const { e, ts, inserted } = this.prepare(raw, i++, now, trust, supplied, xfc);
        const row = rowOf(tenantUid, e, ts, inserted, await users.of(e.user));
        const refused = await writer.add(row);
        if (refused) throw await conflict(refused);
        if (firing) await firing.judge(e, row.user_uid);
        keep(row.event_id);
      }
      const refused = await writer.end();
      if (refused) throw await conflict(refused);
      await firing?.flush();
      // The events and their files together or not at all.
      if (supplied.length || xfc.length) await new FileContentStore(db).insert(tenantUid, supplied, xfc);
    };
    await (this.db.isTransaction ? write(this.db) : this.db.transaction().execute(write));
  }

  /** The i-th event given, as it will be stored, its file's bytes and xfc content id put aside. */
  private prepare(raw: unknown, i: number, now: string, trust: TrustList, supplied: SuppliedContent[], xfc: { xfcContentId: string; eventId: string }[]) {
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new FileEventIntakeError("invalid", `events[${i}] is not an object`);
    const e = sparseEvent(raw as Event);
    const event = objectIn(e, "event");
    const risk = objectIn(e, "risk");
    if (!event || !risk) throw new FileEventIntakeError("invalid", `events[${i}]: event and risk must be objects`);
    markTrust(risk, trustOf(e, trust));
    event.id ??= `0_${this.ids.uuid()}_${this.ids.uid()}_0_0`;
    e["@timestamp"] ??= now;
    event.ingested ??= now;
    event.inserted ??= now;
    if (typeof risk.score === "number" && risk.severity === undefined) risk.severity = severityOf(risk.score);
    if (!Object.keys(risk).length) delete e.risk;
    const ts = instant(e["@timestamp"]);
    const inserted = instant(event.inserted);
    if (typeof event.id !== "string" || event.id === "") throw new FileEventIntakeError("invalid", `events[${i}]: event.id must be a non-empty string`);
    if (ts === undefined) throw new FileEventIntakeError("invalid", `events[${i}]: @timestamp is not an ISO-8601 instant`);
    if (inserted === undefined) throw new FileEventIntakeError("invalid", `events[${i}]: event.inserted is not an ISO-8601 instant`);
    const content = suppliedContent(raw as Event, e);
    if (typeof content === "string") throw new FileEventIntakeError("invalid", `events[${i}]: ${content}`);
    if (content) supplied.push(content);
    const xfcContentId = xfcContentIdOf(e);
    if (xfcContentId !== undefined) xfc.push({ xfcContentId, eventId: event.id });
    return { e, ts, inserted };
  }

  /**
   * Generated events (generator.ts) for a user of the tenant, ingested as they are made, all or none (the caller's
   * transaction, else one of their own).
   */
  async generate(tenantUid: string, request: GenerateRequest): Promise<Generated> {
    const run = async (db: Kysely<Database>) => {
      const into = new FileEventService(db, this.clock, this.ids, undefined, this.connection);
      if (!(await into.store.tenantExists(tenantUid))) throw new FileEventIntakeError("notFound", `Tenant ${tenantUid} not found`);
      return into.bulkLoad(tenantUid, request.count, () => ingestGenerated(into, db, tenantUid, request, this.clock.now()));
    };
    return this.db.isTransaction ? run(this.db) : this.db.transaction().execute(run);
  }

  /**
   * Runs `load`, which brings about `expected` events, inside the caller's transaction: when that is at least
   * BULK_EVENTS and as many as all tenants hold (the rebuild covers every tenant's events), the table's indexes are
   * built once after it, and its exposures added to the lists' totals in one statement (deferred-totals.ts), instead
   * of both kept row by row, and its rows are not noted for the next reset one by one (it rewrites the table whole:
   * unnoted-writes.ts); the transaction's rollback puts indexes and triggers back if it fails. A load inside another
   * finds them gone already and leaves them to it.
   * The key of tenant and event id is built after the rows too, so an id held already is found then, not at its
   * place: the load is refused for the first event stored that repeats one, and an event made twice in the load (a
   * seed used again) is "given twice" even when separate requests of a fixture made them.
   */
  async bulkLoad<T>(tenantUid: string, expected: number, load: () => Promise<T>): Promise<T> {
    if (expected < BULK_EVENTS || expected < (await this.store.total())) return load();
    // On PostgreSQL a load is bound by round trips rather than index upkeep: the indexes stay.
    if (!this.connection) return load();
    const before = await this.store.lastRowid();
    // The tenant's alert rules judge each event as it is stored, and the alerts and sessions they raise are joined to
    // their events by the key: it is kept row by row then, or each of those joins would read the whole table.
    const judged = (await enabledRules(this.db, tenantUid)).length > 0;
    const rebuildIndexes = deferIndexes(this.connection, ["file_events"], judged ? [] : [FILE_EVENT_KEY]);
    const addTotals = deferExposureTotals(this.connection);
    const noteAgain = deferInsertNotes(this.connection, "file_events");
    const loaded = await load();
    noteAgain();
    addTotals();
    try {
      rebuildIndexes();
    } catch (e) {
      const twin = brokeKey(e) ? await this.store.firstTwin(before) : undefined;
      throw twin ? conflictOver(twin.eventId, twin.twiceSince) : e;
    }
    return loaded;
  }

  async search(caller: Principal, version: TermVersion, input: SearchInput): Promise<SearchResult> {
    const tenantUid = this.authorize(caller);
    const refuse = (problems: QueryProblem[]): SearchResult => ({ events: [], nextPgToken: null, totalCount: 0, problems });
    const d = dialectOf(this.db);
    const { where, problems } = compileQuery(input.query, { now: this.clock.now(), resolve: resolver(version, d), dialect: d });
    const pgSize = input.pgSize ?? 100;
    const pgNum = input.pgNum ?? 1;
    if (!Number.isInteger(pgSize) || pgSize < 1 || pgSize > MAX_PAGE_SIZE)
      problems.push({ type: "INVALID_PAGE_SIZE", badFilter: null, description: `pgSize must be 1 to ${MAX_PAGE_SIZE}` });
    const byToken = typeof input.pgToken === "string";
    if (!byToken && (!Number.isInteger(pgNum) || pgNum < 1 || (pgNum - 1) * pgSize >= NUMBERED_PAGE_LIMIT))
      problems.push({ type: "INVALID_PAGE_NUMBER", badFilter: null, description: `Paging by number reaches the first ${NUMBERED_PAGE_LIMIT} events; page further with pgToken` });
    const dir = input.srtDir ?? "desc";
    const idTerm = version === "v2" ? "event.id" : "eventId";
    const srtKey = input.srtKey ?? idTerm;
    const sortSource = resolver(version, d)(srtKey);
    if (!sortSource) problems.push({ type: "ILLEGAL_SORT", badFilter: null, description: `Unknown sort key: ${srtKey}` });
    if (problems.length || !sortSource) return refuse(problems);

    // Bare (not parenthesized), so a column keeps its case-blind collation in the order and in the seek alike.
    const key = sortValue(sortSource, dir, d);
    const desc = dir === "desc";
    // Missing sort values come last whatever the direction; a key every event has is ordered (and sought) as the
    // indexes hold it, so a page deep into a cursor starts where the index does instead of after a sort.
    const order = sortSource.always ? sql`${key} ${sql.raw(dir)}, fe.event_id ${sql.raw(dir)}` : sql`${key} is null, ${key} ${sql.raw(dir)}, fe.event_id ${sql.raw(dir)}`;
    let seek: Sql = always(d);
    if (byToken && input.pgToken !== "") {
      const after = await this.store.sortValueOf(tenantUid, input.pgToken!, key);
      if (!after.found) return refuse([{ type: "INVALID_PAGE_TOKEN", badFilter: null, description: `INVALID_PAGE_TOKEN: no event ${input.pgToken}` }]);
      const id = input.pgToken!;
      const beyond = desc ? sql`<` : sql`>`;
      if (sortSource.always) seek = sql`(${key}, fe.event_id) ${beyond} (${after.value}, ${id})`;
      else if (after.value === null) seek = sql`(${key} is null and fe.event_id ${beyond} ${id})`;
      else seek = sql`(${key} is null or ${key} ${beyond} ${after.value} or (${key} = ${after.value} and fe.event_id ${beyond} ${id}))`;
    }
    const totalCount = await this.store.count(tenantUid, where);
    const offset = byToken ? 0 : (pgNum - 1) * pgSize;
    const rows = await this.store.page(tenantUid, where, seek, order, byToken ? pgSize + 1 : pgSize, offset);
    const more = byToken && rows.length > pgSize;
    const page = rows.slice(0, pgSize);
    return { events: page.map((r) => r.json), nextPgToken: more ? page[page.length - 1]!.eventId : null, totalCount, problems: [] };
  }

  /** How many matching events hold each value of a term, the largest first (values as text). */
  async group(caller: Principal, version: TermVersion, query: FileEventQuery, groupingTerm: string, size = 1000): Promise<GroupResult> {
    const tenantUid = this.authorize(caller);
    const d = dialectOf(this.db);
    const { where, problems } = compileQuery(query, { now: this.clock.now(), resolve: resolver(version, d), dialect: d });
    const source = resolver(version, d)(groupingTerm);
    if (!source || source.value === null) problems.push({ type: "ILLEGAL_GROUP", badFilter: null, description: `Unknown grouping term: ${groupingTerm}` });
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) problems.push({ type: "ILLEGAL_VALUE", badFilter: null, description: `size must be 1 to ${MAX_PAGE_SIZE}` });
    if (problems.length || !source?.value) return { groups: [], problems };
    const counts = await this.store.groupCounts(tenantUid, where, source.from, source.value, size);
    const asText = (v: unknown) => (source.type === "boolean" ? String(v === 1 || v === true) : String(v));
    return { groups: counts.map((c) => ({ value: asText(c.value), docCount: c.docCount })), problems: [] };
  }

  /** The risk indicator catalogue (static: see risk-indicators.ts), read by those who read file events. */
  riskIndicatorCategories(caller: Principal, active?: boolean, direction?: "asc" | "desc"): RiskIndicatorCategory[] {
    this.authorize(caller);
    return listRiskIndicatorCategories(active, direction);
  }

  riskIndicatorCategory(caller: Principal, id: string): RiskIndicatorCategory {
    this.authorize(caller);
    const found = riskIndicatorCategory(id);
    if (!found) throw new DomainError("RISK_INDICATOR_CATEGORY_NOT_FOUND", `Risk indicator category ${id} not found`);
    return found;
  }

  riskIndicatorSubcategory(caller: Principal, categoryId: string, id: string): RiskIndicatorSubcategory {
    const found = this.riskIndicatorCategory(caller, categoryId).subcategories.find((s) => s.id === id);
    if (!found) throw new DomainError("RISK_INDICATOR_SUBCATEGORY_NOT_FOUND", `Risk indicator category ${categoryId} has no subcategory ${id}`);
    return found;
  }

  /** Every event the query matches, in its order (paged through by token), with the columns checked against the terms. */
  async export(caller: Principal, version: TermVersion, input: Omit<SearchInput, "pgNum" | "pgSize" | "pgToken">, columns?: string[] | null): Promise<ExportResult> {
    const known = version === "v2" ? new Set(Object.keys(V2_TERMS)) : V1_TERM_NAMES;
    const asked = columns ?? [...known];
    const problems: QueryProblem[] = asked.filter((c) => !known.has(c)).map((c) => ({ type: "ILLEGAL_VALUE", badFilter: null, description: `Unknown column: ${c}` }));
    if (problems.length) {
      this.authorize(caller);
      return { events: [], columns: [], problems };
    }
    const events: Event[] = [];
    let pgToken: string | null = "";
    while (pgToken !== null) {
      const page = await this.search(caller, version, { ...input, pgSize: MAX_PAGE_SIZE, pgToken });
      if (page.problems.length) return { events: [], columns: [], problems: page.problems };
      for (const e of page.events) events.push(JSON.parse(e) as Event);
      pgToken = page.nextPgToken;
    }
    return { events, columns: asked, problems: [] };
  }
}
