// Alerts: what the alert engine (firing.ts) raised, searched in the alert service's query language, read with what
// they observed, and moved through their states with notes. Read and changed by those who read file events (alerts
// are made of them); the gateway's /v1/alerts and py42's /svc/api alert service answer these records. Every change
// leaves an audit event in its transaction, and an alert's state follows to its session when the session has only it.
import { ContinuationStore } from "../continuations/store.js";
import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/schema.js";
import type { ChangeCounter } from "../../db/open.js";
import type { IdGenerator } from "../../ids.js";
import { actorOf, record as audit } from "../auditlog/recorder.js";
import { DomainError } from "../errors.js";
import { fileEventReader } from "../fileevents/service.js";
import { SessionStore } from "../sessions/store.js";
import { observedFile } from "./observed.js";
import { compileAlertQuery, normalized, sortColumn, type AlertFilterGroup, type AlertQueryProblem } from "./query.js";
import type { Projection } from "../../projection.js";
import type { AlertDetailRecord, AlertNoteRecord, AlertRecord, ObservationRecord } from "./records.js";
import { ALERT_WRITE_STATES, sessionStateOfAlert } from "./states.js";
import { AlertStore, type AlertNoteRow, type AlertRow } from "./store.js";
import { alertTimeOf } from "./time.js";

export const MAX_ALERT_IDS = 100;
export const MAX_NOTE_CHARS = 2000;
export const MAX_ALERT_PAGE = 500;
/** Alerts update-all-state changes per call; the rest wait for the continuation token. */
export const UPDATE_ALL_BATCH = 500;

export interface AlertSearchInput {
  tenantId?: string | null;
  groupClause: string;
  groups: AlertFilterGroup[];
  pgNum: number;
  pgSize: number;
  srtKey?: string | null;
  srtDirection?: string | null;
}

/** A page of alerts, each as JSON text of the projection the search was given; or why the query was refused. */
export type AlertSearchResult = { alerts: string[]; totalCount: number; problems: [] } | { problems: AlertQueryProblem[] };

const OBSERVATION_TYPES: Record<string, string> = {
  FED_CLOUD_SHARE_PERMISSIONS: "FedCloudSharePermissions",
  FED_FILE_TYPE_MISMATCH: "FedFileTypeMismatch",
  FED_FILE_NAME_MATCH: "FedFileNameMatch",
};

const noteRecord = (n: AlertNoteRow): AlertNoteRecord => ({ id: n.note_id, message: n.message, lastModifiedAt: n.at, lastModifiedBy: n.by });

/** Who a change is by, as alerts name it: the username, or the API client's id. */
export const changedBy = (caller: Principal): string => (caller.kind === "user" ? caller.username : caller.clientId);

const invalid = (message: string) => new DomainError("ALERT_REQUEST_INVALID", message);

