// Part of `npm run build`: the emulator console (src/console, Preact and TSX) as one script for the browser, with its
// page and style sheet, in dist/console. Built here rather than in the browser: no CDN, no network at run time, and
// users' installs carry only these three files (preact is a development dependency).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

const to = "dist/console";
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
await build({
  entryPoints: ["src/console/main.tsx"],
  outfile: `${to}/console.js`,
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  jsx: "automatic",
  jsxImportSource: "preact",
  tsconfig: "tsconfig.console.json",
  legalComments: "external",
  logLevel: "warning",
});
for (const file of ["index.html", "console.css"]) copyFileSync(`src/console/${file}`, `${to}/${file}`);
