import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** The ESLint config a file gets, computed by ESLint itself from `root`'s eslint.config.mjs. */
function configFor(root: string, file: string): { rules: Record<string, unknown> } {
  const out = execFileSync(process.execPath, [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--print-config', file], { cwd: root, encoding: 'utf8' });
  return JSON.parse(out) as { rules: Record<string, unknown> };
}

/**
 * The lint rules follow project tags, not a list of service names: a new
 * app tagged `type:app` and `scope:<name>` gets the service-only rules and
 * its own module boundary without anyone editing eslint.config.mjs.
 */
describe('eslint.config.mjs derives its service rules from project tags', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'eslint-tags-'));
    cpSync(join(ROOT, 'eslint.config.mjs'), join(scratch, 'eslint.config.mjs'));
    cpSync(join(ROOT, 'tools/eslint-plugin-shop'), join(scratch, 'tools/eslint-plugin-shop'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
    for (const [dir, tags] of [
      ['apps/shipping', ['scope:shipping', 'type:app']],
      ['libs/contracts', ['scope:shared', 'type:contract']],
    ] as const) {
      mkdirSync(join(scratch, dir, 'src'), { recursive: true });
      writeFileSync(join(scratch, dir, 'project.json'), JSON.stringify({ name: dir.split('/')[1], tags }));
      writeFileSync(join(scratch, dir, 'src/main.ts'), 'export const x = 1;\n');
    }
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('a new type:app gets the outbound-URL rule the five services have', () => {
    expect(configFor(scratch, 'apps/shipping/src/main.ts').rules['shop/no-unvalidated-url']).toEqual([2]);
    expect(configFor(ROOT, 'apps/payment/src/main.ts').rules['shop/no-unvalidated-url']).toEqual([2]);
  });

  it('its scope gets a module boundary: itself and shared code only', () => {
    const [, options] = configFor(scratch, 'apps/shipping/src/main.ts').rules['@nx/enforce-module-boundaries'] as [number, { depConstraints: Array<{ sourceTag: string; onlyDependOnLibsWithTags: string[] }> }];
    expect(options.depConstraints).toContainEqual({ sourceTag: 'scope:shipping', onlyDependOnLibsWithTags: ['scope:shipping', 'scope:shared'] });
  });
});
