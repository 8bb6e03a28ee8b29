// The control plane against the ways in a developer's machine or a shared CI host leaves open: another site's page
// (an Origin that is not the emulator's), DNS rebinding (a Host name that is not this machine's), and a bind beyond
// loopback without a token, which the command warns about.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";

let open: TestEmulator;
let guarded: TestEmulator;
beforeAll(async () => {
  open = await startTestEmulator({ controlHosts: ["code42"] });
  guarded = await startTestEmulator({ controlToken: "s3cret" });
});
afterAll(() => Promise.all([open.close(), guarded.close()]));

const refused = (res: { status: number; body: { error?: { code: string } } }) => [res.status, res.body.error?.code];

it("without a token, control calls need a Host name of this machine (or a --control-host one)", async () => {
  for (const host of ["evil.example", "evil.example:4200", "192.0.2.7:4200", "[2001:db8::1]:4200"]) {
    expect(refused(await open.http.get("/_emulator/state").set("Host", host))).toEqual([403, "HOST_NOT_ALLOWED"]);
    expect(refused(await open.http.post("/_emulator/reset").set("Host", host))).toEqual([403, "HOST_NOT_ALLOWED"]);
  }
  for (const host of ["localhost:4200", "LOCALHOST", "app.localhost:80", "127.0.0.1", "127.1.2.3:9", "[::1]:4200", "code42:4200"])
    expect((await open.http.get("/_emulator/clock").set("Host", host)).status).toBe(200);
  // Health stays open: container health checks and wait strategies call it by any name.
  expect((await open.http.get("/_emulator/health").set("Host", "evil.example")).status).toBe(200);
});

it("with a token, any Host name will do: a rebound page cannot send the header", async () => {
  expect((await guarded.http.get("/_emulator/clock").set("Host", "code42:4200").set("X-Emulator-Token", "s3cret")).status).toBe(200);
});

it("a call from another site's page is refused, token or not, and changes nothing; the emulator's own pages are served", async () => {
  await open.http.post("/_emulator/clock/freeze");
  for (const origin of ["http://evil.example", "null", `http://localhost:${open.port + 1}`]) {
    expect(refused(await open.http.post("/_emulator/clock/unfreeze").set("Origin", origin).set("content-type", "text/plain").send("x"))).toEqual([403, "CROSS_SITE"]);
    expect(refused(await guarded.http.post("/_emulator/reset").set("Origin", origin).set("X-Emulator-Token", "s3cret"))).toEqual([403, "CROSS_SITE"]);
  }
  expect((await open.http.get("/_emulator/clock")).body.frozen).toBe(true);
  expect((await open.http.post("/_emulator/clock/unfreeze").set("Origin", open.url)).status).toBe(200);
});

it("warns at start-up when it listens beyond loopback without a token, and not otherwise", async () => {
  const stderrOf = async (args: string[]) => {
    const child = spawn(process.execPath, [join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent", ...args]);
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => (err += c));
    for (let i = 0; i < 200 && !out.includes("listening on"); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 100));
    child.kill("SIGTERM");
    return err;
  };
  expect(await stderrOf(["--host", "0.0.0.0"])).toMatch(/^WARNING: listening beyond this machine \(0\.0\.0\.0\) with no --control-token: /);
  expect(await stderrOf(["--host", "0.0.0.0", "--control-token", "t"])).toBe("");
  expect(await stderrOf(["--host", "127.0.0.1"])).toBe("");
});
