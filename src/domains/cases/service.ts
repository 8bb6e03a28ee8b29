// Cases: a tenant's investigations, numbered per tenant, each about a subject, assigned to an analyst and holding file
// events of the tenant. Read and written by those who read file events (Customer Cloud Admin, Security Center User);
// both wires (py42's /api/v1/case, the gateway's /v1/cases) answer these records, and every change leaves an audit
// event in the change's transaction.
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import { DomainError } from "../errors.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { fileEventReader } from "../fileevents/service.js";
import { checkDescription, checkEdit, checkPage, checkEventsEditable, checkFindings, checkName, checkStatus, caseTime, interval, MAX_CASE_EVENTS, type CaseFields, type CaseStatus } from "./rules.js";
import { CaseStore, type CaseQuery, type CaseRow, type CaseSortColumn } from "./store.js";

type Event = Record<string, unknown>;

export interface CaseRecord {
  number: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  description: string | null;
  findings: string | null;
  subject: string | null;
  subjectUsername: string | null;
  status: CaseStatus;
  assignee: string | null;
  assigneeUsername: string | null;
  createdByUserUid: string | null;
  createdByUsername: string | null;
  lastModifiedByUserUid: string | null;
  lastModifiedByUsername: string | null;
  archivalTime: string | null;
}

/** What a create names; a null is a field left blank. */
export interface CaseInput {
  name: string | null;
  description: string | null;
  findings: string | null;
  subject: string | null;
  assignee: string | null;
}

/** A PUT: every field replaced (a missing one is null). */
export interface CaseUpdate extends CaseInput {
  status: string | null;
}

export interface CaseListInput {
  statuses: string[];
  assignee?: string | null;
  isAssigned?: boolean | null;
  name?: string | null;
  subject?: string | null;
  lastModifiedBy?: string | null;
  createdAt?: string | null;
  updatedAt?: string | null;
  /** Paired with directions by position; a key without one is ascending. */
  sortKeys: string[];
  sortDirections: string[];
  pgNum: number;
  pgSize: number;
}

/** A case as a fixture (or a state export) gives it, its people by user uid. */
export interface LoadedCase {
  number?: number;
  name: string;
  status?: string;
  description?: string | null;
  findings?: string | null;
  subject?: string | null;
  assignee?: string | null;
  createdAt?: string;
  updatedAt?: string;
  archivalTime?: string | null;
  createdByUserUid?: string | null;
  createdByUsername?: string | null;
  lastModifiedByUserUid?: string | null;
  lastModifiedByUsername?: string | null;
  fileEvents?: string[];
}

const SORT_COLUMNS: Record<string, CaseSortColumn> = {
  name: "name",
  number: "number",
  createdAt: "created_at",
  updatedAt: "updated_at",
  status: "status",
  assigneeUsername: "assignee_username",
  subjectUsername: "subject_username",
  archivalTime: "archival_time",
};

const record = (r: CaseRow): CaseRecord => ({
  number: r.number,
  name: r.name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  description: r.description,
  findings: r.findings,
  subject: r.subject,
  subjectUsername: r.subject_username,
  status: r.status as CaseStatus,
  assignee: r.assignee,
  assigneeUsername: r.assignee_username,
  createdByUserUid: r.created_by_uid,
  createdByUsername: r.created_by_name,
  lastModifiedByUserUid: r.modified_by_uid,
  lastModifiedByUsername: r.modified_by_name,
  archivalTime: r.archival_time,
});

const fieldsOf = (r: CaseRecord): CaseFields => ({ name: r.name, description: r.description, findings: r.findings, subject: r.subject, assignee: r.assignee, status: r.status });

export class CaseService {
  private readonly store: CaseStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {
    this.store = new CaseStore(db);
  }

