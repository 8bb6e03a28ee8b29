// In the server bundle, what `lodash.clonedeep` resolves to (scripts/bundle-server.mjs). Its one user there is the
// OpenAPI validator, which deep-clones our spec (plain JSON data) as it starts, and once more with `--strict`:
// structuredClone makes the same copy (shared objects stay shared) in well under half the time (~11 vs ~27 ms).
module.exports = function cloneDeep(value) {
  return structuredClone(value);
};
