// What `npm start` runs, read from package.json: the environment it sets (KEY=value words before `node`), node's
// flags and the file. The bench and the code cache start the server the same way without going through npm.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `root`: the package's directory. */
export function startCommand(root = ".") {
  const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.start;
  const [, assignments, flags, file] = /^((?:[A-Z_][A-Z0-9_]*=\S+\s+)*)node((?:\s+--\S+)*)\s+(\S+)$/.exec(script) ?? [];
  if (!file) throw new Error(`cannot read the environment, node's flags and the file from the start script "${script}"`);
  const words = (text) => text.trim().split(/\s+/).filter(Boolean);
  const env = Object.fromEntries(words(assignments).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
  return { env, flags: words(flags), file };
}