  async list(caller: Principal, q: CaseListInput): Promise<{ totalCount: number; cases: CaseRecord[] }> {
    const tenantUid = caseReader(caller);
    checkPage(q.pgNum, q.pgSize);
    const range = (v: string | null | undefined): [string, string] | null => (v ? (interval(v).map(caseTime) as [string, string]) : null);
    const query: CaseQuery = {
      statuses: q.statuses.map(checkStatus),
      assignee: q.assignee ?? null,
      isAssigned: q.isAssigned ?? null,
      name: q.name ?? null,
      subject: q.subject ?? null,
      lastModifiedBy: q.lastModifiedBy ?? null,
      createdAt: range(q.createdAt),
      updatedAt: range(q.updatedAt),
      sort: q.sortKeys.map((key, i) => ({ column: SORT_COLUMNS[key] ?? "number", descending: q.sortDirections[i]?.toLowerCase() === "desc" })),
      page: q.pgNum,
      pageSize: q.pgSize,
    };
    const { totalCount, rows } = await this.store.page(tenantUid, query);
    return { totalCount, cases: rows.map(record) };
  }

  async get(caller: Principal, number: number): Promise<CaseRecord> {
    return this.find(caseReader(caller), number);
  }

  async create(caller: Principal, input: CaseInput): Promise<CaseRecord> {
    const tenantUid = caseReader(caller);
    const fields = await this.checked(tenantUid, { ...input, status: "OPEN" });
    const now = caseTime(this.clock.now());
    const by = stamp(caller);
    return this.db.transaction().execute(async (trx) => {
      const store = new CaseStore(trx);
      if (await store.clash(tenantUid, fields.name)) throw exists(fields.name);
      const number = await store.takeNumber(tenantUid);
      await store.insert(tenantUid, number, { ...columns(fields), created_at: now, updated_at: now, created_by_uid: by.uid, created_by_name: by.name, modified_by_uid: by.uid, modified_by_name: by.name, archival_time: null });
      const made = await this.find(tenantUid, number, store);
      await this.audit(trx, caller, "created", made);
      return made;
    });
  }

  async update(caller: Principal, number: number, input: CaseUpdate): Promise<CaseRecord> {
    const tenantUid = caseReader(caller);
    return this.db.transaction().execute(async (trx) => {
      const store = new CaseStore(trx);
      const current = await this.find(tenantUid, number, store);
      const fields = await this.checked(tenantUid, input, current.status, store);
      if (!checkEdit(fieldsOf(current), fields)) return current;
      if (await store.clash(tenantUid, fields.name, number)) throw exists(fields.name);
      const now = caseTime(this.clock.now());
      const by = stamp(caller);
      const archiving = fields.status === "ARCHIVED" && current.status !== "ARCHIVED";
      // Archived cases keep their subject, details and findings only: their file events are gone.
      if (archiving) await store.removeEvents(tenantUid, number);
      await store.update(tenantUid, number, { ...columns(fields), updated_at: now, modified_by_uid: by.uid, modified_by_name: by.name, ...(archiving ? { archival_time: now } : {}) });
      const updated = await this.find(tenantUid, number, store);
      await this.audit(trx, caller, "updated", updated, { previousStatus: current.status });
      return updated;
    });
  }

  async delete(caller: Principal, number: number): Promise<void> {
    const tenantUid = caseReader(caller);
    await this.db.transaction().execute(async (trx) => {
      const store = new CaseStore(trx);
      const found = await this.find(tenantUid, number, store);
      await store.delete(tenantUid, number);
      await this.audit(trx, caller, "deleted", found);
    });
  }

  /** A page of the case's events (complete v2 events), optionally only those of an archive or its members. */
  async events(caller: Principal, number: number, q: { pgNum: number; pgSize: number; archiveId?: string | null }): Promise<{ totalCount: number; events: Event[] }> {
    const tenantUid = caseReader(caller);
    await this.find(tenantUid, number);
    checkPage(q.pgNum, q.pgSize);
    let events = await this.store.events(tenantUid, number);
    if (q.archiveId) {
      const file = (e: Event) => (e.file ?? {}) as Event;
      events = events.filter((e) => file(e).archiveId === q.archiveId || file(e).parentArchiveId === q.archiveId);
    }
    return { totalCount: events.length, events: events.slice((q.pgNum - 1) * q.pgSize, q.pgNum * q.pgSize) };
  }

