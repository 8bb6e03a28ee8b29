// A SIGKILLed emulator cannot remove its reset and snapshot images; the next emulator to start on the machine does.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { TEST_PG } from "../helpers/postgres.js";

const imagesOf = (pid: number) => readdirSync(tmpdir()).filter((name) => name.startsWith(`c42emu-images-${pid}-`));

// Image files are SQLite's: on PostgreSQL the reset and snapshot images are rows of the database (emulator_images).
(TEST_PG ? it.skip : it)("removes the image directory a killed emulator left behind, and only that one (SQLite: images are files only there)", async () => {
  const killed = spawn(process.execPath, [join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent"], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  killed.stdout.on("data", (c: Buffer) => (out += c));
  for (let i = 0; i < 200 && !out.includes("listening on"); i++) await new Promise((r) => setTimeout(r, 50));
  const left = imagesOf(killed.pid!);
  expect(left).toHaveLength(1);
  killed.kill("SIGKILL");
  await once(killed, "exit");
  expect(existsSync(join(tmpdir(), left[0]!))).toBe(true);

  const next = await startTestEmulator();
  try {
    expect(existsSync(join(tmpdir(), left[0]!))).toBe(false);
    // A live process's directories stay: this one's own.
    expect(imagesOf(process.pid).length).toBeGreaterThan(0);
  } finally {
    await next.close();
  }
});
