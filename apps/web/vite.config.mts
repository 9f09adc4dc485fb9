import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The gateway serves dist/web from the API's own origin under a strict CSP, so
 * the build must emit only files: no inline script or style, no eval. Vite's
 * production output already is (module script + stylesheet links); the
 * modulepreload polyfill is dropped because it only matters to old browsers.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/web'),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
  },
});
