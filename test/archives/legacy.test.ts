// py42 1.26-1.29's archive calls (services/archive.py) and the web restore it makes through the storage server
// (services/storage, clients/_archiveaccess): archives, backup sets, cold storage, restore history, and a restore job
// from session to result on the emulator's clock; who may restore whose data.
import { emulatorPerFile } from "../helpers/emulator.js";
import { as, EAST, loadArchiveTenant, PAST_RESTORE, RITA_ARCHIVE, RITA_DEVICE, RON_ARCHIVE, RON_DEVICE, WEST, type Ids } from "./fixture.js";

const emu = emulatorPerFile();
let ids: Ids;
let root: string;
beforeEach(async () => {
  ids = await loadArchiveTenant(emu);
  root = await as(emu, "root.admin@example.com");
});

const get = (path: string, auth = root) => emu.http.get(path).set("Authorization", auth);
const post = (path: string, body: object, auth = root) => emu.http.post(path).set("Authorization", auth).send(body);
const answer = (res: { status: number; body: unknown }) => [res.status, res.body];
const notFound = (description: string) => [{ name: "SYSTEM", description }];

/** Entries of a stored (uncompressed) ZIP: name and text. */
function zipEntries(buf: Buffer): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; buf.readUInt32LE(i) === 0x04034b50; ) {
    const [size, nameLen, extraLen] = [buf.readUInt32LE(i + 18), buf.readUInt16LE(i + 26), buf.readUInt16LE(i + 28)];
    const name = buf.subarray(i + 30, i + 30 + nameLen).toString();
    const start = i + 30 + nameLen + extraLen;
    out.push([name, buf.subarray(start, start + size).toString()]);
    i = start + size + (buf.readUInt16LE(i + 6) & 8 ? 16 : 0);
  }
  return out;
}

const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c?: Buffer) => chunks.push(c!));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
};

async function restoreAs(auth: string, device: string, files: { path: string; fileType: string }[]) {
  const session = (await post("/api/v1/WebRestoreSession", { computerGuid: device, dataKeyToken: "token" }, auth)).body.data.webRestoreSessionId as string;
  const res = await post("/api/v9/restore/web", { sourceComputerGuid: device, webRestoreSessionId: session, restoreGroups: [{ backupSetId: "1", files: files.map((f) => ({ ...f, selected: true })) }], numFiles: 1, numDirs: 0, numBytes: 1, showDeleted: true }, auth);
  return res;
}

describe("archives", () => {
  it("GET /api/v1/Archive/{guid}: the archive with its device, owner and destination; out of reach is a 404", async () => {
    expect((await get(`/api/v1/Archive/${RITA_ARCHIVE}`)).body.data).toEqual({
      archiveGuid: RITA_ARCHIVE,
      userId: ids.rita.userId,
      userUid: ids.rita.userUid,
      orgId: ids.branchOrg.orgId,
      orgUid: ids.branchOrg.orgUid,
      backupSourceGuid: RITA_DEVICE,
      backupSourceName: "RITA-LAPTOP",
      targetGuid: WEST,
      targetName: "Code42 Cloud USA West",
      format: "ARCHIVE_V1",
      archiveBytes: 4096,
      billableBytes: 4096,
      selectedBytes: 0,
      selectedFiles: 0,
      lastBackup: null,
      lastCompletedBackup: "2024-05-31T10:00:00Z",
      isColdStorage: false,
      archiveHoldExpireDate: null,
    });
    const branch = await as(emu, "branch.admin@example.com");
    expect((await get(`/api/v1/Archive/${RITA_ARCHIVE}`, branch)).status).toBe(200);
    expect(answer(await get(`/api/v1/Archive/${RON_ARCHIVE}`, branch))).toEqual([404, notFound("Archive not found")]);
    expect(answer(await get(`/api/v1/Archive/${RON_ARCHIVE}`, await as(emu, "rita@example.com")))).toEqual([404, notFound("Archive not found")]);
  });

  it("GET /api/v3/BackupSets/{device}/{destination}: the one backup set, in the v3 envelope; an unknown destination is a 404", async () => {
    expect(answer(await get(`/api/v3/BackupSets/${RITA_DEVICE}/${WEST}`))).toEqual([200, { data: { backupSets: [{ backupSetId: "1", name: "BackupSet 1" }] }, error: null, warnings: null }]);
    const res = await get(`/api/v3/BackupSets/${RITA_DEVICE}/${EAST}`);
    expect(res.status).toBe(404);
    expect(res.body.data).toBeNull();
    expect((await get(`/api/v3/BackupSets/${RON_DEVICE}/${EAST}`, await as(emu, "rita@example.com"))).status).toBe(404);
  });
});

