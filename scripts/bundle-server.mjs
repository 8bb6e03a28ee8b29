// Part of `npm run build`: the server as one file, dist/emulator.mjs, which `npm start`, the bin and the Dockerfile
// run. Unbundled, Node resolves, reads and compiles some 700 module files at every start: a third of a start-up.
// The native SQLite binding stays a package; so does Swagger UI, whose files are served from its own directory.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/src/main.js"],
  outfile: "dist/emulator.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["better-sqlite3", "swagger-ui-dist"],
  // CommonJS packages inside an ES module bundle still call require().
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: "warning",
});
