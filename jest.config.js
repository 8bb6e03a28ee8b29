// Jest runs the TypeScript sources as native ES modules (ts-jest in ESM mode, type-checking left to `npm run typecheck`).
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  // examples/ import the package by name, as a user's suite would.
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1", "^code42-emulator$": "<rootDir>/src/index.ts" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.test.json" }],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts", "<rootDir>/examples/**/*.test.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  // CI shares two cores with other work; the first call to each route also compiles its validators.
  testTimeout: 30_000,
  // Each test file's ES module graph stays in the process that ran it (Jest's vm modules are not collected), about
  // 60 MB a file here; run in band, the whole suite outgrew V8's 4 GB heap. A memory limit makes Jest run the files in
  // workers even on two cores, and replace a worker once a file leaves it above the limit.
  workerIdleMemoryLimit: "1GB",
};
