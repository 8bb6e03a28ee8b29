// Signing in: Basic credentials (+ TOTP) for a 30-minute user token, on both paths the clients use.
import { totpCode } from "../../src/auth/totp.js";
import { ADMIN, DEFAULT_FIXTURES, TWO_FACTOR, fixturePath, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ fixtures: [DEFAULT_FIXTURES, fixturePath("second-tenant.yaml")] });
});
afterAll(() => emu.close());

const v3Error = (key: string) => ({
  data: null,
  error: [{ primaryErrorKey: key, otherErrors: null, description: expect.any(String) }],
  warnings: null,
});

describe("GET /api/v3/auth/jwt and /c42api/v3/auth/jwt", () => {
  it.each(["/api/v3/auth/jwt?useBody=True", "/c42api/v3/auth/jwt?useBody=true"])(
    "an admin signs in with Basic credentials at %s and gets a bare v3_user_token",
    async (path) => {
      const res = await emu.http.get(path).auth(ADMIN.username, ADMIN.password).set("Accept", "application/json");
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(Object.keys(res.body)).toEqual(["v3_user_token"]);
      expect(res.body.v3_user_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    },
  );

  it("the username is matched case-insensitively", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth("Test.User@Example.com", ADMIN.password);
    expect(res.status).toBe(200);
  });

  it("a wrong password gets 401 in the v3 error envelope", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(ADMIN.username, "wrong");
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("INVALID_CREDENTIALS"));
  });

  it("an unknown user gets the same 401 as a wrong password", async () => {
    const res = await emu.http.get("/c42api/v3/auth/jwt?useBody=true").auth("nobody@example.com", "password");
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("INVALID_CREDENTIALS"));
  });

  it("no Authorization header (py42 with an empty username) gets 401", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True");
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("UNAUTHORIZED"));
  });

  it("a malformed Basic header gets 401", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").set("Authorization", "Basic !!!notbase64");
    expect(res.status).toBe(401);
  });

  it("a useBody value that is not a boolean is a 400 in the v3 envelope", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=maybe").auth(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(400);
    expect(res.body).toEqual(v3Error("INVALID_REQUEST"));
  });

  it("blocked and deactivated users cannot sign in, and their right password gets the answer a wrong one gets", async () => {
    const wrong = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(ADMIN.username, "not-the-password");
    for (const username of ["blocked.user@example.com", "gone.user@example.com"]) {
      const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(username, "password");
      expect([res.status, res.body]).toEqual([wrong.status, wrong.body]);
      expect(res.body).toEqual(v3Error("INVALID_CREDENTIALS"));
    }
  });

  it("five wrong passwords in a row lock the username for 15 minutes of the clock; the control plane lists and clears locks", async () => {
    const signIn = (password: string, username = "carol.clark@example.com") => emu.http.get("/api/v3/auth/jwt?useBody=True").auth(username, password);
    emu.control.signInLocks.clear(); // the failed sign-ins of the tests before
    emu.clock.freeze();
    const until = new Date(emu.clock.now() + 15 * 60_000).toISOString();
    for (let i = 0; i < 5; i++) expect((await signIn("wrong")).body).toEqual(v3Error("INVALID_CREDENTIALS"));
    const locked = await signIn("password");
    expect([locked.status, locked.body]).toEqual([401, v3Error("ACCOUNT_LOCKED")]);
    // Any username locks the same way, whether or not there is such a user: the lock tells nothing.
    for (let i = 0; i < 5; i++) await signIn("x", "Nobody@example.com");
    expect((await emu.http.get("/_emulator/sign-in-locks")).body).toEqual([
      { username: "carol.clark@example.com", failures: 5, lockedUntil: until },
      { username: "nobody@example.com", failures: 5, lockedUntil: until },
    ]);
    emu.clock.advance(15 * 60_000);
    expect((await signIn("password")).status).toBe(200);
    for (let i = 0; i < 5; i++) await signIn("wrong");
    expect((await signIn("password")).body).toEqual(v3Error("ACCOUNT_LOCKED"));
    expect((await emu.http.delete("/_emulator/sign-in-locks")).status).toBe(204);
    expect((await emu.http.get("/_emulator/sign-in-locks")).body).toEqual([]);
    expect((await signIn("password")).status).toBe(200);
    await emu.control.reset();
  });

  it("passwords are stored as scrypt hashes, never as given", async () => {
    const rows = await emu.database.db.selectFrom("users").select(["username", "password_hash"]).execute();
    for (const row of rows) {
      if (row.password_hash === null) continue;
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(row.password_hash).not.toContain("password");
    }
  });
});

