// Part of `npm run build`: the package as users install it.
// - dist/index.cjs, one CommonJS bundle of the library and the command (src/bundle.ts). Unbundled, Node resolves,
//   reads and compiles some 700 module files at every start, a third of a start-up; and only a script, not an ES
//   module, can be compiled with V8's code cache (src/launch.ts). CommonJS consumers `require` it as it is.
// - dist/index.mjs, the same bundle for `import` (one copy of the emulator, whichever way it is loaded).
// - dist/emulator.mjs (src/launch.ts), the bin that `npm start` and the Dockerfile run.
// - dist/index.d.ts and dist/index.d.cts, the public types as one file each, for ES module and CommonJS consumers.
// The native SQLite binding stays a package.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { escapeNonAscii } from "./ascii.mjs";

// ASCII only, as the launcher reads it fastest and keeps it in one byte a character (src/read-text.ts): esbuild
// escapes the non-ASCII characters of the code, and those of comments (ours and the dependencies') are escaped after.
const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning", charset: "ascii" };
const escapeComments = (file) => writeFileSync(file, escapeNonAscii(readFileSync(file, "utf8")));

await build({
  ...common,
  entryPoints: ["dist/src/bundle.js"],
  outfile: "dist/index.cjs",
  format: "cjs",
  external: ["better-sqlite3"],
  // The modules find the package's files from their own URL: in the bundle, the bundle's.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  alias: { "lodash.clonedeep": "./scripts/clone-deep.cjs" },
});
escapeComments("dist/index.cjs");

const names = Object.keys(createRequire(import.meta.url)("../dist/index.cjs")).filter((name) => name !== "main");
writeFileSync("dist/index.mjs", `import library from "./index.cjs";\nexport const { ${names.join(", ")} } = library;\n`);

await build({ ...common, entryPoints: ["dist/src/launch.js"], outfile: "dist/emulator.mjs", format: "esm" });
escapeComments("dist/emulator.mjs");

execFileSync(process.execPath, ["node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js", "--silent", "--no-banner", "-o", "dist/index.d.ts", "dist/src/index.d.ts"], { stdio: "inherit" });
copyFileSync("dist/index.d.ts", "dist/index.d.cts");
