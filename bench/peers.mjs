// Other mock servers measured next to the emulator with `--peers`. Only Prism (@stoplight/prism-cli) for now: it is
// not a dependency and stays optional, so it is looked for, never installed.
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";

const PACKAGE = "@stoplight/prism-cli";

/** The CLI of an installed @stoplight/prism-cli, resolved from `dir` as Node would resolve an import there. */
function fromPackage(dir) {
  try {
    const manifest = createRequire(join(dir, "noop.js")).resolve(`${PACKAGE}/package.json`);
    const { bin, version } = JSON.parse(readFileSync(manifest, "utf8"));
    return { cli: join(dirname(manifest), typeof bin === "string" ? bin : bin.prism), version };
  } catch {
    return null;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not there
    }
  }
  return null;
}

/** The version in the package.json above a CLI file, if it is the Prism package's. */
function versionAbove(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    return pkg.name === PACKAGE ? pkg.version : "unknown";
  }
  return "unknown";
}

function firstLine(file) {
  const fd = openSync(file, "r");
  const buf = Buffer.alloc(200);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString("latin1").split("\n")[0];
}

/**
 * Finds Prism: `explicit` (the `--prism` option: the `prism` command, its JS entry point, or a directory it is
 * installed under), else the package resolved from the project, else `prism` on PATH. Returns the argv prefix that
 * runs it in one process (a JS entry point runs under this Node, so the pid is Prism's), or null.
 */
export function findPrism(root, explicit) {
  let found = null;
  if (explicit !== undefined) {
    if (!existsSync(explicit)) return null;
    found = statSync(explicit).isDirectory() ? fromPackage(explicit) : { cli: explicit };
  } else {
    found = fromPackage(root) ?? (onPath("prism") ? { cli: onPath("prism") } : null);
  }
  if (!found) return null;
  const cli = realpathSync(found.cli);
  const head = firstLine(cli);
  const isNodeScript = /\.[cm]?js$/.test(cli) || (head.startsWith("#!") && head.includes("node"));
  return { argv: isNodeScript ? [process.execPath, cli] : [cli], cli, version: found.version ?? versionAbove(cli) };
}

/** `prism mock` on a spec, as quiet as the emulator runs (`--log-level silent`). */
export const prismMockArgv = (prism, spec, port) => [...prism.argv, "mock", "--host", "127.0.0.1", "--port", String(port), "--verboseLevel", "silent", spec];
