// Two costs of express-openapi-validator that its options cannot turn off, removed by replacing an export of one
// of its modules before it is used. (The fixes belong upstream; this keeps them in one place here.)
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const validatorRoot = dirname(require.resolve("express-openapi-validator/package.json"));
/** A module as the validator itself loads it: a package it depends on, or one of its own files. */
const fromValidator = <T>(id: string) =>
  require(id.startsWith(".") ? join(validatorRoot, id) : require.resolve(id, { paths: [validatorRoot] })) as T & { __patched?: boolean };

type PathToRegexp = (path: string, options?: { sensitive?: boolean; strict?: boolean }) => { regexp: RegExp; keys: unknown[] };

/**
 * Its route lookup compiles a path-to-regexp for each of the spec's routes on every lookup until one matches. The
 * compiled regexps depend only on the route and the options, so they are kept.
 */
function memoizeRouteRegexps(): void {
  const module_ = fromValidator<{ pathToRegexp: PathToRegexp }>("path-to-regexp");
  if (module_.__patched) return;
  const compile = module_.pathToRegexp;
  const cache = new Map<string, ReturnType<PathToRegexp>>();
  module_.pathToRegexp = (path, options = {}) => {
    const key = `${options.sensitive ? 1 : 0}${options.strict ? 1 : 0}${path}`;
    let compiled = cache.get(key);
    if (!compiled) cache.set(key, (compiled = compile(path, options)));
    return compiled;
  };
  module_.__patched = true;
}

interface SpecValidator {
  validate(doc: unknown): { errors: unknown[] };
}
type SpecValidatorClass = new (opts: { version: string; validateApiSpec: boolean }) => SpecValidator;

/**
 * It compiles the OpenAPI meta-schema at start-up even with `validateApiSpec: false`, when nothing will use it:
 * ~100 ms, a third of a start-up. The compiled validator is now made on first use, if any.
 */
function deferSpecMetaValidation(): void {
  const module_ = fromValidator<{ OpenAPISchemaValidator: SpecValidatorClass }>("./dist/framework/openapi.schema.validator.js");
  if (module_.__patched) return;
  const Eager = module_.OpenAPISchemaValidator;
  module_.OpenAPISchemaValidator = class implements SpecValidator {
    private compiled?: SpecValidator;
    constructor(private readonly opts: { version: string; validateApiSpec: boolean }) {}
    validate(doc: unknown) {
      this.compiled ??= new Eager(this.opts);
      return this.compiled.validate(doc);
    }
  };
  module_.__patched = true;
}

export function patchValidator(): void {
  memoizeRouteRegexps();
  deferSpecMetaValidation();
}