  /** Every event of the case, complete v2 events, in the order they were added. */
  async allEvents(caller: Principal, number: number): Promise<Event[]> {
    const tenantUid = caseReader(caller);
    await this.find(tenantUid, number);
    return this.store.events(tenantUid, number);
  }

  /** What an export of the case holds: the case, every event (complete v2 events, in the order added), and when. */
  async exportOf(caller: Principal, number: number): Promise<{ case: CaseRecord; events: Event[]; exportedAt: string }> {
    const tenantUid = caseReader(caller);
    const found = await this.find(tenantUid, number);
    return { case: found, events: await this.store.events(tenantUid, number), exportedAt: this.clock.isoNow() };
  }

  /** One event of the case, the complete v2 event. */
  async event(caller: Principal, number: number, eventId: string): Promise<Event> {
    const tenantUid = caseReader(caller);
    await this.find(tenantUid, number);
    const [found] = await this.store.events(tenantUid, number, eventId);
    if (!found) throw notOnCase(number, eventId);
    return found;
  }

  /**
   * Adds events of the tenant to an open case, all or none; those it holds already are skipped, unless `single`
   * (one event named in the path, which Code42 refuses as CASE_ALREADY_HAS_EVENT). An unknown case is the request's
   * fault here (400), as Code42's document lists it.
   */
  async addEvents(caller: Principal, number: number, eventIds: string[], single = false): Promise<void> {
    const tenantUid = caseReader(caller);
    if (eventIds.length > MAX_CASE_EVENTS) throw new DomainError("CASE_TOO_MANY_EVENTS", `At most ${MAX_CASE_EVENTS} events per request`);
    await this.db.transaction().execute(async (trx) => {
      const store = new CaseStore(trx);
      const found = await store.get(tenantUid, number);
      if (!found) throw new DomainError("CASE_REFERENCE_INVALID", `Case ${number} does not exist`, { caseNumber: String(number) });
      checkEventsEditable(found.status);
      const ids = [...new Set(eventIds)];
      const known = await store.eventsOf(tenantUid, ids);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw new DomainError("EVENT_REFERENCE_INVALID", `No file event ${unknown.join(", ")}`, { eventIds: unknown.join(",") });
      const held = new Set(await store.eventIds(tenantUid, number));
      if (single && held.has(ids[0]!)) throw new DomainError("CASE_ALREADY_HAS_EVENT", `Case ${number} already has event ${ids[0]}`);
      const added = ids.filter((id) => !held.has(id));
      if (held.size + added.length > MAX_CASE_EVENTS) throw new DomainError("CASE_EVENT_LIMIT_REACHED", `A case holds at most ${MAX_CASE_EVENTS} events`);
      if (!added.length) return;
      const now = caseTime(this.clock.now());
      await store.addEvents(tenantUid, number, added, now);
      await this.audit(trx, caller, "file_events_added", record(found), { eventIds: added });
    });
  }

  async removeEvent(caller: Principal, number: number, eventId: string): Promise<void> {
    const tenantUid = caseReader(caller);
    await this.db.transaction().execute(async (trx) => {
      const store = new CaseStore(trx);
      const found = await this.find(tenantUid, number, store);
      if (!(await store.eventIds(tenantUid, number)).includes(eventId)) throw notOnCase(number, eventId);
      checkEventsEditable(found.status);
      await store.removeEvent(tenantUid, number, eventId);
      await this.audit(trx, caller, "file_event_removed", found, { eventId });
    });
  }