export class AlertService {
  private readonly store: AlertStore;
  private readonly continuations: ContinuationStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    changes?: ChangeCounter,
  ) {
    this.store = new AlertStore(db, changes);
    this.continuations = new ContinuationStore(db);
  }

  async search(caller: Principal, q: AlertSearchInput, projection: Projection<AlertRecord>): Promise<AlertSearchResult> {
    const tenantUid = alertReader(caller, q.tenantId);
    const problems: AlertQueryProblem[] = [];
    if (!Number.isInteger(q.pgSize) || q.pgSize < 1 || q.pgSize > MAX_ALERT_PAGE) problems.push({ type: "InvalidPageSize", badFilter: `pgSize ${q.pgSize}` });
    if (!Number.isInteger(q.pgNum) || q.pgNum < 0) problems.push({ type: "InvalidPageNumber", badFilter: `pgNum ${q.pgNum}` });
    const compiled = compileAlertQuery(this.db, { groupClause: q.groupClause, groups: q.groups });
    if ("problems" in compiled) problems.push(...compiled.problems);
    if (problems.length || "problems" in compiled) return { problems };
    const sort = { column: sortColumn(q.srtKey), descending: (q.srtDirection ?? "ASC").toUpperCase() === "DESC" };
    const { json, totalCount } = await this.store.page(tenantUid, compiled.where, sort, q.pgSize, q.pgNum * q.pgSize, projection);
    return { alerts: json, totalCount, problems: [] };
  }

  /** The alerts of the ids that exist (in the order asked), with what they observed and their latest note. */
  async details(caller: Principal, alertIds: string[], tenantId?: string | null): Promise<AlertDetailRecord[]> {
    const tenantUid = alertReader(caller, tenantId);
    if (alertIds.length > MAX_ALERT_IDS) throw invalid(`At most ${MAX_ALERT_IDS} alert ids per request`);
    const rows = await this.store.get(tenantUid, alertIds);
    // Unknown ids are left out; none found is ALERT_NOT_FOUND (code42cli's "No alert found with ID").
    if (alertIds.length && !rows.length) throw notFound(alertIds);
    const order = new Map(alertIds.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.alert_id)! - order.get(b.alert_id)!);
    return this.withDetails(tenantUid, rows);
  }

  /** One alert with its details; an unknown id is ALERT_NOT_FOUND. */
  async detail(caller: Principal, alertId: string): Promise<AlertDetailRecord> {
    const tenantUid = alertReader(caller);
    const [row] = await this.store.get(tenantUid, [alertId]);
    if (!row) throw notFound([alertId]);
    return (await this.withDetails(tenantUid, [row]))[0]!;
  }

  private async withDetails(tenantUid: string, rows: AlertRow[]): Promise<AlertDetailRecord[]> {
    const ids = rows.map((r) => r.alert_id);
    const [events, notes] = await Promise.all([this.store.events(tenantUid, ids), this.store.latestNotes(tenantUid, ids)]);
    return rows.map((r) => {
      const files = (events.get(r.alert_id) ?? []).map(observedFile);
      const type = OBSERVATION_TYPES[r.rule_type] ?? "FedEndpointExfiltration";
      const first = Math.floor(r.first_observed_at / 60_000) * 60_000;
      const observation: ObservationRecord = { id: `${r.alert_id}-${type}`, type, observedAt: alertTimeOf(first), lastObservedAt: alertTimeOf(r.last_observed_at), files };
      const note = notes.get(r.alert_id);
      return { ...r, observations: files.length ? [observation] : [], note: note ? noteRecord(note) : null };
    });
  }

  /** Sets the alerts' state, all or none (any unknown id: ALERT_NOT_FOUND, nothing changed); a note goes on each. */
  async updateState(caller: Principal, input: { tenantId?: string | null; alertIds: string[]; state: string; note?: string | null }): Promise<void> {
    const tenantUid = alertReader(caller, input.tenantId);
    const state = checkState(input.state);
    const note = checkNote(input.note ?? null, true);
    if (!input.alertIds.length || input.alertIds.length > MAX_ALERT_IDS) throw invalid(`Between 1 and ${MAX_ALERT_IDS} alert ids per request`);
    await this.db.transaction().execute(async (trx) => {
      const store = new AlertStore(trx);
      const rows = await store.get(tenantUid, input.alertIds);
      const found = new Set(rows.map((r) => r.alert_id));
      const unknown = input.alertIds.filter((id) => !found.has(id));
      if (unknown.length) throw notFound(unknown);
      await this.setState(trx, caller, rows, state);
      if (note !== null) for (const r of rows) await this.note(trx, caller, r, note);
    });
  }

  async addNote(caller: Principal, input: { tenantId?: string | null; alertId: string; note: string }): Promise<void> {
    const tenantUid = alertReader(caller, input.tenantId);
    const note = checkNote(input.note, false)!;
    await this.db.transaction().execute(async (trx) => {
      const [row] = await new AlertStore(trx).get(tenantUid, [input.alertId]);
      if (!row) throw notFound([input.alertId]);
      await this.note(trx, caller, row, note);
    });
  }

  /**
   * Sets the state of every alert the query matches, UPDATE_ALL_BATCH at a time: the first call takes the matching
   * ids as they are then and answers a token while some remain; each later call with the token changes the next ones.
   */
  async updateAllState(caller: Principal, input: { tenantId?: string | null; groupClause: string; groups: AlertFilterGroup[]; state: string; continuationToken?: string | null }): Promise<{ continuationToken: string | null } | { problems: AlertQueryProblem[] }> {
    const tenantUid = alertReader(caller, input.tenantId);
    const state = checkState(input.state);
    let ids: string[];
    if (input.continuationToken) {
      const known = await this.continuations.take("alerts", input.continuationToken, tenantUid);
      if (!known) throw invalid("Unknown or expired continuationToken");
      ids = known;
    } else {
      const compiled = compileAlertQuery(this.db, { groupClause: input.groupClause, groups: input.groups });
      if ("problems" in compiled) return { problems: compiled.problems };
      ids = await this.store.ids(tenantUid, compiled.where);
    }
    const now = ids.slice(0, UPDATE_ALL_BATCH);
    await this.db.transaction().execute(async (trx) => this.setState(trx, caller, await new AlertStore(trx).get(tenantUid, now), state));
    const rest = ids.slice(UPDATE_ALL_BATCH);
    if (!rest.length) return { continuationToken: null };
    const token = this.ids.uuid();
    await this.continuations.put("alerts", token, tenantUid, rest, this.clock.isoNow());
    return { continuationToken: token };
  }

  private async setState(trx: Kysely<Database>, caller: Principal, rows: AlertRow[], state: string): Promise<void> {
    const changing = rows.filter((r) => r.state !== state);
    if (!changing.length) return;
    const at = alertTimeOf(this.clock.now());
    const store = new AlertStore(trx);
    await store.setState(caller.tenantUid, changing.map((r) => r.alert_id), state, at, changedBy(caller));
    for (const r of changing)
      await audit(trx, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: "alert::state_changed/1", at: this.clock.isoNow(), resourceId: r.alert_id, details: { alertId: r.alert_id, ruleName: r.rule_name, state, previousState: r.state } });
    // A session of one alert follows it.
    const sessions = [...new Set(changing.map((r) => r.session_id).filter((s): s is string => s !== null))];
    const members = await store.ofSessions(caller.tenantUid, sessions);
    const sessionStore = new SessionStore(trx);
    const userId = caller.kind === "user" ? caller.userUid : caller.clientId;
    for (const sessionId of sessions) {
      const of = members.filter((m) => m.session_id === sessionId);
      if (of.length !== 1) continue;
      const [session] = await sessionStore.get(caller.tenantUid, [sessionId]);
      const next = sessionStateOfAlert(state);
      if (session && session.state !== next) await sessionStore.addState(caller.tenantUid, sessionId, next, this.clock.now(), userId);
    }
  }

  private async note(trx: Kysely<Database>, caller: Principal, r: AlertRow, message: string): Promise<void> {
    const noteId = this.ids.uuid();
    await new AlertStore(trx).addNote({ tenant_uid: r.tenant_uid, alert_id: r.alert_id, note_id: noteId, message, at: alertTimeOf(this.clock.now()), by: changedBy(caller) });
    await audit(trx, { tenantUid: caller.tenantUid, actor: actorOf(caller), type: "alert::note_added/1", at: this.clock.isoNow(), resourceId: r.alert_id, details: { alertId: r.alert_id, ruleName: r.rule_name, noteId, note: message } });
  }
}

/** The caller's tenant, for a reader of file events; a tenantId of another tenant is refused (a null one is the caller's). */
export function alertReader(caller: Principal, tenantId?: string | null): string {
  const tenantUid = fileEventReader(caller, "alerts");
  if (tenantId !== undefined && tenantId !== null && tenantId !== tenantUid) throw new DomainError("FORBIDDEN", "The tenantId is not the caller's tenant");
  return tenantUid;
}

function checkState(state: string): string {
  const found = ALERT_WRITE_STATES.find((s) => normalized(s) === normalized(String(state ?? "")));
  if (!found) throw invalid(`Unknown alert state ${String(state)} (one of ${ALERT_WRITE_STATES.join(", ")})`);
  return found;
}

function checkNote(note: string | null, optional: boolean): string | null {
  // py42 and the SDK send null for no note; an empty one on update-state is none either.
  if (note === null || note === undefined || (optional && note === "")) {
    if (optional) return null;
    throw invalid("A note is required");
  }
  if (note.length > MAX_NOTE_CHARS) throw invalid(`A note holds at most ${MAX_NOTE_CHARS} characters`);
  return note;
}

const notFound = (ids: string[]) => new DomainError("ALERT_NOT_FOUND", `No alert ${ids.join(", ")}`);
