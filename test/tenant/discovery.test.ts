// Service discovery: whatever host and port a client used, py42's resolution leads back to this server.
import { ADMIN, startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let emu: TestEmulator;
let auth: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  auth = `Bearer ${await emu.tokenFor(ADMIN.username, ADMIN.password)}`;
});
afterAll(() => emu.close());

/** What py42 1.26 does with stsBaseUrl (wire reference §2.2): first "sts" replaced, https:// if no scheme, absolute path. */
function py42KeyValueUrl(stsBaseUrl: string, key: string): URL {
  let base = stsBaseUrl.replace("sts", "simple-key-value-store");
  if (!/^https?:\/\//.test(base)) base = `https://${base}`;
  return new URL(`/v1/${key}`, base);
}

/** py42 sets Host to the netloc, userinfo included. */
const netloc = (u: URL) => (u.username ? `${u.username}@${u.host}` : u.host);

const hosts = () => ["127.0.0.1:4200", "localhost:38123", "tests.local:4200", "hosts.internal:8080", "c42.example.com", "[::1]:4200"];

describe("GET /api/v1/ServerEnv then the key-value store", () => {
  it.each(hosts().map((h) => [h]))("a client that reached the server as %s is led back to it", async (host) => {
    const env = await emu.http.get("/api/v1/ServerEnv").set("Host", host).set("Authorization", auth);
    expect(env.status).toBe(200);
    const sts: string = env.body.data.stsBaseUrl;
    expect(sts.length).toBeGreaterThan(0);

    const kvUrl = py42KeyValueUrl(sts, "employeecasemanagementV2-API_URL");
    // The key-value store is the same host and port the client started from.
    expect(kvUrl.host).toBe(new URL(`http://${host}`).host);

    // py42 sends no Authorization and Accept: */* to the store.
    const kv = await emu.http.get(kvUrl.pathname).set("Host", netloc(kvUrl)).set("Accept", "*/*");
    expect(kv.status).toBe(200);
    expect(kv.headers["content-type"]).toMatch(/^text\/plain/);
    expect(kv.text).toBe(`http://${host}/svc/api/`);

    // Detection-list paths are relative: urljoin must land on /svc/api/v2/... of the same host.
    const ecm = new URL("v2/departingemployee/search", kv.text);
    expect(ecm.host).toBe(new URL(`http://${host}`).host);
    expect(ecm.pathname).toBe("/svc/api/v2/departingemployee/search");
  });

  it("publishes the origin itself when it has no 'sts' in it", async () => {
    const env = await emu.http.get("/api/v1/ServerEnv").set("Host", "127.0.0.1:4200").set("Authorization", auth);
    expect(env.body).toEqual({
      metadata: { timestamp: expect.any(String), params: {} },
      data: expect.objectContaining({ stsBaseUrl: "http://127.0.0.1:4200", deploymentModel: "PUBLIC" }),
    });
  });

  it("requires a token", async () => {
    const res = await emu.http.get("/api/v1/ServerEnv");
    expect(res.status).toBe(401);
    expect(res.body).toEqual([{ name: "UNAUTHORIZED", description: expect.any(String) }]);
  });
});

describe("GET /v1/{key}", () => {
  it.each([
    "watchlists-API_URL",
    "FedObserver-API_URL",
    "AlertService-API_URL",
    "FORENSIC_SEARCH-API_URL",
    "PRESERVATION-DATA-SERVICE_API-URL",
    "EXFILTRATED-DATA-SERVICE_API-URL",
    "AUDIT-LOG_API-URL",
    "CASES_API-URL",
    "TRUSTED-DOMAINS_API-URL",
    "employeecasemanagement-API_URL",
  ])("%s (absolute-path service) is the bare origin, no trailing newline", async (key) => {
    const res = await emu.http.get(`/v1/${key}`).set("Host", "127.0.0.1:4200");
    expect(res.status).toBe(200);
    expect(res.text).toBe("http://127.0.0.1:4200");
  });

  it("an unknown key is a 404 with an empty body", async () => {
    const res = await emu.http.get("/v1/no-such-API_URL");
    expect(res.status).toBe(404);
    expect(res.text).toBe("");
  });
});
