// The README's recipes, as the tests that run or check them read them: the fenced block after each
// `<!-- recipe: NAME -->` marker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";

export function recipe(name: string): string {
  const readme = readFileSync(join(packageRoot, "README.md"), "utf8");
  const at = readme.indexOf(`<!-- recipe: ${name} -->`);
  const block = at < 0 ? null : /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error(`README.md has no recipe "${name}"`);
  return block[1]!;
}
