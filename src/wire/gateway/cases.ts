// The gateway's cases (/v1/cases), keyed by operationId; the legacy wire's /api/v1/case (wire/legacy/cases.ts) is the
// same service and answers with these handlers.
import type { Request, Response } from "express";
import type { CaseService, CaseUpdate } from "../../domains/cases/service.js";
import type { FileContentService } from "../../domains/fileevents/content-service.js";
import { callerOf } from "../../http/caller.js";
import { noContent, type HandlerTable } from "../../http/handlers.js";
import { queryBoolean, queryString } from "../../http/query.js";
import { caseExportOperations } from "./case-exports.js";
import type { GatewayDeps } from "./deps.js";
import { presentCase, presentCaseEvent, presentCaseEventsCsv, presentSlimCase } from "./presenters/cases.js";

const numberOf = (req: Request) => Number(req.params.caseNumber);
const eventIdOf = (req: Request) => String(req.params.eventId);
const list = (v: unknown): string[] => ([] as unknown[]).concat(v ?? []).map(String);
type Body = Partial<Record<keyof CaseUpdate, string | null>>;
const input = (b: Body): CaseUpdate => ({
  name: b.name ?? null,
  description: b.description ?? null,
  findings: b.findings ?? null,
  subject: b.subject ?? null,
  assignee: b.assignee ?? null,
  status: b.status ?? null,
});

// The SDK takes the name verbatim after "filename=": a plain token is written bare, anything else falls back to the
// SDK's own name for the file.
const PLAIN_NAME = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e ]+$/;

/** Every case operation, for whichever operationIds a wire gives them. */
export function caseOperations(cases: CaseService, files: FileContentService) {
  return {
    list: async (req: Request, res: Response) => {
      const q = req.query;
      const page = await cases.list(callerOf(req), {
        statuses: list(q.status),
        assignee: queryString(q.assignee),
        isAssigned: queryBoolean(q.isAssigned),
        name: queryString(q.name),
        subject: queryString(q.subject),
        lastModifiedBy: queryString(q.lastModifiedBy),
        createdAt: queryString(q.createdAt),
        updatedAt: queryString(q.updatedAt),
        sortKeys: list(q.srtKey ?? "number"),
        sortDirections: list(q.srtDir ?? "asc"),
        pgNum: Number(q.pgNum ?? 1),
        pgSize: Number(q.pgSize ?? 2147483647),
      });
      res.json({ cases: page.cases.map(presentSlimCase), totalCount: page.totalCount });
    },
    create: async (req: Request, res: Response) => {
      const { status: _ignored, ...fields } = input(req.body as Body);
      res.json(presentCase(await cases.create(callerOf(req), fields)));
    },
    get: async (req: Request, res: Response) => {
      res.json(presentCase(await cases.get(callerOf(req), numberOf(req))));
    },
    update: async (req: Request, res: Response) => {
      res.json(presentCase(await cases.update(callerOf(req), numberOf(req), input(req.body as Body))));
    },
    delete: noContent((req: Request) => cases.delete(callerOf(req), numberOf(req))),
    events: async (req: Request, res: Response) => {
      const q = req.query;
      const page = await cases.events(callerOf(req), numberOf(req), { pgNum: Number(q.pgNum ?? 1), pgSize: Number(q.pgSize ?? 10_000), archiveId: queryString(q.archiveId) });
      res.json({ events: page.events.map(presentCaseEvent), totalCount: page.totalCount });
    },
    addEvents: noContent((req: Request) => cases.addEvents(callerOf(req), numberOf(req), (req.body as { events: string[] }).events)),
    addEvent: noContent((req: Request) => cases.addEvents(callerOf(req), numberOf(req), [eventIdOf(req)], true)),
    event: async (req: Request, res: Response) => {
      res.json(await cases.event(callerOf(req), numberOf(req), eventIdOf(req)));
    },
    removeEvent: noContent((req: Request) => cases.removeEvent(callerOf(req), numberOf(req), eventIdOf(req))),
    csv: async (req: Request, res: Response) => {
      const csv = presentCaseEventsCsv(await cases.allEvents(callerOf(req), numberOf(req)));
      res.status(200).type("text/csv").set("Content-Disposition", `attachment; filename=Case-${numberOf(req)}-file-events.csv`).send(csv);
    },
    file: async (req: Request, res: Response) => {
      const caller = callerOf(req);
      const eventId = eventIdOf(req);
      await cases.event(caller, numberOf(req), eventId);
      const content = await files.byEventId(caller, eventId);
      const name = content.name !== null && PLAIN_NAME.test(content.name) ? content.name : `Case-${numberOf(req)}-${eventId}-unknown-filename`;
      res.set("Content-Disposition", `attachment; filename=${name}`).type("application/octet-stream").send(content.bytes);
    },
  };
}

export function gatewayCaseHandlers({ cases, files }: GatewayDeps): HandlerTable {
  const h = caseOperations(cases, files);
  const exports = caseExportOperations(cases, files);
  return {
    getCases: h.list,
    createCase: h.create,
    getCase: h.get,
    updateCase: h.update,
    deleteCase: h.delete,
    getEventsByCase: h.events,
    addEventsToCase: h.addEvents,
    csvExport: h.csv,
    getEvent: h.event,
    addEventToCase: h.addEvent,
    deleteEvent: h.removeEvent,
    download: h.file,
    pdfExport: exports.pdf,
    caseExport: exports.zip,
  };
}
