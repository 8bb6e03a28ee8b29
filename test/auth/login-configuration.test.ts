// GET /api/v3/LoginConfiguration: unauthenticated; py42 and code42cli read loginType after a failed sign-in.
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const envelope = (loginType: string) => ({ data: { loginType }, error: null, warnings: null });

describe("GET /api/v3/LoginConfiguration", () => {
  it("a local user without two-factor answers LOCAL, with no Authorization header", async () => {
    const res = await emu.http.get("/api/v3/LoginConfiguration?username=test.user@example.com");
    expect(res.status).toBe(200);
    expect(res.body).toEqual(envelope("LOCAL"));
  });

  it("a two-factor user answers LOCAL_2FA, which makes code42cli prompt for a code", async () => {
    const res = await emu.http.get("/api/v3/LoginConfiguration").query({ username: "two.factor@example.com" });
    expect(res.body).toEqual(envelope("LOCAL_2FA"));
  });

  it("an unknown username answers LOCAL_2FA, as py42's docstring says", async () => {
    const res = await emu.http.get("/api/v3/LoginConfiguration").query({ username: "nobody@example.com" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(envelope("LOCAL_2FA"));
  });

  it("no username at all answers LOCAL_2FA", async () => {
    expect((await emu.http.get("/api/v3/LoginConfiguration")).body).toEqual(envelope("LOCAL_2FA"));
  });
});
