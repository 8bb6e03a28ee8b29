// Part of `npm run build`: writes the resolved spec to dist/openapi.json so that start-up need not resolve the YAML.
import { writeFileSync } from "node:fs";
import { dereferenceSpec, prebuiltSpec } from "../dist/src/http/openapi.js";
import { escapeNonAscii } from "./ascii.mjs";

writeFileSync(prebuiltSpec, escapeNonAscii(JSON.stringify(await dereferenceSpec())));
