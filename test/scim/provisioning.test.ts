// SCIM as identity providers really use it: what Code42 does not store is ignored, a provider changes only the users
// it provisioned, and deprovisioning blocks at once and deactivates after Code42's 15-minute grace period.
import { ADMIN, emulatorPerFile } from "../helpers/emulator.js";
import { CORE, ENTERPRISE, scimClient, scimError } from "../helpers/scim.js";

const emu = emulatorPerFile();

const ALICE = "942897397520280004"; // provisioned by okta in the default fixtures
const ADMIN_UID = "942897397520289999";
const BOB = "942897397520280005";

const okta = () => scimClient(emu, "okta", "okta-scim-token");
const entra = () => scimClient(emu, "entra", "entra-scim-token");
// A token of its own each time: the clock moves past a token's 30 minutes in some of these tests.
const asAdmin = async (path: string) => (await emu.http.get(path).set("Authorization", `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`)).body.data;
const code42User = (uid: string) => asAdmin(`/api/v1/User/${uid}?idType=uid`);
const computer = (id: number) => asAdmin(`/api/v1/Computer/${id}`);
const advance = (by: string) => emu.http.post("/_emulator/clock/advance").send({ by });
const error = scimError;

describe("attributes Code42 does not store", () => {
  const entraUser = () =>
    entra().post("/Users", {
      schemas: [CORE, ENTERPRISE],
      userName: "ines.entra@example.com",
      externalId: "e-7",
      active: true,
      displayName: "Ines Entra",
      nickName: "Ini",
      preferredLanguage: "es-ES",
      name: { givenName: "Ines", familyName: "Entra", formatted: "Ines Entra" },
      phoneNumbers: [{ type: "work", value: "+34 600 000 000" }],
      emails: [{ type: "work", value: "ines.entra@example.com", primary: true }],
      addresses: [{ type: "work", streetAddress: "1 Calle Mayor", locality: "Madrid", postalCode: "28013", region: "Madrid", country: "ES", formatted: "1 Calle Mayor, Madrid" }],
      [ENTERPRISE]: { employeeNumber: "E-42", department: "Legal" },
    });

  it("a create keeps what Code42 stores, the work address's street and postal code among it, and ignores the rest", async () => {
    const res = await entraUser();
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      schemas: [CORE, ENTERPRISE],
      id: expect.stringMatching(/^\d{18}$/),
      externalId: "e-7",
      userName: "ines.entra@example.com",
      name: { givenName: "Ines", familyName: "Entra", formatted: "Ines Entra" },
      displayName: "Ines Entra",
      emails: [{ value: "ines.entra@example.com", type: "work", primary: true }],
      active: true,
      addresses: [{ type: "work", streetAddress: "1 Calle Mayor", locality: "Madrid", region: "Madrid", postalCode: "28013", country: "ES", primary: true }],
      [ENTERPRISE]: { department: "Legal" },
      meta: { resourceType: "User", created: expect.any(String), lastModified: expect.any(String), location: expect.stringContaining(`/scim/entra/v2/Users/${res.body.id}`) },
    });
  });

  it("Entra's per-path PATCH applies what it can and ignores the rest, in one request", async () => {
    const id = (await entraUser()).body.id;
    const res = await entra().patch(`/Users/${id}`, [
      { op: "Replace", path: "displayName", value: "Ines E." },
      { op: "Replace", path: "name.formatted", value: "Ines E." },
      { op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+34 611" },
      { op: "Replace", path: "preferredLanguage", value: "en-GB" },
      { op: "Replace", path: "nickName", value: "In" },
      { op: "Replace", path: `${ENTERPRISE}:employeeNumber`, value: "E-43" },
      { op: "Replace", path: 'addresses[type eq "work"].streetAddress', value: "2 Gran Via" },
      { op: "Replace", path: 'addresses[type eq "work"].postalCode', value: "28014" },
      { op: "Replace", path: "Title", value: "Counsel" },
      { op: "Replace", path: "Name.GivenName", value: "Inés" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: "Counsel", name: { givenName: "Inés", familyName: "Entra" }, addresses: [{ streetAddress: "2 Gran Via", postalCode: "28014", locality: "Madrid" }] });
    expect(res.body).not.toHaveProperty("nickName");
    expect(res.body).not.toHaveProperty("phoneNumbers");
    expect(res.body[ENTERPRISE]).toEqual({ department: "Legal" });
    expect(await code42User(id)).toMatchObject({ firstName: "Inés" });
  });

  it("the path-less form and a PUT do the same", async () => {
    const id = (await entraUser()).body.id;
    const patched = await entra().patch(`/Users/${id}`, [{ op: "replace", value: { nickName: "x", "name.familyName": "Entrada", displayName: "whatever", [`${ENTERPRISE}:department`]: "Compliance", phoneNumbers: [] } }]);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: { familyName: "Entrada" }, [ENTERPRISE]: { department: "Compliance" } });
    const put = await entra().put(`/Users/${id}`, { schemas: [CORE], userName: "ines.entra@example.com", nickName: "y", shoeSize: 38, adresses: [{ country: "PT" }], name: { givenName: "Ines" } });
    expect(put.status).toBe(200);
    expect(put.body).not.toHaveProperty("addresses");
    expect(put.body.name).toEqual({ givenName: "Ines", formatted: "Ines" });
  });
});

