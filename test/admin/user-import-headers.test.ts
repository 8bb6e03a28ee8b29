// The bulk-add upload's header (POST /api/v1/UserImport): the sample's column names in any case; a column the sample
// does not have is left out and named in the report, and the rows import.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ENG_UID = "1007759454961904673";
const upload = (lines: string[]) => emu.http.post(`/api/v1/UserImport?orgUid=${ENG_UID}`).set("Authorization", auth).set("Content-Type", "text/csv").send(lines.join("\n"));
const user = async (username: string) => (await emu.http.get(`/api/v1/User?username=${encodeURIComponent(username)}`).set("Authorization", auth)).body.data.users[0];

describe("POST /api/v1/UserImport header", () => {
  it("takes the sample's column names in any case, and imports around a column it does not know, naming it once", async () => {
    const res = await upload([
      "Username,EMAIL,FirstName,Department,lastname,QUOTAINBYTES",
      "h1@example.com,h1@example.com,Hana,Sales,One,1024",
      ",,No,Ops,Name,",
      "h2@example.com,not-an-email,,,,",
      "h3@example.com,,,Ops,,",
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      metadata: { timestamp: expect.any(String), params: { orgUid: ENG_UID } },
      data: {
        created: 2,
        rejected: 2,
        ignoredColumns: ["Department"],
        rows: [
          { row: 2, username: "h1@example.com", status: "CREATED", userUid: expect.stringMatching(/^\d+$/) },
          { row: 3, username: "", status: "REJECTED", reasons: ["INVALID_ROW: username is required"] },
          { row: 4, username: "h2@example.com", status: "REJECTED", reasons: ["EMAIL_INVALID: Invalid email: not-an-email"] },
          { row: 5, username: "h3@example.com", status: "CREATED", userUid: expect.stringMatching(/^\d+$/) },
        ],
      },
    });
    expect(await user("h1@example.com")).toMatchObject({ email: "h1@example.com", firstName: "Hana", lastName: "One", quotaInBytes: 1024, orgUid: ENG_UID });
  });

  it("a header of known columns only reports no ignored column", async () => {
    const res = await upload(["username,email", "k1@example.com,k1@example.com"]);
    expect(res.body.data).toEqual({ created: 1, rejected: 0, ignoredColumns: [], rows: [{ row: 2, username: "k1@example.com", status: "CREATED", userUid: expect.any(String) }] });
  });
});
