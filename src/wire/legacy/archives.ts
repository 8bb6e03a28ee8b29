// The legacy wire's archive operations, keyed by operationId: py42's services/archive.py (archives, backup sets, cold
// storage, restore history) and the storage server's web restore (services/storage), which this server also is.
import type { Request } from "express";
import { ZipFile } from "yazl";
import type { Clock } from "../../clock.js";
import { COLD_STORAGE_SORTS, type ColdStorageSort } from "../../domains/archives/store.js";
import { BACKUP_SETS, type ArchiveService } from "../../domains/archives/service.js";
import { requestOrigin } from "../../domains/tenant/discovery.js";
import { callerOf } from "../../http/caller.js";
import { v1Envelope, v3Envelope } from "../../http/envelopes.js";
import type { HandlerTable } from "../../http/handlers.js";
import { paging, queryBoolean, queryString } from "../../http/query.js";
import { presentArchiveDetail, presentColdStorageRow, presentRestoreEvent, presentRestoreJob, presentTreeNode } from "./presenters/archives.js";

const origin = (req: Request) => requestOrigin(req.protocol, req.get("host"), `${req.socket.localAddress}:${req.socket.localPort}`);
const optionalInt = (v: unknown) => (v === undefined ? undefined : Number(v));

export function archiveHandlers(archives: ArchiveService, clock: Clock): HandlerTable {
  const v1 = (req: Request, data: unknown) => v1Envelope(req, clock.isoNow(), data);

  return {
    getArchive: async (req, res) => {
      res.json(v1(req, presentArchiveDetail(await archives.get(callerOf(req), String(req.params.archiveGuid)))));
    },
    getBackupSets: async (req, res) => {
      await archives.archiveAt(callerOf(req), String(req.params.deviceGuid), String(req.params.destinationGuid));
      res.json(v3Envelope({ backupSets: BACKUP_SETS.map((s) => ({ ...s })) }));
    },
    listColdStorage: async (req, res) => {
      const q = req.query;
      const sort = (queryString(q.srtKey) ?? "archiveHoldExpireDate") as ColdStorageSort;
      const rows = await archives.coldStorage(callerOf(req), {
        orgId: Number(q.orgId),
        includeChildOrgs: queryBoolean(q.incChildOrgs) ?? true,
        sort: sort in COLD_STORAGE_SORTS ? sort : "archiveHoldExpireDate",
        desc: queryString(q.srtDir)?.toLowerCase() === "desc",
        ...paging(q),
      });
      res.json(v1(req, { coldStorageRows: rows.map(presentColdStorageRow) }));
    },
    listRestoreHistory: async (req, res) => {
      const q = req.query;
      const jobs = await archives.history(callerOf(req), { days: Number(q.days), orgId: optionalInt(q.orgId), userId: optionalInt(q.userId), computerId: optionalInt(q.computerId), ...paging(q) });
      res.json(v1(req, { restoreEvents: jobs.map(presentRestoreEvent) }));
    },
    // The storage server an archive is restored from is this one; its node is the destination.
    getWebRestoreInfo: async (req, res) => {
      const archive = await archives.archiveAt(callerOf(req), String(req.query.srcGuid), String(req.query.destGuid));
      res.json(v1(req, { serverUrl: origin(req), nodeGuid: archive.destination_guid }));
    },
    createDataKeyToken: async (req, res) => {
      res.json(v1(req, { dataKeyToken: await archives.dataKeyToken(callerOf(req), req.body.computerGuid) }));
    },
    createWebRestoreSession: async (req, res) => {
      res.json(v1(req, { webRestoreSessionId: await archives.createSession(callerOf(req), req.body.computerGuid) }));
    },
    listWebRestoreTreeNodes: async (req, res) => {
      const q = req.query;
      const { archive, nodes } = await archives.treeNodes(callerOf(req), String(q.webRestoreSessionId), String(q.guid), queryString(q.fileId), queryBoolean(q.showDeleted) ?? false);
      res.json(v1(req, nodes.map((n) => presentTreeNode(n, archive))));
    },
    getWebRestoreFileSize: async (req, res) => {
      res.json(v1(req, await archives.fileSizes(callerOf(req), String(req.query.guid), String(req.query.fileId))));
    },
    createWebRestoreFileSizeJob: async (req, res) => {
      await archives.fileSizes(callerOf(req), req.body.guid, req.body.fileId);
      res.json(v1(req, { jobId: req.body.fileId }));
    },
    getWebRestoreFileSizeJob: async (req, res) => {
      const jobId = String(req.query.jobId);
      res.json(v1(req, { jobId, status: "DONE", ...(await archives.fileSizes(callerOf(req), String(req.query.guid), jobId)) }));
    },
    startWebRestore: async (req, res) => {
      const b = req.body;
      const job = await archives.startRestore(callerOf(req), { sourceComputerGuid: b.sourceComputerGuid, webRestoreSessionId: b.webRestoreSessionId, restoreGroups: b.restoreGroups, showDeleted: b.showDeleted });
      res.json({ data: presentRestoreJob(job) });
    },
    getWebRestoreJob: async (req, res) => {
      res.json(v1(req, presentRestoreJob(await archives.status(callerOf(req), String(req.params.jobId)))));
    },
    cancelWebRestoreJob: async (req, res) => {
      res.json(v1(req, presentRestoreJob(await archives.cancel(callerOf(req), req.body.jobId))));
    },
    getWebRestoreJobResult: async (req, res) => {
      const result = await archives.result(callerOf(req), String(req.params.jobId));
      res.status(200).type("application/octet-stream").set("Content-Disposition", `attachment; filename="${result.name.replace(/["\\\r\n]/g, "_")}"`);
      if (!result.zip) {
        res.send(result.entries[0]!.bytes);
        return;
      }
      const zip = new ZipFile();
      zip.on("error", (err: Error) => res.destroy(err));
      zip.outputStream.pipe(res);
      for (const e of result.entries) zip.addBuffer(e.bytes, e.name, { mtime: new Date(e.lastModified), compress: false });
      zip.end();
    },
  };
}
