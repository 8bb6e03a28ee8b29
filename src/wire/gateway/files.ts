// The gateway's /v1/files, keyed by operationId: a file's bytes as the incydr SDK downloads them (the answer's body,
// written out or streamed), named in Content-Disposition.
import type { Response } from "express";
import type { FileContent } from "../../domains/fileevents/content-service.js";
import { FileContentService } from "../../domains/fileevents/content-service.js";
import { callerOf } from "../../http/caller.js";
import type { HandlerTable } from "../../http/handlers.js";
import type { GatewayDeps } from "./deps.js";

function send(res: Response, content: FileContent): void {
  if (content.name !== null) res.attachment(content.name);
  res.type("application/octet-stream").send(content.bytes);
}

export function gatewayFileHandlers({ db }: GatewayDeps): HandlerTable {
  const files = new FileContentService(db);
  return {
    getGatewayFileBySha256: async (req, res) => {
      const sha256 = String(req.params.sha256);
      send(res, await files.bySha256(callerOf(req), sha256));
    },
    getGatewayFileByXfcContentId: async (req, res) => {
      const id = String(req.params.xfcContentId);
      send(res, await files.byXfcContentId(callerOf(req), id));
    },
  };
}
