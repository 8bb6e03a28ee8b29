// The code42-emulator command as users run it: flags, their environment twins, start-up output, shutdown.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot, packageVersion } from "../../src/paths.js";

// The bundle the bin, `npm start` and the Dockerfile run.
const CLI = join(packageRoot, "dist", "emulator.mjs");

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { ...process.env, ...env }, timeout: 20_000 });
}

/** Starts the CLI and resolves with its URL once it prints the listening line. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no listening line: ${out}`)), 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m && out.includes("\n", out.indexOf(m[0]))) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

const exitOf = (child: ChildProcessWithoutNullStreams) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "c42cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("code42-emulator", () => {
  it("starts with the same node flags and malloc setting however it is started: the bin's shebang, npm start, the Dockerfile", () => {
    const read = (file: string) => readFileSync(join(packageRoot, file), "utf8");
    const [, shebangEnv, shebangFlags] = /^#!\/usr\/bin\/env -S ((?:\w+=\S+ )*)node ((?:--\S+ ?)+)\n/.exec(read("src/launch.ts")) ?? [];
    const [, startEnv, startFlags] = /^((?:\w+=\S+ )*)node ((?:--\S+ )+)dist\/emulator\.mjs$/.exec(JSON.parse(read("package.json")).scripts.start) ?? [];
    const dockerfile = read("Dockerfile");
    const docker = (JSON.parse(/^ENTRYPOINT (.*)$/m.exec(dockerfile)![1]!) as string[]).slice(1, -1);
    const words = (text = "") => text.trim().split(" ").filter(Boolean);
    expect(words(shebangFlags)).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-semi-space-size=/)]));
    expect(words(startFlags)).toEqual(words(shebangFlags));
    expect(docker).toEqual(words(shebangFlags));
    expect(words(shebangEnv)).toEqual([expect.stringMatching(/^MALLOC_MMAP_THRESHOLD_=\d+$/)]);
    expect(words(startEnv)).toEqual(words(shebangEnv));
    expect(dockerfile).toMatch(new RegExp(`^ENV (?:\\w+=\\S+ \\\\\n\\s+)*${words(shebangEnv)[0]} `, "m"));
  });

  it("runs the server from the code cache the build made, under npm start's node flags (and without it otherwise)", () => {
    const flags = /node ((?:--\S+ )+)dist\/emulator\.mjs$/.exec(JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")).scripts.start)![1]!.trim().split(" ");
    const report = { CODE42_EMULATOR_REPORT_CODE_CACHE: "1" };
    const withFlags = spawnSync(process.execPath, [...flags, CLI, "--version"], { encoding: "utf8", env: { ...process.env, ...report }, timeout: 20_000 });
    expect(withFlags.stderr).toBe("code cache: accepted\n");
    expect(withFlags.stdout.trim()).toBe(packageVersion);
    // Other flags: V8 refuses the cache, and the server still runs (compiled as it loads).
    const without = run(["--version"], report);
    expect(without.stderr).toBe("code cache: rejected\n");
    expect(without.stdout.trim()).toBe(packageVersion);
  });

  it("is built as ASCII, the files a start-up reads as a copy of their bytes: the bundles and the spec", () => {
    for (const file of ["dist/index.cjs", "dist/emulator.mjs", "dist/openapi.json"]) {
      const bytes = readFileSync(join(packageRoot, file));
      expect({ file, firstNonAscii: bytes.findIndex((b) => b > 0x7f) }).toEqual({ file, firstNonAscii: -1 });
    }
  });

  it("--version prints the package version", () => {
    const res = run(["--version"]);
    expect(res.status).toBe(0);
    expect(res.stdout.trim()).toBe(packageVersion);
  });

  it("--help lists every flag with its environment twin", () => {
    const res = run(["--help"]);
    expect(res.status).toBe(0);
    for (const [flag, env] of [
      ["--port", "CODE42_EMULATOR_PORT"],
      ["--host", "CODE42_EMULATOR_HOST"],
      ["--db", "CODE42_EMULATOR_DB"],
      ["--fixtures", "CODE42_EMULATOR_FIXTURES"],
      ["--strict", "CODE42_EMULATOR_STRICT"],
      ["--log-level", "CODE42_EMULATOR_LOG_LEVEL"],
      ["--password-cost", "CODE42_EMULATOR_PASSWORD_COST"],
      ["--seed", "CODE42_EMULATOR_SEED"],
    ]) {
      expect(res.stdout).toContain(flag!);
      expect(res.stdout).toContain(env!);
    }
  });

  it("--port 0 serves on a free port, prints the URL and the admin credentials, and stops cleanly on SIGTERM", async () => {
    const { child, url, output } = await start(["--port", "0", "--log-level", "silent"]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output()).toContain("admin: test.user@example.com / password");
    const health = await fetch(`${url}/_emulator/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ready", counts: { tenants: 1, users: 9 } });
    const exited = exitOf(child);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("takes its settings from the environment twins", async () => {
    const db = join(dir, "env.db");
    const { child, url } = await start([], { CODE42_EMULATOR_PORT: "0", CODE42_EMULATOR_LOG_LEVEL: "silent", CODE42_EMULATOR_DB: db, CODE42_EMULATOR_STRICT: "true" });
    const res = await fetch(`${url}/api/v3/LoginConfiguration?username=test.user%40example.com`);
    expect(await res.json()).toEqual({ data: { loginType: "LOCAL" }, error: null, warnings: null });
    const exited = exitOf(child);
    child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("rejects a bad flag value with a message", () => {
    const res = run(["--port", "seventy"]);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/--port.*expected an integer/);
  });

  it("stops with the fixture file's name when a fixture is invalid", () => {
    const bad = join(dir, "broken.yaml");
    writeFileSync(bad, "tenants: [{ name: 1 }]");
    const res = run(["--port", "0", "--fixtures", bad]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/^code42-emulator: .*broken\.yaml/);
  });
});
