// Two costs of express-openapi-validator that its options cannot turn off, removed by replacing an export of one
// of its modules before it is used. (The fixes belong upstream; this keeps them in one place here.) The modules are
// imported as the validator itself requires them: the same module objects, unbundled or bundled (their default
// import is the CommonJS `exports` the validator reads at every call).
import pathToRegexpModule from "path-to-regexp";
import specValidatorModule from "express-openapi-validator/dist/framework/openapi.schema.validator.js";

type Patched<T> = T & { __patched?: boolean };

type PathToRegexp = (path: string, options?: { sensitive?: boolean; strict?: boolean }) => { regexp: RegExp; keys: unknown[] };

/**
 * Its route lookup compiles a path-to-regexp for each of the spec's routes on every lookup until one matches. The
 * compiled regexps depend only on the route and the options, so they are kept.
 */
function memoizeRouteRegexps(): void {
  const module_ = pathToRegexpModule as unknown as Patched<{ pathToRegexp: PathToRegexp }>;
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
  const module_ = specValidatorModule as unknown as Patched<{ OpenAPISchemaValidator: SpecValidatorClass }>;
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
