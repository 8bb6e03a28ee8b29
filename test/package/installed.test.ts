// What users install: `npm pack`, the tarball installed into an empty project outside this repository, then used
// the three ways users use it (the bin, `import`, `require`) and compiled against by strict TypeScript, as ES module
// and CommonJS, and run by Jest's default ts-jest (CommonJS) setup. The Dockerfile installs the same tarball.
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { recipe } from "../helpers/readme.js";

const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], { cwd, encoding: "utf8", env: { ...process.env, ...env }, timeout: 300_000 });
// A user's shell, not this suite's: without the NODE_OPTIONS that `npm test` gives Jest.
const { NODE_OPTIONS: _, ...userEnv } = process.env;
const node = (args: string[], cwd: string) => execFileSync(process.execPath, args, { cwd, encoding: "utf8", env: userEnv, timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] });
const repoBin = (pkg: string, file: string) => join(packageRoot, "node_modules", pkg, file);

/**
 * better-sqlite3's install script downloads a prebuilt addon and, offline as CI is, compiles one (a minute). The
 * addon this repository already built is the same version for the same node: offered where its installer looks for
 * a local prebuild, the tarball's install runs its own scripts as a user's does, without the compile.
 */
function localPrebuild(dir: string): NodeJS.ProcessEnv {
  const { version } = JSON.parse(readFileSync(repoBin("better-sqlite3", "package.json"), "utf8"));
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync("tar", ["-czf", join(dir, name), "-C", join(packageRoot, "node_modules", "better-sqlite3"), "build/Release/better_sqlite3.node"]);
  return { npm_config_better_sqlite3_local_prebuilds: dir };
}

