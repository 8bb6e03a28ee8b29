// Writes src/generated/fixture.ts, the fixture document's types, from fixtures/fixture.schema.json: the schema is the
// one description of the format (loading checks it; editors read it), the types follow it (`npm run gen:types`).
//
// Before compiling, two constructs that constrain values without changing the type are read as the type they mean:
// a `oneOf`/`anyOf` whose branches only say which field is required (json-schema-to-typescript would add an open index
// signature for them), and an `if`/`then`/`else` (which it cannot type) as the union of `then` and `else`. The
// schema's title is for editors; the types are named for the code.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const onlyRequires = (branches) => branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));

function typed(node) {
  if (Array.isArray(node)) return node.map(typed);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === "oneOf" || key === "anyOf") && onlyRequires(value)) continue;
    if (key === "if" || key === "else") continue;
    if (key === "then") {
      out.anyOf = [typed(value), typed(node.else)];
      continue;
    }
    out[key] = typed(value);
  }
  return out;
}

/** Every type named Fixture…, so none meets a name of the package's own in its bundled declarations. */
function named(schema) {
  const pascal = (key) => key.charAt(0).toUpperCase() + key.slice(1);
  const definitions = Object.fromEntries(Object.entries(schema.definitions).map(([key, d]) => [key, { ...d, title: `Fixture${pascal(key)}` }]));
  return { ...schema, title: "FixtureDocument", definitions };
}

export async function fixtureTypes() {
  const schema = named(typed(JSON.parse(readFileSync(join(root, "fixtures", "fixture.schema.json"), "utf8"))));
  const body = await compile(schema, "FixtureDocument", { bannerComment: "", additionalProperties: false, strictIndexSignatures: true });
  return `// Generated from fixtures/fixture.schema.json by scripts/gen-fixture-types.mjs (npm run gen:types): do not edit.\n${body}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(join(root, "src", "generated", "fixture.ts"), await fixtureTypes());
