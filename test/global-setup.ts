// The CLI tests run the built command exactly as users do (the bundle and its code cache), so the suite builds it
// first: the steps of `npm run build`.
import { execFileSync } from "node:child_process";

export default function globalSetup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle-spec.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/prebuild-fixture.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/prebuild-schema.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle-server.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/code-cache.mjs"], { stdio: "inherit" });
}