describe("a provider changes only the users it provisioned", () => {
  it("local users and another provider's users are not in its view: 404 for each call, nothing changes", async () => {
    const before = await Promise.all([ADMIN_UID, BOB, ALICE].map(code42User));
    for (const id of [ADMIN_UID, BOB]) {
      expect((await okta().get(`/Users/${id}`)).body).toEqual(error(404));
      expect((await okta().patch(`/Users/${id}`, [{ op: "replace", path: "userName", value: "taken@example.com" }])).status).toBe(404);
      expect((await okta().put(`/Users/${id}`, { schemas: [CORE], userName: "x@example.com", active: false })).status).toBe(404);
      expect((await okta().del(`/Users/${id}`)).status).toBe(404);
    }
    for (const attempt of [entra().get(`/Users/${ALICE}`), entra().del(`/Users/${ALICE}`), entra().patch(`/Users/${ALICE}`, [{ op: "replace", path: "active", value: false }])]) expect((await attempt).status).toBe(404);
    expect(await Promise.all([ADMIN_UID, BOB, ALICE].map(code42User))).toEqual(before);
  });

  it("a provider's secret opens only its own base URL, before and after it has been accepted once", async () => {
    expect((await okta().get("/Users")).status).toBe(200);
    expect((await scimClient(emu, "okta", "okta-scim-token-x").get("/Users")).status).toBe(401);
    expect((await scimClient(emu, "entra", "okta-scim-token").get("/Users")).status).toBe(401);
    expect((await okta().get("/Users")).status).toBe(200);
  });

  it("the list shows the provider's own users only; a local user's userName is taken (409)", async () => {
    expect((await okta().get("/Users")).body).toMatchObject({ totalResults: 1, Resources: [{ id: ALICE, userName: "alice.adams@example.com" }] });
    expect((await entra().get("/Users")).body).toMatchObject({ totalResults: 0, Resources: [] });
    expect((await okta().get(`/Users?filter=${encodeURIComponent('userName eq "test.user@example.com"')}`)).body.totalResults).toBe(0);
    const dup = await okta().post("/Users", { schemas: [CORE], userName: "test.user@example.com" });
    expect(dup.status).toBe(409);
    expect(dup.body).toEqual(error(409, "uniqueness"));
  });
});

describe("deprovisioning", () => {
  it("active:false blocks at once and deactivates 15 minutes later, with the user's devices", async () => {
    const off = await okta().patch(`/Users/${ALICE}`, [{ op: "replace", value: { active: false } }]);
    expect(off.body.active).toBe(false);
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: true });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("alice.adams@example.com", "password")).status).toBe(401);
    await advance("14m");
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: true });
    expect(await computer(251001)).toMatchObject({ active: true });
    await advance("1m");
    expect(await code42User(ALICE)).toMatchObject({ active: false, blocked: true, status: "Deactivated" });
    expect(await computer(251001)).toMatchObject({ active: false });
    // Reactivated after the window: active and unblocked; the devices stay as they are.
    expect((await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: "active", value: true }])).body.active).toBe(true);
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: false });
  });

  it("reactivated within the window: unblocked, never deactivated, devices untouched", async () => {
    await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: "active", value: "False" }]);
    await advance("10m");
    expect((await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: "active", value: "True" }])).body.active).toBe(true);
    await advance("1h");
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: false });
    expect(await computer(251001)).toMatchObject({ active: true });
    expect((await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("alice.adams@example.com", "password")).status).toBe(200);
  });

  it("DELETE: 404 from then on, blocked now and deactivated later; the userName can be provisioned again", async () => {
    expect((await okta().del(`/Users/${ALICE}`)).status).toBe(204);
    expect((await okta().get(`/Users/${ALICE}`)).body).toEqual(error(404));
    expect((await okta().del(`/Users/${ALICE}`)).status).toBe(404);
    expect((await okta().get("/Users")).body.totalResults).toBe(0);
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: true });
    await advance("15m");
    expect(await code42User(ALICE)).toMatchObject({ active: false });
    const again = await okta().post("/Users", { schemas: [CORE], userName: "alice.adams@example.com", name: { givenName: "Alice", familyName: "Adams-Baker" }, active: true });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: ALICE, active: true, name: { familyName: "Adams-Baker" } });
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: false, lastName: "Adams-Baker" });
  });

  it("a reset forgets a pending deadline", async () => {
    await okta().patch(`/Users/${ALICE}`, [{ op: "replace", path: "active", value: false }]);
    expect((await emu.http.post("/_emulator/reset")).status).toBe(204);
    await advance("20m");
    expect(await code42User(ALICE)).toMatchObject({ active: true, blocked: false });
  });
});
