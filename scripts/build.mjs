// `npm run build`: every step that turns the sources into dist/, in order. With --if-changed (what `npm start` and
// the test suite run) it does nothing when no input changed since the last complete build: the inputs' paths, sizes
// and modification times, and the node that built (the code cache is node's own), make a fingerprint kept in
// dist/.build-fingerprint, written only once every step has succeeded.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const inputs = ["src", "migrations", "openapi", "fixtures", "scripts", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.console.json"];
const steps = [
  ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"],
  ["scripts/bundle-spec.mjs"],
  ["scripts/prebuild-fixture.mjs"],
  ["scripts/bundle.mjs"],
  ["scripts/copy-swagger-ui.mjs"],
  ["scripts/bundle-console.mjs"],
  ["scripts/code-cache.mjs"],
];
const fingerprintFile = "dist/.build-fingerprint";

function* files(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) yield `${path}\t${stat.size}\t${stat.mtimeMs}`;
  else for (const entry of readdirSync(path).sort()) yield* files(join(path, entry));
}

function fingerprint() {
  const hash = createHash("sha256").update(`${process.execPath}\t${process.version}\n`);
  for (const input of inputs) for (const line of files(input)) hash.update(`${line}\n`);
  return hash.digest("hex");
}

const ifChanged = process.argv.includes("--if-changed");
const before = fingerprint();
if (ifChanged && existsSync(fingerprintFile) && readFileSync(fingerprintFile, "utf8") === before) process.exit(0);

for (const [script, ...args] of steps) execFileSync(process.execPath, [script, ...args], { stdio: "inherit" });
writeFileSync(fingerprintFile, before);
