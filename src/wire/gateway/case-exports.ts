// A case's exports: the summary PDF (the gateway's pdfExport, py42's /api/v1/case/{n}/export) and the full export
// (caseExport), a ZIP of the summary, the events' CSV and the events' files as the query selects them:
//   Case-<n>.pdf                     summary=true
//   Case-<n>-file-events.csv         fileEvents=true (the same CSV as csvExport)
//   files/<eventId>/<file name>      files=true, one per event the emulator has the file of
// Every entry stamped with the export's time. The ZIP is written as it is sent: the files are read one at a time,
// and stored as they are (the emulator's made contents do not compress: deflating them cost a fifth of the time).
// File names are the incydr SDK's fallbacks, written bare after "filename=" (the SDK saves by what follows it).
import { Readable } from "node:stream";
import type { Request, Response } from "express";
import { ZipFile } from "yazl";
import type { CaseService } from "../../domains/cases/service.js";
import type { FileContentService } from "../../domains/fileevents/content-service.js";
import { callerOf } from "../../http/caller.js";
import { ApiError } from "../../http/errors.js";
import { queryBoolean } from "../../http/query.js";
import { presentCaseSummaryPdf } from "./presenters/case-summary-pdf.js";
import { hasFile, part, presentCaseEventsCsv } from "./presenters/cases.js";

/** One path segment of the archive: no separators, control characters or dot-only names. */
function segment(name: unknown, fallback: string): string {
  const s = typeof name === "string" ? name.replace(/[\\/\x00-\x1f\x7f]/g, "_") : "";
  return s === "" || /^\.+$/.test(s) ? fallback : s;
}

/** A True/False flag of the full export; left out, it is true. */
const flag = (v: unknown) => queryBoolean(v) ?? true;

export function caseExportOperations(cases: CaseService, files: FileContentService) {
  return {
    pdf: async (req: Request, res: Response) => {
      const { case: c, events, exportedAt } = await cases.exportOf(callerOf(req), Number(req.params.caseNumber));
      res.status(200).type("application/pdf").set("Content-Disposition", `attachment; filename=Case-${c.number}.pdf`).send(presentCaseSummaryPdf(c, events, exportedAt));
    },
    zip: async (req: Request, res: Response) => {
      const [summary, fileEvents, withFiles] = [flag(req.query.summary), flag(req.query.fileEvents), flag(req.query.files)];
      if (!summary && !fileEvents && !withFiles) throw new ApiError(400, "NO_EXPORT_TYPE", "Must include at least one export type.");
      const caller = callerOf(req);
      const { case: c, events, exportedAt } = await cases.exportOf(caller, Number(req.params.caseNumber));
      const mtime = new Date(exportedAt);
      const zip = new ZipFile();
      zip.on("error", (err: Error) => res.destroy(err));
      res.status(200).type("application/zip").set("Content-Disposition", `attachment; filename=Case-${c.number}.zip`);
      zip.outputStream.pipe(res);
      if (summary) zip.addBuffer(presentCaseSummaryPdf(c, events, exportedAt), `Case-${c.number}.pdf`, { mtime });
      if (fileEvents) zip.addBuffer(Buffer.from(presentCaseEventsCsv(events)), `Case-${c.number}-file-events.csv`, { mtime });
      if (withFiles) {
        for (const e of events.filter(hasFile)) {
          const eventId = String(part(e.event).id);
          const path = `files/${segment(eventId, "event")}/${segment(part(e.file).name, "unknown-filename")}`;
          zip.addReadStreamLazy(path, { mtime, compress: false }, (done) => {
            files.byEventId(caller, eventId).then(
              (content) => done(null, Readable.from([content.bytes])),
              (err: unknown) => done(err, Readable.from([])),
            );
          });
        }
      }
      zip.end();
    },
  };
}