const CONSUMER_TS = `import { startEmulator, type Emulator, type FixtureDocument } from "code42-emulator";

export async function check(): Promise<string> {
  const emu: Emulator = await startEmulator({ passwordCost: 4 });
  const extra: FixtureDocument = { tenants: [{ name: "Typed", tenantUid: "7d9c7a5e-1b2c-4d3e-8f90-a1b2c3d4e5f6", orgs: [{ orgName: "Typed" }] }] };
  await emu.control.loadFixture(extra);
  await emu.control.clock.advance("31m");
  await emu.close();
  return emu.url;
}
`;

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "c42pkg-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it("the packed package installs into an empty project and starts as its bin, its import, its require and its types promise", async () => {
  // The package, as `npm publish` would upload it (the suite's global setup has just built it).
  const [{ filename, files }] = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", work], packageRoot)) as [{ filename: string; files: { path: string }[] }];
  const shipped = files.map((f) => f.path);
  expect(shipped).toEqual(expect.arrayContaining(["LICENSE", "README.md", "CHANGELOG.md", "dist/emulator.mjs", "dist/index.cjs", "dist/index.d.ts", "fixtures/fixture.schema.json"]));
  expect(shipped.filter((p) => /^(src|test|migrations|scripts|dist\/src)\//.test(p) || p.includes("swagger-ui-dist"))).toEqual([]);

  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
  const prebuilds = join(work, "prebuilds");
  mkdirSync(prebuilds);
  npm(["install", "--prefer-offline", join(work, filename)], project, localPrebuild(prebuilds));
  // No third-party install-time telemetry comes with it.
  expect(existsSync(join(project, "node_modules", "@scarf"))).toBe(false);

  // The package installs only what its bundle loads at run time (the rest is inside it).
  expect(Object.keys(JSON.parse(readFileSync(join(project, "node_modules", "code42-emulator", "package.json"), "utf8")).dependencies).sort()).toEqual(["better-sqlite3", "pino-http", "yaml"]);

  // The bin: start, sign in, read the tenant, stop with SIGTERM; at debug, so the request logger (a dependency
  // loaded on first use) is loaded too.
  const ready = join(work, "ready.json");
  const bin = spawn(join(project, "node_modules", ".bin", "code42-emulator"), ["--port", "0", "--ready-file", ready, "--log-level", "debug"], { cwd: project, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  bin.stdout.on("data", (c: Buffer) => (output += c));
  bin.stderr.on("data", (c: Buffer) => (output += c));
  const exited = once(bin, "exit");
  for (let i = 0; !existsSync(ready) && i < 300; i++) await new Promise((r) => setTimeout(r, 50));
  expect({ ready: existsSync(ready), output }).toMatchObject({ ready: true });
  const { url } = JSON.parse(readFileSync(ready, "utf8")) as { url: string };
  // Its shebang's node flags and malloc setting reach the server (`env -S` execs node in the same process).
  if (process.platform === "linux") {
    expect(readFileSync(`/proc/${bin.pid}/environ`, "utf8").split("\0")).toContain("MALLOC_MMAP_THRESHOLD_=1048576");
    expect(readFileSync(`/proc/${bin.pid}/cmdline`, "utf8").split("\0")).toContain("--max-semi-space-size=1");
  }
  const basic = `Basic ${Buffer.from("test.user@example.com:password").toString("base64")}`;
  const signIn = await fetch(`${url}/c42api/v3/auth/jwt?useBody=true`, { headers: { authorization: basic } });
  const { v3_user_token: token } = (await signIn.json()) as { v3_user_token: string };
  const customer = await fetch(`${url}/c42api/v3/customer/my`, { headers: { authorization: `v3_user_token ${token}` } });
  expect(((await customer.json()) as { data: { tenantUid: string } }).data.tenantUid).toBe("4f6c1a2e-8b3d-4e5f-9a7b-0c1d2e3f4a5b");
  expect((await fetch(`${url}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  // The console ships built: its page and its script, no sources.
  expect(await (await fetch(`${url}/console/`)).text()).toContain('src="./console.js"');
  expect((await fetch(`${url}/console/console.js`)).headers.get("content-type")).toMatch(/javascript/);
  bin.kill("SIGTERM");
  expect(await exited).toEqual([0, null]);
  expect(output).toContain('"msg":"GET /c42api/v3/customer/my 200');

  // In-process, as an ES module and as CommonJS: one start, one sign-in, a fixture and the clock in the control
  // plane's own terms.
  const script = (load: string) => `${load}
startEmulator({ passwordCost: 4 }).then(async (emu) => {
  const ids = await emu.control.loadFixture("tenants:\\n  - name: Loaded\\n    tenantUid: 6e1f7a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b\\n    orgs: [{ orgName: Loaded }]\\n");
  await emu.control.clock.advance("31m");
  const res = await fetch(emu.url + "/_emulator/health");
  console.log(JSON.stringify({ ids, tenants: (await res.json()).counts.tenants, advanced: emu.control.clock.now() - Date.now() > 30 * 60_000 }));
  await emu.close();
});`;
  const expected = { ids: ["6e1f7a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"], tenants: 2, advanced: true };
  expect(JSON.parse(node(["--input-type=module", "-e", script('import { startEmulator } from "code42-emulator";')], project))).toEqual(expected);
  expect(JSON.parse(node(["-e", script('const { startEmulator } = require("code42-emulator");')], project))).toEqual(expected);

  // Strict TypeScript with the library check on, as an ES module and as CommonJS (node16 resolution picks the
  // .d.ts or .d.cts), and with the older node10 resolution that reads "types".
  writeFileSync(join(project, "esm.mts"), CONSUMER_TS);
  writeFileSync(join(project, "cjs.cts"), CONSUMER_TS);
  writeFileSync(join(project, "classic.ts"), CONSUMER_TS);
  const tsc = (options: object, file: string) =>
    node([repoBin("typescript", "bin/tsc"), "--strict", "--noEmit", "--skipLibCheck", "false", "--lib", "es2022", ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)]), file], project);
  expect(tsc({ module: "nodenext", moduleResolution: "nodenext" }, "esm.mts")).toBe("");
  expect(tsc({ module: "nodenext", moduleResolution: "nodenext" }, "cjs.cts")).toBe("");
  expect(tsc({ module: "commonjs", moduleResolution: "node10", esModuleInterop: true }, "classic.ts")).toBe("");

  // The README's Jest recipe, under ts-jest's default (CommonJS) transform, type-checking included.
  writeFileSync(join(project, "code42.test.ts"), recipe("jest"));
  writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, esModuleInterop: true, typeRoots: [join(packageRoot, "node_modules", "@types")], types: ["jest", "node"] } }));
  const jestConfig = { rootDir: project, testEnvironment: "node", transform: { "^.+\\.ts$": repoBin("ts-jest", "") } };
  const jest = JSON.parse(node([repoBin("jest", "bin/jest.js"), "--config", JSON.stringify(jestConfig), "--json", "--ci"], project)) as { numPassedTests: number; numFailedTests: number };
  expect([jest.numPassedTests, jest.numFailedTests]).toEqual([3, 0]);

  // The README's shell recipe, as printed: it starts the emulator with npx, steers it and stops it.
  const shell = execFileSync("bash", ["-e", "-c", recipe("shell")], { cwd: project, encoding: "utf8", env: userEnv, timeout: 60_000 });
  expect(JSON.parse(shell.slice(shell.lastIndexOf('{"tenantUid"')))).toMatchObject({ usernames: { "test.user@example.com": "test.user+gw1@example.com" } });
  expect(await stopped(project)).toEqual([]);

  // The README's pytest recipe (conftest.py and a test), where pytest is (CI's machine has it).
  if (hasPytest() || process.env.CI) {
    writeFileSync(join(project, "conftest.py"), recipe("conftest.py"));
    writeFileSync(join(project, "test_tenant.py"), recipe("test_tenant.py"));
    const pytest = execFileSync("python3", ["-m", "pytest", "-q", "-p", "no:cacheprovider", "test_tenant.py"], { cwd: project, encoding: "utf8", env: userEnv, timeout: 120_000 });
    expect(pytest).toMatch(/\b1 passed\b/);
    expect(await stopped(project)).toEqual([]);
  }
}, 300_000);

const hasPytest = () => {
  try {
    execFileSync("python3", ["-c", "import pytest"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};

/** Emulator processes of this project still running a few seconds after a recipe stopped it (none, it must be). */
async function stopped(project: string): Promise<string[]> {
  const running = () =>
    execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes(join(project, "node_modules")) && /code42-emulator|emulator\.mjs/.test(line));
  for (let i = 0; i < 50 && running().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return running();
}