  /**
   * Cases a fixture gives, checked as a create checks them (a status and times of their own allowed), numbered as
   * given or next; `nextNumber`, where the tenant's numbering goes on from (never below its highest case). Not
   * audited: fixtures are the starting state.
   */
  async load(tenantUid: string, given: LoadedCase[], nextNumber?: number): Promise<void> {
    if (nextNumber !== undefined) await this.store.keepNumber(tenantUid, nextNumber - 1);
    const now = caseTime(this.clock.now());
    for (const c of given) {
      const status = checkStatus(c.status ?? "OPEN");
      const fields = await this.checked(tenantUid, { name: c.name, description: c.description ?? null, findings: c.findings ?? null, subject: c.subject ?? null, assignee: c.assignee ?? null, status });
      if (await this.store.clash(tenantUid, fields.name)) throw exists(fields.name);
      let number: number;
      if (c.number !== undefined) {
        if ((await this.store.get(tenantUid, c.number)) !== undefined) throw new DomainError("CASE_NAME_EXISTS", `Case number ${c.number} is given twice`);
        await this.store.keepNumber(tenantUid, c.number);
        number = c.number;
      } else number = await this.store.takeNumber(tenantUid);
      const createdAt = c.createdAt ?? now;
      await this.store.insert(tenantUid, number, {
        ...columns(fields),
        created_at: createdAt,
        updated_at: c.updatedAt ?? createdAt,
        created_by_uid: c.createdByUserUid ?? null,
        created_by_name: c.createdByUsername ?? null,
        modified_by_uid: c.lastModifiedByUserUid ?? null,
        modified_by_name: c.lastModifiedByUsername ?? null,
        archival_time: c.archivalTime ?? (status === "ARCHIVED" ? (c.updatedAt ?? createdAt) : null),
      });
      const ids = [...new Set(c.fileEvents ?? [])];
      if (ids.length && status === "ARCHIVED") throw new DomainError("CASE_IS_CLOSED", `Case ${c.name} is archived: it holds no file events`);
      const known = await this.store.eventsOf(tenantUid, ids);
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length) throw new DomainError("EVENT_REFERENCE_INVALID", `Case ${c.name}: no file event ${unknown.join(", ")}`);
      await this.store.addEvents(tenantUid, number, ids, createdAt);
    }
  }

  /** The fields checked: texts, and people who are users of the tenant. */
  private async checked(tenantUid: string, input: CaseUpdate, currentStatus?: CaseStatus, store = this.store): Promise<CaseFields> {
    const fields: CaseFields = {
      name: checkName(input.name),
      description: checkDescription(input.description),
      findings: checkFindings(input.findings),
      subject: input.subject,
      assignee: input.assignee,
      status: input.status === null ? (currentStatus ?? "OPEN") : checkStatus(input.status),
    };
    const people = [fields.subject, fields.assignee].filter((u): u is string => u !== null);
    const users = await store.usersOf(tenantUid, people);
    for (const role of ["subject", "assignee"] as const) {
      const uid = fields[role];
      if (uid !== null && !users.has(uid)) throw new DomainError("CASE_USER_INVALID", `${role} validation failed`, { role });
    }
    return fields;
  }

  private audit(trx: Kysely<Database>, caller: Principal, what: string, c: CaseRecord, extra: Record<string, unknown> = {}): Promise<void> {
    const details = { caseNumber: String(c.number), caseName: c.name, status: c.status, ...extra };
    return audit(trx, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: `case::${what}/1`, at: this.clock.isoNow(), resourceId: String(c.number), details });
  }

  private async find(tenantUid: string, number: number, store = this.store): Promise<CaseRecord> {
    const row = Number.isSafeInteger(number) ? await store.get(tenantUid, number) : undefined;
    if (!row) throw new DomainError("CASE_NOT_FOUND", "Case does not exist.", { caseNumber: String(number) });
    return record(row);
  }
}

/** The caller's tenant, once the caller holds a role that reads file events: cases are made of them. */
const caseReader = (caller: Principal): string => fileEventReader(caller, "cases");

const columns = (f: CaseFields) => ({ name: f.name, status: f.status, description: f.description, findings: f.findings, subject: f.subject, assignee: f.assignee });

const stamp = (caller: Principal) => (caller.kind === "user" ? { uid: caller.userUid, name: caller.username } : { uid: caller.clientId, name: caller.clientId });

const exists = (name: string) => new DomainError("CASE_NAME_EXISTS", `Case name '${name}' already exists, please set another name.`, { name });

const notOnCase = (number: number, eventId: string) => new DomainError("CASE_EVENT_NOT_FOUND", `Case ${number} has no event ${eventId}`, { eventId });
