// The CLI tests run the built command exactly as users do (the bundle), so the suite builds it first.
import { execFileSync } from "node:child_process";

export default function globalSetup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle-spec.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/prebuild-fixture.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle-server.mjs"], { stdio: "inherit" });
}
