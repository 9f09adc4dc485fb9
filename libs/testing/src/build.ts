import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../..');
export const DIST_DIR = join(REPO_ROOT, 'dist');

/**
 * The platform tests start the services exactly as `npm start` does: from
 * the compiled output. SWC compiles the whole repo in about a second.
 */
export function buildPlatform(outDir = DIST_DIR): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/@swc/cli/bin/swc.js'), 'apps', 'libs', '-d', outDir, '--copy-files', '--ignore', '**/*.spec.ts', '--ignore', 'apps/web/**', '--quiet'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  if (!existsSync(join(outDir, 'apps/gateway/src/main.js'))) throw new Error('build produced no gateway');
}

/** The storefront (apps/web) into dist/web, which the gateway serves; Vite takes a few seconds. */
export function buildWeb(): void {
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'apps/web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (!existsSync(join(DIST_DIR, 'web/index.html'))) throw new Error('build produced no storefront');
}
