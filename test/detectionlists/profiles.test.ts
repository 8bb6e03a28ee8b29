// Detection-list profiles (/svc/api/v2/user/*): the help-center examples and every rule py42 relies on.
import { ADMIN, DEFAULT_TENANT_UID, emulatorPerFile } from "../helpers/emulator.js";
import { ALICE, BOB, CAROL, NEW_HIRE, bulletin, detectionLists } from "../helpers/detectionlists.js";

const emu = emulatorPerFile();
let post: ReturnType<typeof detectionLists>;
const tenantId = DEFAULT_TENANT_UID;
beforeEach(async () => {
  post = detectionLists(emu, await emu.tokenFor(ADMIN.username, ADMIN.password));
});

const DLM = "com.code42.detectionlistmanagement.DetectionListMessages.";

describe("user/create (help-center example)", () => {
  it("an admin creates a profile for a Code42 user who has none", async () => {
    const res = await post("user/create", {
      tenantId,
      userName: "new.hire@example.com",
      notes: "This is an example user note.",
      riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
      cloudUsernames: ["nina@personal.example"],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "USER_V2",
      tenantId,
      userId: NEW_HIRE,
      userName: "new.hire@example.com",
      displayName: "Nina Newhire",
      notes: "This is an example user note.",
      cloudUsernames: ["nina@personal.example", "new.hire@example.com"],
      riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
    });
    expect(Object.keys(res.body)).toEqual(["type$", "tenantId", "userId", "userName", "displayName", "notes", "cloudUsernames", "riskFactors"]);
  });

  it("creating a profile that exists is a 400 and changes nothing", async () => {
    const before = (await post("user/getbyid", { tenantId, userId: CAROL })).body;
    const res = await post("user/create", { tenantId, userName: "carol.clark@example.com", notes: "other" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(bulletin(`${DLM}UserAlreadyExists`, "User already exists: carol.clark@example.com", { user: "carol.clark@example.com" }));
    expect((await post("user/getbyid", { tenantId, userId: CAROL })).body).toEqual(before);
  });

  it("a username that is no Code42 user is a 400 'Could not find user'", async () => {
    const res = await post("user/create", { tenantId, userName: "nobody@example.com" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(bulletin("com.code42.casemanagement.CaseMessages.InvalidUser", "Could not find user: nobody@example.com", { user: "nobody@example.com" }));
  });

  it("more than two cloud usernames in all is a 400 and creates nothing", async () => {
    const res = await post("user/create", { tenantId, userName: "new.hire@example.com", cloudUsernames: ["a@x.example", "b@x.example"] });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Cloud usernames must be less than or equal to 2");
    expect((await post("user/getbyid", { tenantId, userId: NEW_HIRE })).status).toBe(400);
  });
});

describe("user/getbyusername and user/getbyid", () => {
  it("getbyusername (help-center example, lower-case `username`) answers the profile with its SCIM attributes", async () => {
    const res = await post("user/getbyusername", { tenantId, username: "alice.adams@example.com" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      "type$": "USER_V2",
      tenantId,
      userId: ALICE,
      userName: "alice.adams@example.com",
      displayName: "Alice Adams",
      notes: "Downloads spiked last quarter.",
      cloudUsernames: ["alice.adams@personal.example", "alice.adams@example.com"],
      managerUid: "942897397520289999",
      managerUsername: "test.user@example.com",
      managerDisplayName: "Test User",
      title: "Software Engineer",
      division: "Product",
      department: "Engineering",
      employmentType: "Full Time",
      city: "Minneapolis",
      state: "MN",
      country: "US",
      riskFactors: ["FLIGHT_RISK", "HIGH_IMPACT_EMPLOYEE"],
    });
  });

  it("getbyid answers the same profile; fields that are not set are absent", async () => {
    const res = await post("user/getbyid", { tenantId, userId: CAROL });
    expect(res.body).toEqual({
      "type$": "USER_V2",
      tenantId,
      userId: CAROL,
      userName: "carol.clark@example.com",
      displayName: "Carol Clark",
      cloudUsernames: ["carol.clark@example.com"],
      riskFactors: [],
    });
  });

  it("a userId sent as a number is read as the same id", async () => {
    const res = await post("user/getbyid", { tenantId, userId: Number(CAROL.slice(0, 15)) });
    expect(res.status).toBe(400);
    expect(res.body["pop-bulletin"]["text$"]).toBe(`Could not find user: ${CAROL.slice(0, 15)}`);
  });

  it("a user without a profile, or no such user, is a 400 py42 maps to Py42UnableToCreateProfileError", async () => {
    for (const [path, body, who] of [
      ["user/getbyusername", { tenantId, username: "new.hire@example.com" }, "new.hire@example.com"],
      ["user/getbyusername", { tenantId, username: "ghost@example.com" }, "ghost@example.com"],
      ["user/getbyid", { tenantId, userId: "123" }, "123"],
    ] as const) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      expect(res.text).toContain("Could not find user");
      expect(res.body).toEqual(bulletin("com.code42.casemanagement.CaseMessages.InvalidUser", `Could not find user: ${who}`, { user: who }));
    }
  });
});

describe("changing a profile", () => {
  it("user/refresh re-reads the SCIM attributes from the Code42 user record", async () => {
    await emu.database.db.updateTable("users").set({ title: "Staff Engineer", department: "Platform", city: null }).where("user_uid", "=", ALICE).execute();
    expect((await post("user/getbyid", { tenantId, userId: ALICE })).body.title).toBe("Software Engineer");
    const res = await post("user/refresh", { tenantId, userId: ALICE });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Staff Engineer", department: "Platform", state: "MN" });
    expect(res.body).not.toHaveProperty("city");
    expect((await post("user/getbyid", { tenantId, userId: ALICE })).body.title).toBe("Staff Engineer");
  });

  it("cloud usernames: add one (two in all), remove it, and a third is refused with the text py42 maps", async () => {
    const added = await post("user/addcloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol@personal.example"] });
    expect(added.status).toBe(200);
    expect(added.body.cloudUsernames).toEqual(["carol.clark@example.com", "carol@personal.example"]);

    const third = await post("user/addcloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol@third.example"] });
    expect(third.status).toBe(400);
    expect(third.body).toEqual(
      bulletin(`${DLM}ValidationError`, "Command or Query is invalid: Cloud usernames must be less than or equal to 2", {
        reason: "Cloud usernames must be less than or equal to 2",
      }),
    );

    const removed = await post("user/removecloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol@personal.example"] });
    expect(removed.body.cloudUsernames).toEqual(["carol.clark@example.com"]);
  });

  it("adding an alias the profile has already is no change", async () => {
    const res = await post("user/addcloudusernames", { tenantId, userId: CAROL, cloudUsernames: ["carol.clark@example.com"] });
    expect(res.body.cloudUsernames).toEqual(["carol.clark@example.com"]);
  });

  it("risk factors: added without repeats, removed, and an unknown factor is a 400 validation bulletin", async () => {
    await post("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["FLIGHT_RISK"] });
    const res = await post("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["CONTRACT_EMPLOYEE", "FLIGHT_RISK"] });
    expect(res.body.riskFactors).toEqual(["FLIGHT_RISK", "CONTRACT_EMPLOYEE"]);
    expect((await post("user/removeriskfactors", { tenantId, userId: CAROL, riskFactors: ["FLIGHT_RISK"] })).body.riskFactors).toEqual(["CONTRACT_EMPLOYEE"]);

    const bad = await post("user/addriskfactors", { tenantId, userId: CAROL, riskFactors: ["BAD_VIBES"] });
    expect(bad.status).toBe(400);
    expect(bad.body["pop-bulletin"]).toMatchObject({ "type$": `${DLM}ValidationError`, "text$": expect.stringMatching(/^Command or Query is invalid: .*riskFactors/) });
  });

  it("user/updatenotes replaces the notes, and null clears them", async () => {
    expect((await post("user/updatenotes", { tenantId, userId: BOB, notes: "Gave notice" })).body.notes).toBe("Gave notice");
    const cleared = await post("user/updatenotes", { tenantId, userId: BOB, notes: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body).not.toHaveProperty("notes");
  });

  it("changing a profile that does not exist is a 400 and creates nothing", async () => {
    const res = await post("user/updatenotes", { tenantId, userId: NEW_HIRE, notes: "x" });
    expect(res.status).toBe(400);
    expect(res.text).toContain("Could not find user");
    expect((await emu.database.db.selectFrom("detection_profiles").select("user_uid").where("user_uid", "=", NEW_HIRE).execute())).toEqual([]);
  });

  it("a body without tenantId is a 400 validation bulletin", async () => {
    const res = await post("user/getbyid", { userId: CAROL });
    expect(res.status).toBe(400);
    expect(res.body["pop-bulletin"]["text$"]).toMatch(/tenantId/);
  });
});
