// Connections that never finish a request head are closed once the headers timeout has passed, whether they send
// it slowly or send nothing at all: Node enforces the limit only when it checks, which must be often.
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
    setTimeout(() => socket.destroy(new Error("still open after 10 s")), 10_000);
  });
}

it("a slow request head and an idle connection are closed soon after the headers timeout, not 30 s later", async () => {
  const [slow, idle] = await Promise.all([secondsToClose("GET /_emulator/health HTTP/1.1\r\nHost: x\r\n"), secondsToClose("")]);
  // The limit is 1 s here and Node checks every second: closed within 2.5 s (30 s before).
  expect(slow).toBeLessThan(2.5);
  expect(idle).toBeLessThan(2.5);
});

it("the defaults are what docs/RELIABILITY.md states", () => {
  expect(DEFAULT_TIMEOUTS).toEqual({ headersTimeout: 10_000, requestTimeout: 30_000 });
});
