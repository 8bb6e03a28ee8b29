// Part of `npm run build`: the files of Swagger UI that /docs/ serves, copied from the swagger-ui-dist package (a
// development dependency) into dist/swagger-ui, with its licence. Installing swagger-ui-dist itself would also
// install its install-time telemetry (@scarf/scarf) on every user's machine; its files are all /docs/ needs.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const from = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const to = "dist/swagger-ui";
const files = ["swagger-ui-bundle.js", "swagger-ui.css", "index.css", "favicon-16x16.png", "favicon-32x32.png", "LICENSE", "NOTICE"];

rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const file of files) cpSync(join(from, file), join(to, file));
