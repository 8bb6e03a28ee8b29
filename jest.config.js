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
};
