/** Keeps the domain pure and the layers pointing one way (DESIGN.md §2). */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'libs/domain may import only itself and Node-free TypeScript: no Nest, no drivers, no other libs.',
      from: { path: '^libs/domain' },
      to: { pathNot: '^libs/domain' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^(libs|projections)/' },
      to: { path: '^apps/' },
    },
    {
      name: 'stores-do-not-import-nest',
      severity: 'error',
      from: { path: '^libs/(event-store|read-store)' },
      to: { path: 'node_modules/@nestjs' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(\\.spec\\.ts$|test-support)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
