// Account emails (invite, password reset, two-factor reset), CSV export and import, the py42 1.23-1.25 user paths.
import { parse } from "csv-parse/sync";
import { totpCode } from "../../src/auth/totp.js";
import { ADMIN, TWO_FACTOR, emulatorPerFile } from "../helpers/emulator.js";

const emu = emulatorPerFile();
let auth: string;
beforeEach(async () => {
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});

const ENG_UID = "1007759454961904673";
const get = (p: string) => emu.http.get(p).set("Authorization", auth);
const post = (p: string, b?: object) => (b ? emu.http.post(p).set("Authorization", auth).send(b) : emu.http.post(p).set("Authorization", auth));
const outbox = () => emu.database.db.selectFrom("outbox").selectAll().orderBy("message_id").execute();
const tokenOf = (link: string | null) => new URL(`http://x${link}`).searchParams.get("token")!;

describe("invitations", () => {
  it("invited users set a password through the emailed link and sign in; they stay invited", async () => {
    const res = await post("/api/v3/users/invite", { orgUid: ENG_UID, emails: ["ivy@example.com"], subject: "Welcome", message: "Join us" });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([expect.objectContaining({ username: "ivy@example.com", email: "ivy@example.com", invited: true, orgUid: ENG_UID })]);
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: "INVITATION", to_address: "ivy@example.com", subject: "Welcome", body: expect.stringContaining("Join us") });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("ivy@example.com", "anything-at-all")).status).toBe(401);
    expect((await emu.http.post("/api/v3/users/complete-link").send({ token: tokenOf(mail!.link), password: "ivy-password" })).status).toBe(204);
    const again = await emu.http.post("/api/v3/users/complete-link").send({ token: tokenOf(mail!.link), password: "ivy-password2" });
    expect(again.status).toBe(400);
    expect(again.body.error[0].primaryErrorKey).toBe("LINK_INVALID");
    await emu.tokenFor("ivy@example.com", "ivy-password");
    expect((await get("/api/v1/User?username=ivy%40example.com")).body.data.users[0].invited).toBe(true);
  });

  it("one invalid address fails the whole invitation, and nothing is written", async () => {
    const res = await post("/api/v3/users/invite", { orgUid: ENG_UID, emails: ["ok@example.com", "bob.brown@example.com"] });
    expect(res.status).toBe(500);
    expect(res.text).toContain("USER_DUPLICATE");
    expect(await outbox()).toEqual([]);
    expect((await get("/api/v1/User?username=ok%40example.com")).body.data.users).toEqual([]);
  });
});

describe("password and two-factor resets", () => {
  it("reset password emails a link and flags the user; the new password replaces the old", async () => {
    expect((await post("/api/v3/users/942897397520280006/reset-password")).status).toBe(204);
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: "PASSWORD_RESET", to_address: "carol.clark@example.com" });
    expect((await get("/api/v1/User/4207")).body.data.passwordReset).toBe(true);
    await emu.http.post("/api/v3/users/complete-link").send({ token: tokenOf(mail!.link), password: "brand-new-pass" });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("carol.clark@example.com", "password")).status).toBe(401);
    await emu.tokenFor("carol.clark@example.com", "brand-new-pass");
    expect((await get("/api/v1/User/4207")).body.data.passwordReset).toBe(false);
  });

  it("users of an org whose client visibility is Hidden get no reset email", async () => {
    await emu.database.db.updateTable("orgs").set({ client_visibility: "HIDDEN" }).where("org_id", "=", 1001).execute();
    expect((await post("/api/v3/users/942897397520280006/reset-password")).status).toBe(204);
    expect(await outbox()).toEqual([]);
  });

  it("reset two-factor: the old secret's codes stop working; the emailed secret's codes work", async () => {
    expect((await post("/api/v3/users/942897397520280003/reset-two-factor")).status).toBe(204);
    const now = emu.clock.nowSeconds();
    const old = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", totpCode(TWO_FACTOR.secret, now));
    expect(old.status).toBe(401);
    const [mail] = await outbox();
    const secret = new URL(mail!.link!).searchParams.get("secret")!;
    const fresh = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", totpCode(secret, now));
    expect(fresh.status).toBe(200);
  });
});

