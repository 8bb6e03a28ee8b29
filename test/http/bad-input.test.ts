// Bad input and unknown routes get the error envelope of their API family: never a 5xx, never an HTML page.
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let auth: string;
beforeAll(async () => {
  emu = await startTestEmulator({ maxBodyBytes: 4096 });
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
afterAll(() => emu.close());

const v3 = (key: string) => ({ data: null, error: [{ primaryErrorKey: key, otherErrors: null, description: expect.any(String) }], warnings: null });

function expectJson(res: { headers: Record<string, string>; text: string }) {
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.text).not.toMatch(/<html|<!DOCTYPE/i);
}

describe("malformed and oversized bodies", () => {
  it("malformed JSON is a 400 in the v3 envelope", async () => {
    const res = await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("client_id", "secret").set("Content-Type", "application/json").send('{"oops": ');
    expect(res.status).toBe(400);
    expectJson(res);
    expect(res.body).toEqual(v3("INVALID_JSON"));
  });

  it("malformed JSON is a 400 in the ECM envelope under /svc/api", async () => {
    const res = await emu.http.post("/svc/api/v2/user/getbyid").set("Authorization", auth).set("Content-Type", "application/json").send("{not json");
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ "pop-bulletin": { "type$": expect.stringMatching(/^com\.code42\./), "text$": expect.any(String), details: [] } });
  });

  it("a body over the limit is a 413 in the family envelope", async () => {
    const res = await emu.http
      .post("/api/v3/oauth/token?grant_type=client_credentials")
      .auth("client_id", "secret")
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ padding: "x".repeat(10_000) }));
    expect(res.status).toBe(413);
    expectJson(res);
    expect(res.body).toEqual(v3("REQUEST_TOO_LARGE"));
  });

  it("a JSON body with an unsupported charset is a 415", async () => {
    const res = await emu.http.post("/api/v3/oauth/token?grant_type=client_credentials").auth("client_id", "secret").set("Content-Type", "application/json; charset=klingon").send("{}");
    expect(res.status).toBe(415);
    expect(res.body).toEqual(v3("UNSUPPORTED_MEDIA_TYPE"));
  });

  it("a rejected sign-in changes nothing: the same request twice gets the same answer", async () => {
    const first = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(ADMIN.username, "wrong");
    const second = await emu.http.get("/api/v3/auth/jwt?useBody=True").auth(ADMIN.username, "wrong");
    expect([first.status, second.status]).toEqual([401, 401]);
    expect(second.body).toEqual(first.body);
  });
});

describe("unknown routes and methods", () => {
  it.each([
    ["/api/v1/NoSuchThing", [{ name: "NOT_FOUND", description: expect.any(String) }]],
    ["/api/v3/no-such-thing", v3("NOT_FOUND")],
    ["/c42api/v3/no-such-thing", v3("NOT_FOUND")],
    ["/api/v27/no-such-thing", { problem: "NOT_FOUND", description: expect.any(String) }],
    ["/svc/api/v2/no-such-thing", { "pop-bulletin": { "type$": expect.any(String), "text$": expect.any(String), details: [] } }],
    ["/_emulator/no-such-thing", { error: { code: "NOT_FOUND", message: expect.any(String) } }],
    ["/no/such/thing", { error: { code: "NOT_FOUND", message: expect.any(String) } }],
  ])("GET %s is a 404 in its family's envelope", async (path, body) => {
    const res = await emu.http.get(path).set("Authorization", auth);
    expect(res.status).toBe(404);
    expectJson(res);
    expect(res.body).toEqual(body);
  });

  it("a method the path does not have is a 405 in its family's envelope", async () => {
    const res = await emu.http.delete("/api/v3/customer/my").set("Authorization", auth);
    expect(res.status).toBe(405);
    expectJson(res);
    expect(res.body).toEqual(v3("METHOD_NOT_ALLOWED"));
  });
});
