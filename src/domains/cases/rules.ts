// What a case's fields may hold and how a case may change, shared by both wires and by fixtures. The limits are the
// incydr SDK's client-side ones (name 50, description 250, findings 30,000); the problems named are Code42's.
import { DomainError } from "../errors.js";

export const CASE_STATUSES = ["OPEN", "CLOSED", "ARCHIVED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Events one case may hold, and one request may add (the guide: "Each case is limited to 10,000 file events"). */
export const MAX_CASE_EVENTS = 10_000;

// Control characters other than tab, line feed and carriage return.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(value: string | null, max: number, tooLong: () => DomainError): string | null {
  if (value === null) return null;
  if (CONTROL.test(value)) throw new DomainError("CASE_TEXT_INVALID", "A value holds a character the case service does not accept");
  if (value.length > max) throw tooLong();
  return value;
}

export function checkName(name: string | null | undefined): string {
  if (name === null || name === undefined || name.trim() === "") throw new DomainError("CASE_NAME_EMPTY", "A case needs a name");
  return text(name, 50, () => new DomainError("CASE_NAME_TOO_LONG", "Name limit exceeded, max 50 characters allowed."))!;
}

export const checkDescription = (v: string | null): string | null =>
  text(v, 250, () => new DomainError("DESCRIPTION_TOO_LONG", "Description limit exceeded, max 250 characters allowed."));

export const checkFindings = (v: string | null): string | null =>
  text(v, 30_000, () => new DomainError("FINDINGS_TOO_LONG", "Findings limit exceeded, max 30000 characters allowed."));

export function checkStatus(status: string): CaseStatus {
  if (!(CASE_STATUSES as readonly string[]).includes(status)) throw new DomainError("CASE_TEXT_INVALID", `Unknown case status: ${status}`);
  return status as CaseStatus;
}

/** The fields a PUT replaces. */
export interface CaseFields {
  name: string;
  description: string | null;
  findings: string | null;
  subject: string | null;
  assignee: string | null;
  status: CaseStatus;
}

/**
 * A closed case may only be archived, an archived one not changed at all; a PUT that changes nothing is answered as
 * an update (the SDK and code42cli resend whole cases). Answers whether anything changes.
 */
export function checkEdit(current: CaseFields, next: CaseFields): boolean {
  const keys = ["name", "description", "findings", "subject", "assignee"] as const;
  const edited = keys.some((k) => current[k] !== next[k]);
  if (!edited && current.status === next.status) return false;
  if (current.status === "ARCHIVED") throw new DomainError("CASE_ARCHIVED", "NO_EDITS_ONCE_ARCHIVED");
  if (current.status === "CLOSED" && (edited || next.status !== "ARCHIVED")) throw new DomainError("CASE_CLOSED", "NO_EDITS_ONCE_CLOSED");
  return true;
}

export function checkPage(pgNum: number, pgSize: number): void {
  if (!Number.isSafeInteger(pgNum) || pgNum < 1) throw new DomainError("CASE_PAGE_NUMBER_INVALID", "Page numbers start at 1");
  if (!Number.isSafeInteger(pgSize) || pgSize < 1) throw new DomainError("CASE_PAGE_SIZE_INVALID", "Page size must be at least 1");
}

/** File events are added to and removed from open cases only. */
export function checkEventsEditable(status: string): void {
  if (status !== "OPEN") throw new DomainError("CASE_IS_CLOSED", "Case is closed");
}

/** An ISO interval `start/end` as the instants it spans (ms), or a refusal. */
export function interval(value: string): [number, number] {
  const [start, end, ...rest] = value.split("/");
  const [a, b] = [Date.parse(start ?? ""), Date.parse(end ?? "")];
  if (rest.length || Number.isNaN(a) || Number.isNaN(b) || a > b) throw new DomainError("CASE_INTERVAL_INVALID", `Not a time interval: ${value}`);
  return [a, b];
}

/** Case times as Code42 writes them: microseconds. */
export const caseTime = (ms: number): string => new Date(ms).toISOString().replace(/Z$/, "000Z");

/** A time a fixture gives, kept when it has microseconds already. */
export const givenCaseTime = (value: string): string => (/\.\d{6}Z$/.test(value) ? value : caseTime(Date.parse(value)));
