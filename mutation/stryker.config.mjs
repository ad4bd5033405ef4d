// StrykerJS over the pure domain and the integrity code of the event store, with their unit specs
// (`npm run mutate`; mutation/REPORT.md says what survives and why). Not part of `npm test`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  // Our own runner (mutation/runner/): loads the specs once, runs each mutant's tests in-process.
  plugins: ['./mutation/runner/stryker-plugin.js', './mutation/runner/message-ignorer.js'],
  testRunner: 'thidua-unit',
  ignorers: ['refusal-messages'],
  testRunnerNodeArgs: ['--disable-warning=ExperimentalWarning'],
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  mutate: [
    'libs/domain/src/**/*.ts',
    '!libs/domain/src/**/*.spec.ts',
    '!libs/domain/src/testing/**',
    // Types, event shapes and re-exports: nothing to mutate that a decider or the evaluator runs.
    '!libs/domain/src/index.ts',
    '!libs/domain/src/events/*.events.ts',
    '!libs/domain/src/**/*.commands.ts',
    'libs/event-store/src/integrity/hash-chain.ts',
    'libs/event-store/src/integrity/verify-log.ts',
    'libs/event-store/src/integrity/digest.ts',
    'libs/event-store/src/integrity/merkle.ts',
  ],
  ignorePatterns: [
    '/.stryker-tmp*',
    'dist',
    'data',
    'data-demo',
    'coverage',
    '.tmp',
    'mutation/reports',
    'apps/console/dist',
  ],
  concurrency: 2,
  // Runaway loops are stopped by StrykerJS's hit limit; this only has to outlast a busy machine (a
  // timed-out mutant counts as detected, and costs a new runner process).
  timeoutMS: 30000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'mutation/reports/mutation.html' },
  jsonReporter: { fileName: 'mutation/reports/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
