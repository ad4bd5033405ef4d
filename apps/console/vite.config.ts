import { defaultClientConditions, defineConfig } from 'vite';

/**
 * The console is served by the API at /console (apps/api/src/console/console-routes.ts), from dist/.
 * `@thidua/api-client` is read from its TypeScript source (the `@thidua/source` condition of its exports),
 * so the console builds without the client's own build. No CDN, no inline script or style: the API's
 * Content-Security-Policy allows only files from the console itself.
 */
export default defineConfig({
  base: '/console/',
  resolve: { conditions: ['@thidua/source', ...defaultClientConditions] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The polyfill would be an inline script, which the Content-Security-Policy refuses.
    modulePreload: { polyfill: false },
    // Below this size an asset would be inlined as a data: URL; keep every asset a file.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
});
