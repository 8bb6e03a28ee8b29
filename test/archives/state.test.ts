// An archive's files and restores in the state export (which loads back to the same state) and in tenant copies.
import { emulatorPerFile } from "../helpers/emulator.js";
import { as, loadArchiveTenant, PAST_RESTORE, RITA_DEVICE, TENANT, WEST, type Ids } from "./fixture.js";

const emu = emulatorPerFile();
let ids: Ids;
beforeEach(async () => {
  ids = await loadArchiveTenant(emu);
});

type Backup = Record<string, unknown>;
const stateOf = async (uid: string) => ((await emu.http.get("/_emulator/state?includeCredentials=true")).body.tenants as { tenantUid: string; users: { username: string; devices?: { backups: Backup[] }[] }[] }[]).find((t) => t.tenantUid === uid)!;
const ritaBackup = (state: Awaited<ReturnType<typeof stateOf>>) => state.users.find((u) => u.username.startsWith("rita"))!.devices![0]!.backups[0]!;

async function restorePlan(auth: string) {
  const session = (await emu.http.post("/api/v1/WebRestoreSession").set("Authorization", auth).send({ computerGuid: RITA_DEVICE })).body.data.webRestoreSessionId;
  const res = await emu.http.post("/api/v9/restore/web").set("Authorization", auth).send({ sourceComputerGuid: RITA_DEVICE, webRestoreSessionId: session, restoreGroups: [{ backupSetId: "1", files: [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }] }] });
  return res.body.data.jobId as string;
}

describe("archives in the state export and tenant copies", () => {
  it("exports an archive's files and restores, and the export loads back to the same state", async () => {
    const root = await as(emu, "root.admin@example.com");
    const jobId = await restorePlan(root);
    const rootUid = (await emu.http.get("/api/v1/User/my").set("Authorization", root)).body.data.userUid;
    const state = await stateOf(TENANT);
    const backup = ritaBackup(state);
    expect([backup.files, backup.restores]).toEqual([
      // In the fixture's order, each with its size.
      [
        { path: "/Users/rita/Documents/plan.txt", content: "the plan\n", size: 9, lastModifiedAt: "2024-05-01T09:00:00Z" },
        { path: "/Users/rita/Documents/notes/todo.md", content: "- ship\n", size: 7, lastModifiedAt: "2024-05-02T09:00:00Z" },
        { path: "/Users/rita/Documents/old.doc", size: 20, lastModifiedAt: "2024-04-01T09:00:00Z", deleted: true },
      ],
      [
        { restoreId: PAST_RESTORE, requestedBy: "rita@example.com", startedAt: "2024-05-20T12:00:00Z", doneAt: "2024-05-20T12:00:01.000Z", backupSetId: "1", showDeleted: true, files: [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }], numFiles: 1, numDirs: 0, numBytes: 9 },
        { restoreId: jobId, requestedBy: "root.admin@example.com", requesterUid: rootUid, startedAt: "2024-06-01T12:00:00.000Z", doneAt: "2024-06-01T12:00:01.000Z", backupSetId: "1", showDeleted: true, files: [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }], numFiles: 1, numDirs: 0, numBytes: 9 },
      ],
    ]);
    // A windows archive's backslashes were read as slashes.
    expect(state.users.find((u) => u.username === "ron@example.com")!.devices![0]!.backups[0]!.files).toEqual([{ path: "C:/Users/ron/report.xlsx", size: 30, lastModifiedAt: "2024-03-01T09:00:00Z" }]);

    expect((await emu.http.delete(`/_emulator/tenants/${TENANT}`)).status).toBe(204);
    expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [state] })).status).toBe(201);
    expect(await stateOf(TENANT)).toEqual(state);
    // The reloaded job is still the root admin's, and still running on the frozen clock.
    const again = await as(emu, "root.admin@example.com");
    expect((await emu.http.get(`/api/v1/WebRestoreJob/${jobId}`).set("Authorization", again)).body.data).toMatchObject({ jobId, done: false, status: "running" });
  });

  it("a tenant copy has the archives' files and restores, requesters by the copy's names", async () => {
    const copy = (await emu.http.post(`/_emulator/tenants/${TENANT}/copy`).send({ suffix: "c1" })).body;
    const auth = await as(emu, copy.usernames["root.admin@example.com"]);
    const orgs = (await emu.http.get("/api/v1/Org?pgSize=100").set("Authorization", auth)).body.data.orgs as { orgId: number; orgName: string }[];
    const rootOrg = orgs.find((o) => o.orgName === "Archive Root")!.orgId;
    const history = (await emu.http.get(`/api/v1/RestoreHistory?days=30&orgId=${rootOrg}`).set("Authorization", auth)).body.data.restoreEvents;
    expect(history.map((e: { restoreId: string; requestingUsername: string }) => [e.restoreId, e.requestingUsername])).toEqual([[PAST_RESTORE, "rita+c1@example.com"]]);
    expect(history[0].sourceComputerId).not.toBe(ids.ritaComputerId);
    const session = (await emu.http.post("/api/v1/WebRestoreSession").set("Authorization", auth).send({ computerGuid: RITA_DEVICE })).body.data.webRestoreSessionId;
    const roots = (await emu.http.get(`/api/v1/WebRestoreTreeNode?webRestoreSessionId=${session}&guid=${RITA_DEVICE}`).set("Authorization", auth)).body.data;
    expect(roots.map((n: { path: string }) => n.path)).toEqual(["/"]);
    expect((await emu.http.get(`/api/v3/BackupSets/${RITA_DEVICE}/${WEST}`).set("Authorization", auth)).status).toBe(200);
    // Deleting the copy removes its archives' rows, and leaves the original's.
    expect((await emu.http.delete(`/_emulator/tenants/${copy.tenantUid}`)).status).toBe(204);
    expect(ritaBackup(await stateOf(TENANT)).restores).toHaveLength(1);
  });
});
