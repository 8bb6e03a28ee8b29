// The CLI and package tests run the built command and the packed package exactly as users do, so the suite builds
// them first (`npm run build`, skipped when nothing changed since the last one).
import { execFileSync } from "node:child_process";

export default function globalSetup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-changed"], { stdio: "inherit" });
}
