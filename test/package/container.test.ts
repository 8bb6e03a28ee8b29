// The image and the README's container recipes (Compose, GitHub Actions, Testcontainers). Where a Docker daemon
// answers, the image is built and must report healthy on another port; where none does (CI's machine), what each
// recipe relies on is checked against the Dockerfile and against a running emulator: its health command, its wait
// strategy, its log line, its environment variables and its ports.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { packageRoot } from "../../src/paths.js";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.js";
import { recipe } from "../helpers/readme.js";

const dockerfile = readFileSync(join(packageRoot, "Dockerfile"), "utf8");
/** The Dockerfile's stages: the text from each FROM to the next. */
const stages = dockerfile.split(/^(?=FROM )/m).slice(1);
const finalStage = stages.at(-1)!;
const exposed = Number(/^EXPOSE (\d+)$/m.exec(dockerfile)?.[1]);
const cliHelp = execFileSync(process.execPath, [join(packageRoot, "dist", "emulator.mjs"), "--help"], { encoding: "utf8" });

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

/** Runs a health-check command as Docker would, with the container's environment: its exit code. */
async function healthCheck(argv: string[], env: NodeJS.ProcessEnv): Promise<number | null> {
  const child = spawn(argv[0]!, argv.slice(1), { env: { ...process.env, ...env }, stdio: "ignore", timeout: 10_000 });
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}

describe("the Dockerfile", () => {
  it("builds on a supported Node LTS and runs what `npm pack` made, without a compiler, as a non-root user", () => {
    const base = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(dockerfile);
    // Node 20 reached its end of life on 2026-04-30; an LTS line is even-numbered.
    expect(Number(base?.[1])).toBeGreaterThanOrEqual(22);
    expect(Number(base?.[1]) % 2).toBe(0);
    expect(stages.some((s) => /npm pack\b/.test(s))).toBe(true);
    const install = stages.find((s) => /tar -xzf \/pkg\/code42-emulator-\*\.tgz/.test(s));
    expect(install).toBeDefined();
    // The dependency layer comes before the tarball, so a source change leaves it cached.
    expect(install!.indexOf("npm ci --omit=dev")).toBeLessThan(install!.indexOf("COPY --from=build"));
    expect(install!.indexOf("COPY package.json package-lock.json")).toBeLessThan(install!.indexOf("npm ci --omit=dev"));
    expect(finalStage).toMatch(/^FROM \$\{NODE_IMAGE\}$/m);
    expect(finalStage).not.toMatch(/apt-get|g\+\+|make|python3|COPY (src|scripts|migrations)/);
    expect(finalStage).toMatch(/^USER node$/m);
    expect(finalStage).toMatch(/^VOLUME \/data$/m);
    expect(finalStage).toMatch(/chown node:node \/data/);
    expect(finalStage).toMatch(/CODE42_EMULATOR_HOST=0\.0\.0\.0/);
    expect(exposed).toBe(4200);
  });

  it("has a HEALTHCHECK that follows CODE42_EMULATOR_PORT", async () => {
    const argv = JSON.parse(/^\s+CMD (\[.*\])$/m.exec(finalStage.slice(finalStage.indexOf("HEALTHCHECK")))![1]!) as string[];
    expect(await healthCheck(argv, { CODE42_EMULATOR_PORT: String(emu.port) })).toBe(0);
    // Another port, where nothing listens: unhealthy.
    expect(await healthCheck(argv, { CODE42_EMULATOR_PORT: "1" })).toBe(1);
  });

  const docker = spawnSync("docker", ["info"], { stdio: "ignore", timeout: 10_000 }).status === 0;
  (docker ? it : it.skip)("builds, and a container on CODE42_EMULATOR_PORT=4334 reports healthy (needs a Docker daemon)", () => {
    execFileSync("docker", ["build", "-t", "code42-emulator:test", packageRoot], { stdio: "inherit", timeout: 1_200_000 });
    const id = execFileSync("docker", ["run", "-d", "--rm", "-e", "CODE42_EMULATOR_PORT=4334", "code42-emulator:test"], { encoding: "utf8" }).trim();
    try {
      let status = "";
      for (let i = 0; i < 120 && status !== "healthy"; i++) {
        status = execFileSync("docker", ["inspect", "-f", "{{.State.Health.Status}}", id], { encoding: "utf8" }).trim();
        if (status !== "healthy") execFileSync("sleep", ["0.5"]);
      }
      expect(status).toBe("healthy");
    } finally {
      execFileSync("docker", ["stop", id], { stdio: "ignore" });
    }
  }, 1_300_000);
});

