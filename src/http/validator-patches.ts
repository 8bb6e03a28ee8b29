// Four costs of express-openapi-validator that its options cannot turn off, removed by replacing an export (or a
// class's method) of one of its modules before it is used. (The fixes belong upstream; this keeps them in one place
// here.) The modules are imported as the validator itself requires them: the same module objects, unbundled or
// bundled (their default import is the CommonJS `exports` the validator reads at every call).
import pathToRegexpModule from "path-to-regexp";
import specValidatorModule from "express-openapi-validator/dist/framework/openapi.schema.validator.js";
import frameworkModule from "express-openapi-validator/dist/framework/index.js";
import validatorUtilModule from "express-openapi-validator/dist/middlewares/util.js";

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

/** Whether a JSON document holds a `$ref` anywhere (objects it reaches twice are looked at once). */
function hasRef(value: unknown, seen = new Set<object>()): boolean {
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((v) => hasRef(v, seen));
  return "$ref" in value || Object.values(value).some((v) => hasRef(v, seen));
}

type LoadSpec = (spec: unknown, options?: unknown) => Promise<unknown>;

/**
 * It hands the document to json-schema-ref-parser to resolve its $refs even when it has none (ours is dereferenced
 * when it is built): ~20 ms of a start-up crawling it. A document without a $ref is what the parser would return.
 */
function skipRefResolutionWithoutRefs(): void {
  const proto = (frameworkModule as unknown as { OpenAPIFramework: { prototype: Patched<{ loadSpec: LoadSpec }> } }).OpenAPIFramework.prototype;
  if (proto.__patched) return;
  const resolve = proto.loadSpec;
  proto.loadSpec = function (this: unknown, spec, options) {
    return spec !== null && typeof spec === "object" && !hasRef(spec) ? Promise.resolve(spec) : resolve.call(this, spec, options);
  };
  proto.__patched = true;
}

type UseAjvCache = (ajv: unknown, schema: Record<string, unknown>, key: string) => unknown;

/**
 * For each operation it compiles a schema that carries the spec's whole `paths` and `components` beside the
 * operation's own parameters and body, so that their `$ref`s resolve; Ajv walks all of it for ids (~20 ms on the
 * first request of every operation). Where the operation's part has no `$ref`, the two are left out of what is
 * compiled: nothing in it can refer to them, and it validates the same.
 */
function compileOperationSchemasAlone(): void {
  const module_ = validatorUtilModule as unknown as Patched<{ useAjvCache: UseAjvCache }>;
  if (module_.__patched) return;
  const compile = module_.useAjvCache;
  module_.useAjvCache = (ajv, schema, key) => {
    if (!("paths" in schema || "components" in schema)) return compile(ajv, schema, key);
    const { paths: _paths, components: _components, ...own } = schema;
    return compile(ajv, hasRef(own) ? schema : own, key);
  };
  module_.__patched = true;
}

export function patchValidator(): void {
  memoizeRouteRegexps();
  deferSpecMetaValidation();
  skipRefResolutionWithoutRefs();
  compileOperationSchemasAlone();
}
