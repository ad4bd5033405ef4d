/**
 * The package map of docs/ARCHITECTURE.md §1, enforced (run by `npm test` as `npm run depcheck`).
 * Packages: libs/domain, libs/event-store, libs/read-store, libs/testkit, libs/api-client, projections; everything else
 * (apps/, test/, bench/) is the root package. Imports resolve like node and jest do: through each
 * package's `exports`, under the `@thidua/source` condition, so a package's files are what it exports.
 */
const PACKAGE = '^(libs/[^/]+|projections)/';
const ENTRY = '^(libs/[^/]+|projections)/src/(index|testing/index)\\.ts$';
const TEST_CODE = '(\\.spec\\.ts$|/src/testing/|^libs/testkit/|^test/|^bench/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'libs/domain production code imports nothing outside itself: no Nest, no drivers, no Node, no other package.',
      from: { path: '^libs/domain/src/', pathNot: TEST_CODE },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'packages-by-name-only',
      severity: 'error',
      comment:
        'Another package is imported by its name (@thidua/…), which resolves to its entry point; never by a relative path.',
      from: { path: PACKAGE },
      to: { path: PACKAGE, pathNot: '^$1/', dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'root-imports-packages-by-name',
      severity: 'error',
      comment: 'apps/, test/ and bench/ import a package by its name, never by a relative path into it.',
      from: { pathNot: PACKAGE },
      to: { path: PACKAGE, dependencyTypes: ['local'], dependencyTypesNot: ['aliased'] },
    },
    {
      name: 'only-entry-points',
      severity: 'error',
      comment:
        "A package's internal files are reachable from elsewhere only through its entry points (package.json exports).",
      from: { path: '^((libs/[^/]+|projections)/|apps/|test/|bench/)' },
      to: { path: PACKAGE, pathNot: [ENTRY, '^$2/'] },
    },
    {
      name: 'production-does-not-import-test-code',
      severity: 'error',
      comment: 'Test support (src/testing, @thidua/testkit, test/) and specs are for tests only.',
      from: { pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'packages-do-not-import-apps',
      severity: 'error',
      comment: 'The layers point one way: domain → stores → projections → apps. Test support included.',
      from: { path: PACKAGE },
      to: { path: '^(apps|test|bench)/' },
    },
    {
      name: 'stores-do-not-import-nest',
      severity: 'error',
      from: { path: '^(libs/(event-store|read-store)|projections)/' },
      to: { path: 'node_modules/@nestjs' },
    },
    {
      name: 'api-client-stands-alone',
      severity: 'error',
      comment:
        'libs/api-client is generated from the published spec for browsers and dashboards: no other package, no Node API.',
      from: { path: '^libs/api-client/' },
      to: { path: ['^(libs|projections|apps)/'], pathNot: '^libs/api-client/' },
    },
    {
      name: 'api-client-runs-in-browsers',
      severity: 'error',
      from: { path: '^libs/api-client/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-does-not-import-its-client',
      severity: 'error',
      comment: 'The API makes the spec the client is generated from; it never imports the client.',
      from: { path: '^apps/(api|projector|cli)/' },
      to: { path: '^libs/api-client/' },
    },
    {
      name: 'console-reads-only-the-client',
      severity: 'error',
      comment:
        'apps/console runs in browsers and talks to the API only through @thidua/api-client: no other package, no app code.',
      from: { path: '^apps/console/' },
      to: { path: ['^(libs|projections|apps)/'], pathNot: ['^libs/api-client/', '^apps/console/'] },
    },
    {
      name: 'console-runs-in-browsers',
      severity: 'error',
      from: { path: '^apps/console/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nothing-imports-the-console',
      severity: 'error',
      comment: 'The API serves the files of its build (apps/console/dist); no code imports the console.',
      from: { pathNot: '^apps/console/' },
      to: { path: '^apps/console/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/|^bench/(peer|results)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@thidua/source', 'import', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
  },
};