describe("two-factor sign-in with the totp-auth header", () => {
  const now = () => emu.clock.nowSeconds();

  it("the right code signs the user in", async () => {
    const res = await emu.http
      .get("/c42api/v3/auth/jwt?useBody=true")
      .auth(TWO_FACTOR.username, TWO_FACTOR.password)
      .set("totp-auth", totpCode(TWO_FACTOR.secret, now()));
    expect(res.status).toBe(200);
    expect(res.body.v3_user_token).toEqual(expect.any(String));
  });

  it("a code is good once: the same code again, or an earlier one, gets 401; the next step's code works; a reset forgets", async () => {
    const signIn = (code: string) => emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", code);
    const at = Date.UTC(2030, 0, 1, 9, 0, 0); // a step no other test of this file uses, the clock held there
    emu.clock.set(at);
    emu.clock.freeze();
    const code = totpCode(TWO_FACTOR.secret, now());
    expect((await signIn(code)).status).toBe(200);
    const again = await signIn(code);
    expect([again.status, again.body]).toEqual([401, v3Error("TIME_BASED_ONE_TIME_PASSWORD_INVALID")]);
    expect((await signIn(totpCode(TWO_FACTOR.secret, now() - 30))).status).toBe(401);
    emu.clock.advance(30_000);
    expect((await signIn(totpCode(TWO_FACTOR.secret, now()))).status).toBe(200);
    await emu.control.reset();
    emu.clock.set(at);
    emu.clock.freeze();
    expect((await signIn(code)).status).toBe(200);
    await emu.control.reset();
  });

  it("a missing code gets 401", async () => {
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("TIME_BASED_ONE_TIME_PASSWORD_REQUIRED"));
  });

  it("a wrong code gets 401", async () => {
    const right = totpCode(TWO_FACTOR.secret, now());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", wrong);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("TIME_BASED_ONE_TIME_PASSWORD_INVALID"));
  });

  it("a code from ten minutes ago no longer works", async () => {
    const stale = totpCode(TWO_FACTOR.secret, now() - 600);
    const res = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(TWO_FACTOR.username, TWO_FACTOR.password).set("totp-auth", stale);
    expect(res.status).toBe(401);
  });

  it("a right code with a wrong password still gets 401 for the password", async () => {
    const res = await emu.http
      .get("/api/v3/auth/jwt?useBody=True")
      .auth(TWO_FACTOR.username, "wrong")
      .set("totp-auth", totpCode(TWO_FACTOR.secret, now()));
    expect(res.status).toBe(401);
    expect(res.body).toEqual(v3Error("INVALID_CREDENTIALS"));
  });
});

describe("using the token", () => {
  it.each(["Bearer", "v3_user_token", "bearer"])("the %s scheme is accepted", async (scheme) => {
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const res = await emu.http.get("/api/v3/customer/my").set("Authorization", `${scheme} ${token}`);
    expect(res.status).toBe(200);
  });

  it("a token lives 30 minutes by the emulator clock", async () => {
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    emu.clock.advance(29 * 60_000);
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${token}`)).status).toBe(200);
    emu.clock.advance(2 * 60_000);
    const expired = await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual(v3Error("UNAUTHORIZED"));
    // A fresh sign-in works again, as py42's renewal does.
    const fresh = await emu.tokenFor(ADMIN.username, ADMIN.password);
    expect((await emu.http.get("/api/v3/customer/my").set("Authorization", `Bearer ${fresh}`)).status).toBe(200);
  });

  it("the token's claims name the user and tenant and expire 1800 s after issue", async () => {
    const token = await emu.tokenFor(ADMIN.username, ADMIN.password);
    const [header, payload] = token.split(".").slice(0, 2).map((p) => JSON.parse(Buffer.from(p!, "base64url").toString()));
    expect(header).toMatchObject({ alg: "ES256", typ: "JWT", kid: expect.any(String) });
    expect(payload).toMatchObject({ sub: "942897397520289999", tid: "4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b", typ: "user" });
    expect(payload.exp - payload.iat).toBe(1800);
  });
});
