// express-openapi-validator compiles a path-to-regexp for each of the spec's ~150 routes on every request until one
// matches (~16% of a simple read's CPU). The compiled regexps depend only on the route and the options, so they are
// kept: the validator's lookup then only runs them. (The fix belongs upstream; this keeps it to one place here.)
import { createRequire } from "node:module";

type PathToRegexp = (path: string, options?: object) => { regexp: RegExp; keys: unknown[] };

const require = createRequire(import.meta.url);
const validatorDir = require.resolve("express-openapi-validator");
const module_ = require(require.resolve("path-to-regexp", { paths: [validatorDir] })) as { pathToRegexp: PathToRegexp; __memoized?: boolean };

export function memoizeRouteRegexps(): void {
  if (module_.__memoized) return;
  const compile = module_.pathToRegexp;
  const cache = new Map<string, ReturnType<PathToRegexp>>();
  module_.pathToRegexp = (path, options = {}) => {
    const key = `${path}\u0000${JSON.stringify(options)}`;
    let compiled = cache.get(key);
    if (!compiled) cache.set(key, (compiled = compile(path, options)));
    return compiled;
  };
  module_.__memoized = true;
}
