// Tiers by file suffix: *.unit.spec.ts, *.int.spec.ts, *.e2e.spec.ts (all run by `npm test`).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true }] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/{apps,libs,projections,test}/**/*.spec.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
