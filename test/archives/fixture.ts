// A tenant whose archives hold files, for the archive and restore tests: Rita (in the Branch org) has a laptop backing
// up to USA West with three files (one deleted) and a past restore; Ron (in the root org) has a deactivated desktop
// whose archive is in cold storage.
import type { TestEmulator } from "../helpers/emulator.js";

export const TENANT = "7a7a7a7a-1b1b-4c4c-8d8d-9e9e9e9e9e9e";
export const RITA_DEVICE = "911111111111111111";
export const RON_DEVICE = "912222222222222222";
export const WEST = "673679195225718785";
export const EAST = "587738803578339329";
export const RITA_ARCHIVE = "921111111111111111";
export const RON_ARCHIVE = "922222222222222222";
export const PAST_RESTORE = "931111111111111111";

export const archiveTenant = {
  tenantUid: TENANT,
  name: "Archive Tenant",
  registrationKey: "ARCH-IVES-0000-0001",
  orgs: [{ orgName: "Archive Root", children: [{ orgName: "Archive Branch" }] }],
  users: [
    { username: "root.admin@example.com", password: "password", org: "Archive Root", roles: ["Customer Cloud Admin"] },
    { username: "branch.admin@example.com", password: "password", org: "Archive Branch", roles: ["Org Admin"] },
    {
      username: "rita@example.com",
      password: "password",
      org: "Archive Branch",
      devices: [
        {
          name: "RITA-LAPTOP",
          guid: RITA_DEVICE,
          osName: "mac",
          backups: [
            {
              destination: "Code42 Cloud USA West",
              destinationGuid: WEST,
              archiveGuid: RITA_ARCHIVE,
              archiveBytes: 4096,
              lastCompletedBackupAt: "2024-05-31T10:00:00Z",
              files: [
                { path: "/Users/rita/Documents/plan.txt", content: "the plan\n", lastModifiedAt: "2024-05-01T09:00:00Z" },
                { path: "/Users/rita/Documents/notes/todo.md", content: "- ship\n", lastModifiedAt: "2024-05-02T09:00:00Z" },
                { path: "/Users/rita/Documents/old.doc", size: 20, deleted: true, lastModifiedAt: "2024-04-01T09:00:00Z" },
              ],
              restores: [{ restoreId: PAST_RESTORE, requestedBy: "rita@example.com", startedAt: "2024-05-20T12:00:00Z", files: [{ path: "/Users/rita/Documents/plan.txt", fileType: "FILE" }], numFiles: 1, numDirs: 0, numBytes: 9 }],
            },
          ],
        },
      ],
    },
    {
      username: "ron@example.com",
      password: "password",
      org: "Archive Root",
      devices: [
        {
          name: "RON-DESKTOP",
          guid: RON_DEVICE,
          osName: "win",
          active: false,
          backups: [{ destination: "Code42 Cloud USA East", destinationGuid: EAST, archiveGuid: RON_ARCHIVE, archiveBytes: 100, archiveHoldExpireDate: "2024-07-15", files: [{ path: "C:\\Users\\ron\\report.xlsx", size: 30, lastModifiedAt: "2024-03-01T09:00:00Z" }] }],
        },
      ],
    },
  ],
};

export interface Ids {
  rootOrg: { orgId: number; orgUid: string };
  branchOrg: { orgId: number; orgUid: string };
  rita: { userId: number; userUid: string };
  ron: { userId: number; userUid: string };
  ritaComputerId: number;
  ronComputerId: number;
}

/** Loads the tenant at a frozen clock and answers the ids the load gave. */
export async function loadArchiveTenant(emu: TestEmulator): Promise<Ids> {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: "2024-06-01T12:00:00.000Z" });
  expect((await emu.http.post("/_emulator/fixtures").send({ tenants: [archiveTenant] })).status).toBe(201);
  const auth = `v3_user_token ${await emu.tokenFor("root.admin@example.com", "password")}`;
  const orgs = (await emu.http.get("/api/v1/Org?pgSize=100").set("Authorization", auth)).body.data.orgs as { orgId: number; orgUid: string; orgName: string }[];
  const users = (await emu.http.get("/api/v1/User?pgSize=100").set("Authorization", auth)).body.data.users as { userId: number; userUid: string; username: string }[];
  const devices = (await emu.http.get("/api/v1/Computer?pgSize=100").set("Authorization", auth)).body.data.computers as { computerId: number; guid: string }[];
  const org = (name: string) => {
    const o = orgs.find((x) => x.orgName === name)!;
    return { orgId: o.orgId, orgUid: o.orgUid };
  };
  const user = (name: string) => {
    const u = users.find((x) => x.username === name)!;
    return { userId: u.userId, userUid: u.userUid };
  };
  return {
    rootOrg: org("Archive Root"),
    branchOrg: org("Archive Branch"),
    rita: user("rita@example.com"),
    ron: user("ron@example.com"),
    ritaComputerId: devices.find((d) => d.guid === RITA_DEVICE)!.computerId,
    ronComputerId: devices.find((d) => d.guid === RON_DEVICE)!.computerId,
  };
}

export async function as(emu: TestEmulator, username: string): Promise<string> {
  return `v3_user_token ${await emu.tokenFor(username, "password")}`;
}
