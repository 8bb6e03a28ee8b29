// The entry of the package's one bundle, dist/index.cjs: the library (src/index.ts) for `require` and `import`, and
// the command, which src/launch.ts (the bin) starts with main(). The command's module runs only then: importing the
// library must not parse the importer's argv.
export * from "./index.js";

export async function main(): Promise<void> {
  await import("./main.js");
}
