// Where the package's own files (openapi/, fixtures/, package.json) live, whether running from src/ or dist/src/.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).name === "code42-emulator") return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`code42-emulator: package.json not found above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const packageVersion: string = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")).version;
export const openapiRoot = join(packageRoot, "openapi", "openapi.yaml");
export const defaultFixturesDir = join(packageRoot, "fixtures");
