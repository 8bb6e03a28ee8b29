// Users invited by email: `invited` says how they came (seed "Users reference": "Whether the user was invited to
// Code42 via email"), in the CSV export, the v1 user and the list's filter; the Invited tab ("invited to create
// account, but not yet signed in") is the invited users who have not signed in yet.
import { parse } from "csv-parse/sync";
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ENG_UID = "1007759454961904673";
const FIXTURE_USERS = [
  "test.user@example.com", "test_username@example.com", "org.admin@example.com", "two.factor@example.com", "alice.adams@example.com",
  "bob.brown@example.com", "carol.clark@example.com", "dave.davis@example.com", "new.hire@example.com",
];
const get = (p: string) => emu.http.get(p).set("Authorization", auth);
const post = (p: string, b: object) => emu.http.post(p).set("Authorization", auth).send(b);
const usernames = (res: { body: { data: { users: { username: string }[] } } }) => res.body.data.users.map((u) => u.username);

/** The export's rows as header -> cell, by username. */
async function exported(query = ""): Promise<Map<string, Record<string, string>>> {
  const [header, ...rows] = parse((await get(`/api/v1/UserExport${query}`)).text) as string[][];
  return new Map(rows.map((r) => [r[2]!, Object.fromEntries(header!.map((h, i) => [h, r[i]!]))]));
}

/** Invites ivy@example.com and follows the emailed link: she has a password but has not signed in yet. */
async function inviteIvy(): Promise<void> {
  expect((await post("/api/v3/users/invite", { orgUid: ENG_UID, emails: ["ivy@example.com"] })).status).toBe(200);
  const { link } = await emu.database.db.selectFrom("outbox").select("link").executeTakeFirstOrThrow();
  const token = new URL(`http://x${link}`).searchParams.get("token");
  expect((await emu.http.post("/api/v3/users/complete-link").send({ token, password: "ivy-password" })).status).toBe(204);
}

describe("invited users", () => {
  it("the export's invited column stays TRUE after the invited user signs in; lastLoginDate tells the Invited tab apart", async () => {
    await inviteIvy();
    expect((await exported()).get("ivy@example.com")).toMatchObject({ invited: "TRUE", lastLoginDate: "" });
    await emu.tokenFor("ivy@example.com", "ivy-password");
    const rows = await exported();
    expect(rows.get("ivy@example.com")).toMatchObject({ invited: "TRUE", lastLoginDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    expect(FIXTURE_USERS.map((u) => rows.get(u)!.invited)).toEqual(FIXTURE_USERS.map(() => "FALSE"));
  });

  it("GET /api/v1/User?invited=true lists the users invited by email, signed in or not; invited=false the others", async () => {
    await inviteIvy();
    await emu.tokenFor("ivy@example.com", "ivy-password");
    const invited = await get("/api/v1/User?invited=true");
    expect(invited.status).toBe(200);
    const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(invited.body).toEqual({
      metadata: { timestamp, params: { invited: "true" } },
      data: {
        totalCount: 1,
        users: [
          {
            userId: expect.any(Number), userUid: expect.stringMatching(/^\d+$/), status: "Active", username: "ivy@example.com", email: "ivy@example.com",
            firstName: null, lastName: null, quotaInBytes: -1, orgId: 1002, orgUid: ENG_UID, orgName: "Engineering", userExtRef: null, notes: null,
            active: true, blocked: false, emailPromo: false, invited: true, orgType: "ENTERPRISE", usernameIsAnEmail: true,
            creationDate: timestamp, modificationDate: timestamp, passwordReset: false, localAuthenticationOnly: false, licenses: [],
          },
        ],
      },
    });
    const others = await get("/api/v1/User?invited=False&pgSize=100");
    expect(others.body.data.totalCount).toBe(9);
    expect(usernames(others)).toEqual(FIXTURE_USERS);
    expect(others.body.data.users.every((u: { invited: boolean }) => u.invited === false)).toBe(true);
    expect((await get("/api/v1/User?invited=true&active=false")).body.data).toEqual({ totalCount: 0, users: [] });
  });

  it("the export takes the invited filter too", async () => {
    await inviteIvy();
    expect([...(await exported("?invited=true")).keys()]).toEqual(["ivy@example.com"]);
    expect([...(await exported("?invited=false")).keys()]).toEqual(FIXTURE_USERS);
  });
});
