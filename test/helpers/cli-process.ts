// The emulator as its own process (the built command), for tests that kill it: `--db` names its database.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { ADMIN } from "./emulator.js";

const CLI = join(packageRoot, "dist", "src", "main.js");

export interface EmulatorProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

/** Started and listening (its log's "listening on" line). */
export function startEmulatorProcess(db: string): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--log-level", "silent", "--password-cost", "4", "--db", db]);
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** The admin's user token from that process, the way py42 signs in. */
export async function adminToken(url: string): Promise<string> {
  const basic = Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64");
  const res = await fetch(`${url}/api/v3/auth/jwt?useBody=True`, { headers: { authorization: `Basic ${basic}` } });
  return ((await res.json()) as { v3_user_token: string }).v3_user_token;
}