describe("CSV export", () => {
  it("has the seed's 45 columns in order and one row per user, with device totals", async () => {
    const res = await get("/api/v1/UserExport");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    const [header, ...rows] = parse(res.text) as string[][];
    expect(header).toHaveLength(45);
    expect(header!.slice(0, 6)).toEqual(["userId", "orgId", "username", "email", "displayName", "status"]);
    expect(header!.at(-1)).toBe("emailPromo");
    expect(rows).toHaveLength(9);
    const dave = Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r[2] === "dave.davis@example.com")![i]]));
    expect(dave).toMatchObject({ computerCount: "2", backupDeviceCount: "2", archiveBytes: String(98765432100 + 5000000000), active: "TRUE", criticalCount: "1", archiveHistory: "2" });
  });

  it("writes every column of a line under its header: the user's fields and the totals over the user's devices", async () => {
    const [header, ...rows] = parse((await get("/api/v1/UserExport?userUid=942897397520280007")).text) as string[][];
    expect(rows).toHaveLength(1);
    const dave = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    const instant = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Dave's MacBook backed up and completed 10 minutes ago; his old PC completed 90 days ago, past the critical interval.
    expect(dave).toEqual({
      ...{ userId: expect.stringMatching(/^\d+$/), orgId: expect.stringMatching(/^\d+$/), username: "dave.davis@example.com", email: "dave.davis@example.com" },
      ...{ displayName: "Dave Davis", status: "Active", computerCount: "2", shareDeviceCount: "0", backupDeviceCount: "2", lastLoginDate: "" },
      ...{ active: "TRUE", blocked: "FALSE", warningCount: "0", criticalCount: "1", targetComputer: "", selectedFiles: "90211" },
      ...{ selectedBytes: String(104857600000 + 5000000000), lastBackupDate: instant, lastCompletedBackupDate: instant },
      ...{ archiveBytes: String(98765432100 + 5000000000), todoBytes: "0", todoFiles: "0", userUid: "942897397520280007" },
      ...{ orgUid: expect.stringMatching(/^\d+$/), userExtRef: "", notes: "", firstName: "Dave", lastName: "Davis", orgName: "Code42 Emulator" },
      ...{ orgType: "ENTERPRISE", authType: "LOCAL", usernameIAnEmail: "TRUE", creationDate: instant, modificationDate: instant },
      ...{ passwordReset: "FALSE", invited: "FALSE", securityKeyType: "AccountPassword", targetComputerGuid: "" },
      ...{ billableByes: String(98765432100 + 5000000000), quotaInBytes: "-1", percentComplete: "100" },
      ...{ archiveBytesDelta: String(104857600000 - 98765432100), archiveBytesDeltaMonth: "0", archiveHistory: "2", emailPromo: "FALSE" },
    });
    // The latest of the two devices' backups, not the first or the last listed.
    expect(dave.lastBackupDate).toBe(dave.lastCompletedBackupDate);
    expect(Date.now() - Date.parse(dave.lastCompletedBackupDate!)).toBeLessThan(11 * 60_000);
  });

  it("takes the list's filters, or just the selected users", async () => {
    const eng = parse((await get(`/api/v1/UserExport?orgUid=${ENG_UID}`)).text) as string[][];
    expect(eng.length - 1).toBe(4);
    const picked = parse((await get("/api/v1/UserExport?userUid=942897397520280004&userUid=942897397520280006")).text) as string[][];
    expect(picked.slice(1).map((r) => r[2])).toEqual(["alice.adams@example.com", "carol.clark@example.com"]);
  });

  it("a cell a spreadsheet would run as a formula is written with a leading apostrophe; numbers stay numbers", async () => {
    const created = await post("/api/v1/User").send({ orgUid: ENG_UID, username: "formula@example.com", firstName: '=HYPERLINK("http://evil.example","x")', lastName: "@SUM(A1)" });
    expect(created.status).toBe(200);
    const [header, ...rows] = parse((await get("/api/v1/UserExport")).text) as string[][];
    const row = Object.fromEntries(header!.map((h, i) => [h, rows.find((r) => r[2] === "formula@example.com")![i]]));
    expect(row).toMatchObject({ firstName: `'=HYPERLINK("http://evil.example","x")`, lastName: "'@SUM(A1)" });
    expect(Object.values(row)).toContain("-1"); // the quota: a number, not a formula
  });

  it("a user's texts come out as they went in: escapes, control characters, line breaks and characters beyond the BMP", async () => {
    // SQLite hands the export each user's values as a JSON array (list-store.ts): nothing of JSON may show.
    const texts = { firstName: 'Zoë \\"🙂\\u0041', lastName: "tab\there\u0001" };
    const notes = 'line one\r\nline "two", \\n not a break';
    const created = await post("/api/v1/User").send({ orgUid: ENG_UID, username: "texts@example.com", ...texts, notes, quotaInBytes: 9_007_199_254_740_991 });
    expect(created.status).toBe(200);
    const [header, ...rows] = parse((await get(`/api/v1/UserExport?userUid=${created.body.data.userUid}`)).text) as string[][];
    const row = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(row).toMatchObject({ ...texts, notes, quotaInBytes: "9007199254740991", displayName: `${texts.firstName} ${texts.lastName}` });
  });
});

