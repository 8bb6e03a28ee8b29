// Part of `npm run build`: writes the default fixture parsed and with its secrets hashed to dist/default-fixture.json,
// so that start-up needs neither the YAML parser nor scrypt for it.
import { join } from "node:path";
import { defaultConfig } from "../dist/src/config.js";
import { secretsOf } from "../dist/src/fixtures/apply.js";
import { writePrebuiltFixture } from "../dist/src/fixtures/prebuilt.js";
import { parseFixture } from "../dist/src/fixtures/read.js";
import { defaultFixturesDir } from "../dist/src/paths.js";
import { readFileSync } from "node:fs";

const source = join(defaultFixturesDir, "default.yaml");
// Checked against the schema here, once, rather than at every start.
const doc = parseFixture(readFileSync(source, "utf8"), source);
await writePrebuiltFixture(doc, secretsOf(doc), defaultConfig.passwordCost);