describe("the README's container recipes", () => {
  it("docker: builds the tag it runs and publishes the port the image exposes, on loopback", () => {
    const lines = recipe("docker").trim().split("\n");
    const tag = /docker build -t (\S+) \.$/.exec(lines[0]!)?.[1];
    expect(lines[1]).toBe(`docker run --rm -p 127.0.0.1:${exposed}:${exposed} ${tag}`);
  });

  it("Compose: the service's variables are the emulator's, its port the image's, and it waits on the image's health check", () => {
    const compose = parse(recipe("compose.yaml")) as { services: Record<string, { ports?: string[]; environment?: Record<string, string>; volumes?: string[]; depends_on?: Record<string, { condition: string }> }> };
    const { code42, tests } = compose.services;
    for (const name of Object.keys(code42!.environment!)) expect(cliHelp).toContain(`env: ${name}`);
    expect(code42!.environment!.CODE42_EMULATOR_DB).toMatch(/^\/data\//);
    expect(code42!.volumes).toEqual([expect.stringMatching(/:\/data$/)]);
    expect(code42!.ports).toEqual([`127.0.0.1:4200:${exposed}`]);
    expect(tests!.depends_on).toEqual({ code42: { condition: "service_healthy" } });
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it("Compose, several nodes: every node on the PostgreSQL service's database, the balancer on loopback in front of each", () => {
    type Service = { image?: string; environment?: Record<string, string>; ports?: string[]; depends_on?: Record<string, { condition: string }>; configs?: { source: string; target: string }[] };
    const compose = parse(recipe("compose-cluster.yaml"), { merge: true }) as { services: Record<string, Service>; configs: Record<string, { content: string }> };
    const { postgres, code42, ...rest } = compose.services;
    const nodes = Object.entries(rest);
    expect(nodes.map(([name]) => name)).toEqual(["node1", "node2", "node3"]);
    const pgEnv = postgres!.environment!;
    for (const [, node] of nodes) {
      for (const name of Object.keys(node.environment!)) expect(cliHelp).toContain(`env: ${name}`);
      expect(node.environment!.CODE42_EMULATOR_DB).toBe(`postgres://${pgEnv.POSTGRES_USER}:${pgEnv.POSTGRES_PASSWORD}@postgres:5432/${pgEnv.POSTGRES_DB}`);
      expect(node.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    }
    expect(code42!.ports).toEqual(["127.0.0.1:4200:4200"]);
    expect(code42!.depends_on).toEqual(Object.fromEntries(nodes.map(([name]) => [name, { condition: "service_healthy" }])));
    const conf = compose.configs[code42!.configs![0]!.source]!.content;
    expect(/upstream code42 \{([^}]*)\}/.exec(conf)?.[1]?.trim()).toBe(nodes.map(([name]) => `server ${name}:${exposed};`).join(" "));
    expect(conf).toMatch(/listen 4200;/);
  });

  it("GitHub Actions: its health command passes against a running emulator, on the port it publishes", async () => {
    const workflow = parse(recipe("github-actions.yaml")) as { jobs: { test: { services: { code42: { ports: string[]; options: string } } } } };
    const { ports, options } = workflow.jobs.test.services.code42;
    expect(ports).toEqual([`${exposed}:${exposed}`]);
    const command = /--health-cmd "node -e \\"(.*)\\""/.exec(options)?.[1];
    expect(command).toContain(`127.0.0.1:${exposed}/_emulator/health`);
    const against = (port: number) => healthCheck([process.execPath, "-e", command!.replace(`:${exposed}/`, `:${port}/`)], {});
    expect(await against(emu.port)).toBe(0);
    expect(await against(1)).toBe(1);
  });

  it("Testcontainers: the Node wait strategy's path answers 200, and the Python one waits for a line the emulator prints", async () => {
    const node = recipe("testcontainers.ts");
    const [, path, port] = /Wait\.forHttp\("([^"]+)", (\d+)\)\.forStatusCode\(200\)/.exec(node) ?? [];
    expect(Number(port)).toBe(exposed);
    expect(node).toContain(`.withExposedPorts(${exposed})`);
    expect((await emu.http.get(path!)).status).toBe(200);
    const python = recipe("testcontainers.py");
    expect(python).toContain(`.with_exposed_ports(${exposed})`);
    const line = /wait_for_logs\(code42, "([^"]+)"/.exec(python)![1]!;
    const cli = spawn(process.execPath, [join(packageRoot, "dist", "emulator.mjs"), "--port", "0", "--log-level", "silent"]);
    let out = "";
    cli.stdout.on("data", (c: Buffer) => (out += c));
    for (let i = 0; i < 200 && !out.includes(line); i++) await new Promise((r) => setTimeout(r, 50));
    cli.kill("SIGTERM");
    expect(out).toContain(line);
  });
});