describe("cold storage", () => {
  const ronRow = (expires: string) => ({
    archiveGuid: RON_ARCHIVE,
    archiveHoldExpireDate: expires,
    archiveBytes: 100,
    archiveType: "ARCHIVE_V1",
    orgId: ids.rootOrg.orgId,
    orgUid: ids.rootOrg.orgUid,
    orgName: "Archive Root",
    userId: ids.ron.userId,
    userUid: ids.ron.userUid,
    username: "ron@example.com",
    sourceComputerId: ids.ronComputerId,
    sourceComputerGuid: RON_DEVICE,
    sourceComputerName: "RON-DESKTOP",
    mountPointName: "Code42 Cloud USA East",
    destinationGuid: EAST,
  });

  it("lists an org's cold archives with py42's parameters, and a purge date changed by PUT /api/v1/coldStorage", async () => {
    const list = `/api/v1/ColdStorage?orgId=${ids.rootOrg.orgId}&incChildOrgs=True&srtKey=archiveHoldExpireDate&srtDir=asc&pgSize=500&pgNum=1`;
    expect((await get(list)).body.data).toEqual({ coldStorageRows: [ronRow("2024-07-15")] });
    expect((await emu.http.put(`/api/v1/coldStorage/${RON_ARCHIVE}?idType=guid`).set("Authorization", root).send({ archiveHoldExpireDate: "2024-09-01" })).status).toBe(204);
    expect((await get(list)).body.data.coldStorageRows).toEqual([ronRow("2024-09-01")]);
    // Past the last page, an empty one (py42 pages until a short page).
    expect((await get(list.replace("pgNum=1", "pgNum=2"))).body.data.coldStorageRows).toEqual([]);
    // The branch has none of its own.
    expect((await get(`/api/v1/ColdStorage?orgId=${ids.branchOrg.orgId}`)).body.data.coldStorageRows).toEqual([]);
  });

  it("is for administrators of the org: a user is refused, an org admin cannot see above their org", async () => {
    expect(answer(await get(`/api/v1/ColdStorage?orgId=${ids.rootOrg.orgId}`, await as(emu, "rita@example.com")))).toEqual([403, [{ name: "FORBIDDEN", description: "An administrator role is required" }]]);
    expect(answer(await get(`/api/v1/ColdStorage?orgId=${ids.rootOrg.orgId}`, await as(emu, "branch.admin@example.com")))).toEqual([404, [{ name: "ORG_NOT_FOUND", description: `Org not found: ${ids.rootOrg.orgId}` }]]);
    expect((await get(`/api/v1/ColdStorage?orgId=${ids.rootOrg.orgId}&srtKey=bogus`)).status).toBe(400);
  });
});

