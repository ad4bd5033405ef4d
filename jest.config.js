// Tiers by file suffix: *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts (all run by `npm test`).
// ts-jest only transpiles (tsconfig.json has isolatedModules; `npm run typecheck` checks types).
// Workspace packages resolve through their package.json `exports`, like the build; the
// `@thidua/source` condition (also in tsconfig.json's customConditions) picks their TypeScript source.
export default {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@thidua/source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{apps,libs,projections,test}/**/*.spec.ts'],
  // StrykerJS sandboxes (`npm run mutate`) hold copies of the packages.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.*/dist/', '<rootDir>/.stryker-tmp'],
  // Every answer an e2e suite receives is checked against the published OpenAPI (test/support/contract.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/contract-guard.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker's heap grows by ≈ 12 MB a file (the ESM module registries); after ≈ 100 files a worker held
  // 1.6–1.8 GB, and exiting that took longer than jest's 500 ms grace on a loaded 2-core machine: the
  // "worker process has failed to exit gracefully" warning, with no handle or thread left open. A worker
  // past this much heap after a file is replaced.
  workerIdleMemoryLimit: '700MB',
};
