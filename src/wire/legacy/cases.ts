// Cases on the legacy wire (/api/v1/case, py42 1.29 and code42cli 1.19), keyed by operationId: the gateway's
// handlers, since both are Code42's one cases service.
import type { CaseService } from "../../domains/cases/service.js";
import type { FileContentService } from "../../domains/fileevents/content-service.js";
import type { HandlerTable } from "../../http/handlers.js";
import { caseExportOperations } from "../gateway/case-exports.js";
import { caseOperations } from "../gateway/cases.js";

export function legacyCaseHandlers(cases: CaseService, files: FileContentService): HandlerTable {
  const h = caseOperations(cases, files);
  return {
    listLegacyCases: h.list,
    createLegacyCase: h.create,
    getLegacyCase: h.get,
    updateLegacyCase: h.update,
    listLegacyCaseEvents: h.events,
    getLegacyCaseEvent: h.event,
    addLegacyCaseEvent: h.addEvent,
    deleteLegacyCaseEvent: h.removeEvent,
    exportLegacyCaseSummary: caseExportOperations(cases, files).pdf,
  };
}
