// Part of `npm run build`: starts the built server once the way `npm start` does (the same node flags: V8 refuses a
// cache made under others), signs in and makes a few typical calls so that the functions they run are compiled too,
// and stops it; src/launch.ts writes V8's code cache to dist/index.cache as it exits.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync } from "node:fs";
import { startCommand } from "./start-command.mjs";

const { env, flags, file } = startCommand();
const cache = "dist/index.cache";
rmSync(cache, { force: true });

const child = spawn(process.execPath, [...flags, file, "--port", "0", "--log-level", "silent"], {
  env: { ...process.env, ...env, CODE42_EMULATOR_WRITE_CODE_CACHE: cache },
  stdio: ["ignore", "pipe", "inherit"],
});
let out = "";
for await (const chunk of child.stdout) {
  out += chunk;
  if (/listening on \S+\n/.test(out)) break;
}
const url = /listening on (\S+)/.exec(out)?.[1];
if (!url) throw new Error(`code-cache: the server did not start: ${out}`);

const basic = `Basic ${Buffer.from("test.user@example.com:password").toString("base64")}`;
await fetch(`${url}/_emulator/health`);
const { v3_user_token: token } = await (await fetch(`${url}/api/v3/auth/jwt?useBody=true`, { headers: { authorization: basic } })).json();
const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
const { data } = await (await fetch(`${url}/c42api/v3/customer/my`, { headers })).json();
await fetch(`${url}/api/v1/User?pgNum=1&pgSize=10`, { headers });
await fetch(`${url}/svc/api/v2/departingemployee/search`, { method: "POST", headers, body: JSON.stringify({ tenantId: data.tenantUid, pgSize: 10, pgNum: 1 }) });

child.kill("SIGTERM");
const [code] = await once(child, "exit");
if (code !== 0) throw new Error(`code-cache: the server exited with ${code}`);
readFileSync(cache); // written, or this build step fails
