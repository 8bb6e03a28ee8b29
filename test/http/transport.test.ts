// The HTTP layer below the routes. Connections that never finish a request head are closed once the headers timeout
// has passed, whether they send it slowly or send nothing at all: Node enforces the limit only when it checks, which
// must be often. What Node's parser refuses, and paths in another case, answer in an envelope like any error.
import { connect } from "node:net";
import { startServer, type RunningEmulator } from "../../src/server.js";
import { DEFAULT_TIMEOUTS } from "../../src/http/listen.js";

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startServer({ port: 0, logLevel: "silent", passwordCost: 4 }, { timeouts: { headersTimeout: 1_000, requestTimeout: 3_000 } });
});
afterAll(() => emu.close());

/** Seconds until the server closes a connection that sends `send` and then nothing. */
function secondsToClose(send: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(emu.port, "127.0.0.1", () => socket.write(send));
    socket.on("data", () => undefined);
    socket.on("close", () => resolve((performance.now() - started) / 1000));
    socket.on("error", reject);
    setTimeout(() => socket.destroy(new Error("still open after 10 s")), 10_000).unref();
  });
}

it("a slow request head and an idle connection are closed soon after the headers timeout, not 30 s later", async () => {
  const [slow, idle] = await Promise.all([secondsToClose("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n"), secondsToClose("")]);
  // The limit is 1 s here and Node checks every second: closed in about 2 s (30 s before); a loaded machine may
  // add some.
  expect(slow).toBeLessThan(6);
  expect(idle).toBeLessThan(6);
});

it("the defaults are what docs/RELIABILITY.md states", () => {
  expect(DEFAULT_TIMEOUTS).toEqual({ headersTimeout: 10_000, requestTimeout: 30_000 });
});

/** The raw answer to raw bytes. */
function rawAnswer(send: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    const socket = connect(emu.port, "127.0.0.1", () => socket.write(send));
    socket.on("data", (c: Buffer) => (got += c));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

it("what Node's parser refuses is answered in the emulator's error envelope, not Node's bare status", async () => {
  const [head, body] = (await rawAnswer("NOT HTTP AT ALL\r\n\r\n")).split("\r\n\r\n");
  expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(head).toContain("Content-Type: application/json");
  expect(JSON.parse(body!)).toEqual({ error: { code: "MALFORMED_REQUEST", message: "The request is not well-formed HTTP" } });
  const huge = await rawAnswer(`GET /api/v1/User HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`);
  expect(huge).toMatch(/^HTTP\/1\.1 431 /);
  expect(JSON.parse(huge.split("\r\n\r\n")[1]!).error.code).toBe("HEADERS_TOO_LARGE");
});

it("an upper-case path answers in its own family's envelope (Express routes it without regard to case)", async () => {
  const v1 = await fetch(`${emu.url}/API/V1/NOSUCHTHING`);
  expect([v1.status, await v1.json()]).toEqual([404, [expect.objectContaining({ name: expect.any(String), description: expect.any(String) })]]);
  const ecm = await fetch(`${emu.url}/SVC/API/V2/NOSUCH`, { method: "POST" });
  expect(Object.keys((await ecm.json()) as object)).toContain("pop-bulletin");
});
