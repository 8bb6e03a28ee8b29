// Jest runs the TypeScript sources as native ES modules (ts-jest in ESM mode, type-checking left to `npm run typecheck`).
export default {
  testEnvironment: "node",
  extensionsToTreatAsEsm: [".ts"],
  moduleNameMapper: { "^(\\.{1,2}/.*)\\.js$": "$1" },
  transform: {
    "^.+\\.ts$": ["ts-jest", { useESM: true, tsconfig: "tsconfig.test.json" }],
  },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  globalSetup: "<rootDir>/test/global-setup.ts",
  // CI shares two cores with other work; the first call to each route also compiles its validators.
  testTimeout: 30_000,
};
