// Secrets never reach the logs, even at the most verbose level and when requests fail.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";

const CLI = join(packageRoot, "dist", "src", "main.js");

it("a trace-level log of sign-ins, failures and shutdown holds no password, token, secret or TOTP code", async () => {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--log-level", "trace", "--password-cost", "4"]);
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const url = await new Promise<string>((resolve) => {
    const check = () => {
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
      else setTimeout(check, 20);
    };
    check();
  });
  const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString("base64")}`;
  const token = ((await (await fetch(`${url}/api/v3/auth/jwt?useBody=True`, { headers: { authorization: basic("test.user@example.com", "password") } })).json()) as { v3_user_token: string }).v3_user_token;
  await fetch(`${url}/api/v3/auth/jwt?useBody=True`, { headers: { authorization: basic("two.factor@example.com", "password"), "totp-auth": "123456" } });
  await fetch(`${url}/api/v3/oauth/token?grant_type=client_credentials`, { method: "POST", headers: { authorization: basic("client_id", "secret") } });
  await fetch(`${url}/api/v1/User/942897397520280006?idType=uid`, { method: "PUT", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ password: "Sup3r-Secret-New" }) });
  await fetch(`${url}/api/v1/User`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"broken": ' });
  const exited = new Promise((r) => child.on("exit", r));
  child.kill("SIGTERM");
  await exited;
  expect(out).toContain("shutting down");
  for (const secret of [token, "Sup3r-Secret-New", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "123456", Buffer.from("test.user@example.com:password").toString("base64")]) expect(out).not.toContain(secret);
  expect(out).not.toMatch(/"password"\s*:\s*"(?!\[redacted\])/);
});