describe("CSV import", () => {
  it("the sample imports as is", async () => {
    const sample = await get("/api/v1/UserImport/sample");
    const res = await post(`/api/v1/UserImport?orgUid=${ENG_UID}`).set("Content-Type", "text/csv").send(sample.text);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 2, rejected: 0 });
    await emu.tokenFor("john.roe@example.com", "Initial-Passw0rd");
  });

  it("a line with a stray quote is reported as its row, and the rest import", async () => {
    const csv = ["username,email,firstName", "q1@example.com,q1@example.com,Q", 'q2@example.com,"q2@example"x.com,Q', "q3@example.com,,Q"].join("\n");
    const res = await post("/api/v1/UserImport").set("Content-Type", "text/csv").send(csv);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 2, rejected: 1 });
    expect(res.body.data.rows).toEqual([
      { row: 2, username: "q1@example.com", status: "CREATED", userUid: expect.any(String) },
      { row: 3, username: "", status: "REJECTED", reasons: [expect.stringMatching(/^INVALID_ROW: not valid CSV: Invalid Closing Quote/)] },
      { row: 4, username: "q3@example.com", status: "CREATED", userUid: expect.any(String) },
    ]);
  });

  it("reports each row; a rejected row leaves nothing and does not stop the others", async () => {
    const csv = ["username,email,firstName,lastName,quotaInBytes", "a1@example.com,a1@example.com,A,One,", "bob.brown@example.com,,B,,", ",,No,Name,", "a2@example.com,not-an-email,,,", "a3@example.com,,,,lots", "a4@example.com,,,,-1"].join("\n");
    const res = await post("/api/v1/UserImport").set("Content-Type", "text/csv").send(csv);
    expect(res.body.data).toMatchObject({ created: 2, rejected: 4 });
    expect(res.body.data.rows).toEqual([
      { row: 2, username: "a1@example.com", status: "CREATED", userUid: expect.any(String) },
      { row: 3, username: "bob.brown@example.com", status: "REJECTED", reasons: [expect.stringContaining("USER_DUPLICATE")] },
      { row: 4, username: "", status: "REJECTED", reasons: [expect.stringContaining("username is required")] },
      { row: 5, username: "a2@example.com", status: "REJECTED", reasons: [expect.stringContaining("EMAIL_INVALID")] },
      { row: 6, username: "a3@example.com", status: "REJECTED", reasons: [expect.stringContaining("quotaInBytes")] },
      { row: 7, username: "a4@example.com", status: "CREATED", userUid: expect.any(String) },
    ]);
    expect((await get("/api/v1/User")).body.data.totalCount).toBe(11);
  });

  it("a row sees the rows before it, in its batch or an earlier one; a rejected row leaves no user, role or profile", async () => {
    const count = async (table: "users" | "user_roles" | "detection_profiles") =>
      Number((await emu.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
    const counts = async () => ({ users: await count("users"), roles: await count("user_roles"), profiles: await count("detection_profiles") });
    const before = await counts();
    const lines = ["username,orgUid,password", "twice@example.com,,", "twice@example.com,,", "ghost.org@example.com,123456789,", "short.password@example.com,,short"];
    for (let i = 0; i < 600; i++) lines.push(`filler${i}@example.com,,`);
    lines.push("TWICE@example.com,,", "last@example.com,,Last-Passw0rd");
    const res = await post(`/api/v1/UserImport?orgUid=${ENG_UID}`).set("Content-Type", "text/csv").send(lines.join("\n"));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 602, rejected: 4 });
    const rows = res.body.data.rows;
    expect(rows.slice(0, 4)).toEqual([
      { row: 2, username: "twice@example.com", status: "CREATED", userUid: expect.any(String) },
      { row: 3, username: "twice@example.com", status: "REJECTED", reasons: [expect.stringContaining("USER_DUPLICATE")] },
      { row: 4, username: "ghost.org@example.com", status: "REJECTED", reasons: ["SYSTEM: Organization was not found: 123456789"] },
      { row: 5, username: "short.password@example.com", status: "REJECTED", reasons: [expect.stringContaining("NEW_PASSWORD_INVALID")] },
    ]);
    expect(rows.slice(-2)).toEqual([
      { row: 606, username: "TWICE@example.com", status: "REJECTED", reasons: [expect.stringContaining("USER_DUPLICATE")] },
      { row: 607, username: "last@example.com", status: "CREATED", userUid: expect.any(String) },
    ]);
    expect(await counts()).toEqual({ users: before.users + 602, roles: before.roles + 602, profiles: before.profiles + 602 });
    await emu.tokenFor("last@example.com", "Last-Passw0rd");
  });

  it("a 10k-row import reports every row", async () => {
    const lines = ["username,firstName"];
    for (let i = 0; i < 10_000; i++) lines.push(`bulk${i}@example.com,Bulk${i}`);
    lines.push("bulk0@example.com,Again");
    const res = await post("/api/v1/UserImport").set("Content-Type", "text/csv").send(lines.join("\n"));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ created: 10_000, rejected: 1 });
    expect(res.body.data.rows).toHaveLength(10_001);
    expect((await get("/api/v1/User?pgSize=1")).body.data.totalCount).toBe(10_009);
  }, 60_000);
});

