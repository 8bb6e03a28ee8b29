// Part of `npm run build`: the server as one file, dist/server.cjs, and the command that runs it through V8's code
// cache, dist/emulator.mjs (src/launch.ts), which `npm start`, the bin and the Dockerfile run. Unbundled, Node
// resolves, reads and compiles some 700 module files at every start: a third of a start-up. The server bundle is
// CommonJS because on Node 20 only a script, not an ES module, can be compiled with a code cache.
// The native SQLite binding stays a package; so does Swagger UI, whose files are served from its own directory.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning" };

await build({
  ...common,
  entryPoints: ["dist/src/main.js"],
  outfile: "dist/server.cjs",
  format: "cjs",
  external: ["better-sqlite3", "swagger-ui-dist"],
  // The modules find the package's files from their own URL: in the bundle, the bundle's.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  alias: { "lodash.clonedeep": "./scripts/clone-deep.cjs" },
});

await build({ ...common, entryPoints: ["dist/src/launch.js"], outfile: "dist/emulator.mjs", format: "esm" });
