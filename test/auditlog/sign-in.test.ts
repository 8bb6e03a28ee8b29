// Refused sign-ins leave a trail: audit_log::login_failed/1 in the audit log of each tenant whose user the sign-in was
// refused for, with the user as actor and resource and why in `reason` (the caller still hears only 401). A username
// no tenant has belongs to no audit log; asking for the second factor is a step, not a failure.
import { totpCode } from "../../src/auth/totp.js";
import { ADMIN, DEFAULT_FIXTURES, TWO_FACTOR, emulatorPerFile, fixturePath } from "../helpers/emulator.js";

const emu = emulatorPerFile({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
const NOW = "2024-06-01T12:00:00.000Z";
beforeEach(async () => {
  await emu.http.post("/_emulator/clock/freeze");
  await emu.http.post("/_emulator/clock/set").send({ at: NOW });
});

const signIn = (username: string, password: string) => emu.http.get("/api/v3/auth/jwt?useBody=True").auth(username, password);

/** A tenant's events of these types (full or short names), as the incydr SDK searches them with its API client. */
async function trail(eventTypes: string[], client: [string, string] = ["client_id", "secret"]) {
  const token = await emu.gatewayToken(...client);
  const res = await emu.http.post("/v1/audit/search-audit-log").set("Authorization", `Bearer ${token}`).send({ eventTypes, page: 0, pageSize: 100 });
  expect(res.status).toBe(200);
  return res.body.events as Record<string, unknown>[];
}
const OTHER_TENANT: [string, string] = ["other_client", "other_secret"];

const failed = (actorId: string, actorName: string, reason: string) => ({
  "type$": "audit_log::login_failed/1",
  actorId,
  actorName,
  actorAgent: null,
  actorIpAddress: null,
  timestamp: NOW,
  actorType: "USER",
  resourceId: actorId,
  reason,
});
const ADMIN_UID = "942897397520289999";
const OTHER_ADMIN_UID = "777000000000000101";

describe("audit_log::login_failed/1", () => {
  it("a wrong password is recorded for the user of that name in every tenant; the caller hears only 401", async () => {
    const res = await signIn(ADMIN.username, "wrong");
    expect(res.status).toBe(401);
    expect(res.body.error[0].primaryErrorKey).toBe("INVALID_CREDENTIALS");
    expect(await trail(["login_failed"])).toEqual([failed(ADMIN_UID, ADMIN.username, "INVALID_CREDENTIALS")]);
    expect(await trail(["audit_log::login_failed/1"], OTHER_TENANT)).toEqual([failed(OTHER_ADMIN_UID, ADMIN.username, "INVALID_CREDENTIALS")]);
  });

  it("a password right for one tenant's user signs that user in and records no failure for the other's", async () => {
    expect((await signIn(ADMIN.username, "other-password")).status).toBe(200);
    expect(await trail(["login_failed", "logged_in"])).toEqual([]);
    expect(await trail(["login_failed", "logged_in"], OTHER_TENANT)).toEqual([expect.objectContaining({ "type$": "audit_log::logged_in/1", actorId: OTHER_ADMIN_UID })]);
  });

  it("a blocked or deactivated user's right password is recorded as USER_INACTIVE", async () => {
    expect((await signIn("blocked.user@example.com", "password")).status).toBe(401);
    expect((await signIn("gone.user@example.com", "password")).status).toBe(401);
    expect(await trail(["login_failed"], OTHER_TENANT)).toEqual([
      failed("777000000000000103", "gone.user@example.com", "USER_INACTIVE"),
      failed("777000000000000102", "blocked.user@example.com", "USER_INACTIVE"),
    ]);
  });

  it("a username no tenant has leaves no event anywhere", async () => {
    expect((await signIn("nobody@example.com", "password")).status).toBe(401);
    expect(await trail(["login_failed"])).toEqual([]);
    expect(await trail(["login_failed"], OTHER_TENANT)).toEqual([]);
  });

  it("a wrong two-factor code is recorded; being asked for one is not", async () => {
    expect((await signIn(TWO_FACTOR.username, TWO_FACTOR.password)).body.error[0].primaryErrorKey).toBe("TIME_BASED_ONE_TIME_PASSWORD_REQUIRED");
    expect(await trail(["login_failed"])).toEqual([]);
    const now = Date.parse(NOW) / 1000;
    const wrong = String((Number(totpCode(TWO_FACTOR.secret, now)) + 1) % 1_000_000).padStart(6, "0");
    const res = await signIn(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", wrong);
    expect(res.body.error[0].primaryErrorKey).toBe("TIME_BASED_ONE_TIME_PASSWORD_INVALID");
    expect(await trail(["login_failed"])).toEqual([failed("942897397520280003", TWO_FACTOR.username, "TIME_BASED_ONE_TIME_PASSWORD_INVALID")]);
  });

  it("a sign-in refused because the username is locked is recorded as ACCOUNT_LOCKED", async () => {
    for (let i = 0; i < 5; i++) await signIn("carol.clark@example.com", "wrong");
    const locked = await signIn("carol.clark@example.com", "password");
    expect(locked.body.error[0].primaryErrorKey).toBe("ACCOUNT_LOCKED");
    const events = await trail(["login_failed"]);
    expect(events.map((e) => e.reason)).toEqual(["ACCOUNT_LOCKED", ...Array(5).fill("INVALID_CREDENTIALS")]);
    expect(events[0]).toEqual(failed("942897397520280006", "carol.clark@example.com", "ACCOUNT_LOCKED"));
    expect(await trail(["login_failed"], OTHER_TENANT)).toEqual([]);
  });

  it("is searchable on the legacy wire as py42 filters it", async () => {
    await signIn(ADMIN.username, "wrong");
    const auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
    const res = await emu.http
      .post("/rpc/search/search-audit-log")
      .set("Authorization", auth)
      .send({ page: 0, pageSize: 500, dateRange: {}, eventTypes: ["login_failed"], actorIds: null, actorNames: [ADMIN.username], actorIpAddresses: null, affectedUserIds: null, affectedUserNames: null });
    expect(res.body).toEqual({ events: [failed(ADMIN_UID, ADMIN.username, "INVALID_CREDENTIALS")], paginationRangeStartIndex: 0, paginationRangeEndIndex: 1, totalResultCount: 1 });
  });
});