describe("py42 1.23-1.25 user paths", () => {
  it("UserBlock, UserDeactivation, UserMoveProcess, UserRole", async () => {
    const put = (p: string, b?: object) => (b ? emu.http.put(p).set("Authorization", auth).send(b) : emu.http.put(p).set("Authorization", auth));
    const del = (p: string) => emu.http.delete(p).set("Authorization", auth);
    const carol = async () => (await get("/api/v1/User/4207")).body.data;
    expect((await put("/api/v1/UserBlock/4207")).status).toBe(204);
    expect((await carol()).blocked).toBe(true);
    await del("/api/v1/UserBlock/4207");
    await put("/api/v1/UserDeactivation/4207", { blockUser: true });
    expect(await carol()).toMatchObject({ active: false, blocked: true });
    await del("/api/v1/UserDeactivation/4207?unblockUser=True");
    expect(await carol()).toMatchObject({ active: true, blocked: false });
    expect((await post("/api/v1/UserMoveProcess", { userId: 4207, parentOrgId: 1002 })).status).toBe(204);
    expect((await carol()).orgId).toBe(1002);
    await post("/api/v1/UserRole", { userId: 4207, roleName: "Alert Emails" });
    expect((await get("/api/v1/UserRole/4207")).body.data.map((r: { roleName: string }) => r.roleName)).toEqual(["Alert Emails", "Desktop User"]);
    await del("/api/v1/UserRole?userId=4207&roleName=Alert%20Emails");
    expect((await get("/api/v1/UserRole/4207")).body.data.map((r: { roleId: string }) => r.roleId)).toEqual(["desktop-user"]);
  });
});
