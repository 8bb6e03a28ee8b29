// The case summary PDF both wires export (/v1/cases/{n}/export, /api/v1/case/{n}/export, and the full export's
// Case-<n>.pdf): the case's details, its findings as written (Markdown left as text) and one entry per file event
// (when, what, who, which file). English only: the `language` a client asks for changes nothing.
import type { CaseRecord } from "../../../domains/cases/service.js";
import { part } from "./cases.js";
import { textPdf, type PdfLine } from "./text-pdf.js";

type Event = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const person = (uid: string | null, username: string | null) => (uid === null ? "None" : username === null ? uid : `${username} (${uid})`);

function eventLines(e: Event): PdfLine[] {
  const [event, user, file] = [part(e.event), part(e.user), part(e.file)];
  const name = str(file.name);
  const where = name === null ? "(no file name)" : `${str(file.directory) ?? ""}${name}`;
  const head = `${str(e["@timestamp"]) ?? "(no time)"}  ${(str(event.action) ?? "(no action)").padEnd(15)}  ${str(user.email) ?? "(no user)"}`;
  return [{ text: head, spaceBefore: 3 }, { text: where, indent: 4 }];
}

export function presentCaseSummaryPdf(c: CaseRecord, events: Event[], exportedAt: string): Buffer {
  const field = (label: string, value: string): PdfLine => ({ text: `${`${label}:`.padEnd(18)}${value}` });
  const heading = (text: string): PdfLine => ({ text, bold: true, size: 12, spaceBefore: 12 });
  const lines: PdfLine[] = [
    { text: `Case ${c.number}: ${c.name}`, bold: true, size: 16 },
    { text: "Case summary", spaceBefore: 2 },
    heading("Details"),
    field("Number", String(c.number)),
    field("Name", c.name),
    field("Status", c.status),
    field("Subject", person(c.subject, c.subjectUsername)),
    field("Assignee", person(c.assignee, c.assigneeUsername)),
    field("Created", c.createdAt),
    field("Created by", c.createdByUsername ?? "None"),
    field("Updated", c.updatedAt),
    field("Last modified by", c.lastModifiedByUsername ?? "None"),
    ...(c.archivalTime === null ? [] : [field("Archived", c.archivalTime)]),
    heading("Description"),
    { text: c.description ?? "None" },
    heading("Findings"),
    { text: c.findings ?? "None" },
    heading(`File events (${events.length})`),
    ...(events.length ? events.flatMap(eventLines) : [{ text: "None" }]),
  ];
  return textPdf({ title: `Case ${c.number}: ${c.name}`, createdAt: exportedAt, footer: (page, pages) => `Case ${c.number} summary, exported ${exportedAt}. Page ${page} of ${pages}`, lines });
}