describe("web restore", () => {
  it("walks the archive's tree, adds up a folder and restores a file and a folder, done on the emulator's clock", async () => {
    const info = await get(`/api/v1/WebRestoreInfo?srcGuid=${RITA_DEVICE}&destGuid=${WEST}`);
    expect(info.body.data).toEqual({ serverUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), nodeGuid: WEST });
    expect((await post("/api/v1/DataKeyToken", { computerGuid: RITA_DEVICE })).body.data).toEqual({ dataKeyToken: expect.any(String) });
    const session = (await post("/api/v1/WebRestoreSession", { computerGuid: RITA_DEVICE, dataKeyToken: "t", privatePassword: null, encryptionKey: null })).body.data.webRestoreSessionId as string;

    const tree = (q: string) => get(`/api/v1/WebRestoreTreeNode?webRestoreSessionId=${session}&guid=${RITA_DEVICE}&backupSetId=1${q}`);
    const roots = (await tree("&showDeleted=True")).body.data;
    expect(roots).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{32}$/),
        path: "/",
        filename: "/",
        type: "directory",
        deleted: false,
        hidden: false,
        lastModified: "2024-05-02T09:00:00Z",
        lastModifiedMs: Date.parse("2024-05-02T09:00:00Z"),
        lastBackup: "2024-05-31T10:00:00Z",
        lastBackupMs: Date.parse("2024-05-31T10:00:00Z"),
        date: "05/31/24 10:00 AM",
      },
    ]);
    let node = roots[0];
    for (const name of ["Users", "rita", "Documents"]) node = (await tree(`&fileId=${node.id}&showDeleted=True`)).body.data.find((n: { filename: string }) => n.filename === name);
    const docs = (await tree(`&fileId=${node.id}&showDeleted=True`)).body.data;
    expect(docs.map((n: { path: string; type: string; deleted: boolean; size?: number }) => [n.path, n.type, n.deleted, n.size])).toEqual([
      ["/Users/rita/Documents/notes", "directory", false, undefined],
      ["/Users/rita/Documents/old.doc", "file", true, 20],
      ["/Users/rita/Documents/plan.txt", "file", false, 9],
    ]);
    // Deleted files only when asked for.
    expect((await tree(`&fileId=${node.id}`)).body.data.map((n: { filename: string }) => n.filename)).toEqual(["notes", "plan.txt"]);
    expect(answer(await tree("&fileId=ffffffffffffffffffffffffffffffff"))).toEqual([404, [{ name: "NOT_FOUND", description: "No file ffffffffffffffffffffffffffffffff in the archive" }]]);

    const job = (await post("/api/v1/WebRestoreFileSizePolling", { guid: RITA_DEVICE, fileId: node.id, timestamp: null, showDeleted: null })).body.data.jobId;
    expect((await get(`/api/v1/WebRestoreFileSizePolling?jobId=${job}&guid=${RITA_DEVICE}`)).body.data).toEqual({ jobId: job, status: "DONE", numFiles: 3, numDirs: 2, size: 36 });

    const started = await post("/api/v9/restore/web", {
      sourceComputerGuid: RITA_DEVICE,
      webRestoreSessionId: session,
      restoreGroups: [{ backupSetId: "1", files: [{ fileType: "DIRECTORY", path: "/Users/rita/Documents", selected: true }] }],
      numFiles: 3,
      numDirs: 2,
      numBytes: 36,
      expireJob: null,
      showDeleted: true,
      restoreFullPath: null,
      restoreToServer: null,
    });
    const jobId = started.body.data.jobId as string;
    const created = Date.parse("2024-06-01T12:00:00.000Z");
    const restoreJob = (status: string, done: boolean, percentComplete: number) => ({
      jobId,
      name: `WebRestore_${jobId}`,
      status,
      done,
      canceled: false,
      percentComplete,
      zipResult: true,
      sourceId: RITA_DEVICE,
      userId: ids.rita.userId,
      bytesZipped: done ? 36 : 0,
      numFiles: 3,
      numDirs: 2,
      numBytes: 36,
      creationDate: created,
      expirationDate: created + 86_400_000,
    });
    expect(started.body).toEqual({ data: restoreJob("running", false, 0) });
    expect((await get(`/api/v1/WebRestoreJobResult/${jobId}`)).status).toBe(400);
    await emu.http.post("/_emulator/clock/advance").send({ by: "500ms" });
    expect((await get(`/api/v1/WebRestoreJob/${jobId}`)).body.data).toEqual(restoreJob("running", false, 50));
    await emu.http.post("/_emulator/clock/advance").send({ by: "500ms" });
    expect((await get(`/api/v1/WebRestoreJob/${jobId}`)).body.data).toEqual(restoreJob("done", true, 100));

    const zip = await get(`/api/v1/WebRestoreJobResult/${jobId}`).set("Accept", "application/octet-stream").buffer(true).parse(binary);
    expect(zip.headers["content-type"]).toBe("application/octet-stream");
    expect(zipEntries(zip.body as Buffer)).toEqual([
      ["Documents/notes/todo.md", "- ship\n"],
      ["Documents/old.doc", "/Users/rita/Document"], // 20 bytes of its path, the fixture gave no content
      ["Documents/plan.txt", "the plan\n"],
    ]);

    const single = await restoreAs(root, RITA_DEVICE, [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }]);
    expect(single.body.data).toMatchObject({ zipResult: false, numFiles: 1, numDirs: 0, numBytes: 9 });
    await emu.http.post("/_emulator/clock/advance").send({ by: "1s" });
    const file = await get(`/api/v1/WebRestoreJobResult/${single.body.data.jobId}`).buffer(true).parse(binary);
    expect((file.body as Buffer).toString()).toBe("the plan\n");
  });

  it("lists restores in the history, latest first, by org (with its children), user and device, within the days asked", async () => {
    const started = await restoreAs(root, RITA_DEVICE, [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }]);
    const jobId = started.body.data.jobId as string;
    const event = (restoreId: string, requester: [string | null, string], startDate: string, completedDate: string | null, status: string) => ({
      restoreId,
      restoreType: "WEB",
      sourceComputerId: ids.ritaComputerId,
      sourceComputerGuid: RITA_DEVICE,
      sourceComputerName: "RITA-LAPTOP",
      destinationGuid: WEST,
      destinationName: "Code42 Cloud USA West",
      archiveGuid: RITA_ARCHIVE,
      userId: ids.rita.userId,
      userUid: ids.rita.userUid,
      username: "rita@example.com",
      orgId: ids.branchOrg.orgId,
      orgUid: ids.branchOrg.orgUid,
      orgName: "Archive Branch",
      requestingUserUid: requester[0],
      requestingUsername: requester[1],
      startDate,
      completedDate,
      canceled: false,
      status,
      numFiles: 1,
      numDirs: 0,
      numBytes: 9,
      files: [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }],
    });
    const rootAdminUid = (await get("/api/v1/User/my")).body.data.userUid;
    const history = `/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}&pgNum=1&pgSize=500`;
    expect((await get(history)).body.data).toEqual({
      restoreEvents: [
        event(jobId, [rootAdminUid, "root.admin@example.com"], "2024-06-01T12:00:00.000Z", null, "running"),
        event(PAST_RESTORE, [null, "rita@example.com"], "2024-05-20T12:00:00Z", "2024-05-20T12:00:01.000Z", "done"),
      ],
    });
    const ids2 = (res: { body: { data: { restoreEvents: { restoreId: string }[] } } }) => res.body.data.restoreEvents.map((e) => e.restoreId);
    expect(ids2(await get(`/api/v1/RestoreHistory?days=5&userId=${ids.rita.userId}`))).toEqual([jobId]);
    expect(ids2(await get(`/api/v1/RestoreHistory?days=30&computerId=${ids.ritaComputerId}`))).toEqual([jobId, PAST_RESTORE]);
    expect(ids2(await get(`/api/v1/RestoreHistory?days=30&computerId=${ids.ronComputerId}`))).toEqual([]);
    expect(ids2(await get(`/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}&pgNum=2&pgSize=1`))).toEqual([PAST_RESTORE]);
    // A user sees the restores of their own devices; an org admin those of their orgs.
    expect(ids2(await get(`/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}`, await as(emu, "rita@example.com")))).toEqual([jobId, PAST_RESTORE]);
    expect(ids2(await get(`/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}`, await as(emu, "ron@example.com")))).toEqual([]);
    expect((await get("/api/v1/RestoreHistory?orgId=1")).status).toBe(400);
  });

  it("an admin restores a user's data within their reach; a user only their own, in their own session", async () => {
    const branch = await as(emu, "branch.admin@example.com");
    const rita = await as(emu, "rita@example.com");
    expect((await restoreAs(branch, RITA_DEVICE, [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }])).status).toBe(200);
    expect((await restoreAs(rita, RITA_DEVICE, [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }])).status).toBe(200);
    // The root admin restores from the deactivated device's cold archive (a drive's paths, backslashes read as slashes).
    const ron = await restoreAs(root, RON_DEVICE, [{ path: "C:/Users/ron/report.xlsx", fileType: "FILE" }]);
    expect(ron.body.data).toMatchObject({ numFiles: 1, numBytes: 30 });
    for (const auth of [branch, rita]) {
      expect(answer(await post("/api/v1/WebRestoreSession", { computerGuid: RON_DEVICE }, auth))).toEqual([404, notFound("Computer not found")]);
      expect(answer(await post("/api/v1/DataKeyToken", { computerGuid: RON_DEVICE }, auth))).toEqual([404, notFound("Computer not found")]);
      expect(answer(await get(`/api/v1/WebRestoreInfo?srcGuid=${RON_DEVICE}&destGuid=${EAST}`, auth))).toEqual([404, notFound("Computer not found")]);
    }
    // Another caller's session, and another caller's job, are not found.
    const session = (await post("/api/v1/WebRestoreSession", { computerGuid: RITA_DEVICE }, rita)).body.data.webRestoreSessionId;
    expect(answer(await get(`/api/v1/WebRestoreTreeNode?webRestoreSessionId=${session}&guid=${RITA_DEVICE}`, branch))).toEqual([404, [{ name: "WEB_RESTORE_SESSION_NOT_FOUND", description: "Web restore session not found" }]]);
    expect(answer(await get(`/api/v1/WebRestoreJob/${ron.body.data.jobId}`, rita))).toEqual([404, [{ name: "NOT_FOUND", description: "Restore job not found" }]]);
  });

  it("keeps to the org's web restore limits: the user's for their own data, the administrator's for others'", async () => {
    const org = (await get(`/api/v1/Org/${ids.branchOrg.orgId}?incSettings=true`)).body.data;
    expect((await emu.http.put(`/api/v1/Org/${ids.branchOrg.orgId}`).set("Authorization", root).send({ ...org, settings: { ...org.settings, webRestoreUserLimitMb: 0 } })).status).toBe(200);
    const plan = [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }];
    expect(answer(await restoreAs(await as(emu, "rita@example.com"), RITA_DEVICE, plan))).toEqual([400, { problem: "WEB_RESTORE_LIMIT_EXCEEDED", description: "The restore is 9 bytes, over the web restore limit of 0 MB" }]);
    expect((await restoreAs(await as(emu, "branch.admin@example.com"), RITA_DEVICE, plan)).status).toBe(200);
  });

  it("refuses a selection the archive does not hold, and writes nothing; a job is canceled until done", async () => {
    const before = (await get(`/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}`)).body.data.restoreEvents.length;
    const res = await restoreAs(root, RITA_DEVICE, [{ path: "/Users/rita/missing.txt", fileType: "FILE" }]);
    expect(answer(res)).toEqual([404, { problem: "NOT_FOUND", description: "No file /Users/rita/missing.txt in the archive" }]);
    const session = (await post("/api/v1/WebRestoreSession", { computerGuid: RITA_DEVICE })).body.data.webRestoreSessionId;
    const badSet = await post("/api/v9/restore/web", { sourceComputerGuid: RITA_DEVICE, webRestoreSessionId: session, restoreGroups: [{ backupSetId: "7", files: [{ path: "/Users/rita/Documents/plan.txt" }] }] });
    expect(badSet.status).toBe(404);
    expect((await get(`/api/v1/RestoreHistory?days=30&orgId=${ids.rootOrg.orgId}`)).body.data.restoreEvents.length).toBe(before);

    const job = (await restoreAs(root, RITA_DEVICE, [{ path: "/Users/rita/Documents", fileType: "DIRECTORY" }])).body.data.jobId;
    const canceled = await emu.http.delete("/api/v1/WebRestoreJob").set("Authorization", root).send({ jobId: job });
    expect(canceled.body.data).toMatchObject({ jobId: job, status: "canceled", canceled: true, done: true, percentComplete: 100 });
    expect(answer(await get(`/api/v1/WebRestoreJobResult/${job}`))).toEqual([400, [{ name: "RESTORE_NOT_READY", description: "The restore was canceled" }]]);
  });
});
